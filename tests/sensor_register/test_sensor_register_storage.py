"""Storage in GeoPackage and PostGIS: same schema, constraints, versions, migrations, audit, locking."""

from __future__ import annotations

import pytest
from register_testkit import valid_row

from smart_society.plugins.sensor_register.core import model, storage
from smart_society.plugins.sensor_register.core.errors import RegisterError, StaleVersionError
from smart_society.plugins.sensor_register.core.validation import check_raw


def add(register, user="alice", **overrides):
    record, issues = check_raw(valid_row(**overrides), 1)
    assert issues == []
    return register.insert_sensor(record, user=user)


def test_schema_version_value_lists_and_tables(register):
    assert register.schema_version() == model.SCHEMA_VERSION
    labels = {r["code"]: r["label_nl"] for r in register.query("SELECT code, label_nl FROM vl_sensor_type")}
    assert len(labels) == 12 and labels["aanwezigheid_nabijheid"] == "Aanwezigheid of nabijheidsensor"
    grounds = register.query("SELECT code FROM vl_legal_ground")
    assert len(grounds) == 6
    assert register.count("vl_theme") == len(model.THEMES)


def test_insert_and_read_back_round_trip(register):
    fid = add(register, themes="Lucht;Geluid", height_m="3,5", bgt_object_id="G0505.1234")
    sensor = register.get_sensor(fid)
    assert sensor["themes"] == ["lucht", "geluid"]
    assert sensor["height_m"] == 3.5
    assert sensor["x"] == pytest.approx(105200.0) and sensor["y"] == pytest.approx(424300.0)
    assert sensor["row_version"] == 1 and sensor["created_by"] == "alice"
    assert len(sensor["sensor_uuid"]) >= 32


@pytest.mark.parametrize(
    "changes,constraint",
    [
        ({"contains_personal_data": True}, "wettelijke grondslag"),
        ({"start_date": "2031-01-01"}, "startdatum"),
        ({"is_mobile": True}, "gebied"),
        ({"themes": []}, "thema"),
        ({"status": "kapot"}, "status"),
        ({"data_url": "www.zonder-schema.nl"}, "http"),
    ],
)
def test_database_constraints_refuse_with_dutch_message(register, changes, constraint):
    """The database itself refuses what validation refuses (for edits that bypass the forms)."""
    fid = add(register)
    with pytest.raises(RegisterError) as error:
        register.update_sensor(fid, changes, 1, user="bob")
    assert constraint in str(error.value)
    assert register.get_sensor(fid)["row_version"] == 1


def test_reference_unique_per_owner(register):
    add(register)
    with pytest.raises(RegisterError, match="per eigenaar uniek"):
        add(register)
    add(register, owner="RIVM")  # same reference, other owner: fine
    assert register.count("sensors") == 2


def test_sql_looking_text_is_stored_verbatim(register):
    nasty = "Robert'); DROP TABLE sensors;-- %s ?"
    fid = add(
        register,
        name=nasty,
        reference="x'; DELETE FROM organisations; --",
        description="\"; UPDATE sensors SET name = 'pwned'; /*",
    )
    sensor = register.get_sensor(fid)
    assert sensor["name"] == nasty
    assert sensor["reference"] == "x'; DELETE FROM organisations; --"
    assert sensor["description"].startswith('"; UPDATE')
    assert register.count("sensors") == 1 and register.count("organisations") == 1


def test_optimistic_locking_refuses_stale_version(register):
    fid = add(register)
    editor_a = register.get_sensor(fid)
    editor_b = register.get_sensor(fid)
    register.update_sensor(fid, {"name": "A's naam"}, editor_a["row_version"], user="a")
    with pytest.raises(StaleVersionError, match="intussen"):
        register.update_sensor(fid, {"name": "B's naam"}, editor_b["row_version"], user="b")
    assert register.get_sensor(fid)["name"] == "A's naam"  # nothing lost
    fresh = register.get_sensor(fid)
    register.update_sensor(fid, {"name": "B's naam"}, fresh["row_version"], user="b")
    assert register.get_sensor(fid)["row_version"] == 3


def test_raw_update_without_version_bump_is_refused(register):
    """Also SQL that bypasses the API (another tool) must bump the version."""
    fid = add(register)
    with pytest.raises(StaleVersionError), register.transaction():
        register.execute("UPDATE sensors SET name = %s WHERE fid = %s", ("x", fid))


