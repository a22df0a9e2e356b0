"""Quality on real and sample data with the shipped model and its own threshold (the figures of `make eval`).

The floors below are what the shipped model must keep; the issue's goals are printed by scripts/eval_solar.py.
"""

from __future__ import annotations

import pytest

from smart_society.plugins.solar_detect.core import quality

# Floors the shipped model holds, a little under what it measures (resources/models/solar_unet_8cm.md):
# PV01 0.865, sample district whole 0.929 / object F1 0.990, this window 0.930 / 0.983. The goals of issue 6
# are printed by scripts/eval_solar.py; the one not met (no false panel area on any Dutch roof) is the xfail.
PV01_MIN_IOU = 0.80
SAMPLE_MIN_IOU = 0.85
SAMPLE_MIN_OBJECT_F1 = 0.90
SAMPLE_WINDOW = (105000.0, 424100.0, 105300.0, 424400.0)  # 300 x 300 m in the middle of the district


def test_pv01_held_out_pairs(shared_data):
    result = quality.evaluate_pv01(shared_data / "solar_pv01_jiang2021")
    assert result["pairs"] == 16
    assert result["pixel_iou"] >= PV01_MIN_IOU, result


@pytest.fixture(scope="module")
def nl_rows(shared_data):
    return quality.evaluate_nl(shared_data / "nl_luchtfoto_8cm_dev")


def test_dutch_8cm_solar_roofs_are_found(nl_rows):
    assert len(nl_rows) == 14
    verdict = quality.nl_verdict(nl_rows)
    assert verdict["solar_roofs"] == 3 and verdict["other_roofs"] == 11
    missed = [r["file"] for r in nl_rows if r["solar"] and r["largest_m2"] < 1.0]
    assert not missed, f"no panels found on {missed}"
    # tiled / coloured roofs carry no false panels
    for r in nl_rows:
        if r["class"] in ("tile", "tile1", "blue", "green", "concrete", "white"):
            assert r["largest_m2"] <= 1.0, r


@pytest.mark.xfail(
    strict=True,
    reason="known limitation of the shipped model: two of the three dark flat roofs get a small false "
    "panel area (2.7 and 2.8 m2, by a railing and a skylight next to nodata holes); goal of issue 6 not "
    "yet met",
)
def test_dutch_8cm_no_false_panels_on_any_other_roof(nl_rows):
    false = [
        (r["file"], round(r["largest_m2"], 1)) for r in nl_rows if not r["solar"] and r["largest_m2"] > 1.0
    ]
    assert not false, f"panel polygons above 1 m2 on roofs without panels: {false}"


def test_sample_district_window(sample_district):
    if not sample_district.orthophoto:
        pytest.skip("sample district generated without orthophoto")
    q = quality.evaluate_sample(sample_district.directory, window=SAMPLE_WINDOW)
    ev = q.evaluation
    assert ev.tp + ev.fn >= 5, "the window must hold true panels"
    assert q.tiles < q.tiles_total
    assert ev.pixel_iou >= SAMPLE_MIN_IOU, ev.summary()
    assert ev.object_f1 >= SAMPLE_MIN_OBJECT_F1, ev.summary()
