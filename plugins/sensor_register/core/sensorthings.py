"""OGC SensorThings API client and harvester: Things, Locations, Datastreams, latest Observations.

The client follows ``@iot.nextLink`` (server-side paging) and passes ``$filter`` through to the server.
:func:`harvest` maps every Thing to a register entry (reference = Thing name, owner = ``properties/owner``)
and its Datastreams to register datastreams, and stores each datastream's latest Observation. Errors are
:class:`SensorThingsError` naming the URL and HTTP status.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .errors import SensorThingsError
from .importers import check_rows
from .storage import Register
from .validation import Issue

#: observed-property keywords -> (Amsterdam type code, theme code)
PROPERTY_TYPES = [
    (("pm", "no2", "no", "o3", "nh3", "so2", "co", "benzeen", "fijnstof"), "chemie", "lucht"),
    (("temp",), "temperatuur", "klimaatverandering"),
    (("rh", "humid", "vocht", "pres", "druk", "wind", "rain", "neerslag"), "klimaat", "klimaatverandering"),
    (("noise", "geluid", "db", "laeq"), "geluid", "geluid"),
]


class SensorThingsClient:
    def __init__(self, base_url: str, timeout: float = 30.0, max_pages: int = 10000, session=None):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_pages = max_pages
        self.requests_made = 0
        if session is None:
            import requests

            session = requests.Session()
            session.headers["Accept"] = "application/json"
            session.headers["User-Agent"] = "SmartSociety-QGIS-sensor-register"
        self.session = session

    def get(self, url: str, params: dict | None = None) -> dict:
        if not url.startswith(("http://", "https://")):
            url = f"{self.base_url}/{url.lstrip('/')}"
        import requests

        try:
            response = self.session.get(url, params=params, timeout=self.timeout)
        except requests.RequestException as error:
            raise SensorThingsError(f"SensorThings: {url} is niet bereikbaar ({error}).", url) from error
        self.requests_made += 1
        if response.status_code != 200:
            detail = response.text[:200].strip()
            raise SensorThingsError(
                f"SensorThings: {response.url} gaf HTTP {response.status_code}: {detail}",
                response.url,
                response.status_code,
            )
        try:
            body = response.json()
        except ValueError as error:
            raise SensorThingsError(
                f"SensorThings: {response.url} gaf geen JSON terug.", response.url, response.status_code
            ) from error
        if not isinstance(body, dict):
            raise SensorThingsError(
                f"SensorThings: {response.url}: verwacht een JSON-object.", response.url, 200
            )
        return body

    def iterate(self, path: str, params: dict | None = None, limit: int | None = None) -> Iterator[dict]:
        """Every entity of a collection, following ``@iot.nextLink`` until the server has no more."""
        body = self.get(path, params)
        pages, seen = 1, 0
        while True:
            values = body.get("value")
            if not isinstance(values, list):
                raise SensorThingsError(f"SensorThings: {path}: antwoord zonder 'value'-lijst.", path, 200)
            for entity in values:
                yield entity
                seen += 1
                if limit is not None and seen >= limit:
                    return
            next_link = body.get("@iot.nextLink")
            if not next_link:
                return
            pages += 1
            if pages > self.max_pages:
                raise SensorThingsError(
                    f"SensorThings: meer dan {self.max_pages} pagina's bij {path}; afgebroken.",
                    next_link,
                    200,
                )
            body = self.get(next_link)

    def things(
        self, filter_expression: str | None = None, expand: str = "Locations,Datastreams"
    ) -> list[dict]:
        params = {"$expand": expand}
        if filter_expression:
            params["$filter"] = filter_expression
        return list(self.iterate("Things", params))

    def datastreams_of(self, thing: dict) -> list[dict]:
        if isinstance(thing.get("Datastreams"), list) and "Datastreams@iot.nextLink" not in thing:
            return thing["Datastreams"]
        link = thing.get("Datastreams@iot.navigationLink") or f"Things({thing['@iot.id']})/Datastreams"
        return list(self.iterate(link))

    def latest_observation(self, datastream: dict) -> dict | None:
        link = (
            datastream.get("Observations@iot.navigationLink")
            or f"Datastreams({datastream['@iot.id']})/Observations"
        )
        body = self.get(link, {"$orderby": "phenomenonTime desc", "$top": "1"})
        values = body.get("value") or []
        return values[0] if values else None

    def observations(self, datastream: dict, since: str | None = None) -> Iterator[dict]:
        link = (
            datastream.get("Observations@iot.navigationLink")
            or f"Datastreams({datastream['@iot.id']})/Observations"
        )
        params = {"$orderby": "phenomenonTime asc"}
        if since:
            params["$filter"] = f"phenomenonTime gt {since}"
        return self.iterate(link, params)


@dataclass
class HarvestReport:
    url: str
    things: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    datastreams: int = 0
    observations: int = 0
    issues: list[Issue] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{self.url}: {self.things} Things; register {self.inserted} nieuw, {self.updated} gewijzigd, "
            f"{self.unchanged} ongewijzigd; {self.datastreams} datastromen, "
            f"{self.observations} waarnemingen; "
            f"{len(self.issues)} meldingen."
        )


def _observed_key(stream: dict) -> str:
    prop = stream.get("ObservedProperty") or {}
    return str(
        prop.get("name")
        or (stream.get("properties") or {}).get("observedProperty")
        or stream.get("name", "").rsplit("-", 1)[-1]
    ).lower()


def thing_to_raw(thing: dict, streams: list[dict], default_owner: str) -> dict:
    """A raw register row (see validation.normalise_record) for a SensorThings Thing."""
    properties = thing.get("properties") or {}
    keys = [_observed_key(s) for s in streams]
    sensor_type, themes = None, []
    for words, type_code, theme in PROPERTY_TYPES:  # list order = priority (air quality first)
        for key in keys:
            if any(key.startswith(w) for w in words):
                sensor_type = sensor_type or type_code
                if theme not in themes:
                    themes.append(theme)
    products = sorted(
        {
            str((s.get("properties") or {}).get("product") or (s.get("Sensor") or {}).get("name") or "")
            for s in streams
        }
        - {""}
    )
    units = sorted({str((s.get("unitOfMeasurement") or {}).get("symbol") or "") for s in streams} - {""})
    raw = {
        "owner": properties.get("owner") or default_owner,
        "reference": thing.get("name") or str(thing.get("@iot.id")),
        "name": thing.get("name") or str(thing.get("@iot.id")),
        "description": thing.get("description"),
        "sensor_type": sensor_type or "anders",
        "sensor_type_other": None if sensor_type else ", ".join(keys) or "onbekend",
        "observes": ", ".join(keys) or "onbekend",
        "themes": ";".join(themes) or "lucht",
        "observation_goal": f"Meten voor project {properties.get('project')}"
        if properties.get("project")
        else "Burgermeting (SensorThings)",
        "projects": properties.get("project"),
        "manufacturer": "; ".join(products) or None,
        "unit": ", ".join(units) or None,
        "contains_personal_data": False,
        "is_public": True,
        "is_open_data": True,
        "is_reusable": True,
        "status": "active",
        "connectivity": "wifi" if str(properties.get("owner", "")).lower().startswith("luftdaten") else None,
        "data_url": thing.get("@iot.selfLink"),
        "data_quality": "indicatief",
    }
    locations = thing.get("Locations") or []
    for location in locations:
        geometry = location.get("location") or {}
        if geometry.get("type") == "Point" and len(geometry.get("coordinates") or []) >= 2:
            raw["lon"], raw["lat"] = geometry["coordinates"][0], geometry["coordinates"][1]
            raw["location_description"] = location.get("description") or location.get("name")
            break
    return raw


def harvest(
    register: Register,
    base_url: str,
    filter_expression: str | None = None,
    default_owner: str = "Onbekende eigenaar (SensorThings)",
    latest: bool = True,
    user: str | None = None,
    client: SensorThingsClient | None = None,
    progress=None,
    full_series: bool = False,
) -> HarvestReport:
    """Harvest a SensorThings server into the register (idempotent: entries by owner+reference,
    datastreams by URL key, observations by time). ``latest``: store each datastream's latest Observation;
    ``full_series``: store all its Observations (paged)."""
    from .observations import store_observations, upsert_datastreams

    client = client or SensorThingsClient(base_url)
    report = HarvestReport(url=client.base_url)
    things = client.things(filter_expression)
    report.things = len(things)
    rows, streams_by_row = [], {}
    for number, thing in enumerate(things, start=1):
        streams = client.datastreams_of(thing)
        rows.append((number, thing_to_raw(thing, streams, default_owner)))
        streams_by_row[number] = streams
        if progress:
            progress(number, len(things) * (2 if latest else 1))
    records, report.issues = check_rows(rows)
    latest_values = []
    with register.transaction(user):
        if records:
            counts = register.upsert_sensors(records, user=user)
            report.inserted, report.updated, report.unchanged = (
                counts["inserted"],
                counts["updated"],
                counts["unchanged"],
            )
        for record in records:
            owner_id = register.owner_id(record["owner"], create=False)
            fid = register.query(
                "SELECT fid FROM sensors WHERE owner_id = %s AND reference = %s",
                (owner_id, record["reference"]),
            )[0]["fid"]
            streams = streams_by_row[record["_row"]]
            definitions = [
                {
                    "ds_key": f"sta:{client.base_url}:{s['@iot.id']}",
                    "name": s.get("name") or str(s["@iot.id"]),
                    "observed_property": _observed_key(s),
                    "unit": (s.get("unitOfMeasurement") or {}).get("symbol"),
                    "source": "sensorthings",
                    "source_url": s.get("@iot.selfLink"),
                    "description": s.get("description"),
                }
                for s in streams
            ]
            ids = upsert_datastreams(register, fid, definitions)
            report.datastreams += len(ids)
            if full_series:
                for stream, ds_id in zip(streams, ids):
                    for observation in client.observations(stream):
                        if isinstance(observation.get("result"), (int, float)):
                            moment = str(observation.get("phenomenonTime", "")).split("/")[-1]
                            latest_values.append((ds_id, moment, float(observation["result"])))
            elif latest:
                for stream, ds_id in zip(streams, ids):
                    observation = client.latest_observation(stream)
                    if observation and isinstance(observation.get("result"), (int, float)):
                        moment = str(observation.get("phenomenonTime", "")).split("/")[-1]
                        latest_values.append((ds_id, moment, float(observation["result"])))
            if progress:
                progress(len(things) + record["_row"], len(things) * 2)
        report.observations = store_observations(register, latest_values)
    return report
