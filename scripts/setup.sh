#!/usr/bin/env bash
# Installs what drplan's build (`app`) or build and tests (`test`, the default) need on
# a fresh Debian machine. Idempotent: every step checks first and skips what is there.
# Only the Rust, npm, PyPI and Debian registries are used; nothing else is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WANT=${1:-test}
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '==> %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32 Rust target"
  rustup target add wasm32-unknown-unknown
fi

# trunk 0.22 needs a newer rustc than this machine's; 0.21.14 is the verified one.
if ! trunk --version 2>/dev/null | grep -q ' 0\.21\.14$'; then
  step "installing trunk 0.21.14 (about 9 minutes on 2 cores)"
  cargo install trunk@0.21.14 --locked
fi

# wasm-bindgen's CLI must be exactly the version of the crate in Cargo.lock.
WB=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB\$"; then
  step "installing wasm-bindgen-cli $WB"
  # --locked fails for this crate (a locked dependency is gone from the registry).
  cargo install wasm-bindgen-cli@"$WB" --force
fi
if ! grep -q "wasm_bindgen = \"$WB\"" Trunk.toml; then
  echo "Trunk.toml [tools] wasm_bindgen must be \"$WB\" (Cargo.lock's wasm-bindgen)" >&2
  exit 1
fi

# wasm-opt comes from npm's binaryen: Debian's v108 predates reference types and
# silently breaks the app.
# Reinstalled when the lock file's contents change, not its time: a fresh checkout or
# worktree has a newer lock file, and `npm ci` empties node_modules first.
lock_stamp() { sha256sum "$1/package-lock.json" | cut -d' ' -f1; }
npm_current() { [ -f "$1/node_modules/.drplan-lock" ] && [ "$(cat "$1/node_modules/.drplan-lock")" = "$(lock_stamp "$1")" ]; }
npm_install() { (cd "$1" && npm ci --no-audit --no-fund) && lock_stamp "$1" > "$1/node_modules/.drplan-lock"; }
if [ ! -x node_modules/.bin/wasm-opt ] || ! npm_current .; then
  step "installing npm tools (binaryen, playwright-core)"
  npm_install .
fi

[ "$WANT" = app ] && exit 0

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  step "installing Debian's Chromium and ChromeDriver for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver
fi

# Python validators of the generated infrastructure code, in a private venv.
if [ -f tests/iac/requirements.txt ]; then
  if [ ! -x .tools/venv/bin/python ]; then
    step "creating the Python tools venv"
    python3 -m venv .tools/venv
  fi
  if [ ! -f .tools/venv/.installed ] || [ tests/iac/requirements.txt -nt .tools/venv/.installed ]; then
    step "installing Python validators"
    .tools/venv/bin/pip install -q -r tests/iac/requirements.txt
    touch .tools/venv/.installed
  fi
fi
if [ -f tests/iac/package.json ]; then
  if ! npm_current tests/iac; then
    step "installing npm validators (AWS CDK)"
    npm_install tests/iac
  fi
fi
