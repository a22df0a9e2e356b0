"""Sensor register demo step: fill a sample register and add it (forms configured) to the demo project.

Sources: the sample district's sensors, a handful of realistic extra entries (mobile, personal data,
camera, water level), the real Samen Meten Things through a local SensorThings server (one station with its
full series), the real RIVM LML XML hours, and a week of SYNTHETIC hourly values for the district's air
quality sensors so the map can style them by their latest value.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

EXTRA = [
    {
        "owner": "Gemeente Dordrecht",
        "reference": "DDT-PRK-001",
        "name": "Parkeersensor Spuiboulevard",
        "sensor_type": "Aanwezigheid of nabijheidsensor",
        "observes": "bezetting parkeervak",
        "observation_goal": "Parkeerdruk en doorstroming rond het station",
        "themes": "Mobiliteit;Rail- en wegverkeer",
        "x": 105030.0,
        "y": 424520.0,
        "connectivity": "LoRaWAN",
        "manufacturer": "Nedap",
        "status": "active",
        "start_date": "2023-03-01",
        "active_until": "2027-03-01",
        "public_contact_email": "parkeren@dordrecht.nl",
        "data_url": "https://data.dordrecht.nl/parkeren",
        "is_open_data": "ja",
    },
    {
        "owner": "HVC",
        "reference": "HVC-VW-12",
        "name": "Vuilniswagen met vulgraadsensor",
        "sensor_type": "Positie- of verplaatsingsensor",
        "observes": "GPS-positie en vulgraad",
        "observation_goal": "Routes van de afvalinzameling optimaliseren",
        "themes": "Afval",
        "is_mobile": "ja",
        "regions": "Spoorzone;Krispijn;Binnenstad",
        "x": 105400.0,
        "y": 424100.0,
        "connectivity": "Mobiel netwerk (4G/5G)",
        "status": "active",
        "start_date": "2024-01-01",
        "public_contact_email": "info@hvcgroep.nl",
    },
    {
        "owner": "NS Stations",
        "reference": "NS-WIFI-03",
        "name": "Wifi-teller stationshal",
        "sensor_type": "Aanwezigheid of nabijheidsensor",
        "observes": "aantal apparaten (gehashte MAC-adressen)",
        "observation_goal": "Drukte in de stationshal meten",
        "themes": "Drukte;Veiligheid",
        "contains_personal_data": "ja",
        "legal_ground": "Gerechtvaardigd belang",
        "privacy_statement_url": "https://www.ns.nl/privacy",
        "x": 105220.0,
        "y": 424290.0,
        "status": "reported",
        "start_date": "2025-01-01",
        "active_until": (dt.date.today() + dt.timedelta(days=20)).isoformat(),
        "public_contact_email": "privacy@ns.nl",
        "internal_remarks": "Contact via de stationsmanager",
    },
    {
        "owner": "Waterschap Hollandse Delta",
        "reference": "WSHD-PEIL-7",
        "name": "Peilbuis Spoorzone",
        "sensor_type": "Druksensor",
        "observes": "grondwaterstand (m NAP)",
        "observation_goal": "Grondwaterstand bij de bouw in de Spoorzone volgen",
        "themes": "Water;Bodem;Bouwen en verbouwen",
        "x": 105610.0,
        "y": 424650.0,
        "height_m": -1.5,
        "status": "active",
        "start_date": "2022-06-01",
        "active_until": "2024-12-31",
        "public_contact_email": "info@wshd.nl",
    },
    {
        "owner": "Gemeente Dordrecht",
        "reference": "DDT-CAM-BRUG",
        "name": "Camera brugbediening",
        "sensor_type": "Optische / camera sensor",
        "observes": "beeld van de brug en het vaarwater",
        "observation_goal": "Veilig bedienen van de brug op afstand",
        "themes": "Scheepvaart;Veiligheid",
        "contains_personal_data": "ja",
        "legal_ground": "Publieke taak",
        "privacy_statement_url": "https://www.dordrecht.nl/privacy",
        "x": 104760.0,
        "y": 424770.0,
        "status": "concept",
        "public_contact_email": "sensoren@dordrecht.nl",
        "is_public": "nee",
    },
]


def district_rows(district) -> list[tuple[int, dict]]:
    from osgeo import ogr

    dataset = ogr.Open(str(district.gpkg))
    rows = []
    for number, feature in enumerate(dataset.GetLayerByName("sensors"), start=1):
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
            x=geometry.GetX(),
            y=geometry.GetY(),
            observes=raw["sensor_type"],
            observation_goal=f"{raw['name']}: monitoring in de Spoorzone",
            height_m=3.0,
            start_date="2023-01-01",
            public_contact_email="sensoren@dordrecht.nl",
        )
        if raw["contains_personal_data"]:
            raw.update(legal_ground="Publieke taak", privacy_statement_url="https://www.dordrecht.nl/privacy")
        rows.append((number, raw))
    return rows


def synthetic_week(register, fids_units) -> int:
    """A week of hourly synthetic values for sensors without real observations (clearly named so)."""
    from smart_society.plugins.sensor_register.core import observations

    end = dt.datetime(2026, 11, 24, 23, tzinfo=dt.timezone.utc)
    rows = []
    for n, (fid, prop, unit, base) in enumerate(fids_units):
        [ds] = observations.upsert_datastreams(
            register,
            fid,
            [
                {
                    "ds_key": f"demo:{fid}:{prop}",
                    "name": f"{prop} (synthetisch)",
                    "observed_property": prop,
                    "unit": unit,
                    "source": "synthetisch (demo)",
                    "description": "Gegenereerde demowaarden",
                }
            ],
        )
        for h in range(24 * 7):
            moment = end - dt.timedelta(hours=h)
            value = base + 8 * math.sin((h + 5 * n) / 24 * 2 * math.pi) + 3 * math.sin(h / 7.0 + n)
            rows.append((ds, moment, round(value, 1)))
    return observations.store_observations(register, rows)


def run(context) -> list[str]:
    from qgis.core import QgsProject

    from smart_society.plugins.sensor_register.core import importers, observations, sensorthings, storage
    from smart_society.plugins.sensor_register.core.forms import add_register_to_project
    from smart_society.plugins.sensor_register.core.sta_dump_server import StaServer

    out_dir = Path(context.out_dir)
    if context.district is None:  # run on its own: the foundation step's district
        from smart_society.resources.sample.generator import load_sample_district

        context.district = load_sample_district(out_dir / "sample_district")
    path = out_dir / "sensor_register.gpkg"
    if path.exists():
        path.unlink()
    register = storage.create_gpkg(path)
    lines = []
    report = importers.import_rows(
        register,
        district_rows(context.district) + [(100 + i, row) for i, row in enumerate(EXTRA)],
        "demo",
        mode=importers.VALID_ONLY,
        user="demo",
    )
    lines.append(f"register: {report.summary()}")
    owner = register.owner_id("Gemeente Dordrecht")
    register.add_contact(
        {
            "owner_id": owner,
            "contact_name": "Team Sensoren",
            "contact_email": "sensoren@dordrecht.nl",
            "contact_role": "publiek",
            "contact_is_public": True,
        },
        user="demo",
    )
    register.add_contact(
        {
            "owner_id": owner,
            "contact_name": "A. de Vries",
            "contact_email": "a.devries@dordrecht.nl",
            "contact_phone": "078-0000000",
            "contact_role": "beheerder",
            "contact_is_public": False,
        },
        user="demo",
    )
    shared = Path(__file__).resolve().parents[3] / "shared" / "data"
    air = register.sensors("s.sensor_type = %s", ("chemie",))
    weather = register.sensors("s.sensor_type = %s", ("klimaat",))
    noise = register.sensors("s.sensor_type = %s", ("geluid",))
    stored = synthetic_week(
        register,
        [(s["fid"], "NO2", "ug/m3", 24 + 4 * i) for i, s in enumerate(air)]
        + [(s["fid"], "temperatuur", "°C", 9) for s in weather]
        + [(s["fid"], "LAeq", "dB(A)", 58) for s in noise],
    )
    lines.append(f"synthetische waarnemingen (week, per uur): {stored}")
    dump = shared / "samenmeten_things_landvancuijk"
    if dump.is_dir():
        with StaServer(dump) as server:
            harvested = sensorthings.harvest(
                register, server.url, "properties/owner eq 'Luftdaten'", user="demo"
            )
            series = sensorthings.harvest(
                register, server.url, "properties/owner eq 'Hollandse Luchten'", user="demo", full_series=True
            )
        lines.append(f"SensorThings (Samen Meten, lokaal): {harvested.summary()}")
        lines.append(f"SensorThings met reeks: {series.observations} waarnemingen")
    lml = shared / "rivm_lml_airquality_sospilot" / "rivm-lml"
    if lml.is_dir():
        result = observations.import_lml(
            register,
            sorted((lml / "raw" / "xml").glob("*.xml")),
            lml / "stations" / "stations.csv",
            user="demo",
        )
        lines.append(
            f"RIVM LML: {result['sensors_inserted']} stations, {result['observations']} waarnemingen"
        )
    first = register.sensors("s.reference = %s", ("DDT-LKS-001",))
    if first:
        register.update_sensor(
            first[0]["fid"],
            {"description": "Meetpunt naast het busstation"},
            first[0]["row_version"],
            user="demo-redacteur",
        )
    lines.append(
        f"register: {register.count('sensors')} sensoren, {register.count('datastreams')} datastromen, "
        f"{register.count('observations')} waarnemingen, {register.count('audit_log')} auditregels"
    )
    register.close()

    project = QgsProject.instance()
    project_path = Path(context.project_path)
    if project_path.exists() and Path(project.fileName() or "").resolve() != project_path.resolve():
        project.read(str(project_path))
    add_register_to_project(
        str(path), project
    )  # into the group "Sensoren" (replaces earlier register layers)
    project.write(str(project_path))
    context.results["sensor_register"] = path
    lines.append(f"toegevoegd aan {project_path.name} (groep 'Sensoren', formulieren ingesteld): {path}")
    return lines
