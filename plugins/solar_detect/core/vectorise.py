"""Masks to panel polygons (holes kept), merging across tiles, and per-panel attributes.

Polygons are built in integer *model-grid pixel* coordinates so pieces of one panel array cut by tile
borders share exact edges and merge without slivers; they are moved to map coordinates at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage
from shapely import wkb
from shapely.affinity import affine_transform
from shapely.geometry import shape
from shapely.ops import unary_union


@dataclass
class PanelParams:
    """Every default of the panel attributes (all user parameters)."""

    # below one panel (1.7 m2): a detection that small is a roof window, a hatch or a piece of an array
    min_area_m2: float = 1.5
    min_hole_m2: float = 0.5  # smaller holes in a panel area are filled, larger ones kept
    regularise: bool = False
    panel_area_m2: float = 1.7  # one panel
    wp_per_m2: float = 200.0  # peak watt per m2 of panel
    kwh_per_kwp: float = 875.0  # yearly yield in the Netherlands


@dataclass
class Piece:
    """One connected mask component of one tile (picklable: geometry as WKB)."""

    wkb: bytes
    prob_sum: float
    pixels: int
    on_edge: bool


@dataclass
class Panel:
    geometry: object  # shapely polygon in the raster's CRS
    area_m2: float
    confidence: float
    panel_count: int
    kwp: float
    kwh_year: float
    pixels: int = 0

    def attributes(self) -> dict:
        return {
            "area_m2": round(self.area_m2, 2),
            "confidence": round(self.confidence, 3),
            "panel_count": self.panel_count,
            "kwp": round(self.kwp, 2),
            "kwh_year": round(self.kwh_year, 0),
        }


def mask_to_pieces(
    mask: np.ndarray, prob: np.ndarray, x0: int, y0: int, min_pixels_inner: int = 0
) -> list[Piece]:
    """Connected components of ``mask`` (4-connected) as polygons with holes, in model-grid pixels.

    ``(x0, y0)`` is the model-grid position of ``mask[0, 0]``. Components touching the window's border are
    flagged (they may continue in the next tile); inner components below ``min_pixels_inner`` are dropped.
    """
    from rasterio import features
    from rasterio.transform import Affine

    labels, n = ndimage.label(mask)
    if n == 0:
        return []
    ids = np.arange(1, n + 1)
    counts = (
        ndimage.sum_labels(np.ones_like(prob), labels, ids)
        if hasattr(ndimage, "sum_labels")
        else ndimage.sum(np.ones_like(prob), labels, ids)
    )
    sums = ndimage.sum(prob, labels, ids)
    edge_ids = set(np.unique(np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])).tolist())
    edge_ids.discard(0)
    keep = np.zeros(n + 1, bool)
    for i in ids:
        keep[i] = (i in edge_ids) or counts[i - 1] >= min_pixels_inner
    pieces = []
    transform = Affine(1.0, 0.0, float(x0), 0.0, 1.0, float(y0))
    for geom, value in features.shapes(
        labels.astype(np.int32), mask=keep[labels], connectivity=4, transform=transform
    ):
        v = int(value)
        poly = shape(geom)
        pieces.append(
            Piece(wkb=poly.wkb, prob_sum=float(sums[v - 1]), pixels=int(counts[v - 1]), on_edge=v in edge_ids)
        )
    return pieces


def merge_pieces(pieces: list[Piece]) -> list[tuple[object, float, int]]:
    """(polygon in model pixels, mean probability, pixels) per panel, joining pieces cut by tile borders."""
    out = []
    edge = []
    for p in pieces:
        if p.on_edge:
            edge.append(p)
        else:
            out.append((wkb.loads(p.wkb), p.prob_sum / max(p.pixels, 1), p.pixels))
    if edge:
        geoms = [wkb.loads(p.wkb) for p in edge]
        merged = unary_union(geoms)
        parts = list(getattr(merged, "geoms", [merged]))
        bounds = [part.bounds for part in parts]
        sums = np.zeros(len(parts))
        pix = np.zeros(len(parts), np.int64)
        for p, g in zip(edge, geoms):
            pt = g.representative_point()
            for j, (bx0, by0, bx1, by1) in enumerate(bounds):
                if bx0 <= pt.x <= bx1 and by0 <= pt.y <= by1 and parts[j].intersects(pt):
                    sums[j] += p.prob_sum
                    pix[j] += p.pixels
                    break
        for part, s, n in zip(parts, sums, pix):
            if part.geom_type == "Polygon" and not part.is_empty:
                out.append((part, s / max(n, 1), int(n)))
    return out


def pixel_polygons_to_panels(items, model_geotransform, model_gsd: float, params: PanelParams) -> list[Panel]:
    """Filter, optionally regularise, and attribute merged pixel-space polygons; returns map-CRS panels."""
    a, b, c, d, e, f = model_geotransform
    matrix = [b, c, e, f, a, d]
    px_area = model_gsd * model_gsd
    panels = []
    for geom, conf, pixels in items:
        area_px = geom.area
        if params.regularise:
            rect = geom.minimum_rotated_rectangle
            if rect.geom_type == "Polygon":
                geom = rect
                area_px = geom.area
        area = area_px * px_area
        if area < params.min_area_m2:
            continue
        panels.append(make_panel(affine_transform(geom, matrix), area, conf, params, pixels))
    return panels


def make_panel(geometry, area_m2: float, confidence: float, params: PanelParams, pixels: int = 0) -> Panel:
    count = max(1, int(round(area_m2 / params.panel_area_m2))) if area_m2 > 0 else 0
    kwp = area_m2 * params.wp_per_m2 / 1000.0
    return Panel(
        geometry=geometry,
        area_m2=area_m2,
        confidence=float(confidence),
        panel_count=count,
        kwp=kwp,
        kwh_year=kwp * params.kwh_per_kwp,
        pixels=pixels,
    )
