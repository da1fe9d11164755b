#!/usr/bin/env bash
# Renders nexus.svg to the PNG sizes jpackage and desktops use, and packs nexus.ico (Windows) and
# nexus.icns (macOS) from them. Needs rsvg-convert (Debian: librsvg2-bin) and python3.
set -euo pipefail
cd "$(dirname "$0")"
for s in 16 32 48 64 128 256 512; do rsvg-convert -w $s -h $s nexus.svg -o nexus-$s.png; done
python3 - <<'PY'
import struct
def data(size):
    return open(f"nexus-{size}.png", "rb").read()
# ICO: a directory of PNG images (Windows Vista and later read PNG entries)
sizes = [16, 32, 48, 64, 128, 256]
images = [data(s) for s in sizes]
offset = 6 + 16 * len(sizes)
entries = b""
for s, img in zip(sizes, images):
    entries += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(img), offset)
    offset += len(img)
open("nexus.ico", "wb").write(struct.pack("<HHH", 0, 1, len(sizes)) + entries + b"".join(images))
# ICNS: typed PNG chunks (ic07 128, ic08 256, ic09 512)
chunks = b"".join(t + struct.pack(">I", 8 + len(data(s))) + data(s) for t, s in [(b"ic07", 128), (b"ic08", 256), (b"ic09", 512)])
open("nexus.icns", "wb").write(b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks)
PY
ls -l nexus*
