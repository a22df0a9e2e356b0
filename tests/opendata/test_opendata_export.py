"""Export writers: GeoJSON round trip against the reprojected source, GeoPackage, CSV, Shapefile zip."""

from __future__ import annotations

import csv
import json
import zipfile

from qgis.core import QgsCoordinateReferenceSystem, QgsVectorLayer

from smart_society.processing.opendata import export
from smart_society.processing.opendata.crs import rdnaptrans2018_available, wgs84_transform


def _ring_coordinates(geometry_json):
    if geometry_json["type"] == "Point":
        return [geometry_json["coordinates"]]
    return [pt for ring in geometry_json["coordinates"] for pt in ring]


def test_geojson_round_trip_within_1e7_degrees(tmp_path, rd_polygons, rd_points):
    for layer in (rd_polygons, rd_points):
        copy = export.public_copy(layer, ["identificatie", "bouwjaar", "hoogte_m", "gemeten_op"])
        wgs = wgs84_transform(copy.crs())
        path = tmp_path / f"{export.safe_name(layer.name())}.geojson"
        written = export.write_geojson(copy, path, wgs)
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["type"] == "FeatureCollection"
        assert "crs" not in data  # RFC 7946: no crs member, WGS84 implied
        assert len(data["features"]) == layer.featureCount() == written.feature_count
        sources = {f["identificatie"]: f for f in layer.getFeatures()}
        checked = 0
        for feature in data["features"]:
            props = feature["properties"]
            assert set(props) == {"identificatie", "bouwjaar", "hoogte_m", "gemeten_op"}
            source = sources[props["identificatie"]]
            assert props["bouwjaar"] == source["bouwjaar"]
            geometry = source.geometry()
            geometry.transform(wgs.transform)
            expected = [(v.x(), v.y()) for v in geometry.vertices()]
            got = _ring_coordinates(feature["geometry"])
            assert len(got) == len(expected)
            # RFC 7946 rings may be rewound (counter-clockwise exterior): compare as sets of vertices
            for lon, lat in got:
                assert 4.6 < lon < 4.7 and 51.7 < lat < 51.9
                nearest = min(expected, key=lambda p, lon=lon, lat=lat: abs(p[0] - lon) + abs(p[1] - lat))
                assert abs(nearest[0] - lon) <= 1e-7 and abs(nearest[1] - lat) <= 1e-7
                checked += 1
                # at most 7 decimals written
                assert len(repr(lon).split(".")[1]) <= 7 and len(repr(lat).split(".")[1]) <= 7
        assert checked >= layer.featureCount()


def test_geojson_polygons_follow_right_hand_rule(tmp_path, rd_polygons):
    path = tmp_path / "p.geojson"
    export.write_geojson(export.public_copy(rd_polygons, ["identificatie"]), path)
    for feature in json.loads(path.read_text())["features"]:
        ring = feature["geometry"]["coordinates"][0]
        area2 = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))
        assert area2 > 0  # exterior ring counter-clockwise


def test_rd_to_wgs84_uses_rdnaptrans2018_or_warns():
    wgs = wgs84_transform(QgsCoordinateReferenceSystem("EPSG:28992"))
    if rdnaptrans2018_available():
        assert wgs.uses_rdnaptrans2018 and not wgs.warning
    else:
        assert not wgs.uses_rdnaptrans2018
        assert "RDNAPTRANS2018" in wgs.warning and "nl_nsgi_rdtrans2018.tif" in wgs.warning
    assert wgs.transform.destinationCrs().authid() == "EPSG:4326"


def test_geopackage_keeps_rd_new_and_all_layers(tmp_path, rd_polygons, rd_points):
    path = tmp_path / "package.gpkg"
    export.write_geopackage(export.public_copy(rd_polygons, ["identificatie"]), path, "panden")
    export.write_geopackage(export.public_copy(rd_points, ["identificatie", "bouwjaar"]), path, "bomen")
    for name, count in (("panden", rd_polygons.featureCount()), ("bomen", rd_points.featureCount())):
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        assert layer.isValid()
        assert layer.crs().authid() == "EPSG:28992"
        assert layer.featureCount() == count
    bomen = QgsVectorLayer(f"{path}|layername=bomen", "b", "ogr")
    assert [f.name() for f in bomen.fields() if f.name() != "fid"] == ["identificatie", "bouwjaar"]
    first = next(bomen.getFeatures())
    assert abs(first.geometry().asPoint().x() - 104712.345) < 1e-6


def test_csv_utf8_with_wkt_and_csvt(tmp_path, rd_points):
    path = tmp_path / "bomen.csv"
    export.write_csv(
        export.public_copy(rd_points, ["identificatie", "omschrijving_lang", "bouwjaar", "gemeten_op"]), path
    )
    text = path.read_bytes().decode("utf-8")  # fails on anything but UTF-8
    assert not text.startswith("\ufeff")
    rows = list(csv.DictReader(text.splitlines()))
    assert len(rows) == rd_points.featureCount()
    assert rows[1]["omschrijving_lang"] == "Café aan de Spuihaven – Ĳsselmonde"
    assert rows[0]["WKT"].startswith("POINT (104712.345 423811.111")
    types = path.with_suffix(".csvt").read_text().strip().split(",")
    assert len(types) == len(rows[0])
    assert types[0].strip('"').upper() == "WKT"
    assert types[3].strip('"').lower().startswith("integer")
    assert rows[0]["gemeten_op"] == "2024-01-03T10:30:00"


def test_shapefile_zip_checks_names_datetime_and_encoding(tmp_path, rd_polygons):
    path = tmp_path / "panden_shp.zip"
    copy = export.public_copy(rd_polygons, ["identificatie", "omschrijving_lang", "gemeten_op", "hoogte_m"])
    written = export.write_shapefile_zip(copy, path)
    joined = " ".join(written.warnings)
    assert "omschrijving_lang -> omschrijvi" in joined
    assert "identificatie -> identifica" in joined
    assert "gemeten_op" in joined and "ISO 8601" in joined
    assert "254" in joined  # the 300-character text was cut and reported
    with zipfile.ZipFile(path) as archive:
        names = sorted(archive.namelist())
        assert names == sorted(f"panden{s}" for s in (".shp", ".shx", ".dbf", ".prj", ".cpg"))
        archive.extractall(tmp_path / "unzipped")
    layer = QgsVectorLayer(str(tmp_path / "unzipped" / "panden.shp"), "shp", "ogr")
    assert layer.isValid() and layer.crs().authid() == "EPSG:28992"
    values = sorted(str(f["omschrijvi"]) for f in layer.getFeatures())
    assert "Café aan de Spuihaven – Ĳsselmonde" in values
    assert {f["gemeten_op"] for f in layer.getFeatures()} >= {"2024-01-03T10:30:00"}


def test_shapefile_field_names_are_unique():
    mapping = export.shapefile_field_names(["abcdefghijkl", "abcdefghijxx", "short", "abcdefghij"])
    assert mapping["short"] == "short" and mapping["abcdefghij"] == "abcdefghij"
    values = list(mapping.values())
    assert len(set(v.lower() for v in values)) == 4
    assert all(len(v) <= 10 for v in values)
