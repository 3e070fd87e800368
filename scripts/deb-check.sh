#!/usr/bin/env bash
# The Debian package (issue 16), run by scripts/test.sh after the release build:
#   1. `cargo deb --no-build` packs target/release/vitrina and the files listed in Cargo.toml's
#      [package.metadata.deb] into target/debian/vitrina_<version>-1_amd64.deb;
#   2. the package holds what it must (program, content, assets, units, accounts, licences);
#   3. as root with CI set (or VITRINA_DEB_INSTALL=1), it is installed with apt-get as an
#      operator would, then: `vitrina check` on the installed content, as root and as the kiosk
#      account; `systemd-analyze verify` on the installed units; the installed program, run as
#      the kiosk account `vitrina` on the package's content (/srv/vitrina/current), draws its
#      first frame under Xvfb. Without root or CI the install is skipped with a note.
# Any failure stops with a non-zero status.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
    echo "deb-check: $*" >&2
    exit 1
}

# cargo deb prints the path of the package it made.
deb=$(cargo deb --no-build --locked)
deb=${deb##*$'\n'}
[ -f "$deb" ] || fail "cargo deb made no package ($deb)"
echo "deb-check: $deb ($(du -k "$deb" | cut -f1) KiB)"

contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/vitrina ./usr/bin/vitrina-content-pull \
    ./usr/share/vitrina/content.ron ./usr/share/vitrina/assets/fonts/ \
    ./usr/lib/systemd/system/vitrina-cage.service \
    ./usr/lib/systemd/system/vitrina-content-pull.service \
    ./usr/lib/systemd/system/vitrina-content-pull.timer \
    ./usr/lib/systemd/user/vitrina.service \
    ./usr/lib/sysusers.d/vitrina.conf ./usr/lib/tmpfiles.d/vitrina.conf \
    ./etc/pam.d/vitrina-cage ./etc/vitrina/kiosk.ron.example \
    ./usr/share/doc/vitrina/copyright ./usr/share/doc/vitrina/LICENSE-MIT \
    ./usr/share/doc/vitrina/LICENSE-APACHE ./usr/share/doc/vitrina/THIRD-PARTY-NOTICES.md \
    ./usr/share/doc/vitrina/operators.md; do
    case $'\n'"$contents"$'\n' in
        *" $path"$'\n'*) ;;
        *) fail "the package lacks $path" ;;
    esac
done
depends=$(dpkg-deb -f "$deb" Depends)
for package in libspeechd2 libxkbcommon-x11-0 libegl1 libgl1-mesa-dri speech-dispatcher; do
    case ", $depends," in
        *", $package"[\ ,]*) ;;
        *) fail "Depends lacks $package: $depends" ;;
    esac
done
echo "deb-check: contents and Depends as expected"

if [ "$(id -u)" != 0 ] || { [ -z "${CI:-}" ] && [ -z "${VITRINA_DEB_INSTALL:-}" ]; }; then
    echo "deb-check: not installing it (needs root, and CI=1 or VITRINA_DEB_INSTALL=1)" >&2
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
# --reinstall: a second run of the same version installs this build again.
apt-get install -y --reinstall "$deb"
dpkg-query -W -f='${Status}\n' vitrina
[ "$(dpkg-query -W -f='${db:Status-Status}' vitrina)" = installed ] || fail "vitrina is not installed"

/usr/bin/vitrina check /usr/share/vitrina/content.ron
getent passwd vitrina vitrina-content
[ -L /srv/vitrina/current ] || [ -d /srv/vitrina/current ] || fail "/srv/vitrina/current is missing"
runuser -u vitrina -- /usr/bin/vitrina check /srv/vitrina/current/content.ron

runtime=$(mktemp -d)
xvfb_out=$(mktemp)
frame_log=$(mktemp)
xvfb_pid=
app_pid=
cleanup() {
    if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; fi
    if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
    rm -rf "$runtime" "$xvfb_out" "$frame_log"
}
trap cleanup EXIT

export SYSTEMD_LOG_LEVEL=notice
systemd-analyze verify --man=no /usr/lib/systemd/system/vitrina-cage.service \
    /usr/lib/systemd/system/vitrina-content-pull.service \
    /usr/lib/systemd/system/vitrina-content-pull.timer
XDG_RUNTIME_DIR=$runtime systemd-analyze --user verify --man=no /usr/lib/systemd/user/vitrina.service
echo "deb-check: systemd-analyze verify passes on the installed units"

# The installed program as the kiosk account, with its default data folder, to a first frame.
Xvfb -displayfd 1 -screen 0 1280x720x24 -nolisten tcp >"$xvfb_out" 2>/dev/null &
xvfb_pid=$!
for _ in $(seq 100); do
    [ -s "$xvfb_out" ] && break
    sleep 0.1
done
display=:$(tr -d '[:space:]' <"$xvfb_out")
[ "$display" != : ] || fail "Xvfb gave no display number"
chmod 666 "$frame_log"
# setpriv execs (no parent in between), so $! is the kiosk itself and cleanup ends it.
setpriv --reuid=vitrina --regid=vitrina --init-groups \
    env -u WAYLAND_DISPLAY HOME=/var/lib/vitrina USER=vitrina DISPLAY="$display" RUST_LOG=info \
    /usr/bin/vitrina --content /srv/vitrina/current/content.ron >/dev/null 2>"$frame_log" &
app_pid=$!
for _ in $(seq 900); do
    log=$(cat "$frame_log")
    case $log in *"first frame drawn"*) break ;; esac
    kill -0 "$app_pid" 2>/dev/null || fail "the installed vitrina exited before its first frame: $log"
    sleep 0.1
done
case $(cat "$frame_log") in
    *"first frame drawn"*) echo "deb-check: the installed /usr/bin/vitrina drew its first frame as the user vitrina" ;;
    *) fail "no first frame from the installed vitrina in 90 s: $(cat "$frame_log")" ;;
esac
[ -d /var/lib/vitrina/.local/share/vitrina/logs ] || fail "no logs in the kiosk account's data folder"
