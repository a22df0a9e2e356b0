"""DCAT-AP-DONL 2.0 metadata: validation catches each missing or wrong field; JSON-LD and CKAN dictionary."""

from __future__ import annotations

import dataclasses

import pytest

from smart_society.processing.opendata import metadata as md
from smart_society.processing.opendata.valuelists import LIST_FILES, value_list, value_list_dates


def valid() -> md.DatasetMetadata:
    m = md.DatasetMetadata(
        title="Bomen Spoorzone",
        description="Bomen in de Spoorzone van Dordrecht.",
        keywords=["bomen", "groen"],
        contact_name="Team Geo-informatie",
        contact_email="geo@dordrecht.nl",
        ckan_organisation="gemeente-dordrecht",
        spatial_bbox=(4.65, 51.80, 4.67, 51.81),
        modified="2026-11-25",
        issued="2026-01-01",
    )
    m.distributions = [
        md.Distribution(
            "Bomen (GeoJSON)",
            "bomen.geojson",
            "http://publications.europa.eu/resource/authority/file-type/GEOJSON",
            "application/geo+json",
        )
    ]
    return m.complete()


def test_value_lists_are_shipped_with_a_date():
    dates = value_list_dates()
    assert set(dates) == set(LIST_FILES)
    for key, date in dates.items():
        assert len(date) == 10 and date[4] == "-", key
        assert value_list(key).source.startswith("https://waardelijsten.dcat-ap-donl.nl/")
    assert md.CC0 in value_list("license") and md.DORDRECHT in value_list("organisation")
    assert value_list("license").find("CC BY 4.0") == md.CC_BY


def test_complete_record_is_valid():
    m = valid()
    assert m.name == "bomen-spoorzone"
    assert m.identifier == md.IDENTIFIER_BASE + "bomen-spoorzone"
    assert md.validate(m) == []


BROKEN = [
    ("identifier", "not a uri", "identifier"),
    ("name", "Bomen Spoorzone!", "name"),
    ("title", "", "title"),
    ("title", "x" * 300, "title"),
    ("description", " ", "description"),
    ("licence", "", "licence"),
    ("licence", "https://example.org/my-licence", "licence"),
    ("themes", [], "themes"),
    ("themes", ["http://standaarden.overheid.nl/owms/terms/Ruimte"], "themes"),
    ("authority", "", "authority"),
    ("authority", "http://standaarden.overheid.nl/owms/terms/Gotham", "authority"),
    ("publisher", "Gemeente Dordrecht", "publisher"),
    ("contact_name", "", "contact_name"),
    ("contact_email", "geo-at-dordrecht", "contact_email"),
    ("contact_website", "www.dordrecht.nl", "contact_website"),
    ("language", [], "language"),
    ("language", ["nl"], "language"),
    (
        "metadata_language",
        "http://publications.europa.eu/resource/authority/language/XXX",
        "metadata_language",
    ),
    ("access_rights", "open", "access_rights"),
    ("status", "", "status"),
    ("frequency", "elke dinsdag", "frequency"),
    ("modified", "25-11-2026", "modified"),
    ("modified", "", "modified"),
    ("issued", "2027-01-01", "issued"),
    ("landing_page", "ftp://x", "landing_page"),
    ("keywords", ["ok", "niet/goed"], "keywords"),
    ("spatial_bbox", (5.0, 52.0, 4.0, 53.0), "spatial_bbox"),
]


@pytest.mark.parametrize("attribute,value,field", BROKEN, ids=[f"{b[0]}={b[1]!r}"[:40] for b in BROKEN])
def test_each_wrong_or_missing_field_is_reported(attribute, value, field):
    m = dataclasses.replace(valid(), **{attribute: value})
    issues = md.validate(m)
    assert issues, f"{attribute}={value!r} was accepted"
    assert {i.field for i in issues} == {field}, issues


def test_contact_needs_email_or_website():
    m = dataclasses.replace(valid(), contact_email="", contact_website="")
    assert [i.field for i in md.validate(m)] == ["contact_email"]
    m.contact_website = "https://www.dordrecht.nl/contact"
    assert md.validate(m) == []


@pytest.mark.parametrize(
    "attribute,value",
    [
        ("format", "http://publications.europa.eu/resource/authority/file-type/DOCX"),
        ("format", ""),
        ("media_type", "application/x-geojson"),
        ("title", ""),
        ("licence", "CC0"),
        ("language", ["dutch"]),
        ("file_name", ""),
    ],
)
def test_distribution_fields_are_checked(attribute, value):
    m = valid()
    m.distributions[0] = dataclasses.replace(m.distributions[0], **{attribute: value})
    fields = {i.field for i in md.validate(m)}
    wanted = "media_type" if attribute == "media_type" else attribute
    assert fields == {f"distributions[0].{wanted}"}


def test_messages_name_the_value_list_and_its_date():
    m = dataclasses.replace(valid(), licence="https://example.org/x")
    (issue,) = md.validate(m)
    assert "DONL:License" in issue.message and value_list("license").snapshot_date in issue.message


def test_jsonld_and_ckan_dictionary():
    m = valid()
    doc = md.to_jsonld(m, base_url="https://data.dordrecht.nl/files")
    assert doc["@type"] == "dcat:Dataset" and doc["@id"] == m.identifier
    assert doc["dct:license"] == {"@id": md.CC0}
    assert doc["overheid:authority"] == {"@id": md.DORDRECHT}
    assert doc["dcat:contactPoint"]["vcard:hasEmail"] == {"@id": "mailto:geo@dordrecht.nl"}
    (dist,) = doc["dcat:distribution"]
    assert dist["dcat:downloadURL"] == {"@id": "https://data.dordrecht.nl/files/bomen.geojson"}
    assert dist["dcat:mediaType"] == "application/geo+json"
    package = md.to_ckan_package(m)
    assert package["name"] == "bomen-spoorzone" and package["owner_org"] == "gemeente-dordrecht"
    assert package["identifier"] == m.identifier and package["license_id"] == md.CC0
    assert package["tags"] == [{"name": "bomen"}, {"name": "groen"}]
    assert package["language"] == [md.NLD] and package["theme"] == [md.THEME_SPATIAL]
    resource = md.to_ckan_resource(m, m.distributions[0])
    assert resource["format"].endswith("/GEOJSON") and resource["mimetype"] == "application/geo+json"


def test_prefill_from_layer_metadata(rd_points):
    from qgis.core import QgsLayerMetadata

    meta = QgsLayerMetadata()
    meta.setTitle("Bomenregister")
    meta.setAbstract("Alle gemeentelijke bomen.")
    meta.setKeywords({"gemet": ["bomen", "groen"]})
    meta.setLicenses(["CC BY 4.0"])
    contact = QgsLayerMetadata.Contact("Team Groen")
    contact.organization = "Gemeente Dordrecht, Team Groen"
    contact.email = "groen@dordrecht.nl"
    meta.addContact(contact)
    meta.setLanguage("nl")
    rd_points.setMetadata(meta)
    m = md.from_layer(rd_points)
    assert m.title == "Bomenregister" and m.description == "Alle gemeentelijke bomen."
    assert m.keywords == ["bomen", "groen"] and m.licence == md.CC_BY
    assert m.contact_name == "Gemeente Dordrecht, Team Groen" and m.contact_email == "groen@dordrecht.nl"
    assert m.name == "bomenregister"
    west, south, east, north = m.spatial_bbox
    assert 4.6 < west < east < 4.7 and 51.7 < south < north < 51.9
