"""SensorThings harvest against a local SensorThings-compatible server serving the real Samen Meten dump."""

from __future__ import annotations

import gzip
import json

import pytest

from smart_society.plugins.sensor_register.core import observations, sensorthings
from smart_society.plugins.sensor_register.core.errors import SensorThingsError
from smart_society.plugins.sensor_register.core.sta_dump_server import StaServer, compile_filter, load_dump


@pytest.fixture(scope="module")
def dump(shared_data):
    return load_dump(shared_data / "samenmeten_things_landvancuijk")


@pytest.fixture(scope="module")
def sta(dump):
    with StaServer(dump, max_page=20) as server:
        yield server


def test_client_follows_next_links(sta, dump):
    client = sensorthings.SensorThingsClient(sta.url)
    things = list(client.iterate("Things"))
    assert len(things) == len(dump) == 111
    assert client.requests_made == 6  # 111 Things in pages of 20
    assert len({t["@iot.id"] for t in things}) == 111


def test_filter_is_sent_to_the_server(sta, dump):
    client = sensorthings.SensorThingsClient(sta.url)
    palmes = client.things("properties/project eq 'Palmes'")
    expected = sum(1 for entry in dump.values() if entry["project"] == "Palmes")
    assert len(palmes) == expected == 13 and {t["properties"]["owner"] for t in palmes} == {"Globe", "BWLvC"}
    assert any("%24filter=" in r or "$filter=" in r for r in sta.requests)
    ltd = client.things("startswith(name,'LTD_') and properties/project eq 'Luftdaten'")
    assert {t["name"][:4] for t in ltd} == {"LTD_"} and len(ltd) == 97


def test_harvest_maps_things_to_register_entries(gpkg_register, sta, dump):
    report = sensorthings.harvest(gpkg_register, sta.url, user="harvester")
    with_location = sum(1 for e in dump.values() if e.get("location") and e["location"][0])
    assert report.things == 111
    assert report.inserted == with_location == 110  # one Thing has no location: reported, not stored
    assert len(report.issues) == 1 and report.issues[0].field == "location"
    sensor = gpkg_register.sensors("s.reference = %s", ("HLL_hl_device_225",))[0]
    assert sensor["owner"] == "Hollandse Luchten" and sensor["sensor_type"] == "chemie"
    assert "lucht" in sensor["themes"] and "klimaatverandering" in sensor["themes"]
    lon_lat = dump["HLL_hl_device_225"]["location"][0]
    from smart_society.plugins.sensor_register.core.validation import wgs84_to_rd

    assert (sensor["x"], sensor["y"]) == pytest.approx(wgs84_to_rd(*lon_lat))
    streams = observations.datastreams(gpkg_register, sensor["fid"])
    assert sorted(s["observed_property"] for s in streams) == ["pm25", "pm25_kal", "rh", "temp"]
    assert report.datastreams == sum(
        len(e["sensors"]) for e in dump.values() if e.get("location") and e["location"][0]
    )
    latest = {
        r["observed_property"]: r
        for r in observations.latest_values(gpkg_register)
        if r["sensor_fid"] == sensor["fid"]
    }
    assert latest["temp"]["latest_time"] == "2024-12-19T13:00:00Z"  # the real 'last' time of the datastream
    again = sensorthings.harvest(gpkg_register, sta.url)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 110)
    assert gpkg_register.count("datastreams") == report.datastreams


def test_harvest_with_filter_only_takes_matching_things(gpkg_register, sta):
    report = sensorthings.harvest(gpkg_register, sta.url, "properties/owner eq 'BWLvC'", latest=False)
    assert report.things == 10 and gpkg_register.count("sensors") == 10
    assert {s["owner"] for s in gpkg_register.sensors()} == {"BWLvC"}


def test_harvest_into_postgis(pg_register, sta):
    report = sensorthings.harvest(pg_register, sta.url, "properties/owner eq 'Hollandse Luchten'")
    assert report.inserted == 1 and report.datastreams == 4 and report.observations == 4
    assert len(observations.latest_values(pg_register)) == 4


def test_errors_name_url_and_status(sta):
    client = sensorthings.SensorThingsClient(sta.url)
    with pytest.raises(SensorThingsError) as error:
        client.get("Sensors(1)")
    assert error.value.status == 404 and "Sensors(1)" in str(error.value)
    with pytest.raises(SensorThingsError) as error:
        client.things("name eq")  # malformed filter: the server answers 400
    assert error.value.status == 400
    with pytest.raises(SensorThingsError, match="niet bereikbaar"):
        sensorthings.SensorThingsClient("http://127.0.0.1:9/v1.0", timeout=2).get("Things")


def test_filter_parser_and_observation_paging(sta):
    predicate = compile_filter("name eq 'O''Brien' or @iot.id gt 5")
    assert predicate({"name": "O'Brien", "@iot.id": 1}) and predicate({"name": "x", "@iot.id": 6})
    assert not predicate({"name": "x", "@iot.id": 5})
    client = sensorthings.SensorThingsClient(sta.url)
    series = list(client.iterate("Datastreams(38394)/Observations", {"$orderby": "phenomenonTime asc"}))
    assert len(series) == 48
    times = [o["phenomenonTime"] for o in series]
    assert times == sorted(times)


def test_raw_dump_is_gzip_json(shared_data):
    with gzip.open(shared_data / "samenmeten_things_landvancuijk" / "Land_van_Cuijk.json.gz", "rt") as handle:
        assert len(json.load(handle)) == 111
