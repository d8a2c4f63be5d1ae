#!/usr/bin/env bash
# Renders the site's icons from web/static/img/favicon.svg into web/static/img/ (committed: the
# build does not need these tools). Run by hand after changing the SVG:
#   scripts/make_icons.sh
# Needs rsvg-convert (Debian: librsvg2-bin) and python3 (standard library only).
#   icon-192.png, icon-512.png   the web manifest's icons (/manifest.webmanifest)
#   apple-touch-icon.png         180×180, for iOS home screens
#   favicon.ico                  16, 32 and 48 px PNG images in one ICO (PNG-in-ICO, read by every
#                                browser since IE 11), served at /favicon.ico (src/web/public/site_files.cc)
set -euo pipefail
img=$(cd "$(dirname "$0")/../web/static/img" && pwd)
svg=$img/favicon.svg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
render() { rsvg-convert --width "$1" --height "$1" --format png --output "$2" "$svg"; }
render 192 "$img/icon-192.png"
render 512 "$img/icon-512.png"
render 180 "$img/apple-touch-icon.png"
for s in 16 32 48; do render "$s" "$tmp/$s.png"; done
python3 - "$img/favicon.ico" "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" <<'PY'
import struct, sys
out, pngs = sys.argv[1], [open(p, "rb").read() for p in sys.argv[2:]]
# ICONDIR, then one ICONDIRENTRY per image, then the PNG files themselves.
header = struct.pack("<HHH", 0, 1, len(pngs))
offset = 6 + 16 * len(pngs)
entries, data = b"", b""
for png in pngs:
    width, height = struct.unpack(">II", png[16:24])  # from the IHDR chunk
    entries += struct.pack("<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(png), offset)
    offset += len(png)
    data += png
open(out, "wb").write(header + entries + data)
PY
ls -l "$img"/icon-192.png "$img"/icon-512.png "$img"/apple-touch-icon.png "$img"/favicon.ico
