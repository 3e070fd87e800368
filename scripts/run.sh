#!/usr/bin/env bash
# Runs the kiosk on the shipped content (fullscreen; pass --windowed for a window).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! ldconfig -p 2>/dev/null | grep -q libxkbcommon-x11 \
    || ! pkg-config --exists speech-dispatcher 2>/dev/null; then
    echo "installing the window and speech libraries (needs root)" >&2
    bash scripts/install-deps.sh
fi
exec cargo run --release --locked -- "$@"
