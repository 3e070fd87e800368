#!/usr/bin/env bash
# System packages the kiosk and its tests need on Debian (run as root).
# Window and rendering libraries for eframe (X11, Wayland, GL, Vulkan in software);
# Xvfb, xdotool and ImageMagick for the real-window tests, xset (x11-xserver-utils) for the
# display power test; cage (with the Xwayland it starts) and grim for the Wayland test
# (tests/wayland_window.rs); the MinGW-w64 cross-compiler for
# the Windows build (target x86_64-pc-windows-gnu).
# Read aloud (feature `speech`, on by default): the `tts` crate builds its Speech Dispatcher
# bindings with bindgen, so it needs libspeechd-dev, libclang-dev and pkg-config to build, and
# libspeechd2 (pulled in by libspeechd-dev) to run. speech-dispatcher with its espeak-ng module
# speaks; sox measures the sound in scripts/speech-check.sh. alsa-utils plays the idle chime.
# minisign (the tool IT signs content with) and git for tests/signing.rs: interoperability
# with the tool, and the git round trip of packaging/linux/vitrina-content-pull.
# systemd brings systemd-analyze, which tests/systemd_units.rs runs on the shipped units.
# desktop-file-utils: desktop-file-validate for tests/desktop_entry.rs; zip packs the Windows
# zip (scripts/package-windows.sh).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends \
    xvfb xauth xdotool imagemagick x11-xserver-utils \
    cage xwayland grim \
    mesa-vulkan-drivers libgl1-mesa-dri libegl1 libgl1 \
    libxkbcommon-x11-0 libxkbcommon0 libwayland-client0 libwayland-egl1 \
    libx11-6 libx11-xcb1 libxcursor1 libxrandr2 libxi6 \
    gcc-mingw-w64-x86-64 \
    pkg-config libclang-dev libspeechd-dev \
    speech-dispatcher speech-dispatcher-espeak-ng espeak-ng sox alsa-utils \
    minisign git systemd \
    desktop-file-utils zip
