"""A small SensorThings-API-compatible HTTP server over a Samen Meten "Things" dump (tests and demo).

It serves ``/v1.0/Things``, ``/v1.0/Things(id)``, ``/v1.0/Things(id)/Locations|Datastreams``,
``/v1.0/Datastreams``, ``/v1.0/Datastreams(id)``, ``/v1.0/Datastreams(id)/Observations`` and
``/v1.0/Locations`` with server-side paging (``$top``/``$skip``, ``@iot.nextLink``, a maximum page size
like FROST's), ``$count``, ``$orderby`` (``phenomenonTime`` / ``name`` / ``@iot.id``, asc/desc),
``$expand`` (Locations, Datastreams) and ``$filter`` with ``eq``, ``ne``, ``gt``, ``ge``, ``lt``, ``le``,
``startswith(...)``, ``substringof(...)`` joined by ``and``/``or`` on ``name``, ``description``,
``@iot.id``, ``properties/<key>`` and ``phenomenonTime``.

Things, Locations and Datastreams come verbatim from the dump (``Land_van_Cuijk.json.gz``: ids, names,
owners, projects, coordinates, addresses, units, products, first/last times). The dump holds no
observation values: Observations are SYNTHETIC, deterministic (hourly, up to 48 per datastream, ending at
the datastream's real ``last`` time), so that paging, ordering and "latest" can be tested. Binds to
127.0.0.1 only.
"""

from __future__ import annotations

import datetime as _dt
import gzip
import json
import math
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlsplit

DUMP_NAME = "Land_van_Cuijk.json.gz"


def load_dump(path) -> dict:
    path = Path(path)
    if path.is_dir():
        path = path / DUMP_NAME
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def _iso(moment: _dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


class Catalogue:
    """The dump as SensorThings entities (without links; links are added per request)."""

    def __init__(self, dump: dict, observations_per_stream: int = 48):
        self.things, self.locations, self.datastreams = [], {}, {}
        self.thing_streams: dict[int, list[int]] = {}
        for name, entry in dump.items():
            thing_id = int(entry["@iot.id"])
            self.things.append(
                {
                    "@iot.id": thing_id,
                    "name": name,
                    "description": f"Samen Meten station {name}",
                    "properties": {"owner": entry.get("owner"), "project": entry.get("project")},
                }
            )
            location = entry.get("location")
            if location and location[0]:
                (lon, lat), address = location[0], location[1] if len(location) > 1 else ""
                self.locations[thing_id] = {
                    "@iot.id": thing_id,
                    "name": address or name,
                    "description": address or name,
                    "encodingType": "application/geo+json",
                    "location": {"type": "Point", "coordinates": [lon, lat]},
                }
            streams = []
            for key, sensor in (entry.get("sensors") or {}).items():
                stream_id = int(sensor["@iot.id"])
                streams.append(stream_id)
                first, last = sensor.get("first"), sensor.get("last")
                self.datastreams[stream_id] = {
                    "@iot.id": stream_id,
                    "name": f"{name}-{key}",
                    "description": f"{key} van {name}",
                    "observationType": "http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement",
                    "unitOfMeasurement": {
                        "name": sensor.get("symbol"),
                        "symbol": sensor.get("symbol"),
                        "definition": "",
                    },
                    "phenomenonTime": f"{first}/{last}" if first and last else None,
                    "properties": {
                        "product": sensor.get("product"),
                        "count": sensor.get("count"),
                        "observedProperty": key,
                    },
                    "ObservedProperty": {"name": key, "definition": key, "description": key},
                    "Sensor": {"name": sensor.get("product"), "description": sensor.get("product")},
                    "_thing": thing_id,
                    "_last": last,
                    "_count": sensor.get("count") or 0,
                }
            self.thing_streams[thing_id] = streams
        self.observations_per_stream = observations_per_stream

    def observations(self, stream_id: int) -> list[dict]:
        stream = self.datastreams[stream_id]
        if not stream["_last"] or not stream["_count"]:
            return []
        end = _dt.datetime.strptime(stream["_last"][:19], "%Y-%m-%dT%H:%M:%S")
        n = min(int(stream["_count"]), self.observations_per_stream)
        key = stream["properties"]["observedProperty"]
        base = {"temp": 12.0, "rh": 70.0, "pres": 1013.0}.get(key, 18.0)
        out = []
        for i in range(n):
            moment = end - _dt.timedelta(hours=i)
            value = round(base + 6.0 * math.sin((stream_id % 97 + i) / 5.0) + (stream_id % 7), 2)
            out.append(
                {
                    "@iot.id": stream_id * 1000 + i,
                    "phenomenonTime": _iso(moment),
                    "resultTime": _iso(moment),
                    "result": value,
                }
            )
        return out


# --- $filter -------------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(startswith|substringof|endswith)\((.*?)\)\s*|\s*([\w@./]+)\s+(eq|ne|gt|ge|lt|le)\s+"
    r"('(?:[^']|'')*'|[^\s()]+)\s*"
)


