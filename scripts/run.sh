#!/usr/bin/env bash
# Runs the kiosk on the shipped content (fullscreen; pass --windowed for a window).
# First, only when something is missing, it installs what building and running the kiosk
# needs: the Debian packages of `scripts/install-deps.sh --run` (a C tool chain, pkg-config,
# the window, GL and speech libraries; with sudo when not root, saying what it installs) and
# Rust with rustup into ~/.cargo when cargo is missing (Debian's own Rust is older than the
# version this crate needs). The test tools (Xvfb, MinGW-w64, sox...) are not installed.
#   bash scripts/run.sh [--check-only] [vitrina options...]
#   --check-only: install what is missing, then stop before building and running the kiosk.
set -euo pipefail
cd "$(dirname "$0")/.."

check_only=0
if [ "${1:-}" = "--check-only" ]; then
    check_only=1
    shift
fi

# Runs "$@" as root: directly when root, else through sudo (which may ask for a password).
as_root() {
    if [ "$(id -u)" = 0 ]; then
        "$@"
    elif command -v sudo >/dev/null; then
        sudo "$@"
    else
        echo "run.sh: installing needs root and sudo is missing; as root, run: $*" >&2
        exit 1
    fi
}

if [ -z "$(command -v cargo || true)" ] && [ -x "$HOME/.cargo/bin/cargo" ]; then
    PATH="$HOME/.cargo/bin:$PATH"
fi
need_rust=0
if [ -z "$(command -v cargo || true)" ]; then
    need_rust=1
fi

# The Debian packages not installed yet. dpkg-query's answer goes into a variable and is
# matched there: no `| grep -q` (which closes the pipe early and fails under pipefail).
missing=()
if command -v dpkg-query >/dev/null; then
    wanted_text=$(bash scripts/install-deps.sh --list-run)
    mapfile -t wanted <<<"$wanted_text"
    if [ "$need_rust" = 1 ]; then
        wanted+=(curl ca-certificates)
    fi
    # Exits with 1 when a package is unknown to dpkg; that package is then missing below.
    status=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${wanted[@]}" 2>/dev/null || true)
    for package in "${wanted[@]}"; do
        case $'\n'"$status"$'\n' in
            *$'\n'"$package installed"$'\n'*) ;;
            *) missing+=("$package") ;;
        esac
    done
else
    echo "run.sh: not a Debian system (no dpkg-query): install the equivalents of" \
        "\`bash scripts/install-deps.sh --list-run\` yourself" >&2
fi

if [ "${#missing[@]}" -gt 0 ]; then
    echo "run.sh: installing what building and running the kiosk needs (as root): ${missing[*]}" >&2
    if [ "$need_rust" = 1 ]; then
        as_root bash scripts/install-deps.sh --run curl ca-certificates
    else
        as_root bash scripts/install-deps.sh --run
    fi
fi

if [ "$need_rust" = 1 ]; then
    echo "run.sh: cargo is missing: installing Rust (stable, minimal profile) with rustup into $HOME/.cargo" >&2
    rustup_init=$(mktemp)
    trap 'rm -f "$rustup_init"' EXIT
    # Through a file, so that a failed download stops here (a pipe into sh would hide it).
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs -o "$rustup_init"
    sh "$rustup_init" -y --profile minimal --default-toolchain stable
    PATH="$HOME/.cargo/bin:$PATH"
fi

if [ "$check_only" = 1 ]; then
    echo "run.sh: everything building and running the kiosk needs is installed" >&2
    exit 0
fi
exec cargo run --release --locked -- "$@"
