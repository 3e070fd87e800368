#!/usr/bin/env bash
# Rebuild assets/fonts/ from the packaged sources. Needs apt (Debian bookworm), npm, python3.
#   Inter 3.019 (static CFF .otf)      <- Debian package fonts-inter 4.0~beta7+ds-1
#   Source Serif 4 SemiBold 4.004      <- npm @fontsource/source-serif-4 5.3.1 (WOFF 1.0, unwrapped to TTF)
# Debian ships no static TrueType Inter; fonts-inter-variable has only variable .ttf files,
# so the static CFF .otf files are used as they are (egui 0.37 / skrifa reads CFF outlines).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="$ROOT/assets/fonts"
WORK="$(mktemp -d /tmp/vitrina-fonts.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

# --- Inter (Debian) ---------------------------------------------------------
INTER=/usr/share/fonts/opentype/inter
[ -f "$INTER/Inter-Regular.otf" ] || sudo apt-get install -y fonts-inter
cp "$INTER/Inter-Regular.otf" "$INTER/Inter-SemiBold.otf" "$OUT/"

# --- Source Serif 4 SemiBold (npm / Fontsource) -----------------------------
SERIF_VERSION=5.3.1
(cd "$WORK" && npm pack "@fontsource/source-serif-4@$SERIF_VERSION" >/dev/null \
    && tar xzf fontsource-source-serif-4-*.tgz)
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q fonttools
"$WORK/venv/bin/python" - "$WORK/package/files" "$OUT" <<'EOF'
import sys
from fontTools.ttLib import TTFont
src, out = sys.argv[1], sys.argv[2]
for s in ("latin", "latin-ext", "cyrillic", "cyrillic-ext"):
    # Lossless: drop the WOFF 1.0 wrapper only; glyphs and tables are unchanged.
    f = TTFont(f"{src}/source-serif-4-{s}-600-normal.woff", recalcTimestamp=False)
    f.flavor = None
    f.save(f"{out}/SourceSerif4-SemiBold-{s}.ttf")
EOF

# --- Licences (SIL OFL 1.1) -------------------------------------------------
# The OFL body comes from the npm package's LICENSE; its copyright line reads
# "Google Inc.", so the real holders are written instead (Inter: Debian copyright
# file; Source Serif: the fonts' own name-table copyright string).
OFL_BODY() { sed -n '/^This Font Software is licensed/,$p' "$WORK/package/LICENSE"; }
{ printf '%s\n' 'Copyright 2016-2022 The Inter Project Authors <rasmus@notion.se>' \
    'https://github.com/rsms/inter' ''; OFL_BODY; } > "$OUT/Inter-LICENSE.txt"
{ printf '%s\n' 'Copyright 2014 - 2021 Adobe Systems Incorporated (http://www.adobe.com/), with Reserved Font Name ‘Source’.' \
    ''; OFL_BODY; } > "$OUT/SourceSerif4-LICENSE.txt"

# --- Check glyph coverage ---------------------------------------------------
"$WORK/venv/bin/python" - "$OUT" <<'EOF'
import glob, sys
from fontTools.ttLib import TTFont
S = "ąčęėįšųūžĄČĘĖĮŠŲŪŽ„“–—·€ґєіїҐЄІЇБородянкаІрпіньМиколаїв0123456789%$"
def check(label, cmap):
    miss = [c for c in sorted(set(S)) if ord(c) not in cmap]
    print(f"{label}: missing {' '.join(miss) if miss else 'none'}")
    return not miss
ok = all([check(p, TTFont(p).getBestCmap()) for p in sorted(glob.glob(f"{sys.argv[1]}/Inter-*.otf"))])
union = {}
for p in glob.glob(f"{sys.argv[1]}/SourceSerif4-SemiBold-*.ttf"):
    union.update(TTFont(p).getBestCmap())
ok = check("SourceSerif4-SemiBold (all subsets)", union) and ok
sys.exit(0 if ok else 1)
EOF
ls -l "$OUT"
