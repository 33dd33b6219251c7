#!/usr/bin/env bash
# schemathesis against a running `isnad serve`: ingests the serve tests' invented Arabic corpus
# into a temporary store, serves it on an ephemeral loopback port, and runs schemathesis on
# /api/openapi.json with a bounded number of examples per operation. It fails on any 5xx
# (not_a_server_error) and on any response that does not match the OpenAPI document
# (status code, content type, schema).
#
#   crates/serve/schemathesis/run.sh [ISNAD_BINARY]     (default: target/debug/isnad)
#
# Environment: ST_EXAMPLES (default 30) examples per operation, ST_SEED (default 1).
set -euo pipefail
cd "$(dirname "$0")/../../.."
ISNAD="${1:-target/debug/isnad}"
command -v schemathesis >/dev/null || { echo "schemathesis is missing: pip install schemathesis" >&2; exit 1; }
[ -x "$ISNAD" ] || { echo "no isnad binary at $ISNAD (cargo build)" >&2; exit 1; }

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$ISNAD" ingest --data "$WORK/data" crates/serve/tests/fixtures/news.jsonl crates/serve/tests/fixtures/browser.jsonl >/dev/null
"$ISNAD" serve --data "$WORK/data" --bind 127.0.0.1:0 2>"$WORK/serve.log" &
SERVER_PID=$!
URL=""
for _ in $(seq 1 600); do
  URL="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$WORK/serve.log" | head -n 1 || true)"
  [ -n "$URL" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { echo "isnad serve did not start" >&2; cat "$WORK/serve.log" >&2; exit 1; }
TOKEN="$(cat "$WORK/data/serve-token")"
echo "schemathesis against $URL"

# Ingest is left out: every generated upload would start a background job on the store.
schemathesis run "$URL/api/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --max-examples "${ST_EXAMPLES:-30}" --seed "${ST_SEED:-1}" --workers 2 \
  --exclude-path /api/ingest \
  --header "Authorization: Bearer $TOKEN" \
  --generation-database none --no-color \
  --max-time 170
