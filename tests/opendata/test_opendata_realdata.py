"""Real data: the 130 CBS buurten of Dordrecht (2020) as an open-data package; the sample district too."""

from __future__ import annotations

import json
import zipfile

from qgis.core import QgsVectorLayer

from smart_society.processing.opendata import metadata as md
from smart_society.processing.opendata.crs import wgs84_transform
from smart_society.processing.opendata.package import PackageOptions, export_package
from smart_society.processing.opendata.privacy import PrivacyGate


def _coordinates(geometry_json):
    out = []

    def walk(value):
        if isinstance(value[0], (int, float)):
            out.append((value[0], value[1]))
        else:
            for item in value:
                walk(item)

    walk(geometry_json["coordinates"])
    return out


def _assert_same_vertices(got, expected, tolerance=1e-7):
    assert len(got) == len(expected)
    got_sorted, expected_sorted = sorted(got), sorted(expected)
    for (lon, lat), (x, y) in zip(got_sorted, expected_sorted):
        if abs(lon - x) <= tolerance and abs(lat - y) <= tolerance:
            continue
        nearest = min(expected, key=lambda p, lon=lon, lat=lat: abs(p[0] - lon) + abs(p[1] - lat))
        assert abs(nearest[0] - lon) <= tolerance and abs(nearest[1] - lat) <= tolerance, (lon, lat, nearest)


def test_dordrecht_buurten_round_trip_and_privacy(shared_data, tmp_path, qgis_app):
    path = shared_data / "dordrecht_cbs_buurten_2020" / "dordrecht_cbs_buurten_2020.gpkg"
    layer = QgsVectorLayer(f"{path}|layername=buurten_2020", "buurten_2020", "ogr")
    assert layer.isValid() and layer.featureCount() == 130
    gate = PrivacyGate(user="t")
    gate.release("buurten_2020", "bu_naam", "Officiële CBS-buurtnaam, geen persoonsgegeven")
    m = md.DatasetMetadata(
        title="CBS buurten Dordrecht 2020",
        description="Wijk- en Buurtkaart 2020.",
        licence=md.CC_BY,
        attribution="CBS en Kadaster",
        contact_name="Team Geo",
        contact_email="geo@dordrecht.nl",
    )
    result = export_package([layer], tmp_path, m, gate, PackageOptions(shapefile=True))
    features = json.loads((result.directory / "buurten_2020.geojson").read_text(encoding="utf-8"))["features"]
    assert len(features) == 130
    props = features[0]["properties"]
    # released, withheld by name (wk_naam, gm_naam, postcode were not released) and kept
    assert (
        "bu_naam" in props and "wk_naam" not in props and "gm_naam" not in props and "postcode" not in props
    )
    assert "aant_inw" in props
    transform = wgs84_transform(layer.crs()).transform
    sources = {f["bu_code"]: f for f in layer.getFeatures()}
    for feature in features:
        geometry = sources[feature["properties"]["bu_code"]].geometry()
        geometry.transform(transform)
        expected = [(v.x(), v.y()) for v in geometry.vertices()]
        _assert_same_vertices(_coordinates(feature["geometry"]), expected)
    with zipfile.ZipFile(result.directory / "buurten_2020_shp.zip") as archive:
        assert "buurten_2020.cpg" in archive.namelist()
    readme = (result.directory / "README.md").read_text(encoding="utf-8")
    assert "CBS en Kadaster" in readme and "Creative Commons Naamsvermelding 4.0" in readme


def test_sample_district_public_layers(sample_district, tmp_path):
    layers = [QgsVectorLayer(f"{sample_district.gpkg}|layername={n}", n, "ogr") for n in ("trees", "buurten")]
    m = md.DatasetMetadata(
        title="Voorbeeldwijk", description="Test.", contact_name="Team Geo", contact_email="geo@dordrecht.nl"
    )
    result = export_package(layers, tmp_path, m, PrivacyGate(user="t"), PackageOptions(formats=("geojson",)))
    for layer in layers:
        data = json.loads((result.directory / f"{layer.name()}.geojson").read_text(encoding="utf-8"))
        assert len(data["features"]) == layer.featureCount() == sample_district.counts[layer.name()]
    buurten = json.loads((result.directory / "buurten.geojson").read_text(encoding="utf-8"))["features"]
    assert "bu_naam" not in buurten[0]["properties"] and "aant_inw" in buurten[0]["properties"]
    west, south, east, north = result.metadata.spatial_bbox
    assert 4.6 < west < east < 4.72 and 51.78 < south < north < 51.83
