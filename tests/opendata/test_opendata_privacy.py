"""The privacy gate blocks personal fields by default, releases field by field with a logged reason, and
never releases the register's NEVER_RELEASABLE_FIELDS."""

from __future__ import annotations

import json

import pytest

from smart_society.plugins.sensor_register.core.privacy import NEVER_RELEASABLE_FIELDS
from smart_society.processing.opendata.errors import PrivacyGateError
from smart_society.processing.opendata.privacy import (
    FREE,
    NEVER,
    PERSONAL,
    PrivacyGate,
    classify_field,
    read_release_log,
)


@pytest.mark.parametrize(
    "name",
    [
        "naam",
        "eigenaar_naam",
        "Email",
        "telefoon",
        "adres",
        "geboortedatum",
        "bsn",
        "kenteken",
        "tel",
        "straatnaam",
        "postcode",
    ],
)
def test_personal_names_are_flagged(name):
    assert classify_field(name)[0] == PERSONAL


@pytest.mark.parametrize(
    "name",
    [
        "bouwjaar",
        "hotel_id",
        "gebruiksdoel",
        "b3_h_max",
        "cover",
        "soort",
        "contains_personal_data",
        "is_public",
    ],
)
def test_ordinary_names_are_free(name):
    assert classify_field(name) == (FREE, "")


def test_register_never_releasable_fields_come_from_the_register():
    assert NEVER_RELEASABLE_FIELDS  # the contract is not empty
    for name in NEVER_RELEASABLE_FIELDS:
        assert classify_field(name)[0] == NEVER
        assert classify_field(name.upper())[0] == NEVER


def test_gate_blocks_by_default(tmp_path):
    gate = PrivacyGate(log_path=tmp_path / "log.jsonl", user="tester")
    fields = ["identificatie", "eigenaar_naam", "email", "contact_phone", "bouwjaar"]
    assert gate.publishable_fields("panden", fields) == ["identificatie", "bouwjaar"]
    blocked = {r.field: r.status for r in gate.blocked_fields("panden", fields)}
    assert blocked == {"eigenaar_naam": PERSONAL, "email": PERSONAL, "contact_phone": NEVER}
    assert not (tmp_path / "log.jsonl").exists()


def test_release_is_per_field_per_layer_and_logged(tmp_path):
    log = tmp_path / "log.jsonl"
    gate = PrivacyGate(log_path=log, user="tester")
    gate.release("panden", "eigenaar_naam", "Naam van een rechtspersoon, openbaar in het KvK-register")
    fields = ["identificatie", "eigenaar_naam", "email"]
    assert gate.publishable_fields("panden", fields) == ["identificatie", "eigenaar_naam"]
    assert gate.publishable_fields("bomen", fields) == ["identificatie"]  # other layer: still blocked
    entries = read_release_log(log)
    assert len(entries) == 1
    entry = entries[0]
    assert entry["layer"] == "panden" and entry["field"] == "eigenaar_naam" and entry["user"] == "tester"
    assert entry["reason"].startswith("Naam van een rechtspersoon")
    assert "naam" in entry["flagged_because"]
    assert entry["time"].endswith("+00:00")
    json.dumps(entry)  # serialisable


def test_release_needs_a_reason(tmp_path):
    gate = PrivacyGate(log_path=tmp_path / "log.jsonl")
    for reason in ("", "   ", "ok"):
        with pytest.raises(PrivacyGateError, match="eigenaar_naam.*reason"):
            gate.release("panden", "eigenaar_naam", reason)
    assert gate.publishable_fields("panden", ["eigenaar_naam"]) == []
    assert not gate.releases and not (tmp_path / "log.jsonl").exists()


def test_never_releasable_fields_can_not_be_released(tmp_path):
    gate = PrivacyGate(log_path=tmp_path / "log.jsonl")
    name = sorted(NEVER_RELEASABLE_FIELDS)[0]
    with pytest.raises(PrivacyGateError, match=f"'{name}'.*never"):
        gate.release("sensors", name, "De eigenaar wil dit graag publiceren")
    assert gate.publishable_fields("sensors", [name, "reference"]) == ["reference"]
    assert read_release_log(tmp_path / "log.jsonl") == []
