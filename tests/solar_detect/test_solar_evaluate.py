"""Evaluation: pixel IoU/F1, object precision/recall, per-building confusion, masks."""

from __future__ import annotations

import numpy as np
import pytest
from rasterio.transform import from_origin
from shapely.geometry import box
from solar_testkit import write_raster

from smart_society.plugins.solar_detect.core.evaluate import evaluate, mask_raster_polygons, mask_scores


def test_hand_computed_scores():
    reference = [box(0, 0, 10, 2), box(20, 0, 24, 2), box(40, 0, 42, 2)]
    detected = [box(0, 0, 10, 1.8), box(20, 1, 24, 3), box(60, 0, 61, 1)]
    buildings = [
        ("A", box(-1, -1, 11, 3)),
        ("B", box(19, -1, 25, 4)),
        ("C", box(39, -1, 43, 3)),
        ("D", box(59, -1, 62, 2)),
        ("E", box(80, 0, 90, 10)),
    ]
    ev = evaluate(detected, reference, buildings)
    inter = 18 + 4
    union = (18 + 8 + 1) + (20 + 8 + 4) - inter
    assert ev.pixel_iou == pytest.approx(inter / union)
    assert ev.pixel_f1 == pytest.approx(2 * inter / (27 + 32))
    # object IoU: 18/20 = 0.9 (match); 4/12 = 0.33 (no match); far box: FP
    assert (ev.tp, ev.fp, ev.fn) == (1, 2, 2)
    assert ev.object_precision == pytest.approx(1 / 3) and ev.object_recall == pytest.approx(1 / 3)
    assert ev.building_confusion == {"TP": 2, "FP": 1, "FN": 1, "TN": 1}  # D: 1 m2 detected, none true
    kinds = sorted(m.kind for m in ev.matches)
    assert kinds == ["FN", "FN", "FP", "FP", "TP"]


def test_perfect_and_empty():
    ref = [box(0, 0, 3, 3)]
    ev = evaluate(ref, ref)
    assert ev.pixel_iou == 1.0 and ev.object_f1 == 1.0
    ev = evaluate([], ref)
    assert ev.pixel_iou == 0.0 and ev.object_recall == 0.0 and ev.fn == 1


def test_mask_scores_and_mask_raster(tmp_path):
    truth = np.zeros((10, 10), bool)
    truth[2:6, 2:6] = True
    pred = np.zeros((10, 10), bool)
    pred[2:6, 4:8] = True
    iou, f1, p, r = mask_scores(pred, truth)
    assert iou == pytest.approx(8 / 24) and f1 == pytest.approx(0.5) and p == r == pytest.approx(0.5)
    path = write_raster(tmp_path / "mask.tif", truth.astype(np.uint8), transform=from_origin(0, 10, 1, 1))
    polys, wkt = mask_raster_polygons(str(path))
    assert len(polys) == 1 and polys[0].area == 16 and "Amersfoort" in wkt