def test_audit_trail_history_and_restore(register):
    fid = add(register, user="alice")
    register.update_sensor(fid, {"name": "Tweede naam"}, 1, user="bob")
    register.update_sensor(fid, {"name": "Derde naam", "themes": ["geluid"]}, 2, user="carol")
    history = register.history(fid)
    assert [(h["action"], h["changed_by"]) for h in history] == [("I", "alice"), ("U", "bob"), ("U", "carol")]
    assert history[1]["old_values"]["name"] == "Luchtmeter Spoorzone"
    assert history[1]["new_values"]["name"] == "Tweede naam"
    register.restore(fid, history[1]["audit_id"], user="dave")
    sensor = register.get_sensor(fid)
    assert sensor["name"] == "Tweede naam" and sensor["themes"] == ["lucht"] and sensor["row_version"] == 4
    register.delete_sensor(fid, user="eve")
    assert register.get_sensor(fid) is None
    deleted = register.history(fid)[-1]
    assert deleted["action"] == "D" and deleted["changed_by"] == "eve"
    register.restore(fid, deleted["audit_id"], user="fay")
    back = register.get_sensor(fid)
    assert back["name"] == "Tweede naam" and back["x"] == pytest.approx(105200.0)


def test_organisations_and_contacts_are_audited(register):
    owner = register.add_organisation(
        {"org_name": "Waterschap", "org_public_email": "info@waterschap.nl"}, "zoe"
    )
    register.add_contact(
        {
            "owner_id": owner,
            "contact_name": "Piet Pietersen",
            "contact_email": "p@ws.nl",
            "contact_role": "beheerder",
            "contact_is_public": False,
        },
        "zoe",
    )
    assert [h["action"] for h in register.history(owner, "organisations")] == ["I"]
    assert register.query("SELECT count(*) AS n FROM audit_log WHERE table_name = 'contacts'")[0]["n"] == 1


def test_migration_from_version_1_keeps_data(tmp_path):
    register = storage.create_gpkg(tmp_path / "old.gpkg", target_version=1)
    assert register.schema_version() == 1
    record, _ = check_raw(valid_row(), 1)
    fid = register.insert_sensor(record)
    register.close()
    reopened = storage.open_gpkg(tmp_path / "old.gpkg")
    assert reopened.schema_version() == 2
    assert reopened.get_sensor(fid)["reference"] == "DOR-001"
    assert reopened.count("datastreams") == 0
    reopened.close()


def test_migration_from_version_1_postgis(pg_database):
    dsn, new_schema = pg_database
    schema = new_schema()
    register = storage.open_postgis(dsn, schema, migrate=False)
    assert register.migrate(1) == [1]
    record, _ = check_raw(valid_row(), 1)
    register.insert_sensor(record)
    register.close()
    reopened = storage.open_postgis(dsn, schema)
    assert reopened.schema_version() == 2 and reopened.count("sensors") == 1
    reopened.close()


def test_two_editors_on_postgis(pg_database):
    """Two connections (two editors): the stale save is refused, the first one's save survives."""
    dsn, new_schema = pg_database
    schema = new_schema()
    first = storage.open_postgis(dsn, schema)
    second = storage.open_postgis(dsn, schema)
    fid = add(first)
    seen_by_second = second.get_sensor(fid)
    first.update_sensor(fid, {"observes": "NO2 en PM10"}, 1, user="eerste")
    with pytest.raises(StaleVersionError) as error:
        second.update_sensor(fid, {"observes": "alleen PM10"}, seen_by_second["row_version"], user="tweede")
    assert "eerste" in str(error.value) and "versie" in str(error.value)
    assert second.get_sensor(fid)["observes"] == "NO2 en PM10"
    first.close()
    second.close()


def test_geopackage_is_readable_by_ogr(gpkg_register):
    from osgeo import ogr

    add(gpkg_register)
    dataset = ogr.Open(gpkg_register.location)
    layer = dataset.GetLayerByName("sensors")
    assert layer.GetFeatureCount() == 1
    assert layer.GetSpatialRef().GetAuthorityCode(None) == "28992"
    feature = layer.GetNextFeature()
    assert feature.GetGeometryRef().GetX() == pytest.approx(105200.0)
    assert dataset.GetLayerByName("sensors_latest") is not None


def test_sql_looking_text_survives_bulk_import(register):
    """The bulk path (GeoPackage upsert, PostGIS COPY) keeps quotes, backslashes, tabs and newlines."""
    nasty = "a'b\"c\\d\te\nf\\N; DROP TABLE sensors; -- %s ? \\x00"
    record, issues = check_raw(valid_row(description=nasty, internal_remarks="\\\\server\\share"), 1)
    assert not issues
    counts = register.upsert_sensors([record], user="o'brien")
    assert counts["inserted"] == 1
    sensor = register.sensors()[0]
    assert sensor["description"] == nasty and sensor["internal_remarks"] == "\\\\server\\share"
    assert sensor["created_by"] == "o'brien" and sensor["x"] == pytest.approx(105200.0)
    assert register.upsert_sensors([record])["unchanged"] == 1
