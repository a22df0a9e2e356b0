"""QGIS side: layers and native forms (aliases, value relations, constraints, defaults, tabs), editing the
register as an ordinary layer (audit + optimistic locking through QGIS), the dock, the algorithms."""

from __future__ import annotations

import datetime as dt

import pytest
from register_testkit import valid_row

from smart_society.plugins.sensor_register.core import importers, observations
from smart_society.plugins.sensor_register.core.validation import MESSAGES, check_raw


@pytest.fixture
def filled_gpkg(gpkg_register, tmp_path):
    rows = [
        (2, valid_row()),
        (
            3,
            valid_row(
                reference="DOR-002",
                name="Camera",
                sensor_type="Verkeerscamera",
                contains_personal_data="ja",
                legal_ground="Publieke taak",
                privacy_statement_url="https://www.dordrecht.nl/privacy",
                themes="Mobiliteit",
                active_until=(dt.date.today() + dt.timedelta(days=10)).isoformat(),
            ),
        ),
        (
            4,
            valid_row(
                reference="DOR-003",
                owner="RIVM",
                is_mobile="ja",
                regions="Binnenstad",
                start_date="2020-01-01",
                active_until="2021-01-01",
            ),
        ),
    ]
    importers.import_rows(gpkg_register, rows, "test")
    fid = gpkg_register.sensors("s.reference = %s", ("DOR-001",))[0]["fid"]
    [ds] = observations.upsert_datastreams(
        gpkg_register,
        fid,
        [{"ds_key": "t:1", "name": "NO2", "unit": "ug/m3", "observed_property": "no2", "source": "t"}],
    )
    observations.store_observations(
        gpkg_register, [(ds, f"2024-05-01T{h:02d}:00:00Z", 20.0 + h) for h in range(24)]
    )
    return gpkg_register


def test_sensor_form_configuration(qgis_app, filled_gpkg):
    from qgis.core import QgsProject

    from smart_society.plugins.sensor_register.core.forms import add_register_to_project

    project = QgsProject()
    layers = add_register_to_project(filled_gpkg.location, project)
    sensors = layers["sensors"]
    fields = sensors.fields()
    assert sensors.featureCount() == 3
    assert sensors.attributeAlias(fields.indexOf("observation_goal")) == "Waarvoor meet u dat? (meetdoel)"
    widget = sensors.editorWidgetSetup(fields.indexOf("themes"))
    assert widget.type() == "ValueRelation" and widget.config()["AllowMulti"] is True
    assert widget.config()["Layer"] == layers["vl_theme"].id()
    constraints = fields.field("legal_ground").constraints()
    assert MESSAGES["ck_personal_data"] in constraints.constraintDescription()
    assert sensors.defaultValueDefinition(fields.indexOf("row_version")).applyOnUpdate()
    tabs = [c.name() for c in sensors.editFormConfig().tabs()]
    assert tabs == ["Algemeen", "Locatie", "Metingen", "Privacy", "Publicatie", "Beheer"]
    group = project.layerTreeRoot().findGroup("Sensoren")
    assert group is not None and group.findLayer(sensors.id()) is not None
    latest = layers["sensors_latest"]
    assert (
        latest.renderer().type() == "graduatedSymbol" and latest.renderer().classAttribute() == "latest_value"
    )
    values = {f["reference"]: f["latest_value"] for f in latest.getFeatures()}
    from qgis.core import NULL

    assert values["DOR-001"] == 43.0 and values["DOR-002"] in (None, NULL)


def test_form_constraint_refuses_personal_data_without_ground(qgis_app, filled_gpkg):
    from qgis.core import QgsProject, QgsVectorLayerUtils

    from smart_society.plugins.sensor_register.core.forms import add_register_to_project

    project = QgsProject()
    layers = add_register_to_project(filled_gpkg.location, project)
    sensors = layers["sensors"]
    feature = next(sensors.getFeatures("\"reference\" = 'DOR-001'"))
    feature["contains_personal_data"] = True
    ok, errors = QgsVectorLayerUtils.validateAttribute(
        sensors, feature, sensors.fields().indexOf("legal_ground")
    )
    assert not ok and any("wettelijke grondslag" in e for e in errors)
    from smart_society.plugins.sensor_register.core.forms import constraint_messages

    messages = constraint_messages(sensors, feature)
    assert set(messages) == {"legal_ground", "privacy_statement_url"}  # both required with personal data
    assert messages["legal_ground"] == MESSAGES["ck_personal_data"]
    feature["legal_ground"] = "publieke_taak"
    ok, _errors = QgsVectorLayerUtils.validateAttribute(
        sensors, feature, sensors.fields().indexOf("legal_ground")
    )
    assert ok


