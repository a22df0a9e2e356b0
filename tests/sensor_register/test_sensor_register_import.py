"""Import from CSV, XLSX (Amsterdam template) and GeoJSON: idempotent, per-row/field report, modes,
nothing half-written (also not when the process is killed), and no crash on generated bad rows."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from register_testkit import valid_row

from smart_society.plugins.sensor_register.core import importers, model, storage
from smart_society.plugins.sensor_register.core.errors import RegisterImportError

REPO = Path(__file__).resolve().parents[2]
AMSTERDAM_HEADER = (
    "Referentie;Kies soort / type sensor;Latitude;Longitude;Wat meet de sensor?;Waarvoor meet u dat?;"
    "Thema 1;Thema 2 (niet verplicht);Thema 3 (niet verplicht);Worden er persoonsgegevens verwerkt?;"
    "Wettelijke grondslag;Privacyverklaring;Tot wanneer is de sensor actief?;Eigenaar"
)


def amsterdam_csv(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join([AMSTERDAM_HEADER] + rows) + "\n", encoding="utf-8")
    return path


GOOD = [
    "DOR-1;Optische / camera sensor;51.8098;4.6690;Aantal fietsers;Drukte op het stationsplein;Mobiliteit;"
    "Veiligheid;;Ja;Publieke taak;https://www.dordrecht.nl/privacy;2030-01-01;Gemeente Dordrecht",
    "DOR-2;Chemiesensor;51.8102;4.6712;NO2;Luchtkwaliteit;Lucht;;;Nee;;;2029-06-30;Gemeente Dordrecht",
    "DOR-3;Geluidsensor;51.8090;4.6650;Geluidsniveau dB(A);Geluidsoverlast spoor;Geluid;;;Nee;;;;"
    "Gemeente Dordrecht",
]
BAD = "DOR-4;Chemiesensor;48.85;2.35;NO2;Luchtkwaliteit;Lucht;;;Ja;;;2029-06-30;Gemeente Dordrecht"


def test_csv_amsterdam_template_import_is_idempotent(register, tmp_path):
    path = amsterdam_csv(tmp_path / "sensoren.csv", GOOD)
    report = importers.import_file(register, path, user="import")
    assert report.issues == [] and report.written
    assert (report.inserted, report.updated, report.unchanged) == (3, 0, 0)
    camera = register.sensors("s.reference = %s", ("DOR-1",))[0]
    assert camera["sensor_type"] == "optisch_camera" and camera["category"] == "camera"
    assert camera["themes"] == ["mobiliteit", "veiligheid"] and camera["legal_ground"] == "publieke_taak"
    audit_before = register.count("audit_log")
    again = importers.import_file(register, path, user="import")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    assert register.count("sensors") == 3 and register.count("audit_log") == audit_before
    changed = amsterdam_csv(
        tmp_path / "changed.csv", [GOOD[0], GOOD[1].replace(";NO2;", ";NO2 en PM10;"), GOOD[2]]
    )
    third = importers.import_file(register, changed, user="import")
    assert (third.inserted, third.updated, third.unchanged) == (0, 1, 2)
    assert register.sensors("s.reference = %s", ("DOR-2",))[0]["row_version"] == 2


def test_all_or_nothing_writes_nothing_on_one_bad_row(register, tmp_path):
    path = amsterdam_csv(tmp_path / "mixed.csv", GOOD + [BAD])
    before = register.fingerprint()
    report = importers.import_file(register, path, mode=importers.ALL_OR_NOTHING)
    assert not report.written and register.fingerprint() == before
    assert report.rows_with_errors == [5]  # header is row 1
    fields = {i.field for i in report.issues}
    assert fields == {"location", "legal_ground", "privacy_statement_url"}
    out = report.write_csv(tmp_path / "fouten.csv").read_text(encoding="utf-8-sig")
    assert out.startswith("rij;veld;melding") and "5;location;" in out


def test_valid_rows_only_skips_bad_rows(register, tmp_path):
    path = amsterdam_csv(tmp_path / "mixed.csv", GOOD + [BAD])
    report = importers.import_file(register, path, mode=importers.VALID_ONLY)
    assert report.written and report.inserted == 3 and report.rows_with_errors == [5]
    assert {s["reference"] for s in register.sensors()} == {"DOR-1", "DOR-2", "DOR-3"}


def test_duplicate_reference_within_file_is_reported(gpkg_register, tmp_path):
    path = amsterdam_csv(tmp_path / "dup.csv", GOOD + [GOOD[1]])
    report = importers.import_file(gpkg_register, path)
    assert report.rows_with_errors == [5] and "rij 3" in report.issues[0].message


def test_xlsx_with_dutch_headers_and_owner_sheet(gpkg_register, tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sensorregistratie"
    sheet.append(AMSTERDAM_HEADER.split(";")[:-1])
    sheet.append(
        [
            "XL-1",
            "Temperatuursensor",
            51.81,
            4.67,
            "Temperatuur",
            "Hittestress",
            "Klimaatverandering",
            None,
            None,
            "Nee",
            None,
            None,
            None,
        ]
    )
    sheet.append(
        [
            "XL-2",
            "Onbekend type",
            51.81,
            4.67,
            "x",
            "y",
            "Lucht",
            None,
            None,
            "Misschien",
            None,
            None,
            "morgen",
        ]
    )
    owner = workbook.create_sheet("Uw gegevens")
    owner.append(["Naam organisatie/bedrijf", "Hogeschool Dordrecht"])
    path = tmp_path / "bulk.xlsx"
    workbook.save(path)
    report = importers.import_file(gpkg_register, path, mode=importers.VALID_ONLY)
    assert report.inserted == 1
    assert {(i.row, i.field) for i in report.issues} == {
        (3, "sensor_type"),
        (3, "contains_personal_data"),
        (3, "active_until"),
    }
    assert gpkg_register.sensors()[0]["owner"] == "Hogeschool Dordrecht"


def test_shipped_xlsx_template_imports(gpkg_register):
    template = REPO / "resources" / "sensor_register" / "sensorregistratie_template.xlsx"
    report = importers.import_file(gpkg_register, template)
    assert report.issues == [] and report.inserted == 1


def test_geojson_import_wgs84_and_rd(gpkg_register, tmp_path):
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [4.669, 51.8098, 4.0]},
            "properties": {
                "owner": "Gemeente Dordrecht",
                "reference": "GJ-1",
                "name": "Camera",
                "sensor_type": "Verkeerscamera",
                "observes": "verkeer",
                "observation_goal": "doorstroming",
                "themes": "Rail- en wegverkeer",
                "contains_personal_data": 0,
            },
        }
    ]
    path = tmp_path / "s.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    report = importers.import_file(gpkg_register, path)
    assert report.issues == [] and report.inserted == 1
    sensor = gpkg_register.sensors()[0]
    assert sensor["height_m"] == 4.0 and 104000 < sensor["x"] < 106000
    rd = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "features": [dict(features[0], geometry={"type": "Point", "coordinates": [105000.0, 424000.0]})],
    }
    path.write_text(json.dumps(rd))
    report = importers.import_file(gpkg_register, path)
    assert report.updated == 1 and gpkg_register.sensors()[0]["x"] == pytest.approx(105000.0)


def test_sample_district_sensors_import(gpkg_register, sample_district):
    """The sample district's sensors layer (its own type names) maps onto the register."""
    from osgeo import ogr

    dataset = ogr.Open(str(sample_district.gpkg))
    layer = dataset.GetLayerByName("sensors")
    rows = []
    for number, feature in enumerate(layer, start=1):
        raw = {
            k: feature.GetField(k)
            for k in (
                "reference",
                "name",
                "owner",
                "sensor_type",
                "themes",
                "contains_personal_data",
                "status",
            )
        }
        geometry = feature.GetGeometryRef()
        raw.update(
            x=geometry.GetX(), y=geometry.GetY(), observes=raw["sensor_type"], observation_goal="Monitoring"
        )
        if raw["contains_personal_data"]:
            raw.update(legal_ground="Publieke taak", privacy_statement_url="https://www.dordrecht.nl/privacy")
        rows.append((number, raw))
    report = importers.import_rows(gpkg_register, rows, "sample", mode=importers.VALID_ONLY)
    assert report.total == layer.GetFeatureCount() > 0
    assert report.issues == [] and report.inserted == report.total
    camera = gpkg_register.sensors("s.reference = %s", ("DDT-VKC-001",))[0]
    assert camera["category"] == "camera" and camera["sensor_type"] == "optisch_camera"
    assert camera["contains_personal_data"] is True and camera["legal_ground"] == "publieke_taak"


