#!/usr/bin/env bash
# Runs every test: the core (unit, golden, property, CLI; benches compiled and run
# once), the release web build, and the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh app
# Chromium and the validators download while the Rust code compiles; the first step
# that needs them waits for them.
extras_log=$(mktemp)
scripts/setup.sh extras >"$extras_log" 2>&1 &
extras=$!
wait_for_extras() {
  if ! wait "$extras"; then
    cat "$extras_log" >&2
    echo "installing Chromium or the validators failed" >&2
    exit 1
  fi
  cat "$extras_log"
}
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Each step says when it starts, so a slow CI run shows which step grew.
step() { echo "==> $1 ($(date -u +%H:%M:%S))"; }

step "formatting and lints"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings

step "core tests"
cargo test --all-targets
cargo test --doc
step "waiting for the validators and Chromium to be installed"
wait_for_extras
.tools/venv/bin/python tests/iac/validate.py  # exported IaC: cfn-lint, checkov, terraform fmt/loader/schema, cdk synth + cdk-nag
.tools/venv/bin/python tests/iac/runbook_check.py  # runbooks: bash -n, every aws command against botocore's models

step "UI component tests (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --lib

step "release web build"
trunk build --release --offline

step "browser tests"
node tests/browser/run.mjs
step "all tests passed"