def test_editing_through_qgis_is_audited_and_locked(qgis_app, filled_gpkg):
    """Two QGIS layers on the same register (two editors): the second, stale save is refused."""
    from qgis.core import QgsProject

    from smart_society.plugins.sensor_register.core.forms import configure_sensor_form, load_register_layers

    projects = []

    def editor():
        layers = load_register_layers(filled_gpkg.location)
        configure_sensor_form(layers["sensors"], layers)
        projects.append(QgsProject())
        projects[-1].addMapLayers(list(layers.values()))
        return layers["sensors"]

    first, second = editor(), editor()
    f1 = next(first.getFeatures("\"reference\" = 'DOR-001'"))
    f2 = next(second.getFeatures("\"reference\" = 'DOR-001'"))
    fid = f1.id()
    first.startEditing()
    second.startEditing()
    name_index = first.fields().indexOf("name")
    assert first.changeAttributeValue(fid, name_index, "Naam van editor 1")
    assert second.changeAttributeValue(f2.id(), name_index, "Naam van editor 2")  # both edit version 1
    assert first.commitChanges(), first.commitErrors()
    assert not second.commitChanges()
    assert any("intussen" in e or "ck_version" in e for e in second.commitErrors())
    second.rollBack()
    sensor = filled_gpkg.get_sensor(fid)
    assert sensor["name"] == "Naam van editor 1" and sensor["row_version"] == 2
    history = filled_gpkg.history(fid)
    assert history[-1]["action"] == "U" and history[-1]["new_values"]["name"] == "Naam van editor 1"


def test_dock_filters_warnings_history_plot(qgis_app, qgis_iface, filled_gpkg):
    from smart_society.plugins.sensor_register.gui.dock import SensorRegisterDock

    dock = SensorRegisterDock(qgis_iface)
    dock.open_register(filled_gpkg.location)
    assert dock.table.rowCount() == 3
    dock.personal_combo.setCurrentIndex(dock.personal_combo.findData(True))
    assert [s["reference"] for s in dock.shown] == ["DOR-002"]
    assert "verloopt binnen 30 dagen" in dock.table.item(0, 5).text()
    dock.personal_combo.setCurrentIndex(0)
    dock.mobile_combo.setCurrentIndex(dock.mobile_combo.findData(True))
    assert [s["reference"] for s in dock.shown] == ["DOR-003"]
    assert "verlopen sinds 2021-01-01" in dock.table.item(0, 5).text()
    dock.mobile_combo.setCurrentIndex(0)
    dock.owner_combo.setCurrentIndex(dock.owner_combo.findData("RIVM"))
    assert len(dock.shown) == 1
    dock.owner_combo.setCurrentIndex(0)
    assert dock.select_reference("DOR-001")
    assert len(dock.plot.series) == 24 and dock.plot.series[-1][1] == 43.0
    fid = dock.selected_sensor()["fid"]
    filled_gpkg.update_sensor(fid, {"name": "Gewijzigd"}, 1, user="t")
    dock.reload()
    dock.select_reference("DOR-001")
    assert dock.history_table.rowCount() == 2
    dock.history_table.selectRow(1)  # the oldest version (newest first)
    dock.restore_selected()
    assert filled_gpkg.get_sensor(fid)["name"] == "Luchtmeter Spoorzone"
    dock.plot.grab()  # paints without error
    dock.close()