def test_unreadable_files_raise_clear_errors(gpkg_register, tmp_path):
    with pytest.raises(RegisterImportError, match="onbekend bestandstype"):
        importers.import_file(gpkg_register, tmp_path / "x.doc")
    empty = tmp_path / "leeg.csv"
    empty.write_text("")
    with pytest.raises(RegisterImportError, match="leeg"):
        importers.import_file(gpkg_register, empty)
    broken = tmp_path / "kapot.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(RegisterImportError, match="XLSX"):
        importers.import_file(gpkg_register, broken)


# --- killed half-way ------------------------------------------------------------------------------

KILL_SCRIPT = textwrap.dedent("""
    import os, sys, time
    from smart_society.plugins.sensor_register.core import importers, storage
    schema = sys.argv[4] if len(sys.argv) > 4 else "sensor_register"
    register = storage.open_register(sys.argv[1], schema=schema)
    marker = sys.argv[3]
    def progress(done, total):
        if done >= total // 2:
            open(marker, "w").write(str(done))
            while True:          # half-way, transaction open: wait to be killed
                time.sleep(0.05)
    importers.import_file(register, sys.argv[2], mode="valid_only", progress=progress)
    """)


def _big_csv(path: Path, n: int) -> Path:
    rows = [
        f"KILL-{i};Chemiesensor;51.81;4.67;NO2;Lucht;Lucht;;;Nee;;;2030-01-01;Gemeente Dordrecht"
        for i in range(n)
    ]
    return amsterdam_csv(path, rows)


