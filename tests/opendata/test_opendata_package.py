"""A whole package: files, README, manifest, metadata (JSON-LD, CKAN, ISO 19115 NL 2.1.0, catalogue)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from smart_society.processing.opendata import metadata as md
from smart_society.processing.opendata.errors import MetadataValidationError, OpenDataError
from smart_society.processing.opendata.iso19115 import NS, PROFILE_VERSION
from smart_society.processing.opendata.package import PackageOptions, export_package, read_manifest
from smart_society.processing.opendata.privacy import PrivacyGate, read_release_log


def _metadata():
    return md.DatasetMetadata(
        title="Panden en bomen test",
        description="Testpakket.",
        contact_name="Team Geo",
        contact_email="geo@dordrecht.nl",
        keywords=["test"],
        modified="2026-11-25",
        ckan_organisation="gemeente-dordrecht",
    )


def test_package_writes_every_deliverable(tmp_path, rd_polygons, rd_points):
    gate = PrivacyGate(user="tester")
    gate.release("bomen", "eigenaar_naam", "Eigenaar is altijd de gemeente zelf, geen persoon")
    result = export_package(
        [rd_polygons, rd_points], tmp_path, _metadata(), gate, PackageOptions(shapefile=True)
    )
    directory = tmp_path / "panden-en-bomen-test"
    assert result.directory == directory
    names = sorted(p.name for p in directory.iterdir())
    for expected in (
        "README.md",
        "manifest.json",
        "metadata",
        "panden_test.geojson",
        "bomen.geojson",
        "panden_test.csv",
        "panden_test.csvt",
        "bomen_shp.zip",
        "panden_en_bomen_test.gpkg",
        "privacy_release_log.jsonl",
    ):
        assert expected in names
    manifest = read_manifest(directory)
    assert manifest["identifier"] == md.IDENTIFIER_BASE + "panden-en-bomen-test"
    assert sorted(e["file"] for e in manifest["files"]) == sorted(
        [
            "panden_test.geojson",
            "panden_test.csv",
            "panden_test_shp.zip",
            "bomen.geojson",
            "bomen.csv",
            "bomen_shp.zip",
            "panden_en_bomen_test.gpkg",
        ]
    )
    # personal fields stay out unless released for that layer
    panden = json.loads((directory / "panden_test.geojson").read_text())["features"][0]["properties"]
    bomen = json.loads((directory / "bomen.geojson").read_text())["features"][0]["properties"]
    assert "eigenaar_naam" not in panden and "email" not in panden and "contact_phone" not in panden
    assert bomen["eigenaar_naam"].startswith("Jan de Vries") and "email" not in bomen
    assert [e["field"] for e in read_release_log(directory / "privacy_release_log.jsonl")] == [
        "eigenaar_naam"
    ]
    readme = (directory / "README.md").read_text(encoding="utf-8")
    assert "Creative Commons Zero" in readme and "Gemeente Dordrecht" in readme
    assert "`panden test.email`: weggelaten" in readme
    assert "`bomen.eigenaar_naam`: vrijgegeven" in readme
    assert "omschrijving_lang -> omschrijvi" in readme
    assert "RDNAPTRANS2018" in readme
    ckan = json.loads((directory / "metadata" / "ckan_package.json").read_text())
    assert ckan["package"]["name"] == "panden-en-bomen-test"
    assert len(ckan["resources"]) == len(manifest["files"])
    sizes = {e["file"]: e["size"] for e in manifest["files"]}
    assert all(r["size"] == sizes[r["file_name"]] for r in ckan["resources"])
    assert md.validate(md.DatasetMetadata.from_dict(ckan["metadata"])) == []
    catalogue = json.loads((directory / "metadata" / "catalog.jsonld").read_text())
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["dcat:dataset"][0]["@id"] == manifest["identifier"]


def test_iso19115_nl_profile(tmp_path, rd_polygons):
    result = export_package([rd_polygons], tmp_path, _metadata(), PrivacyGate(user="t"))
    tree = ET.parse(result.metadata_files["ISO 19115 NL 2.1.0"])
    root = tree.getroot()
    assert root.tag == f"{{{NS['gmd']}}}MD_Metadata"

    def text(path):
        element = root.find(path, NS)
        assert element is not None, path
        return element.text

    assert text("gmd:metadataStandardVersion/gco:CharacterString") == PROFILE_VERSION
    assert text("gmd:language/gmd:LanguageCode") == "dut"
    assert (
        text(
            "gmd:identificationInfo/gmd:MD_DataIdentification/gmd:citation/gmd:CI_Citation/gmd:title/"
            "gco:CharacterString"
        )
        == "Panden en bomen test"
    )
    other = root.find(".//gmd:MD_LegalConstraints/gmd:otherConstraints/gmx:Anchor", NS)
    assert other.get(f"{{{NS['xlink']}}}href") == md.CC0
    rs = root.find(".//gmd:referenceSystemInfo//gmx:Anchor", NS)
    assert rs.get(f"{{{NS['xlink']}}}href").endswith("/28992")
    west = float(text(".//gmd:EX_GeographicBoundingBox/gmd:westBoundLongitude/gco:Decimal"))
    east = float(text(".//gmd:EX_GeographicBoundingBox/gmd:eastBoundLongitude/gco:Decimal"))
    assert 4.6 < west < east < 4.7
    urls = [e.text for e in root.findall(".//gmd:transferOptions//gmd:linkage/gmd:URL", NS)]
    assert sorted(urls) == sorted(f.path.name for f in result.files)


def test_invalid_metadata_writes_nothing(tmp_path, rd_polygons):
    m = _metadata()
    m.licence = "https://example.org/eigen-licentie"
    m.contact_name = ""
    with pytest.raises(MetadataValidationError) as caught:
        export_package([rd_polygons], tmp_path, m, PrivacyGate(user="t"))
    assert {i.field for i in caught.value.issues} == {"licence", "contact_name"}
    assert "licence" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_no_layers_is_an_error(tmp_path):
    with pytest.raises(OpenDataError, match="No layers"):
        export_package([], tmp_path, _metadata(), PrivacyGate(user="t"))


def _register_layer():
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    layer = QgsVectorLayer("Point?crs=EPSG:28992", "sensoren", "memory")
    names = [
        "reference",
        "sensor_type",
        "is_public",
        "is_open_data",
        "contact_name",
        "org_contact_phone",
        "public_contact_email",
    ]
    types = [
        QVariant.String,
        QVariant.String,
        QVariant.Int,
        QVariant.Int,
        QVariant.String,
        QVariant.String,
        QVariant.String,
    ]
    layer.dataProvider().addAttributes([QgsField(n, t) for n, t in zip(names, types)])
    layer.updateFields()
    rows = [
        ("S1", "Geluidsensor", 1, 1),
        ("S2", "Verkeerscamera", 0, 1),
        ("S3", "Weersensor", 1, 0),
        ("S4", "Luchtkwaliteitsensor", 1, 1),
    ]
    features = []
    for i, (reference, kind, public, open_data) in enumerate(rows):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(f"POINT ({105000 + i} {424000 + i})"))
        feature.setAttributes(
            [reference, kind, public, open_data, "Piet Jansen", "06-12345678", "info@owner.nl"]
        )
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_register_rows_and_fields_that_are_not_public_stay_out(tmp_path, qgis_app):
    gate = PrivacyGate(user="t")
    gate.release("sensoren", "public_contact_email", "Functioneel adres van de eigenaar, geen persoon")
    result = export_package([_register_layer()], tmp_path, _metadata(), gate)
    features = json.loads((result.directory / "sensoren.geojson").read_text())["features"]
    assert sorted(f["properties"]["reference"] for f in features) == ["S1", "S4"]
    assert set(features[0]["properties"]) == {
        "reference",
        "sensor_type",
        "is_public",
        "is_open_data",
        "public_contact_email",
    }
    (report,) = result.layers
    assert report.withheld_features == 2 and report.feature_count == 2
    readme = (result.directory / "README.md").read_text(encoding="utf-8")
    assert "2 niet-openbare objecten weggelaten" in readme
    assert "`sensoren.contact_name`: weggelaten / withheld (nooit publiceerbaar" in readme
    csv_text = (result.directory / "sensoren.csv").read_text(encoding="utf-8")
    assert "Piet Jansen" not in csv_text and "06-12345678" not in csv_text


def test_wgs84_source_is_written_to_rd_new_and_unchanged_geojson(tmp_path, qgis_app):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=naam_id:integer", "wgs punten", "memory")
    feature = QgsFeature(layer.fields())
    feature.setGeometry(QgsGeometry.fromWkt("POINT (4.6612345 51.8098765)"))
    feature.setAttributes([1])
    layer.dataProvider().addFeatures([feature])
    result = export_package([layer], tmp_path, _metadata(), PrivacyGate(user="t"))
    (geojson,) = [f for f in result.files if f.format == "geojson"]
    lon, lat = json.loads(geojson.path.read_text())["features"][0]["geometry"]["coordinates"]
    assert abs(lon - 4.6612345) <= 1e-7 and abs(lat - 51.8098765) <= 1e-7
    gpkg = QgsVectorLayer(
        f"{result.directory / 'panden_en_bomen_test.gpkg'}|layername=wgs_punten", "g", "ogr"
    )
    assert gpkg.crs().authid() == "EPSG:28992"
    point = next(gpkg.getFeatures()).geometry().asPoint()
    assert 100000 < point.x() < 110000 and 420000 < point.y() < 430000


def test_is_public_alone_does_not_filter_rows(tmp_path, qgis_app):
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    layer = QgsVectorLayer("Point?crs=EPSG:28992&field=is_public:integer", "groen", "memory")
    for value in (0, 1):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(f"POINT ({105000 + value} 424000)"))
        feature.setAttributes([value])
        layer.dataProvider().addFeatures([feature])
    m = _metadata()
    m.title = "Groen - openbaar & privé"
    result = export_package([layer], tmp_path, m, PrivacyGate(user="t"))
    assert result.directory.name == "groen-openbaar-prive"
    assert result.layers[0].withheld_features == 0
    features = json.loads((result.directory / "groen.geojson").read_text())["features"]
    assert sorted(f["properties"]["is_public"] for f in features) == [0, 1]


def test_folder_catalogue_lists_every_package(tmp_path, rd_polygons, rd_points):
    first = export_package([rd_polygons], tmp_path, _metadata(), PrivacyGate(user="t"))
    second_metadata = _metadata()
    second_metadata.title = "Tweede pakket"
    export_package([rd_points], tmp_path, second_metadata, PrivacyGate(user="t"))
    catalogue = json.loads((tmp_path / "catalog.jsonld").read_text(encoding="utf-8"))
    assert catalogue["@type"] == "dcat:Catalog"
    ids = sorted(d["@id"] for d in catalogue["dcat:dataset"])
    assert ids == sorted([first.metadata.identifier, md.IDENTIFIER_BASE + "tweede-pakket"])
    urls = [
        dist["dcat:downloadURL"]["@id"] for d in catalogue["dcat:dataset"] for dist in d["dcat:distribution"]
    ]
    assert "tweede-pakket/bomen.geojson" in urls and all((tmp_path / u).exists() for u in urls)
