#!/bin/bash
# SPDX-License-Identifier: MIT
# make demo: start the local AWS endpoint (HTTPS, a CA made at start-up), page through its
# async invocations with tinyaws over TLS on the embedded default window, print them, stop it.
set -euo pipefail
tinyaws=${1:-build/tinyaws}
window=${2:-3072}          # TAWS_WINDOW_SIZE, the embedded default in include/tinyaws/config.h
here=$(cd "$(dirname "$0")" && pwd)
state=$(mktemp -d)
coproc EP { exec /usr/bin/python3 "$here/endpoint/aws_endpoint.py" --https-port 0 --http-port 0 --state-dir "$state"; }
trap 'kill $EP_PID 2>/dev/null; wait $EP_PID 2>/dev/null; rm -rf "$state"' EXIT
read -r -t 30 ready <&"${EP[0]}"
port=$(/usr/bin/python3 -c 'import json,sys; print(json.loads(sys.argv[1])["https_port"])' "$ready")
http=$(/usr/bin/python3 -c 'import json,sys; print(json.loads(sys.argv[1])["http_port"])' "$ready")

echo "== local endpoint on https://localhost:$port (CA $state/ca.pem)" >&2
echo "== tinyaws bedrock-runtime list-async-invokes --page-size 20 --max-items 60 (window $window bytes)" >&2
AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY \
AWS_REGION=us-east-1 TINYAWS_WINDOW_BYTES=$window \
  "$tinyaws" bedrock-runtime list-async-invokes --page-size 20 --max-items 60 \
  --endpoint-url "https://localhost:$port" --ca-bundle "$state/ca.pem"
stats=$(/usr/bin/python3 -c '
import json, sys, urllib.request
r = urllib.request.Request("http://127.0.0.1:%s/__tinyaws/stats" % sys.argv[1], headers={"X-Tinyaws-Control": "1"})
s = json.load(urllib.request.urlopen(r))
print("%d signed requests, %d TLS handshake(s), all verified by botocore on the endpoint" % (s["requests"], s["tls_handshakes"]))
' "$http")
echo "== $stats" >&2
