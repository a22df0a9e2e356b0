"""The streaming engine: seamless tiles, footprint masking, CRS and resolution handling, progress, cancel,
process pool and Dask executors."""

from __future__ import annotations

import numpy as np
import pytest
from shapely.ops import unary_union
from solar_testkit import X0, Y0

from smart_society.plugins.solar_detect.core.engine import (
    Cancelled,
    DetectionParams,
    clean_mask,
    detect_panels,
    plan_detection,
    run_tile_job,
)
from smart_society.plugins.solar_detect.core.pipeline import run_solar
from smart_society.plugins.solar_detect.core.vectorise import (
    mask_to_pieces,
    merge_pieces,
    pixel_polygons_to_panels,
)


def _union(panels):
    return unary_union([p.geometry for p in panels])


def _iou(a, b):
    inter = a.intersection(b).area
    return inter / (a.area + b.area - inter)


def test_tiles_merge_without_seams(solar_scene, shipped_model):
    """Tiled detection equals one whole-image pass of the same model (no seams at tile borders)."""
    params = DetectionParams(batch_size=3)
    result = detect_panels(str(solar_scene.path), None, params)
    n = -(-600 // result.plan.core)
    assert result.stats["tiles_total"] == result.stats["tiles_processed"] == n * n >= 4  # several tiles
    img = solar_scene.image
    h, w = img.shape[:2]
    padded = np.pad(img, ((32, 32 + (-h) % 16), (32, 32 + (-w) % 16), (0, 0)), mode="constant")
    prob = shipped_model.predict(padded[None])[0][32 : 32 + h, 32 : 32 + w]
    mask = clean_mask(
        prob >= shipped_model.threshold, params.closing_px, int(params.panel.min_hole_m2 / 0.0064)
    )
    whole = pixel_polygons_to_panels(
        merge_pieces(mask_to_pieces(mask, prob, 0, 0)), (X0, 0.08, 0, Y0, 0, -0.08), 0.08, params.panel
    )
    assert whole, "the model must find the synthetic panels"
    assert _iou(_union(result.panels), _union(whole)) > 0.97
    assert all(p.geometry.geom_type == "Polygon" for p in result.panels)
    assert abs(len(result.panels) - len(whole)) <= 1  # pieces cut by tile borders were merged


def test_finds_the_true_panels(solar_scene):
    result = detect_panels(str(solar_scene.path), solar_scene.footprints, DetectionParams())
    truth = unary_union(solar_scene.truth)
    assert _iou(_union(result.panels), truth) > 0.6
    for p in result.panels:
        assert p.area_m2 >= 1.0 and 0.0 < p.confidence <= 1.0
        assert p.kwp == pytest.approx(p.area_m2 * 0.2)


def test_only_tiles_touching_footprints_are_processed(solar_scene):
    fp = solar_scene.footprints[:1]
    plan = plan_detection(str(solar_scene.path), fp, DetectionParams(footprint_buffer_m=0.0))
    assert plan.tiles_selected < plan.tiles_total
    result = detect_panels(str(solar_scene.path), fp, DetectionParams(footprint_buffer_m=0.5))
    allowed = fp[0].buffer(0.5 + 0.08)
    for p in result.panels:
        assert allowed.contains(p.geometry), "detections outside the buffered footprints are dropped"


def test_any_crs_and_resolution(solar_scene, tmp_path):
    """The same photo warped to Web Mercator and resampled to 12 cm gives the same panels in RD New."""
    from osgeo import gdal

    gdal.UseExceptions()
    buildings = [(str(i), g) for i, g in enumerate(solar_scene.footprints)]
    base = run_solar(str(solar_scene.path), buildings)
    merc = tmp_path / "merc.tif"
    gdal.Warp(str(merc), str(solar_scene.path), dstSRS="EPSG:3857", resampleAlg="bilinear")
    warped = run_solar(str(merc), buildings)
    assert warped.detection.plan.raster.ground_gsd == pytest.approx(0.08, rel=0.05)
    assert _iou(_union(warped.panels), _union(base.panels)) > 0.8
    coarse = tmp_path / "coarse12.tif"
    gdal.Translate(str(coarse), str(solar_scene.path), xRes=0.12, yRes=0.12, resampleAlg="average")
    resampled = run_solar(str(coarse), buildings)
    assert resampled.detection.plan.raster.model_width == pytest.approx(600, abs=2)
    assert _iou(_union(resampled.panels), _union(base.panels)) > 0.4
    total = sum(p.area_m2 for p in base.panels)
    assert sum(p.area_m2 for p in warped.panels) == pytest.approx(total, rel=0.15)


def test_progress_and_cancel(solar_scene):
    seen = []
    detect_panels(str(solar_scene.path), None, DetectionParams(tiles_per_job=1), progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == pytest.approx(100.0) and len(seen) >= 4
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Cancelled):
        detect_panels(str(solar_scene.path), None, DetectionParams(tiles_per_job=1), cancel=cancel)


def test_tile_jobs_are_stateless_and_picklable(solar_scene):
    import pickle

    plan = plan_detection(str(solar_scene.path), solar_scene.footprints, DetectionParams())
    job = pickle.loads(pickle.dumps(plan.jobs[0]))
    a = run_tile_job(job)
    b = run_tile_job(plan.jobs[0])
    assert a.tiles == b.tiles == len(plan.jobs[0].origins)
    assert [p.pixels for p in a.pieces] == [p.pixels for p in b.pieces]


def test_process_pool_and_dask_give_the_same_panels(solar_scene):
    pytest.importorskip("distributed")
    local = detect_panels(str(solar_scene.path), solar_scene.footprints, DetectionParams(tiles_per_job=2))
    area = sum(p.area_m2 for p in local.panels)
    for executor in ("processes", "dask"):
        other = detect_panels(
            str(solar_scene.path),
            solar_scene.footprints,
            DetectionParams(tiles_per_job=2, executor=executor, workers=2),
        )
        assert len(other.panels) == len(local.panels), executor
        assert sum(p.area_m2 for p in other.panels) == pytest.approx(area, rel=1e-3), executor


def test_small_holes_filled_as_binary_fill_holes_finds_them():
    """Holes below the size limit are filled, larger ones and gaps open to the window's border are kept:
    the same result as scipy's binary_fill_holes + size filter, on random masks."""
    from scipy import ndimage

    rng = np.random.default_rng(7)
    for _case in range(60):
        mask = ndimage.binary_opening(rng.random((48, 64)) < rng.uniform(0.3, 0.8))
        for max_hole in (2, 12, 500):
            holes = ndimage.binary_fill_holes(mask) & ~mask
            labels, n = ndimage.label(holes)
            sizes = np.bincount(labels.ravel(), minlength=n + 1)
            expected = mask | ((sizes < max_hole) & (np.arange(n + 1) > 0))[labels]
            assert (clean_mask(mask, 0, max_hole) == expected).all()
