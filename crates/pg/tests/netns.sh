#!/usr/bin/env bash
# Team mode across hosts, on one machine: PostgreSQL in one network namespace, two workers
# each in its own, joined by veth pairs with private addresses (no route out of the machine).
# A worker reaches the database only through its link, by the URL: nothing else is shared
# but the binary. Checks that both workers stored documents, that every document arrived
# once, and that `stories --db` groups them all.
#
# Needs root with network namespaces (a container without CAP_NET_ADMIN has none: then it says
# so and exits 0) and PostgreSQL's binaries (missing: exit 0, or 2 when CI is set).
# Usage: crates/pg/tests/netns.sh [ISNAD_BINARY] [DOCS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
BIN="$(realpath "${1:-target/release/isnad}")"
DOCS="${2:-48}"
# A machine that cannot make namespaces cannot run this at all: that is no test failure.
cannot() {
  echo "netns.sh: skipped: $1" >&2
  exit 0
}
# A missing package is: CI installs it.
skip() {
  echo "netns.sh: skipped: $1" >&2
  if [ -n "${CI:-}" ]; then exit 2; fi
  exit 0
}
[ "$(id -u)" = 0 ] || cannot "needs root (ip netns)"
command -v ip >/dev/null || skip "needs iproute2 (ip)"
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -n "$PG_BIN" ] || skip "needs PostgreSQL's binaries (apt-get install postgresql)"
[ -x "$BIN" ] || { echo "netns.sh: no isnad binary at $BIN (cargo build --release)" >&2; exit 1; }

TAG="isn$$"
DB_NS="${TAG}db"; W1_NS="${TAG}w1"; W2_NS="${TAG}w2"
WORK="$(mktemp -d /tmp/isnad-netns.XXXXXX)"
cleanup() {
  ip netns exec "$DB_NS" su postgres -s /bin/sh -c "$PG_BIN/pg_ctl -D $WORK/pg -m immediate stop" >/dev/null 2>&1 || true
  for ns in "$DB_NS" "$W1_NS" "$W2_NS"; do ip netns del "$ns" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
ip netns add "$DB_NS" 2>"$WORK/err" || cannot "ip netns add: $(cat "$WORK/err")"
ip netns add "$W1_NS"; ip netns add "$W2_NS"
for ns in "$DB_NS" "$W1_NS" "$W2_NS"; do ip -n "$ns" link set lo up; done
# One link per worker: database side 10.231.N.1, worker side 10.231.N.2 (a /30 each).
for n in 1 2; do
  ns="${TAG}w$n"
  ip link add "${TAG}d$n" type veth peer name "${TAG}v$n"
  ip link set "${TAG}d$n" netns "$DB_NS"
  ip link set "${TAG}v$n" netns "$ns"
  ip -n "$DB_NS" addr add "10.231.$n.1/30" dev "${TAG}d$n"
  ip -n "$ns" addr add "10.231.$n.2/30" dev "${TAG}v$n"
  ip -n "$DB_NS" link set "${TAG}d$n" up
  ip -n "$ns" link set "${TAG}v$n" up
done

# PostgreSQL inside the database namespace, listening on its two link addresses only.
mkdir -p "$WORK/pg" && chown postgres "$WORK" "$WORK/pg"
su postgres -s /bin/sh -c "$PG_BIN/initdb -D $WORK/pg -A trust -U postgres" >/dev/null
echo "host all all 10.231.0.0/16 trust" >>"$WORK/pg/pg_hba.conf"
ip netns exec "$DB_NS" su postgres -s /bin/sh -c \
  "$PG_BIN/pg_ctl -D $WORK/pg -w -l $WORK/pg.log -o \"-p 5432 -k $WORK -c listen_addresses='10.231.1.1,10.231.2.1'\" start" >/dev/null
ip netns exec "$DB_NS" "$PG_BIN/psql" -h 10.231.1.1 -U postgres -qc "CREATE DATABASE isnad"
URL1="postgres://postgres@10.231.1.1:5432/isnad"
URL2="postgres://postgres@10.231.2.1:5432/isnad"
# The workers' namespaces have no other way to the database: no route, no shared socket.
if ip netns exec "$W1_NS" "$PG_BIN/psql" -h 10.231.2.1 -U postgres -d isnad -tAc "SELECT 1" >/dev/null 2>&1; then
  echo "netns.sh: worker 1 reaches worker 2's link: the namespaces are not separate" >&2
  exit 1
fi

cd "$WORK"
python3 - "$DOCS" >news.jsonl <<'EOF'
import json, sys
places = ["جدة", "الرياض", "أبها", "الدمام"]
events = ["أغلقت الأمطار ثلاثة طرق", "انتشلت فرق الإنقاذ ثمانية أشخاص", "استقبل المستشفى أربعين مصابا"]
for i in range(int(sys.argv[1])):
    p, e = places[i % 4], events[(i // 4) % 3]
    print(json.dumps({"id": f"m{i}", "outlet": f"outlet{i % 3}", "published": f"2024-03-{1 + i % 20:02d}",
                      "title": f"{p}: {e}", "text": f"قال المتحدث باسم الدفاع المدني في {p} إن {e} صباح اليوم. وأضاف أن الفرق تتابع الوضع في {p}."}, ensure_ascii=False))
EOF
ip netns exec "$W1_NS" "$BIN" db migrate --db "$URL1"
ip netns exec "$W1_NS" "$BIN" ingest --db "$URL1" news.jsonl
start=$(date +%s.%N)
ISNAD_WORKER_LOG=1 ip netns exec "$W1_NS" "$BIN" worker --db "$URL1" --exit-when-empty 2>w1.log &
P1=$!
ISNAD_WORKER_LOG=1 ip netns exec "$W2_NS" "$BIN" worker --db "$URL2" --exit-when-empty 2>w2.log &
P2=$!
wait "$P1"; wait "$P2"
end=$(date +%s.%N)
n1=$(grep -c "isnad worker: stored" w1.log || true)
n2=$(grep -c "isnad worker: stored" w2.log || true)
docs=$(ip netns exec "$W2_NS" "$BIN" stats --db "$URL2" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"])')
stories=$(ip netns exec "$W1_NS" "$BIN" stories --db "$URL1" --format json | python3 -c 'import json,sys; print(sum(len(s["doc_ids"]) for s in json.load(sys.stdin)["stories"]))')
printf 'netns.sh: %s documents in %.1f s: worker 1 stored %s, worker 2 stored %s; %s stored, %s in stories\n' \
  "$DOCS" "$(python3 -c "print($end - $start)")" "$n1" "$n2" "$docs" "$stories"
[ "$((n1 + n2))" = "$DOCS" ] || { echo "netns.sh: $((n1 + n2)) stores for $DOCS documents" >&2; exit 1; }
[ "$n1" -gt 0 ] && [ "$n2" -gt 0 ] || { echo "netns.sh: one worker did nothing" >&2; exit 1; }
[ "$docs" = "$DOCS" ] && [ "$stories" = "$DOCS" ] || { echo "netns.sh: stored $docs, grouped $stories" >&2; exit 1; }
echo "netns.sh: ok"
