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

step "Subscribing a local receiver to response_submitted for the planning department"
id=$("$CSW" subscribe --url http://127.0.0.1:8787/hooks --event response_submitted \
    --department planning --description "demo receiver" --allow-private-network --quiet)
echo "created $id"
"$CSW" subscribe --url https://hooks.example.org/housing --event responses --department housing --disabled --quiet >/dev/null
"$CSW" list

step "Starting 'csw listen' on 127.0.0.1:8787 with the subscription's secret"
"$CSW" listen --port 8787 --subscription "$id" --count 1 > "$work/received.txt" 2> "$work/listener.log" &
listener_pid=$!
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    grep -q Listening "$work/listener.log" 2>/dev/null && break
    sleep 0.1
done

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