def _kill_half_way(location: str, csv_path: Path, tmp_path: Path, schema: str = "") -> None:
    script = tmp_path / "kill_import.py"
    script.write_text(KILL_SCRIPT)
    marker = tmp_path / "half_way.txt"
    env = dict(os.environ, PYTHONPATH=str(REPO / ".build" / "pypath"))
    args = [sys.executable, str(script), location, str(csv_path), str(marker)] + ([schema] if schema else [])
    process = subprocess.Popen(args, env=env, stderr=subprocess.PIPE)
    try:
        while not marker.exists():  # wait until the importer reports it is half-way
            if process.poll() is not None:
                raise AssertionError(process.stderr.read().decode())
            time.sleep(0.05)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL


def test_import_killed_half_way_leaves_geopackage_as_before(tmp_path):
    location = str(tmp_path / "register.gpkg")
    register = storage.create_gpkg(location)
    importers.import_file(register, amsterdam_csv(tmp_path / "first.csv", GOOD))
    before = register.fingerprint()
    register.close()
    _kill_half_way(location, _big_csv(tmp_path / "big.csv", 3000), tmp_path)
    after = storage.open_gpkg(location)
    assert after.fingerprint() == before
    assert after.query("PRAGMA integrity_check")[0]["integrity_check"] == "ok"
    after.close()


def test_import_killed_half_way_leaves_postgis_as_before(pg_database, tmp_path):
    dsn, new_schema = pg_database
    schema = new_schema()
    register = storage.open_postgis(dsn, schema)
    importers.import_file(register, amsterdam_csv(tmp_path / "first.csv", GOOD))
    before = register.fingerprint()
    _kill_half_way(dsn, _big_csv(tmp_path / "big.csv", 6000), tmp_path, schema)
    assert register.fingerprint() == before
    register.close()


# --- property-based: generated bad rows never crash, every error names row and field ----------------

_any_value = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(),
    st.floats(allow_nan=True),
    st.booleans(),
    st.dates().map(str),
    st.sampled_from(
        ["ja", "nee", "Lucht", "{lucht}", "Chemiesensor", "51.8", "4.67", "", "'; DROP TABLE sensors;--"]
    ),
)
_keys = st.sampled_from([f.name for f in model.IMPORT_FIELDS] + ["owner", "x", "y", "lon", "lat"])
_rows = st.lists(st.dictionaries(_keys, _any_value, max_size=14), min_size=17, max_size=25)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_rows)
def test_generated_bad_rows_never_crash(tmp_path_factory, rows):
    """60 examples x 17..25 rows: at least 1,020 generated rows per run, each batch with one valid row."""
    register = storage.create_gpkg(tmp_path_factory.mktemp("h") / "r.gpkg")
    numbered = [(n, raw) for n, raw in enumerate(rows, start=2)] + [(len(rows) + 2, valid_row())]
    report = importers.import_rows(register, numbered, "generated", mode=importers.VALID_ONLY)
    assert report.written
    assert all(i.row is not None and i.field and i.message for i in report.issues)
    bad_rows = set(report.rows_with_errors)
    assert report.valid == len(numbered) - len(bad_rows)
    stored = register.count("sensors")
    assert stored <= report.valid and stored >= 1
    register.close()
