#!/usr/bin/env bash
# Story grouping in team mode against the embedded store, on the first ARTICLES of
# SaudiNewsNet: two workers store the documents without grouping (--no-stories), then
#  * `isnad stories --db` places them all (what an idle worker or `ingest --wait` does),
#  * `isnad stories --db --rebuild` regroups from scratch,
#  * `isnad stories --data --rebuild` does the same in the embedded store,
# and the three story lists must be identical. Prints the seconds of each.
#
#   crates/pg/bench/stories.sh DB_URL [ARTICLES]     (DB_URL: a database it may add a schema to)
#
# Needs target/release/isnad, python3, psql and ../shared/data/saudinewsnet.
set -euo pipefail
cd "$(dirname "$0")/../../.."
N="${2:-1000}"
PSQL="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql"
"$PSQL" "$1" -qc "DROP SCHEMA IF EXISTS isnad_stories_bench CASCADE; CREATE SCHEMA isnad_stories_bench"
URL="$1?options=-c%20search_path%3Disnad_stories_bench"
ISNAD="$PWD/target/release/isnad"
WORK="${TMPDIR:-/tmp}/isnad-stories-bench"
rm -rf "$WORK" && mkdir -p "$WORK"
python3 - "$N" "$WORK/news.jsonl" <<'PY'
import json, sys, zipfile, glob
limit, out = int(sys.argv[1]), open(sys.argv[2], "w")
n = 0
for path in sorted(glob.glob("../shared/data/saudinewsnet/dataset/*.zip")):
    z = zipfile.ZipFile(path)
    for name in sorted(z.namelist()):
        for a in json.loads(z.read(name)):
            if n >= limit or not a["content"].strip():
                continue
            out.write(json.dumps({"id": f"snn-{n:05}", "text": a["content"], "title": a["title"],
                "url": a["url"], "published": a["date_extracted"][:10], "outlet": a["source"]},
                ensure_ascii=False) + "\n")
            n += 1
PY
secs() { local s; s=$(date +%s.%N); "$@" >"$WORK/out.json"; python3 -c "print(f'{$(date +%s.%N) - $s:.1f}')"; }
"$ISNAD" db migrate --db "$URL" >/dev/null
"$ISNAD" ingest --db "$URL" "$WORK/news.jsonl"
"$ISNAD" worker --db "$URL" --exit-when-empty --no-stories 2>/dev/null &
"$ISNAD" worker --db "$URL" --exit-when-empty --no-stories 2>/dev/null
wait
"$ISNAD" ingest --data "$WORK/data" --no-stories "$WORK/news.jsonl" >/dev/null
t_catch=$(secs "$ISNAD" stories --db "$URL" --format json); cp "$WORK/out.json" "$WORK/team.json"
t_rebuild=$(secs "$ISNAD" stories --db "$URL" --rebuild --format json); cp "$WORK/out.json" "$WORK/team-rebuild.json"
t_embedded=$(secs "$ISNAD" stories --data "$WORK/data" --rebuild --format json); cp "$WORK/out.json" "$WORK/embedded.json"
same() { cmp -s "$WORK/$1" "$WORK/$2" && echo same || echo DIFFERENT; }
stories=$(python3 -c "import json; s=json.load(open('$WORK/team.json'))['stories']; print(len(s), sum(len(x['doc_ids']) > 1 for x in s))")
echo "$N articles, stories (all, multi-document): $stories"
echo "team: stories --db (place all) ${t_catch} s; --rebuild ${t_rebuild} s ($(same team.json team-rebuild.json) stories)"
echo "embedded: stories --rebuild ${t_embedded} s ($(same team.json embedded.json) stories as team mode)"
