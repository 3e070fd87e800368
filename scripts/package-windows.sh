#!/usr/bin/env bash
# Packs the portable Windows zip from the release cross build (run after
# `cargo build --release --locked --target x86_64-pc-windows-gnu`):
#   target/vitrina-<version>-windows-x64.zip   (in $CARGO_TARGET_DIR when that is set)
# with one folder, vitrina-<version>-windows-x64\, holding vitrina.exe, content.ron, assets\,
# the PowerShell scripts and the task XML of packaging/windows/, an example kiosk.ron,
# READ-ME.txt for operators, and the licence files when the repository has them.
# It then lists the zip and fails if an expected entry is missing. Needs `zip`.
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir="${CARGO_TARGET_DIR:-target}"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
if [ -z "$version" ]; then
    echo "package-windows.sh: no version in Cargo.toml" >&2
    exit 1
fi
exe="$target_dir/x86_64-pc-windows-gnu/release/vitrina.exe"
if [ ! -f "$exe" ]; then
    echo "package-windows.sh: $exe missing: cargo build --release --locked --target x86_64-pc-windows-gnu" >&2
    exit 1
fi
if ! command -v zip >/dev/null; then
    echo "package-windows.sh: zip missing: apt-get install zip (scripts/install-deps.sh)" >&2
    exit 1
fi

name="vitrina-$version-windows-x64"
zip_path="$(cd "$target_dir" && pwd)/$name.zip"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
folder="$stage/$name"
mkdir -p "$folder"

cp "$exe" content.ron "$folder/"
cp -R assets "$folder/assets"
cp packaging/windows/install.ps1 packaging/windows/setup-kiosk.ps1 \
    packaging/windows/vitrina-run.ps1 packaging/windows/vitrina-autostart.xml "$folder/"
cp packaging/kiosk.ron "$folder/kiosk.example.ron"
# Windows line ends, so every Notepad shows it as written.
sed -e "s/@VERSION@/$version/g" -e 's/$/\r/' packaging/windows/READ-ME.txt >"$folder/READ-ME.txt"
licences=()
for licence in LICENSE-MIT LICENSE-APACHE THIRD-PARTY-NOTICES.*; do
    if [ -f "$licence" ]; then
        cp "$licence" "$folder/"
        licences+=("$licence")
    fi
done

rm -f "$zip_path"
(cd "$stage" && zip -q -r -X -9 "$zip_path" "$name")

# The listing, and every entry an operator needs.
listing="$(zip -sf "$zip_path")"
expected=(
    vitrina.exe content.ron READ-ME.txt kiosk.example.ron
    install.ps1 setup-kiosk.ps1 vitrina-run.ps1 vitrina-autostart.xml
    assets/fonts/Inter-Regular.otf assets/fonts/Inter-LICENSE.txt assets/map/names.ron
)
if [ "${#licences[@]}" -gt 0 ]; then
    expected+=("${licences[@]}")
fi
# Every file under assets/ too: the content may point at any of them.
while IFS= read -r -d '' asset; do
    expected+=("$asset")
done < <(find assets -type f -print0)
missing=0
for entry in "${expected[@]}"; do
    if ! grep -qxF "  $name/$entry" <<<"$listing"; then
        echo "package-windows.sh: $entry missing from $zip_path" >&2
        missing=1
    fi
done
if [ "$missing" != 0 ]; then
    echo "$listing" >&2
    exit 1
fi
if [ "${#licences[@]}" = 0 ]; then
    echo "package-windows.sh: note: no LICENSE-* or THIRD-PARTY-NOTICES.* in the repository yet; the zip has none" >&2
fi
echo "$listing"
echo "$zip_path: $(stat -c %s "$zip_path") bytes, ${#expected[@]} expected entries present"
