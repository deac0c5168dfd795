#!/usr/bin/env bash
# Fetches Debian-packaged tools into .tools/ without touching the system: a private apt sources
# list and state directory, `apt-get download`, then `dpkg -x`. Works without root.
#
#   bash scripts/fetch-tools.sh            the defaults: Go 1.27 + 1.26, bubblewrap, seccomp filters, module sources
#   bash scripts/fetch-tools.sh go1.23     one extra toolchain (the bench compares against it)
#
# Results (stable paths the rest of the project reads, see server/toolchain.ts):
#   .tools/go/1.27, .tools/go/1.26 ...   GOROOTs
#   .tools/bin/bwrap                      bubblewrap, the runner's sandbox
#   .tools/seccomp/<arch>.bpf             its seccomp filters, from scripts/seccomp-filter.py (libseccomp)
#   .tools/bin/leaklab-init               its static start helper (scripts/sandbox-init), built with Go 1.27
#   .tools/gocode/src/<module path>       module sources the runner's offline module proxy serves
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD/.tools"
log() { printf '[setup] %s\n' "$*" >&2; }
quiet() { local out; if ! out=$("$@" 2>&1); then printf '%s\n' "$out" >&2; return 1; fi; }

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
  log "no apt-get/dpkg here: set LEAKLAB_GO to a Go toolchain (see README); skipping Debian tools"
  exit 0
fi

wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(go1.27 go1.26 bwrap seccomp gocode)

# package names (suite-qualified where the newest build needs a newer glibc than bookworm's)
pkgs_for() {
  case "$1" in
    go1.2[5-9]) echo "golang-${1#go}-go/trixie-backports golang-${1#go}-src/trixie-backports" ;;
    go1.23|go1.24) echo "golang-${1#go}-go/bookworm-backports golang-${1#go}-src/bookworm-backports" ;;
    bwrap) echo "bubblewrap/bookworm" ;;
    # The system python3 (bookworm's 3.11) and libseccomp2 run it; only the binding is fetched.
    seccomp) echo "python3-seccomp/bookworm" ;;
    gocode) echo "golang-uber-goleak-dev/trixie golang-golang-x-sync-dev/trixie" ;;
    *) log "unknown tool: $1"; exit 2 ;;
  esac
}
present() {
  case "$1" in
    go1.*) [ -x "$root/go/${1#go}/bin/go" ] ;;
    bwrap) [ -x "$root/bin/bwrap" ] ;;
    seccomp) [ -d "$root/debian/seccomp/usr/lib/python3/dist-packages" ] ;;
    gocode) [ -f "$root/gocode/src/go.uber.org/goleak/go.mod" ] && [ -f "$root/gocode/src/golang.org/x/sync/go.mod" ] ;;
  esac
}

# The filters are rebuilt whenever their generator changes (its hash, not its mtime: a checkout
# with an older copy must not keep a filter another copy wrote).
filters() {
  local out="$root/seccomp" sum
  [ -d "$root/debian/seccomp" ] || return 0
  sum=$(sha256sum scripts/seccomp-filter.py | cut -d' ' -f1)
  if [ -f "$out/x64.bpf" ] && [ -f "$out/arm64.bpf" ] && [ "$(cat "$out/source.sha256" 2>/dev/null)" = "$sum" ]; then return 0; fi
  if ! command -v python3 >/dev/null 2>&1; then log "no python3: cannot write the seccomp filters"; return 1; fi
  PYTHONPATH="$root/debian/seccomp/usr/lib/python3/dist-packages" quiet python3 scripts/seccomp-filter.py "$out"
  printf '%s\n' "$sum" >"$out/source.sha256"
}

# A static binary, so the sandbox needs no host libraries: rebuilt when its source is newer.
init_helper() {
  local out="$root/bin/leaklab-init" go="$root/go/1.27/bin/go"
  [ -x "$go" ] || return 0
  if [ -x "$out" ] && [ ! scripts/sandbox-init/main.go -nt "$out" ]; then return 0; fi
  mkdir -p "$root/bin"
  quiet env CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS= GO111MODULE=off "$go" build -trimpath -ldflags=-s -o "$out.tmp" scripts/sandbox-init/main.go
  mv "$out.tmp" "$out"
}

missing=()
for t in "${wanted[@]}"; do present "$t" || missing+=("$t"); done
if [ ${#missing[@]} -eq 0 ]; then filters; init_helper; exit 0; fi

apt="$root/apt"
mkdir -p "$apt/lists/partial" "$apt/parts" "$apt/cache/archives/partial" "$apt/debs"
cat > "$apt/sources.list" <<'EOF'
deb http://deb.debian.org/debian trixie-backports main
deb http://deb.debian.org/debian trixie main
deb http://deb.debian.org/debian bookworm-backports main
deb http://deb.debian.org/debian bookworm main
EOF
opts=(-o "Dir::Etc::sourcelist=$apt/sources.list" -o "Dir::Etc::sourceparts=$apt/parts"
  -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache" -o "Debug::NoDropPrivs=1"
  -o "APT::Sandbox::User=$(id -un)" -q)
# Lists older than a day are refreshed; a failed refresh with lists present still lets us try.
if [ -z "$(find "$apt/lists" -maxdepth 1 -name '*_Packages' -mmin -1440 2>/dev/null | head -1)" ]; then
  log "reading Debian package lists (private apt state in .tools/apt)"
  quiet apt-get "${opts[@]}" update
fi

for t in "${missing[@]}"; do
  log "fetching $t from Debian's archive"
  rm -rf "$apt/debs"/* && mkdir -p "$apt/debs"
  read -r -a pkgs <<<"$(pkgs_for "$t")"
  (cd "$apt/debs" && quiet apt-get "${opts[@]}" download "${pkgs[@]}")
  dest="$root/debian/$t"
  rm -rf "$dest" && mkdir -p "$dest"
  for deb in "$apt/debs"/*.deb; do dpkg -x "$deb" "$dest"; done
  case "$t" in
    go1.*)
      v=${t#go}; mkdir -p "$root/go"; ln -sfn "../debian/$t/usr/lib/go-$v" "$root/go/$v"
      "$root/go/$v/bin/go" version >/dev/null ;;
    bwrap) mkdir -p "$root/bin"; ln -sfn "../debian/$t/usr/bin/bwrap" "$root/bin/bwrap"; "$root/bin/bwrap" --version >/dev/null ;;
    seccomp) ;;
    gocode) ln -sfn "debian/$t/usr/share/gocode" "$root/gocode" ;;
  esac
done
rm -rf "$apt/debs"
filters
init_helper
