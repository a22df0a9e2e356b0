"""Observations: per-datastream storage, idempotent loads, latest values, RIVM LML XML, time series."""

from __future__ import annotations

import pytest
from register_testkit import valid_row

from smart_society.plugins.sensor_register.core import observations
from smart_society.plugins.sensor_register.core.errors import LmlError
from smart_society.plugins.sensor_register.core.validation import check_raw


def _sensor_with_streams(register, n_streams=2):
    record, _ = check_raw(valid_row(), 1)
    fid = register.insert_sensor(record)
    ids = observations.upsert_datastreams(
        register,
        fid,
        [
            {
                "ds_key": f"test:{i}",
                "name": f"s{i}",
                "observed_property": p,
                "unit": "ug/m3",
                "source": "test",
            }
            for i, p in enumerate(["no2", "pm10"][:n_streams])
        ],
    )
    return fid, ids


def test_latest_value_per_datastream_and_idempotent_load(register):
    fid, (no2, pm10) = _sensor_with_streams(register)
    rows = [(no2, f"2024-03-0{d}T10:00:00Z", float(d)) for d in range(1, 8)]
    rows += [(pm10, "2024-03-02T10:00:00+01:00", 40.0), (pm10, "2024-03-01T23:00:00Z", 12.5)]
    observations.store_observations(register, rows)
    observations.store_observations(register, rows)  # again: nothing doubles
    assert register.count("observations") == 9
    latest = {r["datastream_id"]: r for r in observations.latest_values(register)}
    assert latest[no2]["latest_value"] == 7.0 and latest[no2]["latest_time"] == "2024-03-07T10:00:00Z"
    assert latest[pm10]["latest_value"] == 40.0 and latest[pm10]["latest_time"] == "2024-03-02T09:00:00Z"
    assert observations.latest_values(register, from_table=True) == observations.latest_values(register)
    view = register.query("SELECT latest_value FROM sensors_latest WHERE fid = %s", (fid,))
    assert view[0]["latest_value"] in (7.0, 40.0)
    series = observations.time_series(register, no2)
    assert [v for _t, v in series] == [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]


def test_deleting_a_sensor_removes_its_observations(gpkg_register):
    fid, (no2, _pm10) = _sensor_with_streams(gpkg_register)
    observations.store_observations(gpkg_register, [(no2, "2024-01-01T00:00:00Z", 1.0)])
    gpkg_register.delete_sensor(fid)
    assert gpkg_register.count("observations") == 0 and gpkg_register.count("latest_observations") == 0


def test_lml_xml_both_streams(shared_data):
    root = shared_data / "rivm_lml_airquality_sospilot" / "rivm-lml" / "raw"
    meting = observations.read_lml_xml(root / "xml" / "2014070709.xml")
    assert len(meting) > 100
    first = meting[0]
    assert (first["station"], first["component"], first["value"]) == ("NL01483", "PM10", 19.0)
    assert first["time"] == "2014-07-07T08:00:00Z"  # 09 h Dutch winter time
    sos = observations.read_lml_xml(root / "sos" / "2014070709-NO2.xml")
    botlek = next(m for m in sos if m["station"] == "NL01483")
    assert botlek["station_name"] == "Botlek-Spoortunnel" and botlek["component"] == "NO2"
    assert observations.read_lml_xml(root / "sos" / "2014070709-benzeen.xml") == []  # empty file in the dump


def test_lml_import_into_register(register, shared_data):
    base = shared_data / "rivm_lml_airquality_sospilot" / "rivm-lml"
    files = sorted((base / "raw" / "xml").glob("*.xml"))  # 07..10 h on 2014-07-07
    result = observations.import_lml(register, files, base / "stations" / "stations.csv", user="lml")
    assert result["stations"] == 85 and result["sensors_inserted"] == 49  # 36 (DCMR/GGD) have no location
    assert "NL01483" in result["skipped_stations"] and not register.sensors("s.reference = %s", ("NL01483",))
    stored = register.count("observations")
    assert stored == result["observations"] > 400
    again = observations.import_lml(register, files, base / "stations" / "stations.csv", user="lml")
    assert register.count("observations") == stored and again["sensors_inserted"] == 0
    sensor = register.sensors("s.reference = %s", ("NL00107",))[0]
    assert sensor["owner"] == observations.LML_OWNER and sensor["themes"] == ["lucht", "gezondheid"]
    streams = observations.datastreams(register, sensor["fid"])
    series = observations.time_series(register, streams[0]["fid"])
    assert [t for t, _v in series] == [f"2014-07-07T{h:02d}:00:00Z" for h in (6, 7, 8, 9)]


def test_broken_lml_file_names_the_file(tmp_path):
    broken = tmp_path / "2014070709.xml"
    broken.write_text(
        "<message><body><meting><datum>07/07/2014</datum><tijd>xx</tijd>"
        "<station>NL1</station><waarde>1</waarde></meting></body></message>"
    )
    with pytest.raises(LmlError, match="2014070709.xml: meting 1"):
        observations.read_lml_xml(broken)
