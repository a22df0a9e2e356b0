"""Twin project builder and area filtering on the hand-made mini district (counts computed by hand)."""

from __future__ import annotations

import zipfile

import pytest
from qgis.core import QgsProject

from smart_society.plugins.smart_twin.core import area as area_module
from smart_society.plugins.smart_twin.core import project as pj
from smart_society.plugins.smart_twin.core import scenario as sc
from smart_society.plugins.smart_twin.core import view3d


@pytest.fixture(scope="module", autouse=True)
def _init_3d(qgis_app):
    from qgis._3d import Qgs3D

    Qgs3D.initialize()  # registers the 3D renderer types so projects read them back


def _qgs_text(path):
    with zipfile.ZipFile(path) as archive:
        return archive.read(next(n for n in archive.namelist() if n.endswith(".qgs"))).decode()


def test_area_from_buurten_by_name_and_code(mini_district):
    area = area_from = area_module.area_from_buurten(mini_district.gpkg, ["spoorzone"])
    assert area_from.extent == (1000.0, 5000.0, 1100.0, 5100.0)
    both = area_module.area_from_buurten(mini_district.gpkg, ["BU05059002", "Spoorzone"])
    assert both.extent == (1000.0, 5000.0, 1200.0, 5100.0) and both.bu_codes == ["BU05059001", "BU05059002"]
    with pytest.raises(area_module.AreaError, match=r"no buurt 'Atlantis'.*available: Krispijn-Noord"):
        area_module.area_from_buurten(mini_district.gpkg, ["Atlantis"])
    assert area.label == "Spoorzone"
    with pytest.raises(area_module.AreaError, match="empty extent"):
        area_module.AreaOfInterest.from_extent((5, 5, 5, 9))


def test_counts_before_loading_use_the_bounding_box(mini_district):
    # rectangle x 1025..1125: buildings 2 (1030-1040), 3 (1060-1080), 4 (1120-1130); trees at x 1050, 1105
    area = area_module.AreaOfInterest.from_extent((1025, 5000, 1125, 5100))
    params = pj.TwinProjectParams(
        output=mini_district.directory / "x.qgz", district_gpkg=mini_district.gpkg, area=area
    )
    counts = pj.feature_counts(params)
    assert counts["buildings"] == 3 and counts["trees"] == 2 and counts["buurten"] == 2
    assert counts["green_spaces"] == 0  # park at x 1170..1200


