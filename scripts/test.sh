#!/usr/bin/env bash
# Runs every test: the core (unit, golden, property, CLI; benches compiled and run
# once), the release web build, and the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

echo "==> core tests"
cargo test --all-targets
cargo test --doc

echo "==> release web build"
trunk build --release --offline

echo "==> browser tests"
node tests/browser/run.mjs
