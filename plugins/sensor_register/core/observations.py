"""Observations: datastreams of register entries, bulk loading, the latest value and time series.

All observations live in one table keyed by datastream (``UNIQUE (datastream_id, phenomenon_time)``, which
is also the index that answers "latest value per datastream" and "time series of a datastream"); the
loaders also keep ``latest_observations`` (one row per datastream) current for the map view
``sensors_latest``. Loading is idempotent (an observation at the same time is not stored twice).

Readers: SensorThings (see :mod:`.sensorthings`) and the RIVM LML XML files (``meting`` stream
``YYYYMMDDHH.xml`` and ``sos`` stream ``YYYYMMDDHH-<component>.xml``).
"""

from __future__ import annotations

import datetime as _dt
import io
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from . import model
from .errors import LmlError
from .storage import Register

LML_OWNER = "RIVM (Landelijk Meetnet Luchtkwaliteit)"
LML_OFFSET = _dt.timezone(_dt.timedelta(hours=1))  # LML publishes in Dutch winter time (UTC+1) all year


def utc_text(moment) -> str:
    """Fixed-width UTC text ``YYYY-MM-DDTHH:MM:SSZ`` (sorts like time) from text or datetime."""
    if isinstance(moment, str):
        text = moment.strip().replace(" ", "T")
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        moment = _dt.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    return moment.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _copy_value(value) -> str:
    return "\\N" if value is None else repr(value)


def upsert_datastreams(register: Register, sensor_fid: int, definitions: list[dict]) -> list[int]:
    """Create or update datastreams (by ``ds_key``) of a sensor; returns their fids in order."""
    ids = []
    columns = model.DATASTREAM_COLUMNS
    compare = [c for c in columns if c != "ds_key"]
    if register.dialect == "gpkg":
        changed = " OR ".join(f"datastreams.{c} IS NOT excluded.{c}" for c in compare)
    else:
        changed = (
            f"({', '.join('datastreams.' + c for c in compare)}) IS DISTINCT FROM "
            f"({', '.join('excluded.' + c for c in compare)})"
        )
    with register.transaction():
        for definition in definitions:
            values = [sensor_fid] + [definition.get(c) for c in columns[1:]]
            register.execute(
                f"INSERT INTO datastreams ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
                f"ON CONFLICT (ds_key) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in compare)} "
                f"WHERE {changed}",
                values,
            )
            ids.append(
                register.query("SELECT fid FROM datastreams WHERE ds_key = %s", (definition["ds_key"],))[0][
                    "fid"
                ]
            )
    return ids


def store_observations(register: Register, rows, refresh_latest: bool = True) -> int:
    """Store ``(datastream_id, time, value)`` rows (duplicates ignored) in one transaction; returns how many
    rows were offered. ``time`` may be text (ISO 8601) or a datetime."""
    rows = [(int(d), utc_text(t), None if v is None else float(v)) for d, t, v in rows]
    if not rows:
        return 0
    with register.transaction():
        if register.dialect == "gpkg":
            register.executemany(
                "INSERT INTO observations (datastream_id, phenomenon_time, result) VALUES "
                "(%s, %s, %s) ON CONFLICT (datastream_id, phenomenon_time) DO NOTHING",
                rows,
            )
        else:
            cursor = register.connection.cursor()
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS obs_load (datastream_id integer, phenomenon_time "
                "timestamptz, result double precision) ON COMMIT DELETE ROWS"
            )
            buffer = io.StringIO("".join(f"{d}\t{t}\t{_copy_value(v)}\n" for d, t, v in rows))
            cursor.copy_from(buffer, "obs_load", columns=("datastream_id", "phenomenon_time", "result"))
            cursor.execute(
                f"INSERT INTO {register.schema}.observations (datastream_id, phenomenon_time, result) "
                f"SELECT datastream_id, phenomenon_time, result FROM obs_load ON CONFLICT "
                f"(datastream_id, phenomenon_time) DO NOTHING"
            )
        if refresh_latest:
            refresh_latest_values(register, sorted({r[0] for r in rows}))
    return len(rows)


def refresh_latest_values(register: Register, datastream_ids: list[int] | None = None):
    """Recompute ``latest_observations`` for the given datastreams (all when None)."""
    where = ""
    params: list = []
    if datastream_ids is not None:
        if not datastream_ids:
            return
        where = f" AND d.fid IN ({', '.join(str(int(i)) for i in datastream_ids)})"
    sql = (
        "INSERT INTO latest_observations (datastream_id, phenomenon_time, result) "
        "SELECT d.fid, o.phenomenon_time, o.result FROM datastreams d JOIN observations o ON o.fid = "
        "(SELECT o2.fid FROM observations o2 WHERE o2.datastream_id = d.fid ORDER BY o2.phenomenon_time DESC "
        f"LIMIT 1) WHERE true{where} ON CONFLICT (datastream_id) DO UPDATE SET "
        "phenomenon_time = excluded.phenomenon_time, result = excluded.result"
    )
    with register.transaction():
        register.execute(sql, params)


