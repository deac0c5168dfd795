#!/usr/bin/env bash
# Brings a fresh Debian bookworm machine to what the project needs:
# Node >= 22.12 (from the npm registry when the system node is older), Debian's chromium,
# and golang-1.23-go from bookworm-backports. Safe to run repeatedly.
# --node-only stops after Node (what `npm start` needs; Go is optional there).
set -euo pipefail
cd "$(dirname "$0")/.."
log() { printf '[setup] %s\n' "$*" >&2; }
quiet() { local out; if ! out=$("$@" 2>&1); then printf '%s\n' "$out" >&2; return 1; fi; }
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

node_ok() { "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null; }
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

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[ -x /usr/lib/go-1.23/bin/go ] || need_apt+=(golang-1.23-go)
command -v unshare >/dev/null 2>&1 || need_apt+=(util-linux)
# `ip` brings loopback up inside the runner's network namespace (lessons serve HTTP on 127.0.0.1).
command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ] || need_apt+=(iproute2)
if [ ${#need_apt[@]} -gt 0 ]; then
  if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    log "adding bookworm-backports"
    echo 'deb http://deb.debian.org/debian bookworm-backports main' | $SUDO tee /etc/apt/sources.list.d/backports.list >/dev/null
  fi
  log "apt-get install ${need_apt[*]}"
  quiet $SUDO apt-get update
  quiet env DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends -t bookworm-backports "${need_apt[@]}" \
    || quiet env DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${need_apt[@]}"
fi
