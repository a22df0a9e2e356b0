"""Exports: public GeoJSON/CSV never contain personal or non-public contact data; SensRNet-style JSON."""

from __future__ import annotations

import csv
import json

import pytest
from register_testkit import valid_row

from smart_society.plugins.sensor_register.core import export, observations
from smart_society.plugins.sensor_register.core.privacy import NEVER_RELEASABLE_FIELDS
from smart_society.plugins.sensor_register.core.validation import check_raw

SECRET_NAME = "Jantje Geheim"
SECRET_MAIL = "jantje.geheim@dordrecht.nl"


@pytest.fixture
def filled(register):
    public, _ = check_raw(valid_row(internal_remarks=f"bel {SECRET_NAME}", themes="Lucht;Geluid"), 1)
    hidden, _ = check_raw(valid_row(reference="DOR-HIDDEN", name="Niet openbaar", is_public="nee"), 2)
    fid = register.insert_sensor(public, user=SECRET_NAME)
    register.insert_sensor(hidden, user=SECRET_NAME)
    owner = register.owner_id("Gemeente Dordrecht")
    register.add_contact(
        {
            "owner_id": owner,
            "contact_name": SECRET_NAME,
            "contact_email": SECRET_MAIL,
            "contact_phone": "06-12345678",
            "contact_role": "beheerder",
            "contact_is_public": False,
        }
    )
    register.add_contact(
        {
            "owner_id": owner,
            "contact_name": "Balie",
            "contact_email": "sensoren@dordrecht.nl",
            "contact_role": "publiek",
            "contact_is_public": True,
        }
    )
    observations.upsert_datastreams(
        register,
        fid,
        [{"ds_key": "x:1", "name": "NO2", "unit": "ug/m3", "observed_property": "no2", "source": "test"}],
    )
    return register


def test_public_geojson(filled, tmp_path):
    path = export.export_public_geojson(filled, tmp_path / "open.geojson")
    text = path.read_text(encoding="utf-8")
    assert SECRET_NAME not in text and SECRET_MAIL not in text and "06-12345678" not in text
    document = json.loads(text)
    assert len(document["features"]) == 1  # the non-public sensor is left out
    properties = document["features"][0]["properties"]
    assert not set(properties) & NEVER_RELEASABLE_FIELDS
    assert properties["themes"] == "Lucht; Geluid" and properties["sensor_type"] == "Chemiesensor"
    lon, lat = document["features"][0]["geometry"]["coordinates"]
    assert 4.6 < lon < 4.7 and 51.8 < lat < 51.83
    assert properties["public_contact_email"] == "sensoren@dordrecht.nl"


def test_public_csv(filled, tmp_path):
    path = export.export_public_csv(filled, tmp_path / "open.csv")
    text = path.read_text(encoding="utf-8-sig")
    assert SECRET_NAME not in text and SECRET_MAIL not in text
    rows = list(csv.DictReader(text.splitlines(), delimiter=";"))
    assert len(rows) == 1 and not set(rows[0]) & NEVER_RELEASABLE_FIELDS
    assert float(rows[0]["x_rd"]) == pytest.approx(105200.0)


def test_sensrnet_export(filled, tmp_path):
    path = export.export(filled, tmp_path / "sensrnet.json", "sensrnet")
    text = path.read_text(encoding="utf-8")
    assert SECRET_NAME not in text and SECRET_MAIL not in text and "Balie" not in text
    document = json.loads(text)
    organisation = document["organizations"][0]
    assert organisation["name"] == "Gemeente Dordrecht"
    assert organisation["contactPoints"] == [{"role": "publiek", "email": "sensoren@dordrecht.nl"}]
    device = organisation["devices"][0]
    assert len(organisation["devices"]) == 1
    stream = device["sensors"][0]["datastreams"][0]
    assert stream["id"] == "x:1" and stream["observationGoals"][0]["name"] == "Luchtkwaliteit volgen"
    assert device["location"]["coordinates"][1] == pytest.approx(51.81, abs=0.02)


def test_never_releasable_contract():
    assert {
        "contact_name",
        "contact_email",
        "contact_phone",
        "created_by",
        "modified_by",
    } <= NEVER_RELEASABLE_FIELDS
    assert "public_contact_email" not in NEVER_RELEASABLE_FIELDS
    assert not set(export.PUBLIC_FIELDS) & NEVER_RELEASABLE_FIELDS
