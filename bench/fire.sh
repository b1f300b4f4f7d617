#!/bin/sh
# Benchmark of 'csw fire' against curl: 1,000 signed POSTs to a local nginx.
#
# Starts nginx on 127.0.0.1 (a free port, config in a temporary folder,
# 'return 204' for every POST), imports 1,000 enabled subscriptions that
# point at it, then times three ways of sending the same 1,000 POSTs with
# hyperfine:
#   (a) csw fire --event response_submitted --department planning --quiet
#   (b) one curl with --parallel --parallel-max 32 and a generated config
#   (c) xargs -P 32 curl, one curl process per request
# and prints the ratio (a)/(b). The curl requests carry the same body and the
# same header fields as csw's, with signatures computed before timing starts.
#
# Needs nginx, curl, hyperfine and python3 ('make deps' installs them) and a
# release build of csw: CSW=.build/release/csw sh bench/fire.sh
# RUNS sets the number of timed runs of each command (default 10).
set -eu

CSW=${CSW:-.build/release/csw}
RUNS=${RUNS:-10}
COUNT=1000
PARALLEL=32

for tool in nginx curl hyperfine python3; do
    command -v "$tool" >/dev/null 2>&1 || { echo "fire.sh: $tool is missing; run 'make deps'" >&2; exit 1; }
done
[ -x "$CSW" ] || { echo "fire.sh: no csw binary at $CSW; run 'make release' or set CSW" >&2; exit 1; }
CSW=$(cd "$(dirname "$CSW")" && pwd)/$(basename "$CSW")

work=$(mktemp -d)
cleanup() {
    if [ -f "$work/nginx.pid" ]; then kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
export CSW_DB="$work/csw.db"
export NO_COLOR=1

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/nginx"
cat > "$work/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    keepalive_requests 100000;
    server {
        listen 127.0.0.1:$port;
        location /hook/ { return 204; }
    }
}
EOF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log"
for _ in 1 2 3 4 5 6 7 8 9 10; do
    curl -s -o /dev/null -X POST "http://127.0.0.1:$port/hook/probe" && break
    sleep 0.1
done

version=$("$CSW" --version | awk '{print $2}')
echo "Generating $COUNT subscriptions in $work and importing them"
python3 - "$work" "$port" "$COUNT" <<'EOF'
import base64, json, os, sys
work, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
alphabet = "0123456789abcdefghjkmnpqrstvwxyz"

def identifier(prefix, length):
    return prefix + "_" + "".join(alphabet[b & 31] for b in os.urandom(length))

subscriptions = []
for number in range(count):
    subscriptions.append({
        "id": identifier("sub", 12), "url": "http://127.0.0.1:%d/hook/%d" % (port, number),
        "events": ["response_submitted"], "departments": ["planning"], "description": "",
        "headers": [], "enabled": True, "allow_private_network": True, "ca_file": None,
        "secret": "whsec_" + base64.b64encode(os.urandom(32)).decode(),
    })
with open(os.path.join(work, "export.json"), "w") as f:
    json.dump({"format": "csw-export", "version": 1, "subscriptions": subscriptions}, f)
EOF
"$CSW" import "$work/export.json" >/dev/null
"$CSW" fire --event response_submitted --department planning --dry-run --json > "$work/dry-run.json"

# Writes the body csw sends (the sample payload, from its dry run), then the
# curl config and the xargs lines, each request signed with its
# subscription's secret.
python3 - "$work" "$version" <<'EOF'
import base64, hashlib, hmac, json, os, sys, time
work, version = sys.argv[1], sys.argv[2]
plan = json.load(open(os.path.join(work, "dry-run.json")))
body = plan["body"].encode()
with open(os.path.join(work, "body.json"), "wb") as f:
    f.write(body)
secrets = {entry["id"]: entry["secret"] for entry in json.load(open(os.path.join(work, "export.json")))["subscriptions"]}
alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
timestamp = str(int(time.time()))
config, lines = [], []
for recipient in plan["recipients"]:
    key = base64.b64decode(secrets[recipient["id"]][len("whsec_"):])
    message_id = "msg_" + "".join(alphabet[b & 31] for b in os.urandom(20))
    digest = hmac.new(key, ("%s.%s." % (message_id, timestamp)).encode() + body, hashlib.sha256).digest()
    signature = "v1," + base64.b64encode(digest).decode()
    headers = [("webhook-id", message_id), ("webhook-timestamp", timestamp), ("webhook-signature", signature)]
    config.append('url = "%s"' % recipient["url"])
    config.append('output = "/dev/null"')
    config.append("fail")
    config.append('data-binary = "@%s"' % os.path.join(work, "body.json"))
    config.append('header = "Content-Type: application/json"')
    config.append('user-agent = "csw/%s"' % version)
    config += ['header = "%s: %s"' % pair for pair in headers]
    config.append("next")
    lines.append(" ".join("-H '%s: %s'" % pair for pair in headers) + " " + recipient["url"])
with open(os.path.join(work, "curl.config"), "w") as f:
    f.write("\n".join(config[:-1]) + "\n")
with open(os.path.join(work, "xargs.lines"), "w") as f:
    f.write("\n".join(lines) + "\n")
print("%d recipients, body %d bytes" % (len(plan["recipients"]), len(body)))
EOF

fire="'$CSW' fire --event response_submitted --department planning --quiet"
parallel="curl --silent --no-progress-meter --parallel --parallel-max $PARALLEL --config '$work/curl.config'"
xargs_curl="xargs -P $PARALLEL -L 1 curl --silent --fail -o /dev/null -H 'Content-Type: application/json' -A 'csw/$version' --data-binary '@$work/body.json' < '$work/xargs.lines'"

echo "Timing $RUNS runs of each on $(nproc) CPUs: $(uname -sr)"
hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$work/times.json" \
    --command-name "csw fire" "$fire" \
    --command-name "curl --parallel" "$parallel" \
    --command-name "xargs -P $PARALLEL curl" "$xargs_curl"

delivered=$("$CSW" deliveries --limit 1000000 --json | grep -c '"state": "delivered"' || true)
failed=$("$CSW" deliveries --limit 1000000 --failed --json | grep -c '"id"' || true)
echo "Deliveries logged by csw: $delivered delivered, $failed not delivered"

python3 - "$work/times.json" <<'EOF'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
for name, result in results.items():
    print("%-22s mean %7.1f ms  min %7.1f ms  max %7.1f ms" % (name, result["mean"] * 1000, result["min"] * 1000, result["max"] * 1000))
ratio = results["csw fire"]["mean"] / results["curl --parallel"]["mean"]
print("csw fire / curl --parallel = %.2f (target: 1.2 or less)" % ratio)
EOF
