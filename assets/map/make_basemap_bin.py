#!/usr/bin/env python3
"""Packs the kiosk's base map: countries-50m-baltic.geojson -> baltic-50m.vmap.

Usage: python3 make_basemap_bin.py SRC.geojson OUT.vmap   (Python 3.9+, standard library only)

The format (all integers little-endian) is read by src/map/basemap.rs:

    b"VMAP"  u16 version (1)  u16 feature count
    per feature:  3 bytes ISO 3166-1 alpha-3,  u8 name length,  name (UTF-8),
                  u16 polygon count
      per polygon:  u16 ring count (the outer ring first, then holes)
        per ring:   u32 point count,  then per point i32 lon × 1e5, i32 lat × 1e5

Rings are written without the closing point that GeoJSON repeats. Coordinates are the
source's 5-decimal degrees, kept exactly (the integers are the digits). Output is
byte-for-byte reproducible.
"""

import json
import struct
import sys


def pack(src: str, out: str) -> None:
    with open(src, encoding="utf-8") as f:
        collection = json.load(f)
    features = collection["features"]
    buf = bytearray(b"VMAP")
    buf += struct.pack("<HH", 1, len(features))
    vertices = 0
    for feature in features:
        props = feature["properties"]
        iso = props["iso_a3"].encode("ascii")
        name = props["name"].encode("utf-8")
        if len(iso) != 3 or len(name) > 255:
            raise SystemExit(f"bad feature {props}")
        geometry = feature["geometry"]
        if geometry["type"] == "Polygon":
            polygons = [geometry["coordinates"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["coordinates"]
        else:
            raise SystemExit(f"unexpected geometry {geometry['type']}")
        buf += iso + struct.pack("<B", len(name)) + name + struct.pack("<H", len(polygons))
        for polygon in polygons:
            buf += struct.pack("<H", len(polygon))
            for ring in polygon:
                if len(ring) > 1 and ring[0] == ring[-1]:
                    ring = ring[:-1]
                buf += struct.pack("<I", len(ring))
                for lon, lat in ring:
                    buf += struct.pack("<ii", round(lon * 1e5), round(lat * 1e5))
                vertices += len(ring)
    with open(out, "wb") as f:
        f.write(buf)
    print(f"{out}: {len(features)} features, {vertices} vertices, {len(buf)} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    pack(sys.argv[1], sys.argv[2])
