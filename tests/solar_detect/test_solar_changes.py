"""Changes between two years, per installation and per building."""

from __future__ import annotations

from shapely.geometry import box

from smart_society.plugins.solar_detect.core.changes import compare_years

BUILDINGS = [
    ("A", box(0, 0, 10, 10)),
    ("B", box(20, 0, 30, 10)),
    ("C", box(40, 0, 50, 10)),
    ("D", box(60, 0, 70, 10)),
    ("E", box(80, 0, 90, 10)),
]


def test_new_removed_expanded_unchanged():
    before = [box(1, 1, 5, 3), box(21, 1, 25, 3), box(41, 1, 45, 3)]
    after = [box(1, 1, 5, 3), box(21, 1, 25, 3), box(21, 5, 27, 8), box(61, 1, 64, 4)]
    installations, changes = compare_years(before, after, BUILDINGS)
    kinds = sorted((c.change, c.building_id) for c in installations)
    assert kinds == [("new", "B"), ("new", "D"), ("removed", "C")]
    status = {c.building_id: c.status for c in changes}
    assert status == {"A": "unchanged", "B": "expanded", "C": "removed", "D": "new", "E": "none"}
    b = next(c for c in changes if c.building_id == "B")
    assert b.attributes()["area_change_m2"] == 18.0