def _value_of(entity: dict, path: str):
    if path in ("@iot.id", "id"):
        return entity.get("@iot.id")
    current = entity
    for part in path.split("/"):
        if not isinstance(current, dict):
            return None
        current = current.get(part)
    return current


def _literal(text: str):
    if text.startswith("'"):
        return text[1:-1].replace("''", "'")
    if re.match(r"^-?\d+$", text):
        return int(text)
    if re.match(r"^-?\d+\.\d*$", text):
        return float(text)
    return text  # e.g. an ISO timestamp


def _compare(left, op: str, right) -> bool:
    if left is None:
        return op == "ne" and right is not None
    if isinstance(right, str) and not isinstance(left, str):
        left = str(left)
    if isinstance(left, str) and not isinstance(right, str):
        right = str(right)
    if isinstance(left, str) and re.match(r"^\d{4}-\d\d-\d\dT", left) and isinstance(right, str):
        left, right = left[:19], right[:19]
    return {
        "eq": left == right,
        "ne": left != right,
        "gt": left > right,
        "ge": left >= right,
        "lt": left < right,
        "le": left <= right,
    }[op]


def compile_filter(expression: str):
    """A predicate for a small OData $filter subset; raises ValueError on anything else."""
    alternatives = []
    for alternative in re.split(r"\s+or\s+", expression.strip()):
        terms = []
        for term in re.split(r"\s+and\s+", alternative):
            match = _TOKEN.fullmatch(term)
            if not match:
                raise ValueError(f"unsupported $filter term: {term!r}")
            if match.group(1):
                function, args = match.group(1), [a.strip() for a in match.group(2).split(",", 1)]
                if len(args) != 2:
                    raise ValueError(f"{function} needs two arguments")
                if function == "substringof":
                    needle, path = _literal(args[0]), args[1]
                    terms.append(lambda e, n=needle, p=path: str(n) in str(_value_of(e, p) or ""))
                else:
                    path, needle = args[0], _literal(args[1])
                    method = "startswith" if function == "startswith" else "endswith"
                    terms.append(
                        lambda e, n=needle, p=path, m=method: getattr(str(_value_of(e, p) or ""), m)(str(n))
                    )
            else:
                path, op, value = match.group(3), match.group(4), _literal(match.group(5))
                terms.append(lambda e, p=path, o=op, v=value: _compare(_value_of(e, p), o, v))
        alternatives.append(terms)
    return lambda entity: any(all(term(entity) for term in terms) for terms in alternatives)


