#!/usr/bin/env bash
# Whole-process figures of the release kiosk under Xvfb (first frame, memory after visiting
# every screen, CPU in the attract loop and on a static screen) for the glow and wgpu
# renderers, as medians. Needs Xvfb, xdotool and ImageMagick (scripts/install-deps.sh).
# Environment: VITRINA_BENCH_RUNS, VITRINA_BENCH_SECS, VITRINA_BENCH_SIZE, VITRINA_BENCH_RENDERERS.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo bench --bench kiosk "$@"
