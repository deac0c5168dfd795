#!/usr/bin/env bash
# Runs a Node script on Node >= 22.18 with dependencies installed, whatever node the machine has.
# This is what lets `npm start` and `npm test` work on a fresh clone as the first commands.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/setup-machine.sh" --node-only
export PATH="$root/.tools/node/bin:$PATH"
[ -x "$root/.tools/node/bin/node" ] || export PATH="${PATH#"$root/.tools/node/bin:"}"
stamp="$root/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$root/package.json" -nt "$stamp" ]; then
  echo "[leaklab] installing dependencies (npm install)..." >&2
  (cd "$root" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
cd "$root"
exec node "$@"