# --- HTTP ------------------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    server_version = "SmartSocietySTA/1.0"

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802 (http.server API)
        server: StaServer = self.server.sta  # type: ignore[attr-defined]
        server.requests.append(self.path)
        try:
            status, body = server.respond(self.path)
        except ValueError as error:
            status, body = 400, {"code": 400, "type": "error", "message": str(error)}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class StaServer:
    """``with StaServer(dump_dir) as server: server.url`` -> ``http://127.0.0.1:<port>/v1.0``."""

    def __init__(self, dump, max_page: int = 25, observations_per_stream: int = 48):
        self.catalogue = Catalogue(
            dump if isinstance(dump, dict) else load_dump(dump), observations_per_stream
        )
        self.max_page = max_page
        self.requests: list[str] = []
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.sta = self  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def url(self) -> str:
        return self.root + "/v1.0"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- entities with links --
    def _thing(self, thing: dict, expand: list[str]) -> dict:
        out = dict(thing)
        link = f"{self.url}/Things({thing['@iot.id']})"
        out["@iot.selfLink"] = link
        out["Locations@iot.navigationLink"] = link + "/Locations"
        out["Datastreams@iot.navigationLink"] = link + "/Datastreams"
        if "Locations" in expand:
            location = self.catalogue.locations.get(thing["@iot.id"])
            out["Locations"] = [self._location(location)] if location else []
        if "Datastreams" in expand:
            out["Datastreams"] = [
                self._datastream(self.catalogue.datastreams[i], [])
                for i in self.catalogue.thing_streams.get(thing["@iot.id"], [])
            ]
        return out

    def _location(self, location: dict) -> dict:
        return dict(location, **{"@iot.selfLink": f"{self.url}/Locations({location['@iot.id']})"})

    def _datastream(self, stream: dict, expand: list[str]) -> dict:
        out = {
            k: v
            for k, v in stream.items()
            if not k.startswith("_") and k not in ("ObservedProperty", "Sensor")
        }
        link = f"{self.url}/Datastreams({stream['@iot.id']})"
        out["@iot.selfLink"] = link
        out["Observations@iot.navigationLink"] = link + "/Observations"
        out["Thing@iot.navigationLink"] = link + "/Thing"
        for name in ("ObservedProperty", "Sensor"):
            if name in expand:
                out[name] = stream[name]
        return out

    def respond(self, raw_path: str) -> tuple[int, dict]:
        parts = urlsplit(raw_path)
        query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        path = parts.path
        if not path.startswith("/v1.0"):
            return 404, {"message": "not found"}
        path = path[len("/v1.0") :].strip("/")
        if path == "":
            return 200, {
                "value": [
                    {"name": n, "url": f"{self.url}/{n}"}
                    for n in ("Things", "Locations", "Datastreams", "Observations")
                ]
            }
        expand = [e.split("(")[0].strip() for e in query.get("$expand", "").split(",") if e.strip()]
        match = re.fullmatch(r"(\w+)(?:\((\d+)\))?(?:/(\w+))?", path)
        if not match:
            return 404, {"message": f"unknown path {path}"}
        collection, ident, sub = match.group(1), match.group(2), match.group(3)
        catalogue = self.catalogue
        if collection == "Things":
            if ident is None:
                entities = [self._thing(t, expand) for t in catalogue.things]
            else:
                thing = next((t for t in catalogue.things if t["@iot.id"] == int(ident)), None)
                if thing is None:
                    return 404, {"message": f"Thing {ident} not found"}
                if sub is None:
                    return 200, self._thing(thing, expand)
                if sub == "Locations":
                    location = catalogue.locations.get(thing["@iot.id"])
                    entities = [self._location(location)] if location else []
                elif sub == "Datastreams":
                    entities = [
                        self._datastream(catalogue.datastreams[i], expand)
                        for i in catalogue.thing_streams.get(thing["@iot.id"], [])
                    ]
                else:
                    return 404, {"message": f"unknown navigation {sub}"}
        elif collection == "Locations" and ident is None:
            entities = [self._location(v) for v in catalogue.locations.values()]
        elif collection == "Datastreams":
            if ident is None:
                entities = [self._datastream(d, expand) for d in catalogue.datastreams.values()]
            else:
                stream = catalogue.datastreams.get(int(ident))
                if stream is None:
                    return 404, {"message": f"Datastream {ident} not found"}
                if sub is None:
                    return 200, self._datastream(stream, expand)
                if sub != "Observations":
                    return 404, {"message": f"unknown navigation {sub}"}
                entities = catalogue.observations(int(ident))
        else:
            return 404, {"message": f"unknown collection {collection}"}
        if "$filter" in query and query["$filter"].strip():
            predicate = compile_filter(query["$filter"])
            entities = [e for e in entities if predicate(e)]
        order = query.get("$orderby", "").strip()
        if order:
            key, _, direction = order.partition(" ")
            entities = sorted(
                entities,
                key=lambda e: (_value_of(e, key) is None, _value_of(e, key) or 0),
                reverse=direction.strip().lower() == "desc",
            )
        total = len(entities)
        top = min(int(query.get("$top", self.max_page)), self.max_page)
        skip = int(query.get("$skip", 0))
        page = entities[skip : skip + top]
        body: dict = {}
        if query.get("$count", "").lower() == "true":
            body["@iot.count"] = total
        requested_top = int(query["$top"]) if "$top" in query else None
        if skip + top < total and (requested_top is None or requested_top > top):
            following = dict(query)
            following["$skip"] = str(skip + top)
            if requested_top is not None:
                following["$top"] = str(requested_top - top)
            body["@iot.nextLink"] = f"{self.url}/{path}?" + urlencode(following, quote_via=quote)
        body["value"] = page
        return 200, body
