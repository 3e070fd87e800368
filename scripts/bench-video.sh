#!/usr/bin/env bash
# Attract-loop CPU with a clip playing, beside the same picture slide without it: the release
# kiosk under Xvfb at 1920x1080 (glow, Mesa's software renderer where there is no GPU), one
# picture slide of the energy illustration, with and without the map-tour clip that
# examples/make_clips.rs renders (1280x720, 10 fps). Prints the process's CPU (all threads,
# decoder included) as a share of one core, and its resident memory, for two runs each.
# Needs Xvfb. Environment: VITRINA_BIN (default target/release/vitrina), SECS (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
cargo build --release --bin vitrina --example make_clips
BIN=${VITRINA_BIN:-$target/release/vitrina}
SECS=${SECS:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$target/release/examples/make_clips" gipl "$work/gipl.mp4"
for kind in picture video; do
  mkdir -p "$work/$kind"
  cp -r content.ron assets "$work/$kind/"
  video=""
  if [ "$kind" = video ]; then
    mkdir -p "$work/$kind/assets/video"
    cp "$work/gipl.mp4" "$work/$kind/assets/video/gipl.mp4"
    video=', video: (path: "assets/video/gipl.mp4")'
  fi
  python3 - "$work/$kind/content.ron" "$video" <<'PY'
import sys
path, video = sys.argv[1], sys.argv[2]
s = open(path).read()
start = s.index('    slides: [')
end = s.index('    ],', start) + len('    ],')
slide = ('    slides: [\n        Picture(picture: (path: "assets/illustrations/energy.png"'
         + video + '), secs: 600.0),\n    ],')
open(path, 'w').write(s[:start] + slide + s[end:])
PY
done
for kind in picture video; do
  for run in 1 2; do
    Xvfb :77 -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
    DISPLAY=:77 "$BIN" --windowed --size 1920x1080 --content "$work/$kind/content.ron" \
      --data-dir "$work/data-$kind" --log-dir "$work/logs" >/dev/null 2>&1 &
    kiosk=$!
    sleep 6
    a=$(awk '{print $14+$15}' "/proc/$kiosk/stat")
    sleep "$SECS"
    b=$(awk '{print $14+$15}' "/proc/$kiosk/stat")
    rss=$(awk '/VmRSS/{print $2}' "/proc/$kiosk/status")
    ticks=$(getconf CLK_TCK)
    echo "$kind slide, run $run: CPU $(( (b - a) * 100 / (SECS * ticks) ))% of one core, RSS $(( rss / 1024 )) MB"
    kill "$kiosk"; wait "$kiosk" 2>/dev/null || true
    kill "$xvfb"; wait "$xvfb" 2>/dev/null || true
  done
done
