"""Mask to polygons: holes, merging across tile borders, minimum area, regularisation, attributes."""

from __future__ import annotations

import numpy as np
import pytest
from shapely.geometry import box

from smart_society.plugins.solar_detect.core.vectorise import (
    PanelParams,
    make_panel,
    mask_to_pieces,
    merge_pieces,
    pixel_polygons_to_panels,
)

GT = (1000.0, 0.08, 0.0, 2000.0, 0.0, -0.08)  # model-grid geotransform used below


def test_ring_keeps_its_hole_and_confidence_is_the_mean():
    mask = np.zeros((40, 40), bool)
    mask[5:35, 5:35] = True
    mask[15:25, 15:25] = False
    prob = np.where(mask, 0.8, 0.1).astype(np.float32)
    prob[5:10, 5:35] = 0.6
    pieces = mask_to_pieces(mask, prob, 100, 200)
    assert len(pieces) == 1 and not pieces[0].on_edge
    ((geom, conf, pixels),) = merge_pieces(pieces)
    assert len(geom.interiors) == 1
    assert geom.area == pixels == 30 * 30 - 10 * 10
    expected = (5 * 30 * 0.6 + (800 - 150) * 0.8) / 800
    assert conf == pytest.approx(expected, rel=1e-6)
    assert geom.bounds == (105, 205, 135, 235)  # model-grid pixel coordinates


def test_pieces_cut_by_a_tile_border_merge_into_one_panel():
    left = np.zeros((20, 20), bool)
    right = np.zeros((20, 20), bool)
    left[4:12, 10:] = True  # touches the right border of the left tile
    right[4:12, :6] = True  # continues in the right tile
    prob = np.full((20, 20), 0.9, np.float32)
    pieces = mask_to_pieces(left, prob, 0, 0) + mask_to_pieces(right, prob * 0.5, 20, 0)
    assert all(p.on_edge for p in pieces)
    merged = merge_pieces(pieces)
    assert len(merged) == 1
    geom, conf, pixels = merged[0]
    assert geom.geom_type == "Polygon" and geom.area == 8 * 16 == pixels
    assert conf == pytest.approx((80 * 0.9 + 48 * 0.45) / 128)


def test_minimum_area_regularisation_and_map_coordinates():
    blob = box(0, 0, 30, 20).union(box(30, 0, 32, 3))  # a rectangle with a small bump
    tiny = box(100, 100, 105, 105)  # 25 px = 0.16 m2
    panels = pixel_polygons_to_panels(
        [(blob, 0.9, int(blob.area)), (tiny, 0.9, 25)],
        GT,
        0.08,
        PanelParams(min_area_m2=1.0, regularise=True),
    )
    assert len(panels) == 1
    geom = panels[0].geometry
    assert len(geom.exterior.coords) == 5  # a rectangle
    assert geom.area >= blob.area * 0.0064 - 1e-9
    x0, y0, x1, y1 = geom.bounds
    assert x0 == pytest.approx(1000.0) and y1 == pytest.approx(2000.0)
    assert panels[0].area_m2 == pytest.approx(geom.area, rel=1e-6)


def test_panel_attributes_follow_the_parameters():
    p = make_panel(box(0, 0, 1, 17), 17.0, 0.8, PanelParams())
    assert p.panel_count == 10  # 17 / 1.7
    assert p.kwp == pytest.approx(3.4)  # 17 m2 x 200 Wp/m2
    assert p.kwh_year == pytest.approx(3.4 * 875)
    q = make_panel(
        box(0, 0, 1, 17), 17.0, 0.8, PanelParams(panel_area_m2=2.0, wp_per_m2=180, kwh_per_kwp=900)
    )
    assert q.panel_count == 8 or q.panel_count == 9  # 8.5 rounds to even
    assert q.kwp == pytest.approx(3.06) and q.kwh_year == pytest.approx(3.06 * 900)
