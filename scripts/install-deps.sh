#!/usr/bin/env bash
# System packages the kiosk and its tests need on Debian (run as root).
#   bash scripts/install-deps.sh          everything: running the kiosk and its tests (CI)
#   bash scripts/install-deps.sh --run [PACKAGE...]   only what building and running the kiosk
#                                         needs (and the packages named; run.sh adds curl)
#   bash scripts/install-deps.sh --list-run   print that list and install nothing
# Run list: a C tool chain (gcc, libc6-dev) and pkg-config, which Rust's build scripts use;
# the window and rendering libraries for eframe (X11, Wayland, GL, Vulkan in software);
# read aloud (feature `speech`, on by default): the `tts` crate builds its Speech Dispatcher
# bindings with bindgen, so it needs libspeechd-dev and libclang-dev to build, and libspeechd2
# (pulled in by libspeechd-dev) to run; speech-dispatcher with its espeak-ng module speaks.
# alsa-utils plays the idle chime.
# Test list: Xvfb, xdotool and ImageMagick for the real-window tests, xset (x11-xserver-utils)
# for the display power test; the MinGW-w64 cross-compiler for the Windows build (target
# x86_64-pc-windows-gnu); sox measures the sound in scripts/speech-check.sh.
# minisign (the tool IT signs content with) and git for tests/signing.rs: interoperability
# with the tool, and the git round trip of packaging/linux/vitrina-content-pull.
# systemd brings systemd-analyze, which tests/systemd_units.rs runs on the shipped units.
# cage (with the Xwayland it starts) and grim for the Wayland test (tests/wayland_window.rs).
# openbox: a window manager for tests/window_reassert.rs (minimise, on-top under a WM).
# desktop-file-utils: desktop-file-validate for tests/desktop_entry.rs; zip packs the Windows
# zip (scripts/package-windows.sh).
# dpkg-dev (dpkg-shlibdeps) lets `cargo deb` work out the package's library dependencies;
# sudo lets tests/run_script.rs run scripts/run.sh as a normal user.
set -euo pipefail
run_packages=(
    gcc g++ libc6-dev pkg-config libclang-dev libspeechd-dev
    mesa-vulkan-drivers libgl1-mesa-dri libegl1 libgl1
    libxkbcommon-x11-0 libxkbcommon0 libwayland-client0 libwayland-egl1
    libx11-6 libx11-xcb1 libxcursor1 libxrandr2 libxi6
    speech-dispatcher speech-dispatcher-espeak-ng espeak-ng alsa-utils
)
test_packages=(
    xvfb xauth xdotool imagemagick x11-xserver-utils
    gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64
    sox
    minisign git systemd
    dpkg-dev sudo
    cage xwayland grim
    openbox
    desktop-file-utils zip
)
case "${1:-}" in
    --list-run) printf '%s\n' "${run_packages[@]}"; exit 0 ;;
    --run) packages=("${run_packages[@]}" "${@:2}") ;;
    '') packages=("${run_packages[@]}" "${test_packages[@]}") ;;
    *) echo "usage: install-deps.sh [--run | --list-run]" >&2; exit 2 ;;
esac
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${packages[@]}"
