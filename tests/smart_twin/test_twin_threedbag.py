"""3DBAG reader: CityJSON/GeoPackage fixtures of both attribute generations, bad input, real tiles."""

from __future__ import annotations

import json

import pytest
from osgeo import ogr, osr

from smart_society.plugins.smart_twin.core import threedbag as t3


def _tile(path, attributes, reference="https://www.opengis.net/def/crs/EPSG/0/7415", lod0=True):
    # a 10 x 20 m footprint at (100000, 400000) with integer vertices scaled by 0.001
    vertices = [
        [0, 0, 0],
        [10000, 0, 0],
        [10000, 20000, 0],
        [0, 20000, 0],
        [0, 0, 9000],
        [10000, 0, 9000],
        [10000, 20000, 9000],
        [0, 20000, 9000],
    ]
    building = {"type": "Building", "attributes": attributes, "children": ["B1-0"], "geometry": []}
    if lod0:
        building["geometry"].append({"type": "MultiSurface", "lod": "0", "boundaries": [[[0, 1, 2, 3]]]})
    part = {
        "type": "BuildingPart",
        "parents": ["B1"],
        "geometry": [
            {
                "type": "Solid",
                "lod": "1.2",
                "boundaries": [
                    [
                        [[3, 2, 1, 0]],
                        [[4, 5, 6, 7]],
                        [[0, 1, 5, 4]],
                        [[1, 2, 6, 5]],
                        [[2, 3, 7, 6]],
                        [[3, 0, 4, 7]],
                    ]
                ],
                "semantics": {
                    "surfaces": [{"type": "GroundSurface"}, {"type": "RoofSurface"}, {"type": "WallSurface"}],
                    "values": [[0, 1, 2, 2, 2, 2]],
                },
            }
        ],
    }
    document = {
        "type": "CityJSON",
        "version": "2.0",
        "transform": {"scale": [0.001, 0.001, 0.001], "translate": [100000.0, 400000.0, 0.0]},
        "metadata": {"referenceSystem": reference},
        "CityObjects": {"B1": building, "B1-0": part},
        "vertices": vertices,
    }
    path.write_text(json.dumps(document))
    return path


def test_cityjson_older_generation(tmp_path):
    path = _tile(
        tmp_path / "1-2-3.city.json",
        {
            "identificatie": "NL.IMBAG.Pand.1",
            "b3_h_maaiveld": 1.25,
            "b3_h_dak_70p": 9.75,
            "b3_h_dak_50p": 8.0,
            "b3_h_dak_max": 11.0,
            "oorspronkelijkbouwjaar": 1931,
        },
    )
    buildings, problems = t3.read_cityjson(path)
    assert problems == []
    (building,) = buildings
    assert building.attributes["hoogte_rel"] == pytest.approx(8.5)
    assert building.attributes["b3_h_70p"] == pytest.approx(9.75)
    assert building.attributes["bouwjaar"] == 1931
    assert building.attributes["tile_id"] == "1-2-3"
    xs = sorted({x for x, _ in building.rings[0][0]})
    assert xs == [100000.0, 100010.0]


def test_cityjson_newer_generation_without_lod0_uses_ground_surface(tmp_path):
    path = _tile(
        tmp_path / "t.city.json", {"identificatie": "X", "b3_h_maaiveld": -0.5, "b3_h_70p": 6.0}, lod0=False
    )
    out = tmp_path / "out.gpkg"
    report = t3.import_3dbag([path], out)
    assert report.buildings == 1
    data_source = ogr.Open(str(out))
    layer = data_source.GetLayerByName("buildings")
    feature = layer.GetNextFeature()
    assert feature["hoogte_rel"] == pytest.approx(6.5)
    assert feature.GetGeometryRef().GetArea() == pytest.approx(200.0)
    assert layer.GetSpatialRef().GetAuthorityCode(None) == "28992"


