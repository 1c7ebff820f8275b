#!/bin/sh
# Regenerate static/fonts/NotoSansMongolian-subset.woff2 (docs/MONGOLIAN.md).
# Source: Debian's fonts-noto-core (NotoSansMongolian-Regular.ttf, SIL OFL 1.1).
# Needs fontTools with brotli (a dev tool, not a site dependency):
#   python3 -m venv /tmp/ftvenv && /tmp/ftvenv/bin/pip install fonttools brotli
#   PYFTSUBSET=/tmp/ftvenv/bin/pyftsubset tools/subset_mongolian_font.sh
set -eu
cd "$(dirname "$0")/.."
PYFTSUBSET=${PYFTSUBSET:-pyftsubset}
SOURCE=${SOURCE:-}
if [ -z "$SOURCE" ]; then
    work=$(mktemp -d)
    (cd "$work" && apt-get download fonts-noto-core && dpkg -x fonts-noto-core_*.deb x)
    SOURCE="$work/x/usr/share/fonts/truetype/noto/NotoSansMongolian-Regular.ttf"
fi
# The Mongolian block and its supplement, the joiners and NNBSP the script uses, the
# space and basic punctuation. Every layout feature is kept: the letters' initial,
# medial, final and isolated forms are chosen by the font's GSUB rules.
"$PYFTSUBSET" "$SOURCE" \
    --unicodes="U+0020-0040,U+1800-18AF,U+11660-1167F,U+200C-200D,U+202F,U+25CC" \
    --layout-features='*' --flavor=woff2 --no-hinting \
    --output-file=static/fonts/NotoSansMongolian-subset.woff2