def latest_values(register: Register, from_table: bool = False) -> list[dict]:
    """The latest observation of every datastream of every sensor.

    By default straight from the observations table (one index seek per datastream); with
    ``from_table=True`` from the maintained ``latest_observations``.
    """
    if from_table:
        sql = (
            "SELECT s.fid AS sensor_fid, s.reference, d.fid AS datastream_id, d.observed_property, d.unit, "
            "l.phenomenon_time AS latest_time, l.result AS latest_value FROM sensors s "
            "JOIN datastreams d ON d.sensor_id = s.fid JOIN latest_observations l ON l.datastream_id = d.fid"
        )
    else:
        sql = (
            "SELECT s.fid AS sensor_fid, s.reference, d.fid AS datastream_id, d.observed_property, d.unit, "
            "o.phenomenon_time AS latest_time, o.result AS latest_value FROM sensors s "
            "JOIN datastreams d ON d.sensor_id = s.fid JOIN observations o ON o.fid = "
            "(SELECT o2.fid FROM observations o2 WHERE o2.datastream_id = d.fid "
            "ORDER BY o2.phenomenon_time DESC LIMIT 1)"
        )
    rows = register.query(sql + " ORDER BY s.fid, d.fid")
    for row in rows:
        if not isinstance(row["latest_time"], str):
            row["latest_time"] = utc_text(row["latest_time"])
    return rows


def datastreams(register: Register, sensor_fid: int) -> list[dict]:
    return register.query("SELECT * FROM datastreams WHERE sensor_id = %s ORDER BY fid", (sensor_fid,))


def time_series(register: Register, datastream_id: int, since=None) -> list[tuple[str, float]]:
    sql = "SELECT phenomenon_time, result FROM observations WHERE datastream_id = %s"
    params: list = [datastream_id]
    if since is not None:
        sql += " AND phenomenon_time >= %s"
        params.append(utc_text(since))
    rows = register.query(sql + " ORDER BY phenomenon_time", params)
    return [
        (
            r["phenomenon_time"] if isinstance(r["phenomenon_time"], str) else utc_text(r["phenomenon_time"]),
            r["result"],
        )
        for r in rows
    ]


# --- RIVM LML XML ----------------------------------------------------------------------------------


def lml_station_code(code: str) -> str:
    """EU station code: the xml stream writes national numbers ('107'), the sos stream 'NL01483'."""
    code = code.strip()
    return f"NL{int(code):05d}" if code.isdigit() else code


def read_lml_xml(path) -> list[dict]:
    """Measurements of one LML file: dicts with station, station_name, component, unit, time (UTC), value."""
    path = Path(path)
    if path.stat().st_size == 0:
        return []
    try:
        root = ElementTree.parse(path).getroot()
    except ElementTree.ParseError as error:
        raise LmlError(f"{path}: geen geldige XML ({error}).") from error
    out = []
    if root.tag == "ROWSET":  # sos stream: file name YYYYMMDDHH-<component>.xml
        component = path.stem.split("-", 1)[1] if "-" in path.stem else None
        if not component:
            raise LmlError(f"{path}: verwacht bestandsnaam JJJJMMDDUU-<component>.xml.")
        for number, row in enumerate(root.iter("ROW"), start=1):
            value, end = row.findtext("MWAA_WAARDE"), row.findtext("MWAA_EINDDATUMTIJD")
            station = row.findtext("STAT_NUMMER")
            if not station or value in (None, "") or not end:
                continue
            try:
                moment = _dt.datetime.strptime(end.strip(), "%Y%m%d%H%M%S").replace(tzinfo=LML_OFFSET)
                number_value = float(value.replace(",", "."))
            except ValueError as error:
                raise LmlError(
                    f"{path}: ROW {number}: verwacht MWAA_WAARDE als getal en MWAA_EINDDATUMTIJD als "
                    f"JJJJMMDDUUMMSS ({error})."
                ) from error
            out.append(
                {
                    "station": lml_station_code(station),
                    "station_name": (row.findtext("STAT_NAAM") or "").strip(),
                    "component": component,
                    "unit": "ug/m3",
                    "time": utc_text(moment),
                    "value": number_value,
                }
            )
        return out
    for number, meting in enumerate(root.iter("meting"), start=1):  # xml stream
        date, hour = meting.findtext("datum"), meting.findtext("tijd")
        station, value = meting.findtext("station"), meting.findtext("waarde")
        if not station or value in (None, "") or not date:
            continue
        try:
            moment = _dt.datetime.strptime(f"{date.strip()} {int(hour or 0) % 24:02d}", "%d/%m/%Y %H")
            number_value = float(value.replace(",", "."))
        except ValueError as error:
            raise LmlError(
                f"{path}: meting {number}: verwacht datum DD/MM/JJJJ, tijd UU en waarde als getal ({error})."
            ) from error
        out.append(
            {
                "station": lml_station_code(station),
                "station_name": "",
                "component": meting.findtext("component"),
                "unit": meting.findtext("eenheid") or "",
                "time": utc_text(moment.replace(tzinfo=LML_OFFSET)),
                "value": number_value,
            }
        )
    return out


