"""Synthetic aerial roof scenes with pixel-exact solar-panel labels (training data and test fixtures).

A scene is drawn at the model's 8 cm/px in metric roof coordinates: ground (grass, paving, asphalt, cars,
trees), roofs of many materials (tiles, bitumen, gravel, metal, concrete, green, coloured membranes),
flat or pitched, with chimneys, dormers, skylights and AC units (the hard negatives), and panel arrays
(mono/poly/light, cell grids, frames, gaps, row shadows). Edges are anti-aliased analytically; the image
can then be degraded as a 5-25 cm/px photo (down/up sampling), blurred, noised and JPEG-compressed.

Pure numpy/scipy/Pillow, no GUI; deterministic for a given ``numpy.random.Generator`` state.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

import numpy as np
from scipy import ndimage

MODEL_GSD = 0.08


@dataclass
class SyntheticScene:
    image: np.ndarray  # (H, W, 3) uint8
    label: np.ndarray  # (H, W) uint8, 1 = solar panel
    roofs: list = field(default_factory=list)  # roof rectangles as 4x2 arrays of pixel (col, row) corners
    arrays: list = field(default_factory=list)  # labelled panel rectangles, 4x2 pixel corners
    panel_type: list = field(default_factory=list)


def _lowfreq(rng, shape, cells=6, amp=1.0):
    small = rng.normal(0, 1, (cells, cells))
    zoom = (shape[0] / cells, shape[1] / cells)
    out = ndimage.zoom(small, zoom, order=1, mode="nearest")[: shape[0], : shape[1]]
    if out.shape != shape:
        out = np.pad(out, ((0, shape[0] - out.shape[0]), (0, shape[1] - out.shape[1])), mode="edge")
    return out * amp


def _local(X, Y, cx, cy, angle):
    c, s = math.cos(angle), math.sin(angle)
    dx, dy = X - cx, Y - cy
    return dx * c + dy * s, -dx * s + dy * c


def _box(u, v, hw, hh, px):
    """Anti-aliased coverage of the box |u|<=hw, |v|<=hh (metres), px = pixel size in metres."""
    cu = np.clip((hw - np.abs(u)) / px + 0.5, 0.0, 1.0)
    cv = np.clip((hh - np.abs(v)) / px + 0.5, 0.0, 1.0)
    return cu * cv


def _lines(t, pitch, width, px, phase=0.0):
    """Coverage of periodic lines of ``width`` every ``pitch`` metres along coordinate ``t``."""
    d = np.abs(((t - phase) % pitch) - pitch / 2.0)  # distance to the middle between lines
    dist_to_line = pitch / 2.0 - d
    return np.clip((width / 2.0 - dist_to_line) / px + 0.5, 0.0, 1.0)


def _corners(cx, cy, angle, hw, hh, px):
    c, s = math.cos(angle), math.sin(angle)
    pts = []
    for a, b in ((-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh)):
        x = cx + a * c - b * s
        y = cy + a * s + b * c
        pts.append((x / px, y / px))
    return np.array(pts)


def _window(X, Y, cx, cy, radius, px):
    """Row/column slices of the pixels within ``radius`` metres (box) of (cx, cy)."""
    h, w = X.shape
    c0, c1 = int(max(0, (cx - radius) / px)), int(min(w, (cx + radius) / px + 2))
    r0, r1 = int(max(0, (cy - radius) / px)), int(min(h, (cy + radius) / px + 2))
    return slice(r0, max(r0, r1)), slice(c0, max(c0, c1))


def _blend(img, cov, colour):
    cov = cov[..., None]
    img *= 1.0 - cov
    img += cov * np.asarray(colour, dtype=np.float32)


GROUND = [
    ((70, 110, 50), 18),
    ((105, 105, 100), 10),
    ((60, 62, 66), 6),
    ((140, 130, 115), 12),
    ((90, 100, 60), 15),
]


def _roof_material(rng):
    kind = rng.choice(
        [
            "red_tiles",
            "grey_tiles",
            "black_tiles",
            "bitumen",
            "gravel",
            "metal",
            "concrete",
            "white",
            "green",
            "blue",
            "brown_tiles",
            "dark_metal",
            "white_metal",
        ],
        p=[0.11, 0.08, 0.11, 0.13, 0.07, 0.07, 0.07, 0.08, 0.05, 0.05, 0.05, 0.07, 0.06],
    )
    base = {
        "red_tiles": (150, 70, 50),
        "grey_tiles": (110, 110, 112),
        "black_tiles": (45, 45, 50),
        "bitumen": (60, 60, 64),
        "gravel": (130, 125, 118),
        "metal": (140, 145, 150),
        "concrete": (165, 165, 160),
        "white": (205, 208, 208),
        "green": (95, 110, 60),
        "blue": (105, 125, 150),
        "brown_tiles": (110, 75, 55),
        "dark_metal": (70, 75, 90),
        "white_metal": (205, 208, 207),
    }[kind]
    jitter = rng.normal(0, 12, 3)
    return str(kind), np.clip(np.array(base) + jitter, 10, 245)


def _roof_texture(rng, kind, u, v, px, shape):
    """Intensity modulation (additive, grey) of a roof material in roof coordinates."""
    tex = np.zeros(shape, np.float32)
    fine = rng.normal(0, 1, shape).astype(np.float32)
    if kind.endswith("tiles"):
        pitch = rng.uniform(0.28, 0.4)
        tex -= 28 * _lines(v, pitch, rng.uniform(0.03, 0.07), px)
        row = np.floor(v / pitch)
        tex -= 14 * _lines(u + (row % 2) * 0.1, rng.uniform(0.18, 0.3), 0.02, px)
        tex += 6 * fine
    elif kind == "bitumen":
        tex += 5 * fine + _lowfreq(rng, shape, 5, 8)
        if rng.random() < 0.7:
            tex += rng.choice([-1, 1]) * 18 * _lines(v, rng.uniform(0.8, 1.1), 0.05, px)
    elif kind == "gravel":
        tex += 16 * fine + _lowfreq(rng, shape, 6, 6)
    elif kind == "corrugated":  # light corrugated sheets: strong, fine, regular ridges
        pitch = rng.uniform(0.07, 0.2)
        tex += rng.uniform(18, 38) * np.sin(2 * math.pi * u / pitch).astype(np.float32) + 4 * fine
        tex += _lowfreq(rng, shape, 5, 8)
        if rng.random() < 0.5:
            tex -= 20 * _lines(v, rng.uniform(0.9, 2.5), 0.03, px)
    elif kind in ("metal", "dark_metal", "white_metal"):
        pitch = rng.uniform(0.12, 0.35)
        tex += 14 * np.sin(2 * math.pi * u / pitch).astype(np.float32) + 3 * fine
        if rng.random() < 0.5:
            tex -= 15 * _lines(v, rng.uniform(1.0, 3.0), 0.04, px)
    elif kind in ("concrete", "white", "blue"):
        tex += 4 * fine + _lowfreq(rng, shape, 7, 7)
        if rng.random() < 0.6:
            p = rng.uniform(0.6, 1.6)
            tex -= 18 * np.maximum(_lines(u, p, 0.03, px), _lines(v, p, 0.03, px))
    elif kind == "green":
        tex += 10 * fine + _lowfreq(rng, shape, 10, 18)
    return tex


def render_scene(
    rng: np.random.Generator,
    size: int = 256,
    gsd: float | None = None,
    panel_probability: float = 0.6,
    degrade: bool = True,
    hard_cases: float = 0.0,
) -> SyntheticScene:
    """Render one square scene of ``size`` px at 8 cm/px (degraded to look like ``gsd`` m/px).

    ``hard_cases`` is the chance that a roof is one of the hard cases: all-black frameless panels on a dark
    roof, or a light corrugated / dark metal roof without panels (0 keeps the default random stream).
    """
    px = MODEL_GSD
    H = W = size
    ys, xs = np.mgrid[0:H, 0:W].astype(np.float32)
    X = (xs + 0.5) * px
    Y = (ys + 0.5) * px
    ext = size * px

    # Ground
    colour, noise = GROUND[rng.integers(len(GROUND))]
    img = np.empty((H, W, 3), np.float32)
    low = _lowfreq(rng, (H, W), 4, 14)
    for b in range(3):
        img[..., b] = colour[b] + rng.normal(0, 8) + low
    img += rng.normal(0, noise / 2, (H, W, 1)).astype(np.float32)
    # roads / paving strips
    for _ in range(rng.integers(0, 3)):
        cov = _box(
            *_local(X, Y, rng.uniform(0, ext), rng.uniform(0, ext), rng.uniform(0, math.pi)),
            ext * 2,
            rng.uniform(1.5, 4),
            px,
        )
        _blend(img, cov, np.clip(rng.normal(95, 25, 1).repeat(3) + rng.normal(0, 4, 3), 30, 200))
    # cars and trees
    for _ in range(rng.integers(0, 5)):
        cx, cy, a = rng.uniform(0, ext), rng.uniform(0, ext), rng.uniform(0, math.pi)
        u, v = _local(X, Y, cx, cy, a)
        car = rng.choice(
            [(30, 35, 60), (20, 20, 22), (180, 180, 185), (140, 30, 30), (60, 70, 110), (200, 200, 200)]
        )
        _blend(img, _box(u, v, 2.2, 0.9, px) * 0.9, np.array(car) + rng.normal(0, 10, 3))
        _blend(img, _box(u, v - 0.2, 0.6, 0.7, px) * 0.5, (25, 28, 35))
    tree_layer = []
    for _ in range(rng.integers(0, 4)):
        tree_layer.append((rng.uniform(0, ext), rng.uniform(0, ext), rng.uniform(1.5, 4.0)))

    sun = rng.uniform(0, 2 * math.pi)
    sun_dx, sun_dy = math.cos(sun), math.sin(sun)
    label = np.zeros((H, W), np.float32)
    scene = SyntheticScene(image=None, label=None)

    n_roofs = rng.choice([0, 1, 1, 2, 2, 3])
    roof_masks = []
    for _ in range(n_roofs):
        hw, hh = rng.uniform(3, 14), rng.uniform(3, 10)
        cx, cy = rng.uniform(-2, ext + 2), rng.uniform(-2, ext + 2)
        angle = rng.uniform(0, math.pi)
        u, v = _local(X, Y, cx, cy, angle)
        cover = _box(u, v, hw, hh, px)
        if cover.max() < 0.5:
            continue
        # building shadow on the ground
        shadow_len = rng.uniform(0.5, 4.0)
        su, sv = _local(X - sun_dx * shadow_len, Y - sun_dy * shadow_len, cx, cy, angle)
        shadow = _box(su, sv, hw, hh, px) * (1 - cover)
        img *= (1 - shadow * rng.uniform(0.35, 0.6))[..., None]
        hard = None
        if hard_cases > 0 and rng.random() < hard_cases:
            hard = str(rng.choice(["black_panels", "corrugated", "dark_metal"], p=[0.5, 0.3, 0.2]))
        if hard == "black_panels":
            kind = str(rng.choice(["black_tiles", "bitumen", "dark_metal"], p=[0.6, 0.25, 0.15]))
            base = np.clip(
                np.array({"black_tiles": (42, 42, 46), "bitumen": (58, 58, 62)}.get(kind, (62, 66, 78)))
                + rng.normal(0, 6, 3),
                10,
                245,
            )
        elif hard == "corrugated":
            kind = "corrugated"
            base = np.clip(np.array((200, 203, 202)) + rng.normal(0, 14, 1) + rng.normal(0, 4, 3), 10, 245)
        elif hard == "dark_metal":
            kind = "dark_metal"
            base = np.clip(np.array((62, 66, 76)) + rng.normal(0, 10, 1) + rng.normal(0, 4, 3), 10, 245)
        else:
            kind, base = _roof_material(rng)
        roof = np.empty((H, W, 3), np.float32)
        tex = _roof_texture(rng, kind, u, v, px, (H, W))
        for b in range(3):
            roof[..., b] = base[b] + tex
        pitched = kind.endswith("tiles") or (rng.random() < 0.2 and kind != "gravel")
        if pitched:
            side = np.where(v > 0, rng.uniform(0.7, 1.0), rng.uniform(1.0, 1.2)).astype(np.float32)
            roof *= side[..., None]
            ridge = np.clip((rng.uniform(0.05, 0.12) - np.abs(v)) / px + 0.5, 0, 1)
            _blend(roof, ridge * 0.7, base * 0.8)
        else:
            # parapet/edge band
            edge = cover - _box(u, v, hw - rng.uniform(0.15, 0.4), hh - rng.uniform(0.15, 0.4), px)
            _blend(roof, np.clip(edge, 0, 1), np.clip(base + rng.normal(30, 25), 20, 240))
        # furniture: chimneys, skylights, dormers, AC units
        for _ in range(rng.integers(0, 7)):
            fu, fv = rng.uniform(-hw + 0.5, hw - 0.5), rng.uniform(-hh + 0.5, hh - 0.5)
            fx = cx + fu * math.cos(angle) - fv * math.sin(angle)
            fy = cy + fu * math.sin(angle) + fv * math.cos(angle)
            fwin = _window(X, Y, fx, fy, 3.5, px)
            froof, FX, FY = roof[fwin], X[fwin], Y[fwin]
            if FX.size == 0:
                continue
            lu, lv = _local(FX, FY, fx, fy, angle)
            what = rng.choice(["chimney", "skylight", "dormer", "ac", "hatch", "dome"])
            if what == "skylight":
                a, b = rng.uniform(0.3, 0.65), rng.uniform(0.4, 0.8)
                _blend(froof, _box(lu, lv, a, b, px), (200, 200, 200))
                glass = np.array([40, 50, 70]) + rng.normal(0, 15, 3)
                _blend(froof, _box(lu, lv, a - 0.06, b - 0.06, px), glass)
                if rng.random() < 0.5:
                    _blend(froof, _box(lu - a * 0.3, lv, a * 0.3, b - 0.1, px) * 0.5, (170, 180, 200))
                continue
            if what == "dome":  # light skylight dome, brighter in the middle
                a, b = rng.uniform(0.5, 1.2), rng.uniform(0.5, 1.2)
                edge = np.minimum(a - np.abs(lu), b - np.abs(lv))
                dome = np.clip(0.8 + 0.5 * np.clip(edge / min(a, b), 0, 1), 0, 1.3)
                col = np.array([205, 210, 212]) * dome[..., None]
                cov = _box(lu, lv, a, b, px)[..., None]
                froof *= 1 - cov
                froof += cov * col
                continue
            if what == "chimney":
                a = b = rng.uniform(0.25, 0.6)
                col = (120, 60, 45) if rng.random() < 0.5 else (90, 90, 90)
            elif what == "dormer":
                a, b = rng.uniform(0.9, 1.8), rng.uniform(0.8, 1.5)
                col = (
                    np.clip(base * rng.uniform(0.7, 1.3), 10, 240)
                    if rng.random() < 0.5
                    else (np.array([58, 58, 60]) + rng.normal(0, 6, 3))
                )
                _blend(froof, _box(lu, lv, a + 0.1, b + 0.1, px), (225, 225, 222))  # fascia
            elif what == "ac":
                a, b = rng.uniform(0.3, 0.8), rng.uniform(0.3, 0.6)
                col = (185, 188, 190)
            else:
                a, b = rng.uniform(0.3, 0.6), rng.uniform(0.3, 0.6)
                col = (70, 72, 78)
            sl = rng.uniform(0.3, 1.2)
            slu, slv = _local(FX - sun_dx * sl, FY - sun_dy * sl, fx, fy, angle)
            froof *= (1 - 0.45 * _box(slu, slv, a, b, px))[..., None]
            _blend(froof, _box(lu, lv, a, b, px), np.asarray(col, np.float32) + rng.normal(0, 8, 3))
        # panel arrays (this roof hides whatever was drawn below it)
        label *= 1 - cover
        if hard == "black_panels" or (hard is None and rng.random() < panel_probability):
            for _ in range(rng.integers(1, 4)):
                _panel_array(
                    rng,
                    roof,
                    label,
                    scene,
                    X,
                    Y,
                    cx,
                    cy,
                    angle,
                    hw,
                    hh,
                    pitched,
                    px,
                    sun_dx,
                    sun_dy,
                    black=hard == "black_panels",
                )
        _blend(img, cover, (0, 0, 0))
        img += roof * cover[..., None]
        roof_masks.append(cover)
        scene.roofs.append(_corners(cx, cy, angle, hw, hh, px))
    # trees over everything (they hide panels too)
    for tx, ty, r in tree_layer:
        d = np.hypot(X - tx, Y - ty)
        cov = np.clip((r - d) / px + 0.5, 0, 1)
        sd = np.hypot(X - tx - sun_dx * r, Y - ty - sun_dy * r)
        img *= (1 - 0.4 * np.clip((r - sd) / px + 0.5, 0, 1) * (1 - cov))[..., None]
        shade = _lowfreq(rng, (H, W), 16, 1.0) + rng.normal(0, 0.3, (H, W))
        tree = np.stack([45 + 15 * shade, 75 + 22 * shade, 40 + 10 * shade], -1).astype(np.float32)
        img = img * (1 - cov[..., None]) + tree * cov[..., None]
        label *= 1 - cov

    label = (label >= 0.5).astype(np.uint8)
    # nodata outside one roof (clipped roof crops as in the Dutch development set)
    if degrade and roof_masks and rng.random() < 0.15:
        keep = roof_masks[rng.integers(len(roof_masks))] >= 0.5
        img[~keep] = 0
        label[~keep] = 0

    if degrade:
        img = _degrade(rng, img, gsd)
    scene.image = np.clip(img, 0, 255).astype(np.uint8)
    scene.label = label
    return scene


def _panel_array(
    rng, roof, label, scene, X, Y, cx, cy, angle, hw, hh, pitched, px, sun_dx, sun_dy, black=False
):
    portrait = rng.random() < 0.6
    pw, ph = (rng.uniform(0.98, 1.1), rng.uniform(1.6, 1.8))
    if not portrait:
        pw, ph = ph, pw
    if pitched:  # panels lie in the roof slope: foreshortened across the slope in a vertical photo
        ph *= math.cos(math.radians(rng.uniform(15, 45)))
    gap = 0.0 if rng.random() < 0.4 else rng.uniform(0.01, 0.05)
    rows_sep = pitched or rng.random() < 0.4
    row_gap = gap if rows_sep else rng.uniform(0.3, 1.4)
    cols = int(rng.integers(2, 12))
    rows = int(rng.integers(1, 6))
    a_off = 0.0 if (pitched or rng.random() < 0.6) else rng.uniform(-0.6, 0.6)
    arr_angle = angle + a_off
    total_w = cols * pw + (cols - 1) * gap
    total_h = rows * ph + (rows - 1) * row_gap
    # shrink to fit inside the roof (with margin), rotation-aware bound
    limit_w = 2 * hw - 0.6
    limit_h = 2 * hh - 0.6
    ca, sa = abs(math.cos(a_off)), abs(math.sin(a_off))
    while cols > 1 and total_w * ca + total_h * sa > limit_w:
        cols -= 1
        total_w = cols * pw + (cols - 1) * gap
    while rows > 1 and total_w * sa + total_h * ca > limit_h:
        rows -= 1
        total_h = rows * ph + (rows - 1) * row_gap
    bw = total_w * ca + total_h * sa
    bh = total_w * sa + total_h * ca
    if bw > limit_w or bh > limit_h or cols * rows < 2:
        return
    ou = rng.uniform(-(limit_w - bw) / 2, (limit_w - bw) / 2)
    ov = rng.uniform(-(limit_h - bh) / 2, (limit_h - bh) / 2)
    ax = cx + ou * math.cos(angle) - ov * math.sin(angle)
    ay = cy + ou * math.sin(angle) + ov * math.cos(angle)
    win = _window(X, Y, ax, ay, math.hypot(total_w, total_h) / 2 + 1.5, px)
    roof, label, X, Y = roof[win], label[win], X[win], Y[win]
    if X.size == 0:
        return
    u, v = _local(X, Y, ax, ay, arr_angle)
    if _box(u, v, total_w / 2 + 0.3, total_h / 2 + 0.3, px).max() <= 0:
        return
    if (np.maximum(label, 0) * _box(u, v, total_w / 2 + 0.3, total_h / 2 + 0.3, px)).max() > 0:
        return  # do not overlap another array
    family = rng.choice(["mono", "poly", "light"], p=[0.55, 0.45, 0.0] if black else [0.5, 0.4, 0.1])
    if family == "mono":  # near-black cells, a slight blue cast
        base = np.array([26, 30, 42]) + rng.normal(0, 5, 1) + rng.normal(0, 2, 3)
    elif family == "poly":  # blue
        base = np.array([46, 66, 118]) + rng.normal(0, 8, 1) + rng.normal(0, 4, 3)
    else:  # light blue-grey (low sun, reflections)
        base = np.array([100, 115, 150]) + rng.normal(0, 10, 1) + rng.normal(0, 4, 3)
    base = np.clip(base * rng.uniform(0.8, 1.25), 5, 230)
    bright_frame = rng.random() < 0.5 and not black
    frame_col = (np.array([170, 174, 180]) + rng.normal(0, 15, 1)) if bright_frame else base * 0.7
    if black:  # all-black module: black frame, no light edge
        frame_col = np.array([30, 32, 36]) + rng.normal(0, 4, 3)
    frame_w = rng.uniform(0.035, 0.07)
    grid_amp = rng.uniform(12, 35) if family == "mono" else rng.uniform(5, 25)
    # row by row
    rows_cov = np.zeros_like(label)
    for r in range(rows):
        rv = -total_h / 2 + ph / 2 + r * (ph + row_gap)
        vv = v - rv
        row_cov = _box(u, vv, total_w / 2, ph / 2, px)
        if row_gap > 0.2:
            # tilted rows on a flat roof: shadow behind the row
            sl = rng.uniform(0.2, 0.7)
            roof *= (1 - 0.45 * _box(u, vv - ph / 2 - sl / 2, total_w / 2, sl / 2, px) * (1 - row_cov))[
                ..., None
            ]
        if row_cov.max() <= 0:
            continue
        # panel interior: base with per-cell variation and cell grid, gaps between panels
        pu = (u + total_w / 2) % (pw + gap)  # position inside a panel+gap pitch
        cell = 0.156
        panel = np.empty(roof.shape, np.float32)
        speck = 0.0
        if family == "poly":
            idx = (np.floor(u / cell) * 7919 + np.floor(vv / cell) * 104729).astype(np.int64)
            speck = ((idx * 2654435761) % 1000 / 1000.0 - 0.5) * 18
        grid = np.maximum(_lines(u, cell, 0.008, px), _lines(vv, cell, 0.008, px))
        for b in range(3):
            panel[..., b] = base[b] + speck + grid * grid_amp
        panel += rng.normal(0, 3, roof.shape[:2] + (1,)).astype(np.float32)
        if rng.random() < 0.4:  # sun glint gradient
            panel += (u / max(total_w, 1) * rng.uniform(-30, 30))[..., None]
        # frames
        in_panel_u = np.clip((pw - pu) / px + 0.5, 0, 1) * np.clip(pu / px + 0.5, 0, 1)
        fr = np.maximum(
            _lines(pu, pw + gap, frame_w * 2, px, phase=0.0), _lines(pu, pw + gap, frame_w * 2, px, phase=pw)
        )
        fr = np.maximum(
            fr, _box(u, vv, total_w / 2, ph / 2, px) - _box(u, vv, total_w / 2, ph / 2 - frame_w, px)
        )
        _blend(panel, np.clip(fr, 0, 1), frame_col)
        # gaps show the roof
        cov = row_cov * np.clip(in_panel_u + (gap < 0.02), 0, 1)
        roof *= (1 - cov)[..., None]
        roof += panel * cov[..., None]
        rows_cov = np.maximum(rows_cov, row_cov)
    if rows_sep:
        rows_cov = np.maximum(rows_cov, _box(u, v, total_w / 2, total_h / 2, px))
    np.maximum(label, rows_cov, out=label)
    scene.arrays.append(_corners(ax, ay, arr_angle, total_w / 2, total_h / 2, px))
    scene.panel_type.append("mono" if family == "mono" else "poly")


def _degrade(rng, img, gsd):
    H, W = img.shape[:2]
    if gsd is None:
        gsd = float(rng.choice([0.05, 0.08, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25]))
    if gsd > 0.09:
        from PIL import Image

        f = MODEL_GSD / gsd
        small = (max(8, int(round(W * f))), max(8, int(round(H * f))))
        pil = Image.fromarray(np.clip(img, 0, 255).astype(np.uint8))
        img = np.asarray(pil.resize(small, Image.BOX).resize((W, H), Image.BILINEAR), np.float32)
    # colour balance, gamma, haze
    img = img * (rng.uniform(0.9, 1.1) * rng.uniform(0.95, 1.05, 3)).astype(np.float32) + rng.normal(0, 8)
    gamma = rng.uniform(0.8, 1.25)
    img = 255.0 * (np.clip(img, 0, 255) / 255.0) ** gamma
    sigma = rng.uniform(0, 1.0)
    if sigma > 0.3:
        img = ndimage.gaussian_filter(img, (sigma, sigma, 0))
    img = img + rng.normal(0, rng.uniform(0, 5), img.shape).astype(np.float32)
    if rng.random() < 0.6:
        from PIL import Image

        buf = io.BytesIO()
        Image.fromarray(np.clip(img, 0, 255).astype(np.uint8)).save(
            buf, "JPEG", quality=int(rng.integers(40, 95))
        )
        buf.seek(0)
        img = np.asarray(Image.open(buf), np.float32)
    return img
