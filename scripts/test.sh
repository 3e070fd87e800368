#!/usr/bin/env bash
# Every check, fastest first: format, lints, the release build, then all tests
# (unit, egui_kittest UI tests, `vitrina check` fixtures, the property tests,
# and the real-window test of the release binary under Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
cargo build --release --locked
VITRINA_BIN="$PWD/target/release/vitrina" cargo test --all-targets --locked
cargo run --release --locked -- check content.ron