def test_processing_algorithms(processing_registry, tmp_path):
    from qgis import processing

    ids = {a.id() for a in processing_registry.providerById("smartsociety").algorithms()}
    assert {
        "smartsociety:registerimport",
        "smartsociety:registervalidate",
        "smartsociety:registerexport",
        "smartsociety:registerharvest",
        "smartsociety:registerlmlobservations",
    } <= ids
    csv_path = tmp_path / "in.csv"
    csv_path.write_text(
        "eigenaar;referentie;naam;kies soort / type sensor;wat meet de sensor?;waarvoor meet u dat?;"
        "thema 1;x;y\nGemeente Dordrecht;A-1;Een;Geluidsensor;dB;overlast;Geluid;105000;424000\n"
        "Gemeente Dordrecht;A-2;Twee;Geluidsensor;dB;overlast;Geluid;1;2\n"
    )
    register = str(tmp_path / "reg.gpkg")
    checked = processing.run(
        "smartsociety:registervalidate", {"INPUT": str(csv_path), "REPORT": str(tmp_path / "check.csv")}
    )
    assert (checked["ROWS"], checked["VALID"], checked["ERRORS"]) == (2, 1, 1)
    result = processing.run(
        "smartsociety:registerimport",
        {"INPUT": str(csv_path), "REGISTER": register, "MODE": 1, "REPORT": str(tmp_path / "r.csv")},
    )
    assert result["INSERTED"] == 1 and result["ERRORS"] == 1
    assert "3;location" in (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    out = processing.run(
        "smartsociety:registerexport",
        {"REGISTER": register, "KIND": 0, "OUTPUT": str(tmp_path / "o.geojson")},
    )
    assert '"A-1"' in (tmp_path / "o.geojson").read_text() and out["OUTPUT"].endswith("o.geojson")
    algorithm = processing_registry.algorithmById("smartsociety:registerimport")
    assert "transactie" in algorithm.help_nl and algorithm.name() == algorithm.name().lower()


def test_processing_harvest(processing_registry, shared_data, tmp_path):
    from qgis import processing

    from smart_society.plugins.sensor_register.core.sta_dump_server import StaServer

    with StaServer(shared_data / "samenmeten_things_landvancuijk") as server:
        result = processing.run(
            "smartsociety:registerharvest",
            {
                "URL": server.url,
                "FILTER": "properties/owner eq 'Hollandse Luchten'",
                "REGISTER": str(tmp_path / "h.gpkg"),
                "LATEST": True,
                "DEFAULT_OWNER": "x",
            },
        )
    assert (result["THINGS"], result["INSERTED"], result["DATASTREAMS"]) == (1, 1, 4)


def test_record_round_trip_through_check_raw():
    record, issues = check_raw(valid_row(), 1)
    assert not issues and record["owner"] == "Gemeente Dordrecht"


def test_two_qgis_editors_on_postgis(qgis_app, pg_database):
    """Two QGIS layers (postgres provider) on one PostGIS register: the stale save is refused."""
    from qgis.core import QgsProject

    from smart_society.plugins.sensor_register.core import storage
    from smart_society.plugins.sensor_register.core.forms import configure_sensor_form, load_register_layers

    dsn, new_schema = pg_database
    schema = new_schema()
    register = storage.open_postgis(dsn, schema)
    record, _ = check_raw(valid_row(), 1)
    fid = register.insert_sensor(record, user="setup")
    projects = []

    def editor():
        layers = load_register_layers(dsn, schema)
        configure_sensor_form(layers["sensors"], layers)
        projects.append(QgsProject())
        projects[-1].addMapLayers(list(layers.values()))
        return layers["sensors"]

    first, second = editor(), editor()
    assert first.isValid() and first.featureCount() == 1
    name_index = first.fields().indexOf("name")
    first.startEditing()
    second.startEditing()
    assert first.changeAttributeValue(fid, name_index, "Editor 1")
    assert second.changeAttributeValue(fid, name_index, "Editor 2")
    assert first.commitChanges(), first.commitErrors()
    assert not second.commitChanges()
    assert any("intussen" in e for e in second.commitErrors()), second.commitErrors()
    second.rollBack()
    assert register.get_sensor(fid)["name"] == "Editor 1"
    assert [h["action"] for h in register.history(fid)] == ["I", "U"]
    register.close()
