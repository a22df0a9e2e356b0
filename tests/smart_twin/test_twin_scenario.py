"""Scenario contract: create, apply (demolish, new with local ground, trees), validation, sample plan."""

from __future__ import annotations

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

from smart_society.plugins.smart_twin.core import scenario as sc


def _square(x, y, half=5.0):
    return QgsGeometry.fromWkt(
        f"POLYGON(({x - half} {y - half},{x + half} {y - half},{x + half} {y + half},{x - half} {y + half},"
        f"{x - half} {y - half}))"
    )


def _buildings():
    layer = QgsVectorLayer(
        "Polygon?crs=EPSG:28992&field=identificatie:string&field=gebruiksdoel:string&field=bouwjaar:integer"
        "&field=b3_h_maaiveld:double&field=b3_h_50p:double&field=b3_h_70p:double&field=b3_h_max:double"
        "&field=woningen:integer&field=bu_code:string",
        "buildings",
        "memory",
    )
    features = []
    # grounds 0.2, 0.4, 0.6 around (0,0); one far away at ground 5.0
    for ident, x, y, ground in (
        ("A", 0, 0, 0.2),
        ("B", 20, 0, 0.4),
        ("C", 0, 20, 0.6),
        ("D", 1000, 1000, 5.0),
    ):
        feature = QgsFeature(layer.fields())
        feature.setAttributes(
            [ident, "woonfunctie", 1950, ground, ground + 5, ground + 6, ground + 8, 1, "BU1"]
        )
        feature.setGeometry(_square(x, y))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def _trees():
    layer = QgsVectorLayer(
        "Point?crs=EPSG:28992&field=boom_id:string&field=soort:string"
        "&field=crown_diameter_m:double&field=height_m:double&field=planting_year:integer",
        "trees",
        "memory",
    )
    feature = QgsFeature(layer.fields())
    feature.setAttributes(["T1", "Eik", 6.0, 12.0, 1980])
    feature.setGeometry(QgsGeometry.fromWkt("POINT(50 50)"))
    layer.dataProvider().addFeatures([feature])
    return layer


def test_create_scenario_is_empty_with_contract_fields(qgis_app, tmp_path):
    path = sc.create_scenario(tmp_path / "plan.gpkg")
    buildings, trees = sc.read_scenario(path)
    assert buildings.featureCount() == 0 and trees.featureCount() == 0
    assert buildings.crs().authid() == "EPSG:28992"
    assert [f for f, _ in sc.BUILDING_FIELDS] == [n for n in buildings.fields().names() if n != "fid"]
    assert [f for f, _ in sc.TREE_FIELDS] == [n for n in trees.fields().names() if n != "fid"]


def test_apply_scenario_demolishes_adds_and_plants(qgis_app, tmp_path):
    path = sc.create_scenario(tmp_path / "plan.gpkg")
    sc.add_scenario_buildings(
        path,
        [
            {"geometry": _square(0, 0), "change": "demolish", "target_id": "A", "description": "sloop"},
            # demolition by area (no target id) catches D by its centroid
            {"geometry": _square(1000, 1000, 20), "change": "demolish", "target_id": ""},
            {
                "geometry": _square(10, 10, 4),
                "change": "new",
                "gebruiksdoel": "woonfunctie",
                "height_m": 12.5,
                "woningen": 8,
                "bouwjaar": 2030,
            },
        ],
    )
    sc.add_scenario_trees(
        path,
        [
            {
                "geometry": "POINT(5 5)",
                "soort": "Linde",
                "crown_diameter_m": 3.0,
                "height_m": 5.0,
                "planting_year": 2027,
            }
        ],
    )
    before = _buildings()
    after, trees_after = sc.apply_scenario(before, _trees(), path)
    ids = sorted(str(f["identificatie"]) for f in after.getFeatures())
    assert ids == ["B", "C", "scenario-new-1"]
    assert after.fields().names() == before.fields().names()
    new = next(f for f in after.getFeatures() if f["identificatie"] == "scenario-new-1")
    # nearest kept buildings within 150 m: B (0.4) and C (0.6) -> median of [0.4, 0.6] picks index 1 = 0.6
    assert new["b3_h_maaiveld"] == pytest.approx(0.6)
    assert new["b3_h_70p"] == pytest.approx(13.1)
    assert new["b3_h_max"] == pytest.approx(13.1)
    assert new["woningen"] == 8 and new["bouwjaar"] == 2030
    assert new.geometry().area() == pytest.approx(64.0)
    assert trees_after.featureCount() == 2
    planted = [f for f in trees_after.getFeatures() if f["boom_id"] != "T1"]
    assert planted[0]["soort"] == "Linde" and planted[0].geometry().asPoint().x() == pytest.approx(5.0)
    assert before.featureCount() == 4  # input untouched


def test_apply_scenario_rejects_bad_change_and_missing_height(qgis_app, tmp_path):
    path = sc.create_scenario(tmp_path / "bad.gpkg")
    sc.add_scenario_buildings(path, [{"geometry": _square(0, 0), "change": "rebuild"}])
    with pytest.raises(sc.ScenarioError, match="'change' is 'rebuild'"):
        sc.apply_scenario(_buildings(), _trees(), path)
    path2 = sc.create_scenario(tmp_path / "bad2.gpkg")
    sc.add_scenario_buildings(path2, [{"geometry": _square(0, 0), "change": "new"}])
    with pytest.raises(sc.ScenarioError, match="height_m"):
        sc.apply_scenario(_buildings(), _trees(), path2)
    with pytest.raises(sc.ScenarioError, match="does not exist"):
        sc.apply_scenario(_buildings(), _trees(), tmp_path / "missing.gpkg")
