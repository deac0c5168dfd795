#!/usr/bin/env bash
# Brings a fresh Debian bookworm machine to what the project needs:
# Node >= 22.18 (from the npm registry when the system node is older); Go 1.27 and 1.26, bubblewrap
# and offline module sources into .tools/ (scripts/fetch-tools.sh, no root needed); Debian's
# chromium for the browser tests (root or sudo). Safe to run repeatedly.
# --node-only stops after Node; --no-browser skips chromium (what `npm start` needs).
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[setup] %s\n' "$*" >&2; }
quiet() { local out; if ! out=$("$@" 2>&1); then printf '%s\n' "$out" >&2; return 1; fi; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

node_ok() { "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>23||(a===23&&b>=6)||(a===22&&b>=18)?0:1)' 2>/dev/null; }
if ! node_ok node && ! node_ok .tools/node/bin/node; then
  log "installing Node 22 from the npm registry into .tools/node"
  mkdir -p .tools/node-pkg
  quiet npm install --prefix .tools/node-pkg --no-audit --no-fund --no-save node@22
  mkdir -p .tools/node/bin
  real=$(readlink -f .tools/node-pkg/node_modules/node/bin/node)
  ln -sf "$real" .tools/node/bin/node
  # npm/npx must run on the new node, so wrap the system npm's JS entry points.
  npm_cli=$(readlink -f "$(command -v npm)"); npm_dir=$(dirname "$(dirname "$npm_cli")")
  printf '#!/bin/sh\nexec "%s" "%s/bin/npm-cli.js" "$@"\n' "$real" "$npm_dir" > .tools/node/bin/npm
  printf '#!/bin/sh\nexec "%s" "%s/bin/npx-cli.js" "$@"\n' "$real" "$npm_dir" > .tools/node/bin/npx
  chmod +x .tools/node/bin/npm .tools/node/bin/npx
fi

[ "${1:-}" = "--node-only" ] && exit 0

# The sandbox's seccomp filters are written at setup by libseccomp's Python binding (fetched into
# .tools by fetch-tools.sh), which needs the system's python3 and libseccomp2.
need_apt=()
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
ldconfig -p 2>/dev/null | grep -q 'libseccomp\.so\.2' || need_apt+=(libseccomp2)
if [ ${#need_apt[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  log "apt-get install ${need_apt[*]}"
  quiet $SUDO apt-get update
  quiet env DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${need_apt[@]}"
fi

bash scripts/fetch-tools.sh
[ "${1:-}" = "--no-browser" ] && exit 0

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v unshare >/dev/null 2>&1 || need_apt+=(util-linux)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  quiet $SUDO apt-get update
  quiet env DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${need_apt[@]}"
fi
