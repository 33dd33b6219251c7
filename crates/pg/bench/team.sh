#!/usr/bin/env bash
# Team mode's benchmark: SaudiNewsNet through the embedded store and through PostgreSQL with
# one and two worker processes, on this machine. Prints documents/s, the time from queuing to
# the last document searchable, and peak RSS of the workers and of PostgreSQL (all its
# processes, sampled every 0.2 s).
#
#   [TEAM_ONLY=1] crates/pg/bench/team.sh DB_URL [ARTICLES]      (e.g. postgres://postgres@127.0.0.1:55431/isnad_bench)
#
# DB_URL names a database this script may fill (it drops and recreates schema isnad_bench).
# Needs target/release/isnad, python3, /usr/bin/time and ../shared/data/saudinewsnet.
set -euo pipefail
cd "$(dirname "$0")/../../.."
URL="$1"
N="${2:-31030}"
ISNAD="$PWD/target/release/isnad"
WORK="${TMPDIR:-/tmp}/isnad-team-bench"
rm -rf "$WORK" && mkdir -p "$WORK"

# The articles as JSON lines, zips in name order (as the embedded benchmark reads them).
python3 - "$N" "$WORK/news.jsonl" <<'EOF'
import json, sys, zipfile, glob
limit, out = int(sys.argv[1]), open(sys.argv[2], "w")
n = 0
for path in sorted(glob.glob("../shared/data/saudinewsnet/dataset/*.zip")):
    z = zipfile.ZipFile(path)
    for name in sorted(z.namelist()):
        for a in json.loads(z.read(name)):
            if n >= limit:
                break
            if not a["content"].strip():
                continue  # isnad skips (and reports) documents without text
            out.write(json.dumps({"id": f"snn-{n:05}", "text": a["content"], "title": a["title"],
                "url": a["url"], "published": a["date_extracted"][:10], "outlet": a["source"]},
                ensure_ascii=False) + "\n")
            n += 1
print(n, file=open(sys.argv[2] + ".count", "w"))
EOF
N=$(cat "$WORK/news.jsonl.count")
echo "$N articles"

# Peak summed RSS (KB) of the PostgreSQL server's processes while a command runs.
pg_peak() {
  local peak=0 sum
  while [ -e "$WORK/running" ]; do
    sum=$(ps -C postgres -o rss= | awk '{s+=$1} END {print s+0}')
    [ "$sum" -gt "$peak" ] && peak=$sum
    sleep 0.2
  done
  echo "$peak" > "$WORK/pg_peak"
}

PSQL="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql"
SCHEMA_URL="$URL?options=-c%20search_path%3Disnad_bench"
team() {
  local workers=$1
  "$PSQL" "$URL" -qc "SET client_min_messages = warning; DROP SCHEMA IF EXISTS isnad_bench CASCADE; CREATE SCHEMA isnad_bench" >/dev/null
  "$ISNAD" db migrate --db "$SCHEMA_URL" >/dev/null
  touch "$WORK/running"; pg_peak & local sampler=$!
  local start; start=$(date +%s.%N)
  "$ISNAD" ingest --db "$SCHEMA_URL" "$WORK/news.jsonl" > "$WORK/enqueue.txt"
  local queued; queued=$(date +%s.%N)
  local pids=()
  for i in $(seq 1 "$workers"); do
    /usr/bin/time -f "%M %U %S" -o "$WORK/worker$i.rss" "$ISNAD" worker --db "$SCHEMA_URL" --exit-when-empty 2>"$WORK/worker$i.log" &
    pids+=($!)
  done
  wait "${pids[@]}"
  local end; end=$(date +%s.%N)
  rm "$WORK/running"; wait "$sampler"
  local docs; docs=$("$ISNAD" stats --db "$SCHEMA_URL" --format json | python3 -c "import json,sys; print(json.load(sys.stdin)['documents'])")
  local rss="" cpu=0
  for i in $(seq 1 "$workers"); do
    read -r kb user sys < "$WORK/worker$i.rss"
    rss="$rss $(( kb / 1024 ))"
    cpu=$(python3 -c "print($cpu + $user + $sys)")
  done
  python3 -c "
s,q,e,d=$start,$queued,$end,$docs
print(f'team, $workers worker(s): {d} docs, enqueue {q-s:.1f} s, last searchable after {e-s:.1f} s, {d/(e-s):.1f} docs/s; worker CPU {$cpu:.1f} s ({d/$cpu:.1f} docs per CPU s); worker RSS MB:$rss; PostgreSQL peak RSS {$(cat "$WORK/pg_peak")/1024:.0f} MB')"
}

embedded() {
  local start; start=$(date +%s.%N)
  /usr/bin/time -f "%M %U %S" -o "$WORK/embedded.rss" "$ISNAD" ingest --data "$WORK/embedded" --no-stories "$WORK/news.jsonl" >/dev/null
  local end; end=$(date +%s.%N)
  read -r kb user sys < "$WORK/embedded.rss"
  python3 -c "
s,e,n,c=$start,$end,$N,$user+$sys
print(f'embedded (SQLite + Tantivy, all cores): {e-s:.1f} s, {n/(e-s):.1f} docs/s; CPU {c:.1f} s ({n/c:.1f} docs per CPU s); RSS {$kb/1024:.0f} MB')"
}

# TEAM_ONLY=1: skip the embedded run (to measure 1 and 2 workers back to back).
[ -n "${TEAM_ONLY:-}" ] || embedded
team 1
team 2
