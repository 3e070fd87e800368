#!/usr/bin/env python3
"""Render Vitrina's four section illustrations (freedom, energy, cyber, ukraine).

Requirements: Python >= 3.9, Pillow >= 10, numpy >= 1.24 (nothing else; no network).
    python3 -m venv /tmp/illvenv && /tmp/illvenv/bin/pip install pillow numpy
    /tmp/illvenv/bin/python scripts/make_illustrations.py            # all four
    /tmp/illvenv/bin/python scripts/make_illustrations.py energy     # just one

Inputs (read-only, default --data /work/shared/data):
    basemap/countries-10m-baltic.geojson, places.csv, routes.csv
Output: assets/illustrations/<name>.png next to this script's repo, 3840x2160 RGB by default
(visual.md section 7: sharp on a 4K screen, where the app decodes pictures at 2x).

Design (docs: design/visual.md sections 3 and 7): layers back to front
    ink field -> countries as flat cut-outs (neighbours #1A2A33, the subject one step lighter in
    its tint, 1.2-pt ink borders) -> one soft radial glow in the section colour (15-35 %) ->
    dot grid (1.2 dots every 24, parchment 9 %) -> the subject in layer colours -> bottom
    vignette to ink 55 %. No words. All sizes below are points on the 1920x1080 design canvas
    and are scaled by (output width / 1920). Everything is drawn SS times larger and
    box-filtered down (supersampling antialiasing).

Projection (shared with the app's map): Lambert conformal conic on a sphere (R = 6371.0 km),
standard parallels 50N and 60N, central meridian 24E, latitude of origin 55N; x east, y north,
in km. Each picture is framed by fitting its subject into a box of the canvas (or by placing
one lon/lat at a fraction of the canvas at a scale in design points per km); see PICTURES for
why each sits where it does. The script fails when a cut edge of the basemap (clipped to lon
8..41, lat 43..63) would show inside a frame, outside one allowed corner.

Framing for every use (see PICTURES): the app shows one picture per section everywhere, cover-
cropped around content.ron's `focus` (attract 16:9 landscape and 9:16 portrait with a slow
8 % zoom, section 816x344 / 816x484 / 952x420, Home tiles 414x296..414x220 and 464x270). The
script checks that every named place is whole in every crop (also at the end of the zoom),
prints where each lands in the attract crops, and fails otherwise; `--check-crops` does only
that. Keep content.ron's `focus` equal to each picture's `focus` here; the script warns when
they differ.

Files are written as 24-bit RGB PNGs (optimize); each is about 490-630 kB at 3840x2160 (budget
700 kB each, 2600 kB in all; the script exits 1 with a warning when a file is over budget).
Rendering all four takes about 25 s and 2 GB of memory (supersampling 3x at 4K).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import re
import sys
import time

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

# --------------------------------------------------------------------------------------------
# Palette (visual.md section 3)
# --------------------------------------------------------------------------------------------


def hexrgb(h: str) -> tuple[float, float, float]:
    h = h.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255.0 for i in (0, 2, 4))


INK = "#0E1820"
NEIGHBOUR = "#1A2A33"
PARCHMENT = "#F5F0E6"
AMBER = "#FDB913"
FLAG_GREEN = "#006A44"
CORAL = "#F2726C"
GAS = "#FF9B42"
OIL = "#C49BFF"
ELECTRICITY = "#48C6F0"
CYBER_BLUE = "#2F7FD0"
CYBER_LINE = "#6CB2EE"     # the cyber blue lifted for thin rings and lattice dots on ink
UKRAINE_GREEN = "#5ED39A"

# "One step lighter in its tint": neighbour land lifted by about one surface step and tinted
# toward the section colour.
SUBJECT_FREEDOM = "#1D3833"
SUBJECT_ENERGY = "#243540"
SUBJECT_CYBER = "#1F3A50"
SUBJECT_UKRAINE = "#1C3C31"
LITHUANIA_ORIGIN = "#21323D"   # Lithuania as the origin in the Ukraine picture (a half step)

# --------------------------------------------------------------------------------------------
# Stroke weights and rhythm, in design points (1920x1080). Identical in every picture.
# --------------------------------------------------------------------------------------------
BORDER_W = 1.2
GRID_PITCH = 24.0
GRID_DOT_D = 1.2
GRID_ALPHA = 0.09
ROUTE_W = 4.0                  # routes 3-4 pt
ROUTE_GLOW_W = 4.5 * ROUTE_W   # 4.5x glow ...
ROUTE_GLOW_A = 0.16            # ... at 16 %
DASH_ON, DASH_OFF = 14.0, 8.0  # electricity, dashed 14/8
DOT_PITCH = 11.0               # the dot rhythm of every dotted thing
CHAIN_DOT_R = 3.5              # Baltic Way / 2020 chain dots r 3.5 every 11
CHAIN_GLOW_W = 24.0            # + 24-wide glow ...
CHAIN_GLOW_A = 0.14            # ... at 14 %
FINE_DOT_R = 1.75              # dotted arcs, dotted rings, oil link, lattice
FINE_GLOW_W = 4.5 * 2 * FINE_DOT_R
FINE_GLOW_A = 0.10
RING_W = 4.0                   # big rings (gas ends, chain ends, Vilnius) r 11 / 4
RING_R = 11.0
LNG_RING_R = 13.0
SMALL_RING_W = 3.0             # electricity r 7 / 3, oil, Ukraine projects r 10 / 3
ELEC_RING_R = 7.0
OIL_RING_R = 8.0
UA_RING_R = 10.0
CENTRE_DOT_R = 4.5
FAN_OUT = 24.0                 # shared / near points fan out by 24
VIGNETTE_A = 0.55
CLIP_BOX = (8.0, 43.0, 41.0, 63.0)   # basemap clip box lon/lat

# --------------------------------------------------------------------------------------------
# Projection
# --------------------------------------------------------------------------------------------
R_EARTH_KM = 6371.0
PHI1, PHI2, PHI0, LAM0 = 50.0, 60.0, 55.0, 24.0


class LCC:
    """Lambert conformal conic, spherical (Snyder 1987, eqs. 15-1..15-5)."""

    def __init__(self, phi1=PHI1, phi2=PHI2, phi0=PHI0, lam0=LAM0, r=R_EARTH_KM):
        p1, p2, p0 = (math.radians(v) for v in (phi1, phi2, phi0))
        t = lambda p: math.tan(math.pi / 4 + p / 2)  # noqa: E731
        self.n = math.log(math.cos(p1) / math.cos(p2)) / math.log(t(p2) / t(p1))
        self.F = math.cos(p1) * t(p1) ** self.n / self.n
        self.r = r
        self.lam0 = math.radians(lam0)
        self.rho0 = r * self.F / t(p0) ** self.n

    def forward(self, lon, lat):
        lon = np.radians(np.asarray(lon, dtype=float))
        lat = np.radians(np.asarray(lat, dtype=float))
        rho = self.r * self.F / np.tan(np.pi / 4 + lat / 2) ** self.n
        th = self.n * (lon - self.lam0)
        return rho * np.sin(th), self.rho0 - rho * np.cos(th)

    def inverse(self, x, y):
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        rho = np.sign(self.n) * np.hypot(x, self.rho0 - y)
        th = np.arctan2(x, self.rho0 - y)
        lat = 2 * np.arctan((self.r * self.F / rho) ** (1 / self.n)) - np.pi / 2
        return np.degrees(th / self.n + self.lam0), np.degrees(lat)


PROJ = LCC()


class Frame:
    """Maps lon/lat to output pixels: `anchor` (lon, lat) lands at canvas fraction `at`,
    `scale` design points per km, design canvas 1920 wide."""

    def __init__(self, anchor, at, scale, width, height):
        self.w, self.h = width, height
        self.k = width / 1920.0                      # output px per design point
        self.s = scale * self.k                      # output px per km
        ax, ay = PROJ.forward(*anchor)
        self.x0 = float(ax) - at[0] * width / self.s
        self.y0 = float(ay) + at[1] * height / self.s

    @classmethod
    def fit(cls, lonlats, box, width, height):
        """The frame that fits the lon/lat points' bounding box into `box` (x0, y0, x1, y1 as
        fractions of the canvas) as large as it goes, centred in the box."""
        x, y = PROJ.forward(*np.asarray(lonlats, dtype=float).T)
        kw, kh = float(x.max() - x.min()), float(y.max() - y.min())
        bw, bh = (box[2] - box[0]) * 1920.0, (box[3] - box[1]) * 1920.0 * height / width
        scale = min(bw / max(kw, 1e-9), bh / max(kh, 1e-9))
        cx, cy = (x.max() + x.min()) / 2, (y.max() + y.min()) / 2
        anchor = tuple(float(v) for v in PROJ.inverse(cx, cy))
        return cls(anchor, ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2), scale, width, height)

    @classmethod
    def place(cls, lonlats, at, scale, width, height):
        """The frame at `scale` pt/km with the centre of the points' bounding box at `at`."""
        x, y = PROJ.forward(*np.asarray(lonlats, dtype=float).T)
        anchor = tuple(float(v) for v in PROJ.inverse((x.max() + x.min()) / 2, (y.max() + y.min()) / 2))
        return cls(anchor, at, scale, width, height)

    def px(self, lon, lat):
        x, y = PROJ.forward(lon, lat)
        return (x - self.x0) * self.s, (self.y0 - y) * self.s

    def lonlat(self, px, py):
        return PROJ.inverse(np.asarray(px) / self.s + self.x0, self.y0 - np.asarray(py) / self.s)

    def check_clip_box(self, name, countries, allow=(0.0, 0.0)):
        """The basemap is cut to the clip box (lon 8..41, lat 43..63): the cut runs as straight
        edges through land (Norway and Germany at 8 E, Finland and Russia at 63 N, ...). None
        of those edges may show: every land edge that lies on the clip box must be outside the
        frame. (Open sea beyond the box is ink either way, so the frame may reach past it.)"""
        t = np.linspace(0, 1, 400)
        w, h = self.w, self.h
        xs = np.concatenate([t * w, np.full_like(t, w), t * w, np.zeros_like(t)])
        ys = np.concatenate([np.zeros_like(t), t * h, np.full_like(t, h), t * h])
        lon, lat = self.lonlat(xs, ys)
        lo = (lon.min(), lat.min(), lon.max(), lat.max())
        on = lambda a, v: np.abs(a - v) < 1e-6  # noqa: E731
        shown = 0.0
        for polys in countries.values():
            for poly in polys:
                for ring in poly:
                    r = np.asarray(ring, dtype=float)
                    p, q = r[:-1], r[1:]
                    cut = np.zeros(len(p), dtype=bool)
                    for k, v in ((0, CLIP_BOX[0]), (1, CLIP_BOX[1]), (0, CLIP_BOX[2]), (1, CLIP_BOX[3])):
                        cut |= on(p[:, k], v) & on(q[:, k], v)
                    for (a0, b0), (a1, b1) in zip(p[cut], q[cut]):
                        tt = np.linspace(0, 1, 50)
                        x, y = self.px(a0 + (a1 - a0) * tt, b0 + (b1 - b0) * tt)
                        inside = (x > 0) & (x < w) & (y > 0) & (y < h)
                        allowed = inside & (x <= allow[0] * w) & (y <= allow[1] * h)
                        if allowed.any():
                            print(f"  {name}: basemap cut edge at the top-left corner (allowed):"
                                  f" x {x[allowed].min() / w:.3f}..{x[allowed].max() / w:.3f},"
                                  f" y {y[allowed].min() / h:.3f}..{y[allowed].max() / h:.3f}")
                        inside &= ~allowed
                        if inside.any():
                            seg = np.hypot(np.diff(x[inside]), np.diff(y[inside])).sum() if inside.sum() > 1 else 1.0
                            shown += float(seg) / self.k
        ok = shown == 0.0
        print(f"  {name}: frame spans lon {lo[0]:.2f}..{lo[2]:.2f}, lat {lo[1]:.2f}..{lo[3]:.2f};"
              f" basemap cut edges in the frame: {shown:.0f} pt {'ok' if ok else 'FAIL'}")
        if not ok:
            raise SystemExit(f"{name}: a basemap clip edge (clip box {CLIP_BOX}) would be inside the frame")