def test_build_twin_project_groups_styles_metadata_bookmarks_3d(qgis_app, mini_district, tmp_path):
    scenario = sc.create_scenario(tmp_path / "plan.gpkg")
    sc.add_scenario_buildings(
        scenario,
        [
            {
                "geometry": "POLYGON((1010 5010,1020 5010,1020 5020,1010 5020,1010 5010))",
                "change": "demolish",
                "target_id": "NL.IMBAG.Pand.0505100000000001",
            },
            {
                "geometry": "POLYGON((1080 5010,1090 5010,1090 5020,1080 5020,1080 5010))",
                "change": "new",
                "height_m": 12.0,
                "woningen": 6,
                "bouwjaar": 2030,
            },
        ],
    )
    area = area_module.area_from_buurten(mini_district.gpkg, ["Spoorzone"])
    output = tmp_path / "out" / "twin.qgz"
    params = pj.TwinProjectParams(
        output=output, district_gpkg=mini_district.gpkg, area=area, scenario=scenario
    )
    report = pj.build_twin_project(params)
    assert report.problems == []
    assert report.layers["buildings"] == 3 and report.layers["trees"] == 2
    assert report.bookmarks == ["Spoorzone (BU05059001)"]
    assert view3d.saved_3d_views(output) == ["Twin 3D"]
    text = _qgs_text(output)
    assert (
        "./../sample_district.gpkg|layername=buildings" in text
        or "../mini/sample_district.gpkg|layername=buildings" in text
    )  # stored relative to the project
    assert str(mini_district.gpkg) not in text

    project = QgsProject()
    assert project.read(str(output))
    root = project.layerTreeRoot()
    groups = [g.name() for g in root.children()]
    assert groups == ["Gebouwen 3D", "BGT/ondergrond", "Groen en bomen", "Buurten", "Sensoren", "Analyses"]
    buildings = next(
        lay for lay in project.mapLayers().values() if lay.customProperty(pj.ROLE_PROPERTY) == "buildings"
    )
    assert buildings.isValid()
    assert "rtree_buildings_geom" in buildings.subsetString()  # filtered by the provider
    assert buildings.dataProvider().featureCount() == 3
    assert buildings.metadata().title() == "Gebouwen (voorbeeldwijk, 3D)"
    assert buildings.metadata().licenses() == ["CC BY 4.0"] and buildings.attribution()
    assert buildings.renderer().type() == "categorizedSymbol"
    assert buildings.renderer3D() is not None
    after = next(
        lay
        for lay in project.mapLayers().values()
        if lay.customProperty(pj.ROLE_PROPERTY) == "buildings_after"
    )
    assert sorted(f["identificatie"][-1] for f in after.getFeatures()) == ["2", "3"]
    new = next(
        lay for lay in project.mapLayers().values() if lay.customProperty(pj.ROLE_PROPERTY) == "scenario_new"
    )
    assert new.featureCount() == 1 and new.renderer3D() is not None
    bookmarks = project.bookmarkManager().bookmarks()
    assert [b.name() for b in bookmarks] == ["Spoorzone (BU05059001)"]


def test_area_without_data_and_broken_sources_are_reported(qgis_app, mini_district, tmp_path):
    broken = tmp_path / "broken.gpkg"
    broken.write_bytes(b"not a geopackage")
    area = area_module.AreaOfInterest.from_extent((50000, 50000, 50100, 50100), "Nowhere")
    params = pj.TwinProjectParams(
        output=tmp_path / "empty.qgz", district_gpkg=mini_district.gpkg, buildings_gpkg=broken, area=area
    )
    report = pj.build_twin_project(params)
    assert report.project_path.exists()
    assert any("buildings" in p and "broken.gpkg" in p for p in report.problems)
    assert report.layers["trees"] == 0 and report.layers["buurten"] == 0
    with pytest.raises(pj.TwinProjectError, match="expected a .qgz"):
        pj.build_twin_project(
            pj.TwinProjectParams(output=tmp_path / "x.txt", district_gpkg=mini_district.gpkg)
        )


def test_wfs_service_layer_is_filtered_by_the_provider(qgis_app, local_ogc_server, tmp_path):
    """The BAG WFS entry, pointed at the local QGIS Server, gets an OGC BBOX filter in its URI."""
    district = local_ogc_server.district
    area = area_module.area_from_buurten(district.gpkg, ["Krispijn-Noord"])  # x 1100..1200: buildings 4, 5
    params = pj.TwinProjectParams(
        output=tmp_path / "wfs.qgz",
        area=area,
        services=["pdok_bag_wfs_pand", "pdok_ahn_dtm"],
        service_urls={
            "pdok_bag_wfs_pand": (local_ogc_server.url, "buildings", "geometry"),
            "pdok_ahn_dtm": "http://127.0.0.1:9",
        },
        with_3d=False,
    )
    report = pj.build_twin_project(params)
    assert report.layers["pdok_bag_wfs_pand"] == 2
    assert any("pdok_ahn_dtm" in p and "127.0.0.1:9" in p for p in report.problems)  # unreachable: reported
    project = QgsProject()
    assert project.read(str(params.output))
    (layer,) = [lay for lay in project.mapLayers().values() if lay.providerType() == "WFS"]
    assert "BBOX" in layer.source()
    assert sorted(f["identificatie"][-1] for f in layer.getFeatures()) == ["4", "5"]
