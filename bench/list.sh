#!/bin/sh
# Times 'csw list --json' against sqlite3 running the same SELECT on the same
# store of 1,000 subscriptions, and prints the ratio of the mean times.
#
#   swift build -c release --static-swift-stdlib
#   CSW=.build/release/csw bench/list.sh
#
# Needs python3, sqlite3 and hyperfine. COUNT and RUNS change the store size
# and the number of timed runs. Everything lives in a temporary folder.
set -eu
CSW=${CSW:-.build/release/csw}
CSW=$(cd "$(dirname "$CSW")" && pwd)/$(basename "$CSW")
COUNT=${COUNT:-1000}
RUNS=${RUNS:-300}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
export CSW_DB="$work/csw.db"
export NO_COLOR=1

# An export file of COUNT subscriptions with a mix of events, departments,
# headers and URLs with credentials, imported the way an administrator would.
python3 - "$COUNT" >"$work/export.json" <<'PYTHON'
import base64, json, os, sys

count = int(sys.argv[1])
event_sets = [["response_submitted"], ["responses"], ["users", "activity_published"], ["*"]]
department_sets = [[], ["planning"], ["planning", "housing"], ["parks"]]
entries = []
for number in range(count):
    url = f"https://hooks.example.test/bench/{number}"
    if number % 10 == 0:
        url = f"https://ops:pw{number}@hooks.example.test/bench/{number}?token=t{number}"
    entries.append({
        "id": f"sub_bench{number:07d}",
        "url": url,
        "events": event_sets[number % len(event_sets)],
        "departments": department_sets[(number // 4) % len(department_sets)],
        "description": f"bench subscription {number}",
        "headers": [{"name": "X-Team", "value": f"team {number % 7}"}] if number % 3 == 0 else [],
        "enabled": number % 5 != 0,
        "secret": "whsec_" + base64.b64encode(os.urandom(32)).decode(),
        "created_at": "2026-01-01T00:00:00Z",
    })
json.dump({"format": "csw-export", "version": 1, "subscriptions": entries}, sys.stdout)
PYTHON
"$CSW" import "$work/export.json" >/dev/null

# The SELECT of Store.subscriptions() without a filter
# (Sources/CSWStore/Queries/Store+Subscriptions.swift).
select="SELECT s.id, s.url, s.description, s.secret, s.previous_secret, s.previous_secret_expires_at, s.headers,
    s.enabled, s.disabled_at, s.disabled_reason, s.allow_private_network, s.ca_file, s.created_at, s.updated_at,
    (SELECT group_concat(event, ',') FROM subscription_events WHERE subscription_id = s.id),
    (SELECT group_concat(department, char(10)) FROM subscription_departments WHERE subscription_id = s.id)
    FROM subscriptions s ORDER BY s.created_at / 1000, s.rowid"

# Both commands must print every subscription, or the timing means nothing.
"$CSW" list --json >"$work/csw.json"
sqlite3 -json "$CSW_DB" "$select" >"$work/sqlite3.json"
python3 - "$work/csw.json" "$work/sqlite3.json" "$COUNT" <<'PYTHON'
import json, sys

csw, sqlite, count = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), int(sys.argv[3])
if len(csw) != count or len(sqlite) != count or [e["id"] for e in csw] != [r["id"] for r in sqlite]:
    sys.exit(f"csw printed {len(csw)} and sqlite3 {len(sqlite)} subscriptions, expected {count} in the same order")
PYTHON

hyperfine --shell=none --warmup 20 --runs "$RUNS" --export-json "$work/times.json" \
    --command-name "csw list --json" "$CSW list --json" \
    --command-name "sqlite3 -json" "sqlite3 -json $CSW_DB \"$select\""

python3 - "$work/times.json" "$COUNT" <<'PYTHON'
import json, sys

results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
csw, sqlite = results["csw list --json"], results["sqlite3 -json"]
ratio = csw["mean"] / sqlite["mean"]
print(f"{sys.argv[2]} subscriptions: csw list --json {csw['mean'] * 1000:.2f} ms "
      f"(median {csw['median'] * 1000:.2f}), sqlite3 -json {sqlite['mean'] * 1000:.2f} ms "
      f"(median {sqlite['median'] * 1000:.2f}), ratio csw/sqlite3 {ratio:.2f} (target 1.5 or less)")
PYTHON
