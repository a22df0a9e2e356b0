"""Per building and per buurt, against hand-computed numbers."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from smart_society.plugins.solar_detect.core.aggregate import (
    aggregate_buildings,
    aggregate_buurten,
    assign_panels,
)
from smart_society.plugins.solar_detect.core.vectorise import PanelParams, make_panel


def _panels():
    params = PanelParams()
    a = box(2, 2, 7, 5.4)  # 17 m2 on building A
    b = box(18, 2, 23, 4)  # 10 m2 spanning A (4 m2) and B (6 m2)
    return [make_panel(a, a.area, 0.9, params), make_panel(b, b.area, 0.6, params)]


BUILDINGS = [("A", box(0, 0, 20, 10)), ("B", box(20, 0, 30, 10)), ("C", box(40, 0, 50, 10))]


def test_per_building():
    rows = {r.building_id: r for r in aggregate_buildings(_panels(), BUILDINGS, PanelParams())}
    a, b, c = rows["A"], rows["B"], rows["C"]
    assert a.panel_area_m2 == pytest.approx(17 + 4)
    assert b.panel_area_m2 == pytest.approx(6)
    assert c.panel_area_m2 == 0 and c.panel_count == 0 and c.kwp == 0
    assert a.roof_share == pytest.approx(21 / 200)
    assert a.panel_count == round(21 / 1.7)
    assert a.kwp == pytest.approx(21 * 0.2) and a.kwh_year == pytest.approx(21 * 0.2 * 875)
    assert a.confidence == pytest.approx((17 * 0.9 + 4 * 0.6) / 21)
    attrs = b.attributes()
    assert attrs["has_solar"] == 1 and attrs["roof_share"] == pytest.approx(0.06)


def test_panel_goes_to_the_building_it_overlaps_most():
    assert assign_panels(_panels(), BUILDINGS) == ["A", "B"]
    assert assign_panels([box(100, 100, 101, 101)], BUILDINGS) == [None]


def test_per_buurt_totals():
    rows = aggregate_buildings(_panels(), BUILDINGS, PanelParams())
    buurten = [("BU1", "West", box(-5, -5, 24, 15)), ("BU2", "Oost", box(24, -5, 60, 15))]
    out = {b.bu_code: b for b in aggregate_buurten(rows, buurten)}
    assert (out["BU1"].buildings, out["BU2"].buildings) == (1, 2)
    assert out["BU1"].panel_area_m2 == pytest.approx(21) and out["BU2"].panel_area_m2 == pytest.approx(6)
    assert (out["BU1"].buildings_with_solar, out["BU2"].buildings_with_solar) == (1, 1)
    assert out["BU2"].attributes()["share_buildings_solar"] == 0.5
    assert sum(b.kwh_year for b in out.values()) == pytest.approx(27 * 0.2 * 875)
    # a building whose inside point lies exactly on a buurt border still counts once
    on_border = [("BU1", "West", box(-5, -5, 25, 15)), ("BU2", "Oost", box(25, -5, 60, 15))]
    out = aggregate_buurten(rows, on_border)
    assert sum(b.buildings for b in out) == 3
