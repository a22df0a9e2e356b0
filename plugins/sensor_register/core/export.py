"""Exports of the register: public GeoJSON/CSV (for citizens and open data) and SensRNet-style JSON.

The public export contains only sensors marked public and never a field of
:data:`.privacy.NEVER_RELEASABLE_FIELDS` (contact persons, their e-mail addresses and phone numbers,
internal remarks, editor names), whatever the caller asks for. Value-list codes are written with their
Dutch labels; coordinates in WGS84 (GeoJSON, RFC 7946) and also RD in the CSV.
"""

from __future__ import annotations

import csv
import datetime as _dt
import json
from pathlib import Path

from . import model
from .errors import RegisterError
from .privacy import NEVER_RELEASABLE_FIELDS, releasable_fields
from .storage import Register
from .validation import email_problem, rd_to_wgs84

PUBLIC_FIELDS = releasable_fields(
    ["sensor_uuid", "owner"]
    + [f.name for f in model.SENSOR_FIELDS if f.name not in ("owner_id", "row_version", "created_at")]
)


def _labels() -> dict[str, dict[str, str]]:
    return {table: dict(values) for table, values in model.VALUE_LISTS.items()}


def public_records(register: Register, include_non_public: bool = False) -> list[dict]:
    """Public sensors as flat dicts (labels instead of codes, ';'-joined lists, ISO dates, lon/lat)."""
    labels = _labels()
    where = "" if include_non_public else ("s.is_public = 1" if register.dialect == "gpkg" else "s.is_public")
    out = []
    for sensor in register.sensors(where):
        record = {}
        for name in PUBLIC_FIELDS:
            value = sensor.get(name)
            f = model.FIELDS_BY_NAME.get(name)
            if f is not None and f.value_list:
                table = labels[f.value_list]
                value = "; ".join(table.get(v, v) for v in value) if f.multi else table.get(value, value)
            elif isinstance(value, (_dt.date, _dt.datetime)):
                value = value.isoformat()
            record[name] = value
        record["x_rd"], record["y_rd"] = sensor["x"], sensor["y"]
        record["lon"], record["lat"] = (
            rd_to_wgs84(sensor["x"], sensor["y"]) if sensor["x"] is not None else (None, None)
        )
        out.append({k: v for k, v in record.items() if k not in NEVER_RELEASABLE_FIELDS})
    return out


def export_public_geojson(register: Register, path) -> Path:
    records = public_records(register)
    features = []
    for record in records:
        lon, lat = record.pop("lon"), record.pop("lat")
        record.pop("x_rd"), record.pop("y_rd")
        geometry = (
            {"type": "Point", "coordinates": [round(lon, 7), round(lat, 7)]} if lon is not None else None
        )
        features.append(
            {"type": "Feature", "id": record["sensor_uuid"], "geometry": geometry, "properties": record}
        )
    document = {"type": "FeatureCollection", "name": "sensorregister_openbaar", "features": features}
    path = Path(path)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def export_public_csv(register: Register, path) -> Path:
    records = public_records(register)
    path = Path(path)
    columns = PUBLIC_FIELDS + ["x_rd", "y_rd", "lon", "lat"]
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, delimiter=";")
        writer.writeheader()
        for record in records:
            writer.writerow(record)
    return path


