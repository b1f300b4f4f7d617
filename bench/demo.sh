#!/bin/sh
# The end-to-end demo behind 'make demo': a fresh store, the built-in
# listener on 127.0.0.1, one subscription, one fired event, and the signed
# delivery received and verified. Everything lives in a temporary folder.
set -eu
CSW=${CSW:-.build/release/csw}
CSW=$(cd "$(dirname "$CSW")" && pwd)/$(basename "$CSW")
work=$(mktemp -d)
listener_pid=""
cleanup() {
    [ -n "$listener_pid" ] && kill "$listener_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
export CSW_DB="$work/csw.db"
export NO_COLOR=1

step() { printf '\n== %s\n' "$*"; }

step "A fresh store at $CSW_DB, and the event catalogue"
"$CSW" events

step "Starting 'csw listen' on a free port of 127.0.0.1, with a new signing secret"
# A new secret of 32 random bytes, shared by the subscription and the
# listener, which verifies every request with it.
printf 'whsec_%s\n' "$(head -c 32 /dev/urandom | base64)" > "$work/secret"
"$CSW" listen --port 0 --secret-file "$work/secret" --count 1 > "$work/received.txt" 2> "$work/listener.log" &
listener_pid=$!
url=""
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
    url=$(sed -n 's|^Listening on \(http://127\.0\.0\.1:[0-9]*/\).*|\1|p' "$work/listener.log" 2>/dev/null)
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "csw listen did not start:" >&2; cat "$work/listener.log" >&2; exit 1; }
echo "listening on $url"

step "Subscribing it to response_submitted for the planning department"
id=$("$CSW" subscribe --url "${url}hooks" --event response_submitted --department planning \
    --description "demo receiver" --allow-private-network --secret-file "$work/secret" --quiet)
echo "created $id"
"$CSW" subscribe --url https://hooks.example.org/housing --event responses --department housing \
    --description "not matched: another department, and disabled" --disabled --quiet >/dev/null
"$CSW" list

step "Firing response_submitted for planning"
"$CSW" fire --event response_submitted --department planning --set note='Café 🚀 naïve'

wait "$listener_pid" || true
listener_pid=""
step "What the listener received (its signature check is the last field)"
cat "$work/received.txt"
grep -q "signature valid" "$work/received.txt" || { echo "the delivery did not verify" >&2; exit 1; }

step "The delivery log"
"$CSW" deliveries

step "Disabling every response_submitted subscription of planning"
"$CSW" disable --event response_submitted --department planning --yes
"$CSW" list
echo
echo "Demo finished: the delivery was signed, received and verified."
