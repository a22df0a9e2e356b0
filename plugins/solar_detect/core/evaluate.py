"""Detections against reference polygons or masks: pixel IoU/F1, object precision/recall, per building.

Pixel measures are computed on exact polygon areas (the limit of infinitely fine pixels) or on masks;
objects match one-to-one greedily by IoU (>= ``iou_threshold``, default 0.5).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
from shapely.ops import unary_union


@dataclass
class ObjectMatch:
    kind: str  # TP / FP / FN
    geometry: object
    iou: float
    detected_index: int | None
    reference_index: int | None


@dataclass
class Evaluation:
    pixel_iou: float
    pixel_f1: float
    pixel_precision: float
    pixel_recall: float
    object_precision: float
    object_recall: float
    object_f1: float
    tp: int
    fp: int
    fn: int
    building_confusion: dict = field(default_factory=dict)  # TP/FP/FN/TN counts of buildings
    matches: list = field(default_factory=list)
    buildings: list = field(default_factory=list)  # (building id, status, detected m2, reference m2)

    def summary(self) -> dict:
        return {
            "pixel_iou": round(self.pixel_iou, 4),
            "pixel_f1": round(self.pixel_f1, 4),
            "pixel_precision": round(self.pixel_precision, 4),
            "pixel_recall": round(self.pixel_recall, 4),
            "object_precision": round(self.object_precision, 4),
            "object_recall": round(self.object_recall, 4),
            "object_f1": round(self.object_f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            **{f"buildings_{k}": v for k, v in self.building_confusion.items()},
        }


def _ratio(a: float, b: float, empty: float = 1.0) -> float:
    return a / b if b > 0 else empty


def pixel_scores(detected: list, reference: list) -> tuple[float, float, float, float]:
    """(IoU, F1, precision, recall) of the union of detected vs reference polygons (areas)."""
    d = unary_union(detected) if detected else None
    r = unary_union(reference) if reference else None
    da = d.area if d is not None else 0.0
    ra = r.area if r is not None else 0.0
    inter = d.intersection(r).area if d is not None and r is not None else 0.0
    union = da + ra - inter
    iou = _ratio(inter, union)
    f1 = _ratio(2 * inter, da + ra)
    return iou, f1, _ratio(inter, da), _ratio(inter, ra)


def mask_scores(detected: np.ndarray, reference: np.ndarray) -> tuple[float, float, float, float]:
    """(IoU, F1, precision, recall) of two boolean masks."""
    d, r = detected.astype(bool), reference.astype(bool)
    inter = float(np.logical_and(d, r).sum())
    da, ra = float(d.sum()), float(r.sum())
    return _ratio(inter, da + ra - inter), _ratio(2 * inter, da + ra), _ratio(inter, da), _ratio(inter, ra)


def match_objects(detected: list, reference: list, iou_threshold: float = 0.5) -> list[ObjectMatch]:
    """Greedy one-to-one matching by IoU."""
    from shapely.strtree import STRtree

    pairs = []
    if detected and reference:
        with warnings.catch_warnings():  # shapely 1.8 warns about its 2.0 API
            warnings.simplefilter("ignore")
            tree = STRtree(reference)
        ids = {id(g): i for i, g in enumerate(reference)}
        for i, d in enumerate(detected):
            for h in tree.query(d):
                j = int(h) if not hasattr(h, "geom_type") else ids[id(h)]
                r = reference[j]
                inter = d.intersection(r).area
                if inter <= 0:
                    continue
                iou = inter / (d.area + r.area - inter)
                if iou >= iou_threshold:
                    pairs.append((iou, i, j))
    pairs.sort(reverse=True)
    used_d, used_r, out = set(), set(), []
    for iou, i, j in pairs:
        if i in used_d or j in used_r:
            continue
        used_d.add(i)
        used_r.add(j)
        out.append(ObjectMatch("TP", detected[i], iou, i, j))
    for i, d in enumerate(detected):
        if i not in used_d:
            out.append(ObjectMatch("FP", d, _best_iou(d, reference), i, None))
    for j, r in enumerate(reference):
        if j not in used_r:
            out.append(ObjectMatch("FN", r, _best_iou(r, detected), None, j))
    return out


def _best_iou(geom, others) -> float:
    best = 0.0
    for o in others:
        if not geom.intersects(o):
            continue
        inter = geom.intersection(o).area
        best = max(best, inter / (geom.area + o.area - inter))
    return best


def evaluate(
    detected: list,
    reference: list,
    buildings: list[tuple[str, object]] | None = None,
    iou_threshold: float = 0.5,
    min_building_m2: float = 1.0,
) -> Evaluation:
    """Compare detected and reference polygons (same metric CRS).

    ``buildings`` (id, footprint): per-building confusion, a building being positive when it holds at least
    ``min_building_m2`` of panels (detected or reference).
    """
    iou, f1, prec, rec = pixel_scores(detected, reference)
    matches = match_objects(detected, reference, iou_threshold)
    tp = sum(m.kind == "TP" for m in matches)
    fp = sum(m.kind == "FP" for m in matches)
    fn = sum(m.kind == "FN" for m in matches)
    op, orc = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    of1 = _ratio(2 * op * orc, op + orc, 0.0)
    confusion = {"TP": 0, "FP": 0, "FN": 0, "TN": 0}
    rows = []
    if buildings:
        from .aggregate import aggregate_buildings

        det_rows = aggregate_buildings(detected, buildings)
        ref_rows = aggregate_buildings(reference, buildings)
        for d, r in zip(det_rows, ref_rows):
            dp, rp = d.panel_area_m2 >= min_building_m2, r.panel_area_m2 >= min_building_m2
            status = "TP" if dp and rp else "FP" if dp else "FN" if rp else "TN"
            confusion[status] += 1
            rows.append((d.building_id, status, d.panel_area_m2, r.panel_area_m2))
    return Evaluation(
        pixel_iou=iou,
        pixel_f1=f1,
        pixel_precision=prec,
        pixel_recall=rec,
        object_precision=op,
        object_recall=orc,
        object_f1=of1,
        tp=tp,
        fp=fp,
        fn=fn,
        building_confusion=confusion,
        matches=matches,
        buildings=rows,
    )


def mask_raster_polygons(path: str) -> tuple[list, str]:
    """Polygons of the non-zero pixels of a reference mask raster (band 1) and the raster's CRS WKT."""
    import rasterio
    from rasterio import features
    from shapely.geometry import shape

    from .errors import SolarDetectError

    try:
        with rasterio.open(path) as ds:
            if ds.crs is None:
                raise SolarDetectError(f"Reference mask {path} has no CRS; expected a georeferenced 0/1 mask")
            data = ds.read(1)
            nodata = ds.nodata
            transform, wkt = ds.transform, ds.crs.to_wkt()
    except rasterio.errors.RasterioIOError as error:
        raise SolarDetectError(
            f"Reference mask {path} cannot be read ({error}); expected a GDAL raster"
        ) from error
    mask = data > 0
    if nodata is not None:
        mask &= data != nodata
    polys = [shape(g) for g, v in features.shapes(mask.astype(np.uint8), mask=mask, transform=transform) if v]
    return polys, wkt