def sensrnet_document(register: Register) -> dict:
    """SensRNet-style JSON: organisations with their public contacts and devices; each device has its
    sensors and datastreams with observation goal and legal ground (as Kadaster's registry node models
    them). Only public sensors; of the contacts only public ones with a functional address (no names)."""
    labels = _labels()
    organisations = {o["fid"]: o for o in register.organisations()}
    contacts = [c for c in register.contacts() if c.get("contact_is_public")]
    streams: dict[int, list[dict]] = {}
    for row in register.query("SELECT * FROM datastreams ORDER BY fid"):
        streams.setdefault(row["sensor_id"], []).append(row)
    devices_by_org: dict[int, list] = {}
    for sensor in register.sensors():
        if not sensor["is_public"]:
            continue
        lon, lat = rd_to_wgs84(sensor["x"], sensor["y"]) if sensor["x"] is not None else (None, None)
        goal = {
            "name": sensor["observation_goal"],
            "description": sensor["observation_goal"],
            "legalGround": labels["vl_legal_ground"].get(sensor["legal_ground"])
            if sensor["legal_ground"]
            else None,
            "legalGroundLink": sensor["privacy_statement_url"],
        }
        # what each datastream of the sensor says about the sensor (the same for all of them)
        stream_terms = {
            "theme": sensor["themes"],
            "dataQuality": sensor["data_quality"],
            "isActive": sensor["is_active"],
            "isPublic": sensor["is_public"],
            "isOpenData": sensor["is_open_data"],
            "containsPersonalInfoData": sensor["contains_personal_data"],
            "isReusable": sensor["is_reusable"],
            "documentation": sensor["documentation_url"],
        }
        datastreams = [
            {
                "id": d["ds_key"],
                "name": d["name"],
                "description": d["description"],
                "unitOfMeasurement": d["unit"],
                "observedArea": None,
                **stream_terms,
                "dataLink": d["source_url"] or sensor["data_url"],
                "observationGoals": [goal],
            }
            for d in streams.get(sensor["fid"], [])
        ]
        if not datastreams:
            datastreams = [
                {
                    "id": f"{sensor['sensor_uuid']}-1",
                    "name": sensor["observes"],
                    "unitOfMeasurement": sensor["unit"],
                    **stream_terms,
                    "dataLink": sensor["data_url"],
                    "observationGoals": [goal],
                }
            ]
        device = {
            "id": sensor["sensor_uuid"],
            "name": sensor["name"],
            "description": sensor["description"],
            "category": sensor["category"],
            "connectivity": sensor["connectivity"],
            "location": {"type": "Point", "coordinates": [lon, lat, sensor["height_m"] or 0.0]},
            "locationDetails": {"name": sensor["reference"], "description": sensor["location_description"]},
            "sensors": [
                {
                    "id": f"{sensor['sensor_uuid']}-s",
                    "name": sensor["name"],
                    "type": labels["vl_sensor_type"].get(sensor["sensor_type"]),
                    "typeOther": sensor["sensor_type_other"],
                    "subtype": sensor["subtype"],
                    "manufacturer": sensor["manufacturer"],
                    "supplier": sensor["supplier"],
                    "observationArea": None,
                    "documentation": sensor["documentation_url"],
                    "active": sensor["is_active"],
                    "datastreams": datastreams,
                }
            ],
            "status": sensor["status"],
            "activeFrom": sensor["start_date"].isoformat() if sensor["start_date"] else None,
            "activeUntil": sensor["active_until"].isoformat() if sensor["active_until"] else None,
            "projects": sensor["projects"],
        }
        devices_by_org.setdefault(sensor["owner_id"], []).append(device)
    document = {
        "type": "sensrnet-register-export",
        "version": 1,
        "generated": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "organizations": [],
    }
    for fid, devices in devices_by_org.items():
        organisation = organisations[fid]
        document["organizations"].append(
            {
                "name": organisation["org_name"],
                "website": organisation.get("org_website"),
                "contactEmail": organisation.get("org_public_email"),
                # public contact points only, by role and functional address; never names or phone numbers
                "contactPoints": [
                    {"role": c["contact_role"], "email": c["contact_email"]}
                    for c in contacts
                    if c["owner_id"] == fid
                    and c.get("contact_email")
                    and email_problem(c["contact_email"]) is None
                ],
                "devices": devices,
            }
        )
    return document


def export_sensrnet(register: Register, path) -> Path:
    path = Path(path)
    path.write_text(
        json.dumps(sensrnet_document(register), ensure_ascii=False, indent=1, default=str), encoding="utf-8"
    )
    return path


EXPORTERS = {"geojson": export_public_geojson, "csv": export_public_csv, "sensrnet": export_sensrnet}


def export(register: Register, path, kind: str) -> Path:
    try:
        exporter = EXPORTERS[kind]
    except KeyError:
        raise RegisterError(f"exportsoort '{kind}': verwacht {', '.join(EXPORTERS)}.") from None
    return exporter(register, path)
