#!/usr/bin/env bash
# Regenerates the media of the HallCue demo packs in assets/packs/:
#   - every SVG (via scripts/make-demo-svgs.mjs, plain Node, no dependencies)
#   - the opening video of pack 1 (6 s, 1280x720, 25 fps, VP9 WebM, no audio)
#   - its poster PNG (the first frame)
#
# Needs: node, ffmpeg with libvpx + libfreetype, and the Noto Sans CJK fonts
# (Debian: apt-get install ffmpeg fonts-noto-cjk).
#
# Usage: scripts/make-demo-media.sh            (from anywhere)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKS="$ROOT/assets/packs"
FFMPEG="${FFMPEG:-ffmpeg}"

for tool in node "$FFMPEG"; do
  command -v "$tool" >/dev/null 2>&1 || { echo "make-demo-media: '$tool' not found" >&2; exit 1; }
done

# --- fonts -----------------------------------------------------------------
# drawtext takes a font file (face 0 of the .ttc collection, which carries all
# the CJK glyphs we need). Fall back to fontconfig when the Debian path differs.
find_font() {
  local file="$1" pattern="$2" found
  if [[ -f "$file" ]]; then
    printf '%s' "$file"
    return
  fi
  found="$(fc-match -f '%{file}' "$pattern" 2>/dev/null || true)"
  if [[ -z "$found" || ! -f "$found" ]]; then
    echo "make-demo-media: no font for '$pattern' (install fonts-noto-cjk)" >&2
    exit 1
  fi
  printf '%s' "$found"
}
FONT_BOLD="$(find_font /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc 'Noto Sans CJK SC:bold')"
FONT_REGULAR="$(find_font /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc 'Noto Sans CJK SC')"

# --- SVG artwork -----------------------------------------------------------
echo "== SVG artwork"
node "$ROOT/scripts/make-demo-svgs.mjs" "$PACKS"

# --- pack 1: opening video + poster ----------------------------------------
MEDIA="$PACKS/1-congress-report/media"
VIDEO="$MEDIA/opening.webm"
POSTER="$MEDIA/opening-poster.png"
mkdir -p "$MEDIA"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# Filter graph kept in a file so the CJK text and expressions need no shell quoting.
#  [0] slowly rotating deep-red gradient
#  [1] one frame of a soft warm light band, looped and swept across the frame
cat >"$WORK/graph.txt" <<EOF
[1:v]format=rgba,
  geq=r=255:g=218:b=150:a='72*exp(-pow((X-130)/60\,2))',
  rotate=a=PI/7:c=none:ow=rotw(PI/7):oh=roth(PI/7),
  loop=loop=-1:size=1:start=0[band];
[0:v][band]overlay=x='-820+t*420':y=-260:shortest=1,
  vignette=angle=PI/5,
  drawbox=x=40:y=40:w=1200:h=640:color=0xf2c14e@0.30:t=1,
  drawbox=x=64:y=64:w=72:h=4:color=0xf2c14e@1:t=fill,
  drawbox=x=144:y=64:w=18:h=4:color=0xf2c14e@0.5:t=fill,
  drawbox=x=1144:y=652:w=72:h=4:color=0xf2c14e@1:t=fill,
  drawbox=x=1118:y=652:w=18:h=4:color=0xf2c14e@0.5:t=fill,
  drawtext=fontfile='$FONT_BOLD':text='★':fontsize=40:fontcolor=0xf2c14e:x=(w-tw)/2:y=190,
  drawtext=fontfile='$FONT_BOLD':text='大会图文报告':fontsize=100:fontcolor=white:x=(w-tw)/2:y=258:shadowcolor=0x1f0406@0.45:shadowx=0:shadowy=4,
  drawbox=x=560:y=404:w=160:h=4:color=0xf2c14e@1:t=fill,
  drawtext=fontfile='$FONT_REGULAR':text='GRAPHIC REPORT OF THE CONGRESS':fontsize=30:fontcolor=0xf2c14e:x=(w-tw)/2:y=432,
  format=yuv420p[out]
EOF

echo "== $VIDEO"
"$FFMPEG" -hide_banner -loglevel error -y \
  -f lavfi -i "gradients=s=1280x720:r=25:d=6:n=3:c0=0x4a0b10:c1=0xb3152a:c2=0x5a0e12:x0=0:y0=0:x1=1280:y1=720:speed=0.012:seed=7" \
  -f lavfi -i "color=c=black:s=260x1500:r=25:d=0.04" \
  -filter_complex_script "$WORK/graph.txt" -map '[out]' \
  -r 25 -t 6 -c:v libvpx-vp9 -b:v 0 -crf 40 -row-mt 1 -an \
  "$VIDEO"

echo "== $POSTER"
"$FFMPEG" -hide_banner -loglevel error -y -i "$VIDEO" -frames:v 1 \
  -vf "format=rgb24" -compression_level 9 "$POSTER"

echo "== sizes"
du -b "$VIDEO" "$POSTER" | awk '{ printf "%8.1f KB  %s\n", $1 / 1024, $2 }'
du -sh "$PACKS"
