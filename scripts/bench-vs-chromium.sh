#!/bin/bash
# bench-vs-chromium.sh [BINARY...]
#
# The release kiosk against the web kiosk a visitor would get instead (Chromium --kiosk on
# the shared harness's peer page), in one run, interleaved (V C V C ...), on private Xvfb
# screens, then the medians and the ratios to Chromium of: first content frame, CPU in the
# attract loop, PSS after 10 s and at the end of the CPU window (about 40 s).
#
# Each BINARY (default: target/release/vitrina) is measured in turn with the shipped
# content; pass the main build's binary first to hold a change against it.
#
# Environment:
#   BENCH_HARNESS=../shared/bench   the shared harness (copied to a scratch folder first;
#                                   from a worktree, the one beside the main checkout)
#   BENCH_RUNS=3                    runs of each at each size
#   BENCH_SIZES="1920x1080x24 3840x2160x24"
#   BENCH_CONTENT=content.ron
#   BENCH_OUT=<scratch>/out         where the JSON of each run is kept
set -u -o pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HARNESS=${BENCH_HARNESS:-$ROOT/../shared/bench}
if [[ -z ${BENCH_HARNESS:-} && ! -d $HARNESS ]]; then
  # In a git worktree: the harness sits beside the main checkout.
  common=$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
  [[ -n $common ]] && HARNESS=$(dirname "$(dirname "$common")")/shared/bench
fi
RUNS=${BENCH_RUNS:-3}
SIZES=${BENCH_SIZES:-1920x1080x24 3840x2160x24}
CONTENT=$(realpath "${BENCH_CONTENT:-$ROOT/content.ron}")
BINARIES=("$@")
[[ ${#BINARIES[@]} -gt 0 ]] || BINARIES=("${CARGO_TARGET_DIR:-$ROOT/target}/release/vitrina")
for b in "${BINARIES[@]}"; do
  [[ -x $b ]] || { echo "bench-vs-chromium: no binary at $b (cargo build --release)" >&2; exit 2; }
done
[[ -x $HARNESS/measure.sh ]] || { echo "bench-vs-chromium: no harness at $HARNESS" >&2; exit 2; }

SCRATCH=$(mktemp -d /tmp/bench-vs-chromium.XXXXXX) || exit 2
cp -r "$HARNESS/." "$SCRATCH/"
OUT=${BENCH_OUT:-$SCRATCH/out}
mkdir -p "$OUT"
export MEASURE_OUT=$OUT
echo "bench-vs-chromium: harness copy in $SCRATCH, results in $OUT" >&2

for size in $SIZES; do
  tag=${size%x*}
  for ((run = 1; run <= RUNS; run++)); do
    for i in "${!BINARIES[@]}"; do
      data=$(mktemp -d /tmp/bench-vs-chromium-data.XXXXXX)
      MEASURE_SCREEN=$size "$SCRATCH/measure.sh" "v$i-$tag-$run" -- "${BINARIES[$i]}" \
        --content "$CONTENT" --data-dir "$data" >/dev/null
      rm -rf "$data"
    done
    MEASURE_SCREEN=$size "$SCRATCH/run-chromium.sh" "chromium-$tag-$run" >/dev/null
  done
done

# Medians per kind and size, then the ratios to Chromium at the same size.
median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
figure() { # figure PREFIX FIELD -> median over out/PREFIX-*.json that are ok
  cat "$OUT/$1"-*.json 2>/dev/null | jq -r "select(.ok == true) | .$2 // empty" | median
}
FIELDS="time_to_first_frame_ms cpu_pct pss_mib pss_end_mib host_other_window_pct"
printf '| size | figure | Chromium |'
for i in "${!BINARIES[@]}"; do printf ' Vitrina %s | ratio |' "$i"; done
printf '\n|---|---|---:|'
for i in "${!BINARIES[@]}"; do printf -- '---:|---:|'; done
printf '\n'
for size in $SIZES; do
  tag=${size%x*}
  for field in $FIELDS; do
    c=$(figure "chromium-$tag" "$field")
    printf '| %s | %s | %s |' "$tag" "$field" "$c"
    for i in "${!BINARIES[@]}"; do
      v=$(figure "v$i-$tag" "$field")
      ratio=-
      [[ $field == host_other_* ]] ||
        ratio=$(awk -v v="$v" -v c="$c" 'BEGIN { if (c + 0 > 0 && v != "nan") printf "%.2f", v / c; else print "-" }')
      printf ' %s | %s |' "$v" "$ratio"
    done
    printf '\n'
  done
done
echo "(medians of $RUNS runs each, interleaved; host_other_window_pct is what the rest of the machine used meanwhile: a high figure means a contaminated run)"
