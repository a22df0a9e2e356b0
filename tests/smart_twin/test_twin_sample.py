"""Twin on the generated sample district: the sample scenario applied, area filtering checked by geopandas."""

from __future__ import annotations

import geopandas as gpd
import pytest

from smart_society.plugins.smart_twin.core import area as area_module
from smart_society.plugins.smart_twin.core import project as pj
from smart_society.plugins.smart_twin.core import scenario as sc


def test_sample_scenario_applied_to_sample_district(qgis_app, sample_district, tmp_path):
    path = sc.sample_scenario(sample_district, tmp_path / "plan.gpkg")
    plan = gpd.read_file(path, layer="scenario_buildings")
    planted = gpd.read_file(path, layer="scenario_trees")
    buildings = gpd.read_file(sample_district.gpkg, layer="buildings")
    trees = gpd.read_file(sample_district.gpkg, layer="trees")
    demolish = plan[plan["change"] == "demolish"]
    new = plan[plan["change"] == "new"]
    assert len(demolish) == 3 and len(new) >= 3 and len(planted) == 10
    assert set(demolish["target_id"]) <= set(buildings["identificatie"])
    after, trees_after = sc.apply_scenario(
        f"{sample_district.gpkg}|layername=buildings", f"{sample_district.gpkg}|layername=trees", path
    )
    assert after.featureCount() == len(buildings) - 3 + len(new)
    assert trees_after.featureCount() == len(trees) + 10
    ids = {f["identificatie"] for f in after.getFeatures()}
    assert not ids & set(demolish["target_id"])
    added = [f for f in after.getFeatures() if str(f["identificatie"]).startswith("scenario-new-")]
    heights = sorted(round(f["b3_h_70p"] - f["b3_h_maaiveld"], 6) for f in added)
    assert heights == sorted(round(h, 6) for h in new["height_m"])
    for feature in added:  # ground within the district's range (-1..1 m NAP)
        assert -1.5 <= feature["b3_h_maaiveld"] <= 1.5


def test_sample_buurt_area_matches_geopandas_bbox_count(qgis_app, sample_district, tmp_path):
    buurten = gpd.read_file(sample_district.gpkg, layer="buurten")
    first = buurten.sort_values("bu_code").iloc[0]
    area = area_module.area_from_buurten(sample_district.gpkg, [first["bu_naam"]])
    assert area.extent == pytest.approx(tuple(first.geometry.bounds))
    buildings = gpd.read_file(sample_district.gpkg, layer="buildings")
    xmin, ymin, xmax, ymax = area.extent
    b = buildings.geometry.bounds
    expected = int(((b.maxx >= xmin) & (b.minx <= xmax) & (b.maxy >= ymin) & (b.miny <= ymax)).sum())
    assert 0 < expected < len(buildings)
    params = pj.TwinProjectParams(
        output=tmp_path / "buurt.qgz",
        district_gpkg=sample_district.gpkg,
        area=area,
        orthophoto=sample_district.orthophoto,
    )
    assert pj.feature_counts(params)["buildings"] == expected
    report = pj.build_twin_project(params)
    assert report.layers["buildings"] == expected
    assert report.bookmarks == [f"{first['bu_naam']} ({first['bu_code']})"]
