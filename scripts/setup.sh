#!/usr/bin/env bash
# Installs what drplan's build (`app`) or build and tests (`test`, the default) need on
# a fresh Debian machine; `extras` installs only what the tests add to the build
# (Chromium and the IaC validators: downloads, which scripts/test.sh runs while the
# Rust code compiles). Idempotent: every step checks first and skips what is there.
# Only the Rust, npm, PyPI and Debian registries are used; nothing else is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WANT=${1:-test}
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '==> %s\n' "$*"; }

# Reinstalled when the lock file's contents change, not its time: a fresh checkout or
# worktree has a newer lock file, and `npm ci` empties node_modules first.
lock_stamp() { sha256sum "$1/package-lock.json" | cut -d' ' -f1; }
npm_current() { [ -f "$1/node_modules/.drplan-lock" ] && [ "$(cat "$1/node_modules/.drplan-lock")" = "$(lock_stamp "$1")" ]; }
npm_install() { (cd "$1" && npm ci --no-audit --no-fund) && lock_stamp "$1" > "$1/node_modules/.drplan-lock"; }

build_tools() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "adding the wasm32 Rust target"
    rustup target add wasm32-unknown-unknown
  fi

  # The build tools are compiled for a quick install, not for speed: trunk's own release
  # profile (fat LTO, one codegen unit) costs minutes of a fresh machine's setup, and
  # neither tool's run time matters here (both spend well under a second of a build).
  quick_install() {
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      CARGO_PROFILE_RELEASE_OPT_LEVEL=1 CARGO_PROFILE_RELEASE_DEBUG=false \
      cargo install "$@"
  }

  # trunk 0.22 needs a newer rustc than this machine's; 0.21.14 is the verified one.
  if ! trunk --version 2>/dev/null | grep -q ' 0\.21\.14$'; then
    step "installing trunk 0.21.14"
    quick_install trunk@0.21.14 --locked
  fi

  # wasm-bindgen's CLI must be exactly the version of the crate in Cargo.lock.
  WB=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB\$"; then
    step "installing wasm-bindgen-cli $WB"
    # --locked fails for this crate (a locked dependency is gone from the registry).
    quick_install wasm-bindgen-cli@"$WB" --force
  fi
  if ! grep -q "wasm_bindgen = \"$WB\"" Trunk.toml; then
    echo "Trunk.toml [tools] wasm_bindgen must be \"$WB\" (Cargo.lock's wasm-bindgen)" >&2
    exit 1
  fi

  # wasm-opt comes from npm's binaryen: Debian's v108 predates reference types and
  # silently breaks the app.
  if [ ! -x node_modules/.bin/wasm-opt ] || ! npm_current .; then
    step "installing npm tools (binaryen, playwright-core)"
    npm_install .
  fi
}

test_extras() {
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
}

case "$WANT" in
  app) build_tools ;;
  extras) test_extras ;;
  # (Not `build_tools && test_extras`: a function on the left of && runs without -e.)
  *)
    build_tools
    test_extras
    ;;
esac