def read_lml_stations(path) -> dict[str, dict]:
    """Stations of the LML dump: EU station code -> name, municipality and lon/lat (``stations.csv``) or
    x/y (a GeoPackage with layer ``stations``: eu_code, name, municipality, RD points)."""
    import csv

    stations = {}
    if str(path).lower().endswith(".gpkg"):
        from osgeo import ogr

        dataset = ogr.Open(str(path))
        layer = dataset.GetLayerByName("stations") if dataset else None
        if layer is None:
            raise LmlError(f"{path}: laag 'stations' ontbreekt.")
        for feature in layer:
            geometry = feature.GetGeometryRef()
            if geometry is None or not feature.GetField("eu_code"):
                continue
            stations[feature.GetField("eu_code")] = {
                "name": feature.GetField("name"),
                "municipality": feature.GetField("municipality"),
                "x": geometry.GetX(),
                "y": geometry.GetY(),
            }
        return stations
    with Path(path).open(encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            try:
                stations[row["EUStationCode"]] = {
                    "name": row["Name"],
                    "municipality": row.get("Municipality"),
                    "lon": float(row["Lon"]),
                    "lat": float(row["Lat"]),
                    "end": row.get("ActivityEnd"),
                }
            except (KeyError, ValueError):
                continue
    return stations


def import_lml(register: Register, xml_paths, stations_csv=None, user: str | None = None) -> dict:  # noqa: C901
    """Load LML XML files: one register entry per station (owner RIVM), one datastream per component,
    observations per hour. Stations without a known location are skipped (reported)."""
    from .importers import check_rows

    measurements = []
    for path in sorted(Path(p) for p in xml_paths):
        measurements += read_lml_xml(path)
    stations: dict = {}
    for source in [stations_csv] if isinstance(stations_csv, (str, Path)) else list(stations_csv or []):
        for code, info in read_lml_stations(source).items():
            stations.setdefault(code, info)
    names = {m["station"]: m["station_name"] for m in measurements if m["station_name"]}
    codes = sorted({m["station"] for m in measurements})
    rows = []
    for number, code in enumerate(codes, start=1):
        info = stations.get(code, {})
        components = sorted({m["component"] for m in measurements if m["station"] == code})
        rows.append(
            (
                number,
                {
                    "owner": LML_OWNER,
                    "reference": code,
                    "name": info.get("name") or names.get(code) or code,
                    "sensor_type": "Chemiesensor",
                    "observes": ", ".join(components),
                    "themes": "Lucht;Gezondheidsrisico's",
                    "observation_goal": "Wettelijke monitoring luchtkwaliteit "
                    "(Landelijk Meetnet Luchtkwaliteit)",
                    "contains_personal_data": False,
                    "is_public": True,
                    "is_open_data": True,
                    "is_reusable": True,
                    "status": "active",
                    "data_quality": "referentie",
                    "unit": "ug/m3",
                    "data_url": "https://www.luchtmeetnet.nl",
                    "public_contact_email": "info@rivm.nl",
                    "lon": info.get("lon"),
                    "lat": info.get("lat"),
                    "x": info.get("x"),
                    "y": info.get("y"),
                    "location_description": info.get("municipality"),
                },
            )
        )
    records, issues = check_rows(rows)
    stored = 0
    with register.transaction(user):
        counts = register.upsert_sensors(records, user=user) if records else {"inserted": 0}
        owner_id = register.owner_id(LML_OWNER)
        stream_ids: dict[tuple[str, str], int] = {}
        for record in records:
            code = record["reference"]
            fid = register.query(
                "SELECT fid FROM sensors WHERE owner_id = %s AND reference = %s", (owner_id, code)
            )[0]["fid"]
            components = sorted({(m["component"], m["unit"]) for m in measurements if m["station"] == code})
            ids = upsert_datastreams(
                register,
                fid,
                [
                    {
                        "ds_key": f"lml:{code}:{component}",
                        "name": f"{code}-{component}",
                        "observed_property": component,
                        "unit": unit,
                        "source": "rivm-lml",
                        "source_url": "https://www.luchtmeetnet.nl",
                        "description": f"{component} op {record['name']}",
                    }
                    for component, unit in components
                ],
            )
            stream_ids.update({(code, c): i for (c, _u), i in zip(components, ids)})
        values = [
            (stream_ids[(m["station"], m["component"])], m["time"], m["value"])
            for m in measurements
            if (m["station"], m["component"]) in stream_ids
        ]
        stored = store_observations(register, values)
    return {
        "stations": len(codes),
        "sensors_inserted": counts.get("inserted", 0),
        "observations": stored,
        "skipped_stations": sorted({i.row and codes[i.row - 1] for i in issues}),
        "issues": issues,
    }
