"""The four Processing algorithms run through QGIS Processing on small generated inputs."""

from __future__ import annotations

import numpy as np
import pytest
from shapely.geometry import box
from solar_testkit import write_raster

from smart_society.plugins.solar_detect.core.vector_io import read_features, write_gpkg

ALGS = ["detectsolarpanels", "aggregatesolarperbuilding", "evaluatesolardetection", "solarchanges"]


@pytest.fixture(scope="module")
def buildings_gpkg(solar_scene, tmp_path_factory):
    path = tmp_path_factory.mktemp("solar_alg") / "buildings.gpkg"
    rows = [
        (g, {"identificatie": f"NL.IMBAG.Pand.{i:04d}", "bu_code": "BU05059001"})
        for i, g in enumerate(solar_scene.footprints)
    ]
    write_gpkg(path, "buildings", "EPSG:28992", rows)
    return path


def _run(alg, params, context=None):
    from qgis import processing

    return processing.run(f"smartsociety:{alg}", params)


def test_algorithms_are_registered_with_bilingual_help(processing_registry):
    for name in ALGS:
        alg = processing_registry.algorithmById(f"smartsociety:{name}")
        assert alg is not None, name
        assert alg.name() == name
        assert len(alg.help_en) > 100 and len(alg.help_nl) > 100 and alg.help_en != alg.help_nl


def test_detect_and_aggregate(processing_registry, solar_scene, buildings_gpkg, tmp_path):
    out = _run(
        "detectsolarpanels",
        {
            "INPUT": str(solar_scene.path),
            "BUILDINGS": f"{buildings_gpkg}|layername=buildings",
            "ID_FIELD": "identificatie",
            "OUTPUT": str(tmp_path / "panels.gpkg"),
            "BUILDINGS_OUTPUT": str(tmp_path / "per_building.gpkg"),
        },
    )
    panels, attrs, wkt = read_features(out["OUTPUT"])
    assert "Amersfoort" in wkt
    assert out["PANELS"] == len(panels) >= 1
    assert out["KWP"] == pytest.approx(sum(a["kwp"] for a in attrs), rel=0.01)
    assert all(a["building_id"].startswith("NL.IMBAG.Pand.") for a in attrs)
    per_building, b_attrs, _w = read_features(out["BUILDINGS_OUTPUT"])
    assert sum(a["panel_area_m2"] for a in b_attrs) == pytest.approx(
        sum(a["area_m2"] for a in attrs), rel=0.02
    )

    agg = _run(
        "aggregatesolarperbuilding",
        {
            "PANELS": out["OUTPUT"],
            "BUILDINGS": f"{buildings_gpkg}|layername=buildings",
            "ID_FIELD": "identificatie",
            "PANEL_AREA": 2.0,
            "OUTPUT": str(tmp_path / "agg.gpkg"),
        },
    )
    _g, agg_attrs, _w = read_features(agg["OUTPUT"])
    by_id = {a["building_id"]: a for a in agg_attrs}
    for a in b_attrs:
        assert by_id[a["building_id"]]["panel_area_m2"] == pytest.approx(a["panel_area_m2"], abs=0.05)
        assert (
            by_id[a["building_id"]]["panel_count"]
            == (round(a["panel_area_m2"] / 2.0) if a["panel_area_m2"] else 0)
            or a["panel_area_m2"] < 1.0
        )


def test_evaluate_with_polygons_and_mask(processing_registry, tmp_path):
    ref = write_gpkg(
        tmp_path / "ref.gpkg",
        "ref",
        "EPSG:28992",
        [(box(0, 0, 10, 2), {"n": 1}), (box(20, 0, 24, 2), {"n": 2})],
    )
    det = write_gpkg(
        tmp_path / "det.gpkg",
        "det",
        "EPSG:28992",
        [(box(0, 0, 10, 1.8), {"n": 1}), (box(50, 0, 52, 2), {"n": 2})],
    )
    out = _run(
        "evaluatesolardetection",
        {
            "DETECTED": str(det),
            "REFERENCE": str(ref),
            "OUTPUT": str(tmp_path / "m.gpkg"),
            "TABLE": str(tmp_path / "t.gpkg"),
        },
    )
    assert out["PIXEL_IOU"] == pytest.approx(18 / 32, rel=1e-3)  # areas 22 and 28, overlap 18
    assert out["OBJECT_PRECISION"] == pytest.approx(0.5) and out["OBJECT_RECALL"] == pytest.approx(0.5)
    _g, rows, _w = read_features(out["OUTPUT"])
    assert sorted(r["match"] for r in rows) == ["FN", "FP", "TP"]
    from rasterio.transform import from_origin

    mask = np.zeros((4, 60), np.uint8)
    mask[2:4, 0:10] = 1  # 10 x 2 m at 1 m/px, y from 0 to 2
    mpath = write_raster(tmp_path / "mask.tif", mask, transform=from_origin(0, 4, 1, 1))
    out = _run(
        "evaluatesolardetection",
        {
            "DETECTED": str(det),
            "REFERENCE_MASK": str(mpath),
            "OUTPUT": str(tmp_path / "m2.gpkg"),
            "TABLE": str(tmp_path / "t2.gpkg"),
        },
    )
    assert out["OBJECT_RECALL"] == pytest.approx(1.0) and out["PIXEL_IOU"] == pytest.approx(18 / 24)


def test_changes_between_two_photos(processing_registry, solar_scene, buildings_gpkg, tmp_path):
    """The later photo is the earlier one with one panel array painted over with roof colour."""
    import rasterio

    with rasterio.open(solar_scene.path) as ds:
        after = ds.read()
        profile = ds.profile
    label = solar_scene.label.astype(bool)
    from scipy import ndimage

    comps, n = ndimage.label(label)
    sizes = ndimage.sum(label, comps, range(1, n + 1))
    biggest = int(np.argmax(sizes)) + 1
    region = comps == biggest
    ring = (
        ndimage.binary_dilation(region, iterations=6)
        & ~ndimage.binary_dilation(region, iterations=3)
        & ~label
    )
    for b in range(3):
        after[b][ndimage.binary_dilation(region, iterations=2)] = int(np.median(after[b][ring]))
    before_path = tmp_path / "before.tif"
    with rasterio.open(before_path, "w", **profile) as ds:
        ds.write(after)
    out = _run(
        "solarchanges",
        {
            "BEFORE": str(before_path),
            "AFTER": str(solar_scene.path),
            "BUILDINGS": f"{buildings_gpkg}|layername=buildings",
            "ID_FIELD": "identificatie",
            "OUTPUT": str(tmp_path / "inst.gpkg"),
            "BUILDINGS_OUTPUT": str(tmp_path / "b.gpkg"),
        },
    )
    assert out["NEW"] >= 1 and out["REMOVED"] == 0
    _g, rows, _w = read_features(out["BUILDINGS_OUTPUT"])
    statuses = {r["status"] for r in rows}
    assert statuses & {"new", "expanded"}
