#!/usr/bin/env bash
# Every check, fastest first: format, lints, the release build, then all tests
# (unit, egui_kittest UI tests, `vitrina check` fixtures, property tests, and the
# real-window tests of the release binary under Xvfb), a check of the shipped content,
# real speech in English and Lithuanian (scripts/speech-check.sh), and last the Windows
# release cross build and its portable zip (scripts/package-windows.sh). After the release
# build: the Debian package (scripts/deb-check.sh; installed and started when root in CI) and a
# check that THIRD-PARTY-NOTICES.md is current.
# Run as root on a fresh Debian machine, it first installs the system packages it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v Xvfb >/dev/null || ! command -v xdotool >/dev/null || ! command -v import >/dev/null \
    || ! command -v espeak-ng >/dev/null || ! command -v sox >/dev/null \
    || ! command -v x86_64-w64-mingw32-gcc >/dev/null || ! pkg-config --exists speech-dispatcher \
    || ! command -v systemd-analyze >/dev/null || ! command -v dpkg-shlibdeps >/dev/null \
    || ! command -v desktop-file-validate >/dev/null || ! command -v zip >/dev/null \
    || ! command -v cage >/dev/null || ! command -v grim >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        bash scripts/install-deps.sh
    else
        echo "Xvfb, xdotool, ImageMagick, MinGW-w64, systemd-analyze, desktop-file-validate, zip or the speech packages missing: run scripts/install-deps.sh as root" >&2
    fi
fi
# A clean CI build needs no incremental caches: they would only take disk (a CI machine's disk
# filled once during the test build). The free space is printed so a failure can be read.
if [ "${CI:-}" = 1 ]; then
    export CARGO_INCREMENTAL=0
fi
df -h . | tail -n 1
cargo fmt --all -- --check
cargo clippy --all-targets --locked -- -D warnings
# The API docs build without a broken link or a warning.
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --locked
cargo build --release --locked
# The Debian package from that build, installed and started when root in CI
# (scripts/deb-check.sh), and the third-party notices still match Cargo.lock. The tools, pinned
# so that their output stays the same, take about 3 minutes each to build once.
if [ "$(cargo deb --version 2>/dev/null || true)" != "cargo-deb 3.8.0" ]; then
    cargo install cargo-deb --locked --version 3.8.0
fi
if [ "$(cargo about --version 2>/dev/null || true)" != "cargo-about 0.9.3" ]; then
    cargo install cargo-about --locked --features cli --version 0.9.3
fi
# Every crate Cargo.lock names, for every platform (cargo about reads them offline; a build
# for this one fetches only its own, and iOS's accesskit_ios was missing on a fresh machine).
cargo fetch --locked
cargo about generate --locked --offline --fail about.hbs -o "${CARGO_TARGET_DIR:-target}/THIRD-PARTY-NOTICES.md"
if ! cmp -s THIRD-PARTY-NOTICES.md "${CARGO_TARGET_DIR:-target}/THIRD-PARTY-NOTICES.md"; then
    echo "THIRD-PARTY-NOTICES.md is out of date with Cargo.lock; regenerate it with:" >&2
    echo "  cargo about generate --locked --offline --fail about.hbs -o THIRD-PARTY-NOTICES.md" >&2
    exit 1
fi
bash scripts/deb-check.sh
VITRINA_BIN="$PWD/target/release/vitrina" cargo test --all-targets --locked
du -sh "${CARGO_TARGET_DIR:-target}" && df -h . | tail -n 1
cargo run --release --locked -- check content.ron
bash scripts/speech-check.sh
# Windows 10/11: the same code cross-built with MinGW-w64 (output in target/x86_64-pc-windows-gnu/).
rustup target add x86_64-pc-windows-gnu
cargo build --release --locked --target x86_64-pc-windows-gnu
# The portable Windows zip (target/vitrina-<version>-windows-x64.zip), listed and checked.
bash scripts/package-windows.sh
