#!/usr/bin/env bash
# Every check, fastest first: format, lints, the release build, then all tests
# (unit, egui_kittest UI tests, `vitrina check` fixtures, property tests, and the
# real-window tests of the release binary under Xvfb), a check of the shipped content,
# real speech in English and Lithuanian (scripts/speech-check.sh), and last the Windows
# release cross build and its portable zip (scripts/package-windows.sh).
# Run as root on a fresh Debian machine, it first installs the system packages it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null || ! command -v import >/dev/null \
    || ! command -v espeak-ng >/dev/null || ! command -v sox >/dev/null \
    || ! command -v x86_64-w64-mingw32-gcc >/dev/null || ! pkg-config --exists speech-dispatcher \
    || ! command -v systemd-analyze >/dev/null \
    || ! command -v desktop-file-validate >/dev/null || ! command -v zip >/dev/null \
    || ! command -v cage >/dev/null || ! command -v grim >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        bash scripts/install-deps.sh
    else
        echo "Xvfb, xdotool, ImageMagick, MinGW-w64, systemd-analyze, desktop-file-validate, zip or the speech packages missing: run scripts/install-deps.sh as root" >&2
    fi
fi
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
# The API docs build without a broken link or a warning.
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked
cargo build --release --locked
VITRINA_BIN="$PWD/target/release/vitrina" cargo test --all-targets --locked
cargo run --release --locked -- check content.ron
bash scripts/speech-check.sh
# Windows 10/11: the same code cross-built with MinGW-w64 (output in target/x86_64-pc-windows-gnu/).
rustup target add x86_64-pc-windows-gnu
cargo build --release --locked --target x86_64-pc-windows-gnu
# The portable Windows zip (target/vitrina-<version>-windows-x64.zip), listed and checked.
bash scripts/package-windows.sh
