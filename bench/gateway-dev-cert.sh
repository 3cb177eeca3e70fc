#!/usr/bin/env bash
# A throwaway certificate authority and a certificate for localhost and 127.0.0.1 signed by it,
# for running the gateway's HTTPS listener locally. Written to .demo/tls/ (git-ignored), valid
# 30 days; an existing certificate is kept until it is a day from expiry. Never commit these.
# Needs openssl (Debian: apt-get install openssl).
#
#   bench/gateway-dev-cert.sh [folder]
#   java -jar gateway/target/gateway-0.1.0-SNAPSHOT.jar \
#     --spring.ssl.bundle.pem.gateway.keystore.certificate=file:.demo/tls/gateway.crt \
#     --spring.ssl.bundle.pem.gateway.keystore.private-key=file:.demo/tls/gateway.key
#   curl --cacert .demo/tls/ca.crt https://localhost:8443/actuator/health
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-.demo/tls}
mkdir -p "$DIR"
chmod 700 "$DIR"

if [ -f "$DIR/gateway.crt" ] && openssl x509 -checkend 86400 -noout -in "$DIR/gateway.crt" >/dev/null; then
  echo "$DIR/gateway.crt is still valid; delete $DIR to make a new one."
  exit 0
fi

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -days 30 \
  -subj "/CN=dds-patterns local authority" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  -keyout "$DIR/ca.key" -out "$DIR/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -subj "/CN=localhost" \
  -keyout "$DIR/gateway.key" -out "$DIR/gateway.csr" 2>/dev/null
openssl x509 -req -in "$DIR/gateway.csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" -CAcreateserial -days 30 \
  -extfile <(printf '%s\n' "subjectAltName=DNS:localhost,IP:127.0.0.1" "basicConstraints=critical,CA:FALSE" \
    "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth") \
  -out "$DIR/gateway.crt" 2>/dev/null
rm -f "$DIR/gateway.csr" "$DIR/ca.srl"
chmod 600 "$DIR/ca.key" "$DIR/gateway.key"
echo "Wrote $DIR/gateway.crt and gateway.key (for the gateway) and $DIR/ca.crt (for clients to trust)."
