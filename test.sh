#!/usr/bin/env bash
# Runs every test of the Zowor Complaints Portal: domain, service, bUnit, integration and browser tests.
# Installs what the tests need when it is missing (Debian's chromium for the browser tests, redis-server for the multi-node tests,
# dovecot-imapd for the complaints-mailbox tests, nginx for the two-node failover test, poppler-utils to read PDFs), then prints
# "N passed, N failed" and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)          # browser tests
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)  # multi-node tests (they start their own server)
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)                # mailbox tests (they start their own Dovecot)
[ -x /usr/sbin/nginx ] || missing+=(nginx)                          # two-node failover test (it starts its own nginx)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)            # ... with a throw-away TLS certificate
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)    # review-pack PDF tests read the PDF's text back
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing ${missing[*]} for the tests..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The tests run their own Dovecot on a free port with a throw-away configuration; stop the package's own service.
(command -v service >/dev/null 2>&1 && as_root service dovecot stop >/dev/null 2>&1) || true
(command -v service >/dev/null 2>&1 && as_root service nginx stop >/dev/null 2>&1) || true

results="$PWD/TestResults"
rm -rf "$results"
set +e
dotnet test Zowor.Portal.sln --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
status=$?
set -e

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$status" -ne 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