def test_cityjson_bad_crs_and_missing_attributes(tmp_path):
    bad_crs = _tile(
        tmp_path / "wgs.city.json",
        {"b3_h_maaiveld": 1, "b3_h_70p": 2},
        reference="https://www.opengis.net/def/crs/EPSG/0/4979",
    )
    with pytest.raises(t3.CityJsonError, match=r"wgs.city.json: reference system .*4979.*expected EPSG:7415"):
        t3.read_cityjson(bad_crs)
    bare = _tile(tmp_path / "bare.city.json", {"identificatie": "Y"})
    buildings, problems = t3.read_cityjson(bare)
    assert len(buildings) == 1 and buildings[0].attributes["hoogte_rel"] is None
    assert "bare.city.json" in problems[0] and "b3_h_maaiveld" in problems[0]
    # one good and one bad source: the good one is loaded, the bad one reported
    broken = tmp_path / "broken.gpkg"
    broken.write_bytes(b"this is no sqlite file")
    buildings, report = t3.read_buildings([bare, broken])
    assert len(buildings) == 1
    assert any("broken.gpkg" in p for p in report.problems)
    with pytest.raises(t3.CityJsonError, match="broken.gpkg"):
        t3.read_buildings([broken])


def test_gpkg_newer_generation_with_extent_filter(tmp_path):
    path = tmp_path / "pand.gpkg"
    data_source = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(28992)
    layer = data_source.CreateLayer("pand", srs, ogr.wkbPolygon)
    for name, kind in (
        ("identificatie", ogr.OFTString),
        ("b3_h_maaiveld", ogr.OFTReal),
        ("b3_h_70p", ogr.OFTReal),
    ):
        layer.CreateField(ogr.FieldDefn(name, kind))
    for index, x in enumerate((0, 100, 200)):
        feature = ogr.Feature(layer.GetLayerDefn())
        feature["identificatie"], feature["b3_h_maaiveld"], feature["b3_h_70p"] = (
            f"P{index}",
            0.5,
            3.5 + index,
        )
        feature.SetGeometry(
            ogr.CreateGeometryFromWkt(f"POLYGON(({x} 0,{x + 10} 0,{x + 10} 10,{x} 10,{x} 0))")
        )
        layer.CreateFeature(feature)
    data_source = None
    buildings, _ = t3.read_3dbag_gpkg(path, extent=(90, -5, 250, 5))
    assert sorted(b.identificatie for b in buildings) == ["P1", "P2"]
    assert sorted(b.attributes["hoogte_rel"] for b in buildings) == pytest.approx([4.0, 5.0])


def test_real_utrecht_tiles_match_footprint_gpkg(shared_data):
    folder = shared_data / "utrecht_east_3dbag_cityjson"
    tiles = sorted(folder.glob("*.city.json"))
    assert len(tiles) == 5
    buildings, report = t3.read_buildings(tiles)
    assert report.buildings == 1656
    reference = {}
    data_source = ogr.Open(str(folder / "utrecht_east_3dbag_lod0_footprints.gpkg"))
    for feature in data_source.GetLayerByName("pand_lod0"):
        reference[feature["identificatie"]] = (
            feature["hoogte_70p_rel"],
            feature["b3_h_maaiveld"],
            feature.GetGeometryRef().GetArea(),
        )
    assert {b.identificatie for b in buildings} == set(reference)
    compared = 0
    for building in buildings:
        relative, ground, area = reference[building.identificatie]
        if relative is None:
            assert building.attributes["hoogte_rel"] is None
            continue
        assert building.attributes["hoogte_rel"] == pytest.approx(relative, abs=0.01)
        assert building.attributes["b3_h_maaiveld"] == pytest.approx(ground, abs=0.01)
        polygon_area = sum(
            abs(_ring_area(rings[0])) - sum(abs(_ring_area(r)) for r in rings[1:]) for rings in building.rings
        )
        assert polygon_area == pytest.approx(area, rel=1e-3, abs=0.05)
        compared += 1
    assert compared > 1500


def _ring_area(points):
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1])) / 2.0