# --------------------------------------------------------------------------------------------
# Data
# --------------------------------------------------------------------------------------------


def load_data(data_dir):
    with open(os.path.join(data_dir, "basemap", "countries-10m-baltic.geojson"), encoding="utf-8") as f:
        gj = json.load(f)
    countries = {}
    for feat in gj["features"]:
        g = feat["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        countries[feat["properties"]["iso_a3"]] = polys
    with open(os.path.join(data_dir, "places.csv"), encoding="utf-8", newline="") as f:
        places = {r["id"]: (float(r["lon"]), float(r["lat"])) for r in csv.DictReader(f)}
    routes: dict[str, list] = {}
    with open(os.path.join(data_dir, "routes.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            routes.setdefault(r["route_id"], []).append((int(r["seq"]), float(r["lon"]), float(r["lat"])))
    routes = {k: [(lon, lat) for _, lon, lat in sorted(v)] for k, v in routes.items()}
    return countries, places, routes


# --------------------------------------------------------------------------------------------
# Geometry helpers (output pixel space)
# --------------------------------------------------------------------------------------------


def polyline_px(frame, lonlats, densify_km=5.0):
    """Project a lon/lat polyline, densified so long segments follow the projection."""
    out = []
    for (lo1, la1), (lo2, la2) in zip(lonlats[:-1], lonlats[1:]):
        d = math.hypot((lo2 - lo1) * math.cos(math.radians(la1)), la2 - la1) * 111.2
        n = max(1, int(d / densify_km))
        t = np.linspace(0, 1, n, endpoint=False)
        x, y = frame.px(lo1 + (lo2 - lo1) * t, la1 + (la2 - la1) * t)
        out.extend(zip(x.tolist(), y.tolist()))
    x, y = frame.px(*lonlats[-1])
    out.append((float(x), float(y)))
    return out


def bezier(p0, p2, bend, n=200):
    """Quadratic curve from p0 to p2, control point pushed `bend` x length to the left."""
    (x0, y0), (x2, y2) = p0, p2
    mx, my = (x0 + x2) / 2, (y0 + y2) / 2
    dx, dy = x2 - x0, y2 - y0
    cx, cy = mx + dy * bend, my - dx * bend
    t = np.linspace(0, 1, n)
    x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t ** 2 * x2
    y = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t ** 2 * y2
    return list(zip(x.tolist(), y.tolist()))


def cumlen(pts):
    a = np.asarray(pts)
    seg = np.hypot(*(a[1:] - a[:-1]).T)
    return a, np.concatenate([[0.0], np.cumsum(seg)])


def point_at(a, cl, s):
    i = int(np.clip(np.searchsorted(cl, s, side="right") - 1, 0, len(cl) - 2))
    span = cl[i + 1] - cl[i]
    t = 0.0 if span == 0 else (s - cl[i]) / span
    return tuple(a[i] + (a[i + 1] - a[i]) * t)


def dots_along(pts, pitch, phase=0.0, fit=True):
    """Evenly spaced points along a polyline; with fit the pitch is nudged so both ends get a dot."""
    a, cl = cumlen(pts)
    total = cl[-1]
    if fit:
        n = max(1, round(total / pitch))
        return [point_at(a, cl, total * i / n) for i in range(n + 1)]
    out, s = [], phase
    while s <= total:
        out.append(point_at(a, cl, s))
        s += pitch
    return out


def sub_polyline(a, cl, s0, s1):
    i0 = np.searchsorted(cl, s0, side="right")
    i1 = np.searchsorted(cl, s1, side="left")
    return [point_at(a, cl, s0)] + [tuple(p) for p in a[i0:i1]] + [point_at(a, cl, s1)]


def dashes_along(pts, on, off):
    a, cl = cumlen(pts)
    out, s = [], 0.0
    while s < cl[-1]:
        out.append(sub_polyline(a, cl, s, min(s + on, cl[-1])))
        s += on + off
    return out


# --------------------------------------------------------------------------------------------
# Canvas: float RGB at output size; masks drawn SS times larger and box-filtered down
# --------------------------------------------------------------------------------------------


class Canvas:
    def __init__(self, w, h, ss, weight=1.0):
        self.w, self.h, self.ss = w, h, ss
        self.k = w / 1920.0 * weight     # output px per design point (for sizes, not the map)
        self.rgb = np.empty((h, w, 3), dtype=np.float32)
        self.rgb[:] = hexrgb(INK)

    # -- supersampled drawing ---------------------------------------------------------------
    def mask(self, draw_fn, blur=0.0):
        """draw_fn(draw, S) draws white on an L image SS times larger; S maps output px -> SS px."""
        im = Image.new("L", (self.w * self.ss, self.h * self.ss), 0)
        draw_fn(ImageDraw.Draw(im), self.ss)
        im = im.reduce(self.ss)
        if blur > 0:
            im = im.filter(ImageFilter.GaussianBlur(blur))
        return np.asarray(im, dtype=np.float32) / 255.0

    def comp(self, m, colour, alpha=1.0):
        a = (m * alpha)[..., None]
        self.rgb *= 1 - a
        self.rgb += a * np.asarray(hexrgb(colour), dtype=np.float32)

    # -- primitives (coordinates in output px, sizes in design pt) -----------------------------
    def pt(self, v):
        return v * self.k

    def line(self, pts, width_pt, colour, alpha=1.0, blur_pt=0.0, round_caps=True):
        self.lines([pts], width_pt, colour, alpha, blur_pt, round_caps)

    def lines(self, plist, width_pt, colour, alpha=1.0, blur_pt=0.0, round_caps=True):
        w = self.pt(width_pt)

        def f(d, S):
            for pts in plist:
                sp = [(x * S, y * S) for x, y in pts]
                d.line(sp, fill=255, width=max(1, round(w * S)), joint="curve")
                if round_caps:
                    r = w * S / 2
                    for x, y in (sp[0], sp[-1]):
                        d.ellipse((x - r, y - r, x + r, y + r), fill=255)
        self.comp(self.mask(f, self.pt(blur_pt)), colour, alpha)

    def dots(self, centres, r_pt, colour, alpha=1.0, alphas=None):
        r = self.pt(r_pt)
        if alphas is None:
            def f(d, S):
                for x, y in centres:
                    d.ellipse(((x - r) * S, (y - r) * S, (x + r) * S, (y + r) * S), fill=255)
            self.comp(self.mask(f), colour, alpha)
        else:   # per-dot opacity, quantised to 1/255 in the mask
            def f(d, S):
                for (x, y), a in zip(centres, alphas):
                    d.ellipse(((x - r) * S, (y - r) * S, (x + r) * S, (y + r) * S),
                              fill=int(round(255 * max(0.0, min(1.0, a)))))
            self.comp(self.mask(f), colour, alpha)

    def ring(self, c, r_pt, w_pt, colour, alpha=1.0, fill=INK, dot_r_pt=0.0, dot_colour=None):
        """Ring of radius r (stroke centred on r), ink-filled centre, optional centre dot."""
        x, y = c
        if fill:
            rf = self.pt(r_pt)
            self.comp(self.mask(lambda d, S: d.ellipse(((x - rf) * S, (y - rf) * S,
                                                         (x + rf) * S, (y + rf) * S), fill=255)),
                      fill, 0.92 * alpha)
        ro, ri = self.pt(r_pt + w_pt / 2), self.pt(r_pt - w_pt / 2)

        def f(d, S):
            d.ellipse(((x - ro) * S, (y - ro) * S, (x + ro) * S, (y + ro) * S), fill=255)
            d.ellipse(((x - ri) * S, (y - ri) * S, (x + ri) * S, (y + ri) * S), fill=0)
        self.comp(self.mask(f), colour, alpha)
        if dot_r_pt:
            self.dots([c], dot_r_pt, dot_colour or colour, alpha)

    def ring_glow(self, c, r_pt, colour, alpha=0.22):
        x, y = c
        r = self.pt(r_pt * 1.9)
        m = self.mask(lambda d, S: d.ellipse(((x - r) * S, (y - r) * S, (x + r) * S, (y + r) * S),
                                              fill=255), blur=self.pt(r_pt * 0.6))
        self.comp(m, colour, alpha)

    # -- field layers ---------------------------------------------------------------------------
    def countries(self, frame, countries, fills):
        """Flat cut-outs: every country in its fill, then every outline stroked in ink."""
        S = self.ss
        im = Image.new("RGB", (self.w * S, self.h * S), INK)
        d = ImageDraw.Draw(im)
        margin = 0.1 * self.w
        rings = []
        for iso, polys in countries.items():
            colour = fills.get(iso, NEIGHBOUR)
            for poly in polys:
                ext = np.asarray(poly[0])
                x, y = frame.px(ext[:, 0], ext[:, 1])
                if x.max() < -margin or x.min() > self.w + margin or y.max() < -margin or y.min() > self.h + margin:
                    continue
                d.polygon(list(zip((x * S).tolist(), (y * S).tolist())), fill=colour)
                rings.append(list(zip((x * S).tolist(), (y * S).tolist())))
                for hole in poly[1:]:
                    h = np.asarray(hole)
                    hx, hy = frame.px(h[:, 0], h[:, 1])
                    hp = list(zip((hx * S).tolist(), (hy * S).tolist()))
                    d.polygon(hp, fill=INK)
                    rings.append(hp)
        bw = max(1, round(self.pt(BORDER_W) * S))
        for r in rings:
            d.line(r + [r[0]], fill=INK, width=bw, joint="curve")
        self.rgb[:] = np.asarray(im.reduce(S), dtype=np.float32) / 255.0

    def radial_glow(self, c, radius_pt, colour, peak, squash=1.0):
        yy, xx = np.mgrid[0:self.h, 0:self.w].astype(np.float32)
        d = np.hypot((xx - c[0]), (yy - c[1]) / squash) / self.pt(radius_pt)
        m = np.exp(-2.2 * d * d) * np.clip(1.25 - 0.25 * d, 0, 1)   # soft, long, no hard edge
        self.comp(m.astype(np.float32), colour, peak)

    def dot_grid(self):
        p = self.pt(GRID_PITCH)
        xs = np.arange(p / 2, self.w, p)
        ys = np.arange(p / 2, self.h, p)
        self.dots([(x, y) for y in ys for x in xs], GRID_DOT_D / 2, PARCHMENT, GRID_ALPHA)

    def vignette(self):
        y = np.linspace(0, 1, self.h, dtype=np.float32)
        t = np.clip((y - 0.5) / 0.5, 0, 1)
        a = t * t                       # eases in from mid-height, ink 55 % at the bottom edge
        m = np.broadcast_to(a[:, None], (self.h, self.w))
        self.comp(m, INK, VIGNETTE_A)

    def image(self):
        return Image.fromarray(np.clip(self.rgb * 255 + 0.5, 0, 255).astype(np.uint8), "RGB")


# --------------------------------------------------------------------------------------------
# Shared subject vocabulary
# --------------------------------------------------------------------------------------------


def chain(cv, pts, colour):
    """A human chain: dots r 3.5 every 11 with a 24-wide glow at 14 %."""
    cv.line(pts, CHAIN_GLOW_W, colour, CHAIN_GLOW_A, blur_pt=4)
    cv.dots(dots_along(pts, cv.pt(DOT_PITCH)), CHAIN_DOT_R, colour)


def route(cv, pts, colour):
    """A solid route 4 pt with its 4.5x glow at 16 %."""
    cv.line(pts, ROUTE_GLOW_W, colour, ROUTE_GLOW_A, blur_pt=4)
    cv.line(pts, ROUTE_W, colour)


def dashed(cv, pts, colour):
    cv.line(pts, ROUTE_GLOW_W, colour, ROUTE_GLOW_A, blur_pt=4)
    cv.lines(dashes_along(pts, cv.pt(DASH_ON), cv.pt(DASH_OFF)), ROUTE_W, colour, round_caps=False)


def trim(pts, start, end):
    """The polyline without its first `start` and last `end` px."""
    a, cl = cumlen(pts)
    return sub_polyline(a, cl, start, cl[-1] - end)


def dotted(cv, pts, colour, glow=True, trim_pt=(0.0, 0.0)):
    if any(trim_pt):
        pts = trim(pts, cv.pt(trim_pt[0]), cv.pt(trim_pt[1]))
    if glow:
        cv.line(pts, FINE_GLOW_W, colour, FINE_GLOW_A, blur_pt=3)
    cv.dots(dots_along(pts, cv.pt(DOT_PITCH)), FINE_DOT_R, colour)


def fan_out(points, min_dist):
    """Push points that are closer than min_dist apart symmetrically along their joining line."""
    pts = [list(p) for p in points]
    for _ in range(20):
        moved = False
        for i in range(len(pts)):
            for j in range(i + 1, len(pts)):
                dx, dy = pts[j][0] - pts[i][0], pts[j][1] - pts[i][1]
                d = math.hypot(dx, dy)
                if d < min_dist - 1e-6:
                    if d < 1e-6:
                        dx, dy, d = 1.0, 0.0, 1.0
                    push = (min_dist - d) / 2
                    ux, uy = dx / d, dy / d
                    pts[i][0] -= ux * push; pts[i][1] -= uy * push
                    pts[j][0] += ux * push; pts[j][1] += uy * push
                    moved = True
        if not moved:
            break
    return [tuple(p) for p in pts]


def base(cv, frame, countries, fills, glow_centre, glow_radius_pt, glow_colour, glow_peak, squash=1.0):
    cv.countries(frame, countries, fills)
    cv.radial_glow(glow_centre, glow_radius_pt, glow_colour, glow_peak, squash)
    cv.dot_grid()


# --------------------------------------------------------------------------------------------
# The four pictures
# --------------------------------------------------------------------------------------------


def freedom(cv, frame, data):
    countries, places, routes = data
    P = lambda pid: tuple(float(v) for v in frame.px(*places[pid]))  # noqa: E731
    base(cv, frame, countries, {"LTU": SUBJECT_FREEDOM, "LVA": SUBJECT_FREEDOM, "EST": SUBJECT_FREEDOM},
         frame.px(24.6, 56.9), 820, FLAG_GREEN, 0.32, squash=1.15)
    bw = polyline_px(frame, routes["baltic_way_1989"])
    fw = polyline_px(frame, routes["freedom_way_2020"])
    chain(cv, fw, CORAL)
    chain(cv, bw, AMBER)
    cv.ring(P("freedom_way_2020_end"), RING_R, RING_W, CORAL)
    cv.ring(bw[-1], RING_R, RING_W, AMBER)
    cv.ring(bw[0], RING_R, RING_W, AMBER)


def energy(cv, frame, data):
    countries, places, routes = data
    P = lambda pid: tuple(float(v) for v in frame.px(*places[pid]))  # noqa: E731
    base(cv, frame, countries, {"LTU": SUBJECT_ENERGY},
         frame.px(23.6, 55.2), 640, AMBER, 0.17, squash=0.85)
    gipl = polyline_px(frame, routes["gipl"])
    lng = P("klaipeda_lng_fsru")
    # The NordBalt converter (Kiškėnai) is 8 km from the FSRU: fan it out so the rings read.
    nb_k = P("nordbalt_klaipeda")
    lng, nb_k = fan_out([lng, nb_k], cv.pt(LNG_RING_R + ELEC_RING_R + FAN_OUT * 0.5))
    nordbalt = bezier(P("nordbalt_nybro"), nb_k, 0.05)     # schematic sea cable, slight bow
    litpol = [P("litpol_alytus"), P("litpol_elk")]
    butinge, mazeikiai = P("butinge_oil_terminal"), P("mazeikiai_refinery")
    # glows first, then lines, then markers
    dashed(cv, nordbalt, ELECTRICITY)
    dashed(cv, litpol, ELECTRICITY)
    route(cv, gipl, GAS)
    dotted(cv, [butinge, mazeikiai], OIL, glow=False,   # Būtingė-Mažeikiai crude pipeline
           trim_pt=(OIL_RING_R + 6, OIL_RING_R + 6))
    cv.ring_glow(lng, LNG_RING_R, GAS)
    for c in (P("nordbalt_nybro"), nb_k, litpol[0], litpol[1]):
        cv.ring(c, ELEC_RING_R, SMALL_RING_W, ELECTRICITY)
    for c in (butinge, mazeikiai):
        cv.ring(c, OIL_RING_R, SMALL_RING_W, OIL)
    cv.ring(gipl[0], RING_R, RING_W, GAS)
    cv.ring(gipl[-1], RING_R, RING_W, GAS)
    cv.ring(lng, LNG_RING_R, RING_W, GAS, dot_r_pt=CENTRE_DOT_R)


def cyber(cv, frame, data):
    countries, places, routes = data
    v = tuple(float(x) for x in frame.px(*places["vilnius"]))
    base(cv, frame, countries, {"LTU": SUBJECT_CYBER}, v, 900, CYBER_BLUE, 0.30)
    # hex lattice of dots around Vilnius, fading out with distance
    pitch = cv.pt(2 * DOT_PITCH * 1.5)          # 33 pt: three beats of the 11-pt rhythm
    rmax = cv.pt(520)
    centres, alphas = [], []
    rows = int(rmax / (pitch * math.sqrt(3) / 2)) + 1
    for j in range(-rows, rows + 1):
        y = v[1] + j * pitch * math.sqrt(3) / 2
        off = (j % 2) * pitch / 2
        cols = int(rmax / pitch) + 2
        for i in range(-cols, cols + 1):
            x = v[0] + i * pitch + off
            d = math.hypot(x - v[0], y - v[1])
            if d < cv.pt(26) or d > rmax:
                continue
            t = d / rmax
            # snapped to pixel centres: identical dot sprites keep the PNG small
            centres.append((math.floor(x) + 0.5, math.floor(y) + 0.5))
            alphas.append(round(10 * (1 - t) ** 1.3) / 10)   # 10 levels: repeating sprites
    cv.dots(centres, FINE_DOT_R, CYBER_LINE, 0.75, alphas)
    # concentric rings: solid and dotted alternating, fading outward
    radii = [44, 110, 190, 290, 410, 560, 740]
    for n, r in enumerate(radii):
        a = max(0.18, 0.95 - 0.13 * n)
        rp = cv.pt(r)
        circ = [(v[0] + rp * math.cos(t), v[1] + rp * math.sin(t))
                for t in np.linspace(0, 2 * math.pi, max(90, int(rp)), endpoint=True)]
        if n % 2 == 0:
            cv.line(circ, 4.5 * 2, CYBER_LINE, 0.10 * a, blur_pt=3, round_caps=False)
            cv.line(circ, 2.0, CYBER_LINE, a, round_caps=False)
        else:
            cv.dots(dots_along(circ, cv.pt(DOT_PITCH)), FINE_DOT_R, CYBER_LINE, a)
    cv.ring_glow(v, RING_R, AMBER, 0.18)
    cv.ring(v, RING_R, RING_W, AMBER, dot_r_pt=CENTRE_DOT_R)


def ukraine(cv, frame, data):
    countries, places, routes = data
    P = lambda pid: tuple(float(v) for v in frame.px(*places[pid]))  # noqa: E731
    base(cv, frame, countries, {"UKR": SUBJECT_UKRAINE, "LTU": LITHUANIA_ORIGIN},
         frame.px(30.0, 49.3), 900, FLAG_GREEN, 0.30, squash=0.8)
    v = P("vilnius")
    towns = fan_out([P("borodyanka_school"), P("irpin_kindergarten"), P("mykolaiv_grid")],
                    cv.pt(2 * UA_RING_R + FAN_OUT * 0.5))
    for t, bend in zip(towns, (-0.04, 0.07, 0.03)):
        dotted(cv, bezier(v, t, bend), AMBER,
               trim_pt=(RING_R + RING_W / 2 + 10, UA_RING_R + SMALL_RING_W / 2 + 4))
    for t in towns:
        cv.ring_glow(t, UA_RING_R, UKRAINE_GREEN, 0.18)
        cv.ring(t, UA_RING_R, SMALL_RING_W, UKRAINE_GREEN, dot_r_pt=CENTRE_DOT_R)
    cv.ring(v, RING_R, RING_W, AMBER, dot_r_pt=CENTRE_DOT_R)


# Framing. One picture serves every use, each cropping it to its own shape around the focus
# (`cover_uv` in src/platform/images/scrim.rs) and no use can pick another picture, so each
# composition is chosen for all of them (design points on the 1920x1080 canvas):
#   attract 1920x1080   the whole picture, words at the left: x 96..~1396, y ~360..800 (a
#                       left scrim over 1100) -> the subject in the right part, x > ~1150;
#   attract 1080x1920   a 0.316-wide strip around focus x, full height; words over the left
#                       80 % of the strip from y ~0.28 to ~0.64 of the height;
#   section 816x344     (816x484 without a timeline, 952x420 portrait) full width, a 0.75-high
#                       band around focus y;
#   Home tile           414x296..414x220 (464x270 portrait): 0.79..1.0 of the width, full height.
# So every subject sits in a box about 0.3 wide in the right third (it fits the portrait
# strip), under 0.75 high with its end rings (it fits the section band), as large as that allows so the tiles
# show it big. `fit` frames the listed points into `box` (x0, y0, x1, y1 canvas fractions);
# `anchor` places one lon/lat at a canvas fraction at a scale in pt/km. `focus` is what
# content.ron's picture `focus` must say; `keep` lists what every crop must show whole, each
# with the radius (pt) around it to keep in view and, optionally, the uses allowed to leave it
# out (NordBalt's Swedish end lies outside the portrait strip: the cable runs in from the
# edge there). `--check-crops` prints where each lands.


def _place(pid):
    return lambda data: [data[1][pid]]


def _route(rid):
    return lambda data: list(data[2][rid])


def _pts(*getters):
    return lambda data: [p for g in getters for p in g(data)]


PICTURES = {
    # The Baltic Way upright in the right third, Tallinn high, Vilnius and the 2020 chain low,
    # right of every headline and, in portrait, right of the headline in the strip.
    "freedom": dict(
        painter=freedom, focus=(0.675, 0.43),
        fit=_pts(_route("baltic_way_1989"), _route("freedom_way_2020")), at=(0.78, 0.43), scale=1.42,
        # Clear of "democracy" (ends near x 1390) the frame reaches 1 deg past the clip box at
        # its top-left corner, where Norway's cut at 8 E shows as a 0.1-high straight coast;
        # nearer the words it would not. Allowed there only (x < 0.07, y < 0.16). In portrait
        # the chain runs right of the headline, so the 2020 end sits at the strip's right edge:
        # the last second of the slow zoom crops up to 7 pt of its ring (focus 0.68 would keep
        # it, but put the chain under "and").
        allow_cut=(0.07, 0.16),
        keep=[("Tallinn", lambda d: [d[2]["baltic_way_1989"][-1]], 14), ("Riga", _place("baltic_way_riga"), 14),
              ("Vilnius", _place("vilnius"), 14), ("2020 end", _place("freedom_way_2020_end"), 14, {"attract portrait zoomed"})]),
    # Lithuania's links in the right third, GIPL down to Warsaw's side; NordBalt runs in from
    # Sweden across the top (Nybro above the headline).
    "energy": dict(
        painter=energy, focus=(0.74, 0.44),
        fit=_pts(_route("gipl"), _place("klaipeda_lng_fsru"), _place("butinge_oil_terminal"),
                 _place("mazeikiai_refinery"), _place("litpol_elk"), _place("litpol_alytus"),
                 _place("nordbalt_nybro")),
        box=(0.36, 0.09, 0.88, 0.79),
        keep=[("GIPL start", lambda d: [d[2]["gipl"][0]], 14), ("GIPL end", lambda d: [d[2]["gipl"][-1]], 14),
              ("LNG", _place("klaipeda_lng_fsru"), 16), ("Butinge", _place("butinge_oil_terminal"), 12),
              ("Mazeikiai", _place("mazeikiai_refinery"), 12), ("LitPol Elk", _place("litpol_elk"), 12),
              ("LitPol Alytus", _place("litpol_alytus"), 12), ("Nybro", _place("nordbalt_nybro"), 10, {"attract portrait", "attract portrait zoomed"})]),
    # Vilnius high in the right third, above the headline in both orientations.
    "cyber": dict(
        painter=cyber, focus=(0.72, 0.40),
        anchor=((25.2798, 54.68916), (0.76, 0.31), 2.6),
        keep=[("Vilnius + inner rings", _place("vilnius"), 110)]),
    # Vilnius at the top of the right third, the arcs running down to Kyiv's towns and Mykolaiv.
    "ukraine": dict(
        painter=ukraine, focus=(0.68, 0.43),
        fit=_pts(_place("vilnius"), _place("borodyanka_school"), _place("irpin_kindergarten"),
                 _place("mykolaiv_grid")), at=(0.68, 0.43), scale=0.95,
        keep=[("Vilnius", _place("vilnius"), 13), ("Borodyanka", _place("borodyanka_school"), 24),
              ("Irpin", _place("irpin_kindergarten"), 24), ("Mykolaiv", _place("mykolaiv_grid"), 13)]),
}

# The app's uses of a picture: (name, frame width / height). The attract uses are checked at
# the start and at the end of the loop's slow zoom (1.00 -> 1.08 toward the focus).
KEN_BURNS_ZOOM = 1.08
USES = [
    ("attract", 1920 / 1080), ("attract portrait", 1080 / 1920),
    ("section", 816 / 344), ("section no timeline", 816 / 484), ("section portrait", 952 / 420),
    ("tile", 414 / 296), ("tile short", 414 / 220), ("tile portrait", 464 / 270),
]


def cover_uv(image_aspect, frame_aspect, focus):
    """The app's cover crop (src/platform/images/scrim.rs): x, y, w, h as picture fractions."""
    if image_aspect > frame_aspect:
        w, h = frame_aspect / image_aspect, 1.0
    else:
        w, h = 1.0, image_aspect / frame_aspect
    x = min(max(focus[0] - w / 2, 0.0), 1.0 - w)
    y = min(max(focus[1] - h / 2, 0.0), 1.0 - h)
    return x, y, w, h


def content_focus(content_path, name):
    """The `focus` content.ron gives assets/illustrations/<name>.png (None if not found)."""
    try:
        with open(content_path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return None
    at = text.find(f'path: "assets/illustrations/{name}.png"')
    m = re.compile(r"focus:\s*\(\s*([0-9.]+)\s*,\s*([0-9.]+)\s*\)").search(text, at) if at >= 0 else None
    return (float(m.group(1)), float(m.group(2))) if m else None


def frame_of(spec, data, w, h):
    if "box" in spec:
        return Frame.fit(spec["fit"](data), spec["box"], w, h)
    if "at" in spec:
        return Frame.place(spec["fit"](data), spec["at"], spec["scale"], w, h)
    anchor, at, scale = spec["anchor"]
    return Frame(anchor, at, scale, w, h)


def check_crops(name, spec, frame, data):
    """Every `keep` point (with its radius) inside every use's crop; returns the failures and
    prints where each point lands in the attract crops."""
    fails = []
    aspect = frame.w / frame.h
    for label, get, r_pt, *rest in spec["keep"]:
        off_ok = rest[0] if rest else set()
        lon, lat = get(data)[0]
        x, y = (float(v) for v in frame.px(lon, lat))
        fx, fy = x / frame.w, y / frame.h
        rx, ry = r_pt * frame.k / frame.w, r_pt * frame.k / frame.h
        for use, fa in USES + [(u + " zoomed", a) for u, a in USES if u.startswith("attract")]:
            cx, cy, cw, ch = cover_uv(aspect, fa, spec["focus"])
            if use.endswith("zoomed"):   # the loop's slow zoom ends 8 % in, the focus kept in place
                tx, ty = (spec["focus"][0] - cx) / cw, (spec["focus"][1] - cy) / ch
                cw, ch = cw / KEN_BURNS_ZOOM, ch / KEN_BURNS_ZOOM
                cx, cy = spec["focus"][0] - tx * cw, spec["focus"][1] - ty * ch
            if use not in off_ok and not (cx + rx <= fx <= cx + cw - rx and cy + ry <= fy <= cy + ch - ry):
                fails.append(f"{name}: {label} is cut in the {use} crop")
        px, _, pw, _ = cover_uv(aspect, USES[1][1], spec["focus"])
        print(f"    {label:22s} at ({fx:.3f}, {fy:.3f}): attract x {fx * 1920:4.0f}/1920;"
              f" portrait strip x {(fx - px) / pw:.2f}, y {fy:.2f}")
    return fails


def save(img, path):
    """24-bit RGB PNG, zlib level 9 with Pillow's optimize pass. (A 256-colour palette was tried:
    median cut loses the small amber/coral accents, octree bands the glows, and a dithered
    palette compresses worse than RGB. If a file is too big, render smaller with --size.)"""
    img.save(path, optimize=True)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*", default=list(PICTURES), help="pictures to render")
    ap.add_argument("--data", default="/work/shared/data", help="folder with basemap/, places.csv, routes.csv")
    ap.add_argument("--out", default=os.path.join(here, "..", "assets", "illustrations"))
    ap.add_argument("--size", default="3840x2160", help="output WxH (16:9)")
    ap.add_argument("--ss", type=int, default=3, help="supersampling factor")
    ap.add_argument("--max-kb", type=float, default=700, help="budget per file, kB (1000 bytes)")
    ap.add_argument("--max-total-kb", type=float, default=2600, help="budget for all files, kB")
    ap.add_argument("--weight", type=float, default=1.0,
                    help="multiply every stroke, dot and ring size (same for the whole set)")
    ap.add_argument("--check-crops", action="store_true",
                    help="only frame the pictures and check every use's crop (no rendering)")
    args = ap.parse_args()
    w, h = (int(v) for v in args.size.lower().split("x"))
    data = load_data(args.data)
    os.makedirs(args.out, exist_ok=True)
    lcc = PROJ
    print(f"LCC sphere R={lcc.r} km, phi1={PHI1} phi2={PHI2} phi0={PHI0} lam0={LAM0}: n={lcc.n:.6f}")
    total, over = 0, []
    crop_fails = []
    for name in args.names:
        spec = PICTURES[name]
        t0 = time.time()
        frame = frame_of(spec, data, w, h)
        frame.check_clip_box(name, data[0], spec.get("allow_cut", (0.0, 0.0)))
        print(f"  {name}: {frame.s / frame.k:.3f} pt/km, focus {spec['focus']}")
        crop_fails += check_crops(name, spec, frame, data)
        have = content_focus(os.path.join(here, "..", "content.ron"), name)
        if have is not None and any(abs(a - b) > 1e-6 for a, b in zip(have, spec["focus"])):
            print(f"WARNING: content.ron gives {name}.png focus {have}; this framing needs"
                  f" {spec['focus']}", file=sys.stderr)
        if args.check_crops:
            continue
        painter = spec["painter"]
        cv = Canvas(w, h, args.ss, args.weight)
        painter(cv, frame, data)
        cv.vignette()
        path = os.path.join(args.out, f"{name}.png")
        save(cv.image(), path)
        size = os.path.getsize(path)
        total += size
        if size > args.max_kb * 1000:
            over.append(name)
        print(f"  wrote {os.path.normpath(path)}: {w}x{h} RGB, {size / 1000:.0f} kB "
              f"({time.time() - t0:.1f} s)")
    for f in crop_fails:
        print(f"WARNING: {f}", file=sys.stderr)
    if args.check_crops:
        return 1 if crop_fails else 0
    print(f"  total {total / 1000:.0f} kB")
    if crop_fails:
        return 1
    if over or total > args.max_total_kb * 1000:
        print(f"WARNING: over the size budget ({', '.join(over) or 'total'}); try --size 2560x1440",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
