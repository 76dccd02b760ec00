#!/usr/bin/env bash
# The Zowor Portal benchmark suite (issue 9; docs/BENCHMARKS.md): builds Release, then runs every benchmark and prints
# its figures against the targets. Arguments go to the suite: --only intake,queue  --quick  --data <folder>.
# The first run generates the datasets (1M complaints) into bench-data/ and later runs reuse them.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)          # memory per circuit: headless browser pages
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)  # live updates across two nodes
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)                # imap: the complaints mailbox backlog
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing ${missing[*]}..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi
(command -v service >/dev/null 2>&1 && as_root service dovecot stop >/dev/null 2>&1) || true  # the imap benchmark runs its own

dotnet build Zowor.Portal.Benchmarks -c Release -nologo -v q
exec dotnet Zowor.Portal.Benchmarks/bin/Release/net10.0/Zowor.Portal.Benchmarks.dll run "$@"
