#!/bin/bash
# SPDX-License-Identifier: MIT
# make demo: start the local AWS endpoint (HTTPS, a CA made at start-up) and its AWS IoT
# credentials provider (mutual TLS, a client CA and device certificates made at start-up);
# page through its async invocations with tinyaws over TLS on the embedded default window, with
# temporary credentials the device's certificate got from the IoT provider; print them, stop it.
set -euo pipefail
tinyaws=${1:-build/tinyaws}
window=${2:-3072}          # TAWS_WINDOW_SIZE, the embedded default in include/tinyaws/config.h
here=$(cd "$(dirname "$0")" && pwd)
state=$(mktemp -d)
coproc EP { exec /usr/bin/python3 "$here/endpoint/aws_endpoint.py" --https-port 0 --http-port 0 --iot-port 0 \
    --state-dir "$state"; }
trap 'kill $EP_PID 2>/dev/null; wait $EP_PID 2>/dev/null; rm -rf "$state"' EXIT
read -r -t 30 ready <&"${EP[0]}"
port=$(/usr/bin/python3 -c 'import json,sys; print(json.loads(sys.argv[1])["https_port"])' "$ready")
http=$(/usr/bin/python3 -c 'import json,sys; print(json.loads(sys.argv[1])["http_port"])' "$ready")
iot=$(/usr/bin/python3 -c 'import json,sys; print(json.loads(sys.argv[1])["iot_port"])' "$ready")

echo "== local endpoint on https://localhost:$port (CA $state/ca.pem)" >&2
echo "== AWS IoT credentials provider on https://localhost:$iot (mutual TLS: device certificate $state/iot/thing-ec.pem, thing tinyaws-thing)" >&2
echo "== tinyaws bedrock-runtime list-async-invokes --page-size 20 --max-items 60 (window $window bytes), credentials from the IoT provider" >&2
env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY -u AWS_SESSION_TOKEN -u AWS_PROFILE \
AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true \
AWS_REGION=us-east-1 TINYAWS_WINDOW_BYTES=$window \
TINYAWS_IOT_CREDENTIALS_ENDPOINT="https://localhost:$iot" TINYAWS_IOT_ROLE_ALIAS=tinyaws-role-alias \
TINYAWS_IOT_THING_NAME=tinyaws-thing TINYAWS_IOT_CERT_FILE="$state/iot/thing-ec.pem" \
TINYAWS_IOT_KEY_FILE="$state/iot/thing-ec-key.pem" \
  "$tinyaws" bedrock-runtime list-async-invokes --page-size 20 --max-items 60 \
  --endpoint-url "https://localhost:$port" --ca-bundle "$state/ca.pem"
stats=$(/usr/bin/python3 -c '
import json, sys, urllib.request
r = urllib.request.Request("http://127.0.0.1:%s/__tinyaws/stats" % sys.argv[1], headers={"X-Tinyaws-Control": "1"})
s = json.load(urllib.request.urlopen(r))
r = urllib.request.Request("http://127.0.0.1:%s/__tinyaws/credentials/stats" % sys.argv[1], headers={"X-Tinyaws-Control": "1"})
c = json.load(urllib.request.urlopen(r))
print("%d signed requests, %d TLS handshake(s), all verified by botocore on the endpoint; credentials: %d issued by "
      "the IoT provider over %d mutual-TLS handshake(s), %d request(s) signed with them" % (
      s["requests"], s["tls_handshakes"], c["iot"]["issued"], c["iot"]["tls_handshakes"], c["aws"]["temporary_accepted"]))
' "$http")
echo "== $stats" >&2
