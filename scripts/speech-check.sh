#!/usr/bin/env bash
# Real speech on this machine (issue 9): speaks one Lithuanian and one English paragraph of the
# shipped content to WAV files with espeak-ng (the synthesiser Speech Dispatcher uses on
# Debian) and checks with sox that each holds real sound: longer than 0.5 s, RMS above 0.01.
# Then runs the ignored Rust test that speaks through the `tts` crate and Speech Dispatcher.
# Skipped with a message when the speech tools are missing; with CI set, that is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
for tool in espeak-ng sox speech-dispatcher; do
    command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "speech check skipped: ${missing[*]} not installed (scripts/install-deps.sh installs them)" >&2
    [ -z "${CI:-}" ] || exit 1
    exit 0
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The first body paragraph of the first section, in each language, as the kiosk reads it.
paragraph() {
    awk -v lang="\"$1\":" '
        /body: \[/ { inbody = 1 }
        inbody && index($0, lang) { sub(/^[^:]*: *"/, ""); sub(/",? *$/, ""); print; exit }
    ' content.ron
}

# check NAME MIN_SECS SOX_INPUT...: reports the length and RMS sox measures; fails on silence.
check() {
    local name=$1 min=$2 stats secs rms
    shift 2
    stats=$(sox "$@" -n stat 2>&1) || true
    secs=$(awk '/^Length \(seconds\)/ { print $3 }' <<<"$stats")
    rms=$(awk '/^RMS +amplitude/ { print $3 }' <<<"$stats")
    if awk -v s="${secs:-0}" -v r="${rms:-0}" -v m="$min" 'BEGIN { exit !(s > m && r > 0.01) }'; then
        echo "speech check $name: ${secs} s, RMS ${rms}: sound"
    else
        echo "speech check $name: ${secs:-no} s, RMS ${rms:-none}: no real sound" >&2
        return 1
    fi
}

fail=0
for lang in lt en; do
    text=$(paragraph "$lang")
    [ -n "$text" ] || { echo "no $lang paragraph found in content.ron" >&2; exit 1; }
    wav="$out/$lang.wav"
    espeak-ng -v "$lang" -w "$wav" "$text"
    check "$lang" 0.5 "$wav" || fail=1
done
[ "$fail" = 0 ] || exit 1

# The kiosk's own path: the tts crate through Speech Dispatcher, which plays through ALSA into
# a file here (a private Speech Dispatcher, spawned from a private HOME, so the machine needs
# no sound card and the user's own set-up is untouched; it exits by itself when idle); then
# sox measures that file.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
cargo test --lib --locked --no-run a11y::speech 2>/dev/null
mkdir -p "$out/home/.config/speech-dispatcher" "$out/run"
chmod 700 "$out/run"
cat >"$out/home/.config/speech-dispatcher/speechd.conf" <<CONF
AudioOutputMethod "alsa"
AddModule "espeak-ng" "sd_espeak-ng" "espeak-ng.conf"
DefaultModule espeak-ng
CONF
cat >"$out/home/.asoundrc" <<CONF
pcm.!default {
    type file
    slave.pcm "null"
    file "$out/spoken.raw"
    format "raw"
}
CONF
HOME="$out/home" XDG_RUNTIME_DIR="$out/run" XDG_CONFIG_HOME="$out/home/.config" \
    cargo test --lib --locked a11y::speech -- --ignored --nocapture
# espeak-ng speaks 16-bit mono at 22 050 Hz.
check "through tts and Speech Dispatcher (en + lt)" 1.0 \
    -t raw -r 22050 -e signed -b 16 -c 1 "$out/spoken.raw"

