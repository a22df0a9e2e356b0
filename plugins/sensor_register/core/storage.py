"""Storage of the register in a GeoPackage (embedded default) or PostGIS (several editors), same schema.

Both backends get, from the one description in :mod:`.model`:
- value-list tables with Dutch labels, organisations, contacts, sensors (Point, EPSG:28992), datastreams,
  observations, the audit log and ``register_meta`` (schema version);
- CHECK/UNIQUE/FOREIGN KEY constraints named after the validation rules (``ck_personal_data`` ...);
- triggers: optimistic locking (every UPDATE of a sensor must set ``row_version`` to the stored version
  + 1, otherwise the database refuses it) and the audit trail (every insert, update and delete of
  sensors, organisations, contacts and datastreams logged with who, when, old and new values).

Migrations are numbered steps (:data:`MIGRATIONS`); opening a register applies the missing ones, each in
its own transaction. SQL is written with ``%s`` placeholders; the GeoPackage connection rewrites them.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import io
import json
import sqlite3
import struct
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from . import model
from .errors import RegisterError, StaleVersionError
from .validation import MESSAGES, join_multi, message_for_constraint

AUDITED_TABLES = ("sensors", "organisations", "contacts", "datastreams")
DATA_COLUMNS = [f.name for f in model.SENSOR_FIELDS if not f.system]  # compared on upsert
_DATA_FIELD_KINDS = [(f.name, f.kind, f.multi) for f in model.SENSOR_FIELDS if not f.system]
SYSTEM_COLUMNS = ["sensor_uuid", "created_by", "created_at", "modified_by", "modified_at", "row_version"]


def now_iso() -> str:
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (service accounts, containers)
        return "onbekend"


# --- geometry encodings ----------------------------------------------------------------------------


def _copy_text(value) -> str:
    """A value in PostgreSQL's COPY text format (NULL, booleans, bytea and escapes)."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "\\\\x" + bytes(value).hex()
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def point_wkb(x: float, y: float) -> bytes:
    return struct.pack("<BIdd", 1, 1, x, y)


def gpkg_point(x: float, y: float, srid: int = model.SRID) -> bytes:
    """A GeoPackage geometry blob (header without envelope + little-endian WKB point)."""
    return b"GP" + struct.pack("<BBi", 0, 1, srid) + point_wkb(x, y)


def parse_point(blob) -> tuple[float, float] | None:
    """(x, y) of a GeoPackage blob or plain WKB point; None for NULL/empty."""
    if blob is None:
        return None
    data = bytes(blob)
    if data[:2] == b"GP":
        flags = data[3]
        envelope = (flags >> 1) & 0x07
        size = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get(envelope, 0)
        data = data[8 + size :]
    order = "<" if data[0] == 1 else ">"
    geometry_type = struct.unpack(order + "I", data[1:5])[0] % 1000
    if geometry_type != 1 or len(data) < 21:
        return None
    x, y = struct.unpack(order + "dd", data[5:21])
    if x != x or y != y:  # NaN: empty point
        return None
    return x, y


# --- DDL ---------------------------------------------------------------------------------------------

_TYPES = {
    "gpkg": {
        "text": "TEXT",
        "int": "INTEGER",
        "real": "REAL",
        "bool": "BOOLEAN",
        "date": "DATE",
        "datetime": "DATETIME",
        "json": "TEXT",
    },
    "postgis": {
        "text": "text",
        "int": "integer",
        "real": "double precision",
        "bool": "boolean",
        "date": "date",
        "datetime": "timestamptz",
        "json": "jsonb",
    },
}


def _in_list(column: str, values: list[tuple[str, str]]) -> str:
    return f"{column} IN (" + ", ".join("'" + code + "'" for code, _ in values) + ")"


def _url_check(column: str) -> str:
    return f"({column} IS NULL OR {column} LIKE 'http://%' OR {column} LIKE 'https://%')"


SENSOR_CHECKS = {
    "ck_personal_data": "NOT contains_personal_data OR (legal_ground IS NOT NULL AND "
    "privacy_statement_url IS NOT NULL)",
    "ck_dates": "active_until IS NULL OR start_date IS NULL OR active_until >= start_date",
    "ck_mobile": "NOT is_mobile OR (regions IS NOT NULL AND regions NOT IN ('', '{}'))",
    "ck_themes": "themes IS NOT NULL AND themes NOT IN ('', '{}')",
    "ck_type_other": "sensor_type <> 'anders' OR (sensor_type_other IS NOT NULL AND sensor_type_other <> '')",
    "ck_status": _in_list("status", model.STATUSES),
    "ck_category": _in_list("category", model.SENSOR_CATEGORIES),
    "ck_url": " AND ".join(_url_check(c) for c in ("privacy_statement_url", "data_url", "documentation_url")),
    "ck_email": "public_contact_email IS NULL OR public_contact_email LIKE '%_@_%._%'",
    "ck_reference": "length(reference) > 0 AND length(name) > 0",
}


def _column_sql(f: model.Field, dialect: str) -> str:
    sql = f"{f.name} {_TYPES[dialect][f.kind]}"
    if f.name == "sensor_uuid":
        default = "(lower(hex(randomblob(16))))" if dialect == "gpkg" else "(gen_random_uuid()::text)"
        return sql + f" NOT NULL DEFAULT {default}"
    if f.name == "row_version":
        return sql + " NOT NULL DEFAULT 1"
    if f.name in ("created_at", "modified_at"):
        default = "(strftime('%Y-%m-%dT%H:%M:%fZ','now'))" if dialect == "gpkg" else "(now())"
        return sql + f" NOT NULL DEFAULT {default}"
    if f.kind == "bool":
        return sql + " NOT NULL DEFAULT " + ("0" if dialect == "gpkg" else "false")
    if f.name == "owner_id":
        return sql + " NOT NULL REFERENCES organisations(fid)"
    if f.value_list and not f.multi and f.value_list not in ("vl_status", "vl_category"):
        sql += f" REFERENCES {f.value_list}(code)"
    if f.required:
        sql += " NOT NULL"
    return sql


def _pk(dialect: str) -> str:
    return "fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL" if dialect == "gpkg" else "fid serial PRIMARY KEY"


def _fields_table(name: str, fields: list[model.Field], dialect: str, extra: list[str] = ()) -> str:
    columns = [_pk(dialect)] + [_column_sql(f, dialect) for f in fields] + list(extra)
    return f"CREATE TABLE {name} (\n  " + ",\n  ".join(columns) + "\n)"


def schema_v1(dialect: str) -> list[str]:
    """Value lists, organisations, contacts, sensors, audit log."""
    t = _TYPES[dialect]
    statements = []
    for table in model.VALUE_LISTS:
        statements.append(
            f"CREATE TABLE {table} ({_pk(dialect)}, code {t['text']} NOT NULL UNIQUE, "
            f"label_nl {t['text']} NOT NULL, sort_order {t['int']} NOT NULL DEFAULT 0)"
        )
    statements.append(
        _fields_table(
            "organisations", model.ORGANISATION_FIELDS, dialect, ["CONSTRAINT uq_org_name UNIQUE (org_name)"]
        )
    )
    contact_fields = [
        f if f.name != "owner_id" else model.Field("owner_id", "int", "", "") for f in model.CONTACT_FIELDS
    ]
    statements.append(
        _fields_table("contacts", contact_fields, dialect)
        .replace(
            "owner_id INTEGER", "owner_id INTEGER NOT NULL REFERENCES organisations(fid) ON DELETE CASCADE"
        )
        .replace(
            "owner_id integer", "owner_id integer NOT NULL REFERENCES organisations(fid) ON DELETE CASCADE"
        )
    )
    geom = "geom POINT" if dialect == "gpkg" else f"geom geometry(Point, {model.SRID})"
    checks = [f"CONSTRAINT {name} CHECK ({sql})" for name, sql in SENSOR_CHECKS.items()]
    if dialect == "postgis":
        xmin, xmax, ymin, ymax = 0, 300000, 300000, 625000
        checks.append(
            f"CONSTRAINT ck_location CHECK (geom IS NULL OR (ST_X(geom) BETWEEN {xmin} AND {xmax} "
            f"AND ST_Y(geom) BETWEEN {ymin} AND {ymax}))"
        )
    statements.append(
        _fields_table(
            "sensors",
            model.SENSOR_FIELDS,
            dialect,
            [
                geom,
                "CONSTRAINT uq_owner_reference UNIQUE (owner_id, reference)",
                "CONSTRAINT uq_sensor_uuid UNIQUE (sensor_uuid)",
            ]
            + checks,
        )
    )
    statements.append(
        f"CREATE TABLE audit_log ({_pk(dialect)}, table_name {t['text']} NOT NULL, "
        f"row_id {t['int']} NOT NULL, "
        f"row_uuid {t['text']}, action {t['text']} NOT NULL CHECK (action IN ('I','U','D')), "
        f"changed_by {t['text']}, changed_at {t['datetime']} NOT NULL, old_values {t['json']}, "
        f"new_values {t['json']})"
    )
    statements.append("CREATE INDEX ix_audit_row ON audit_log (table_name, row_id)")
    statements.append(
        "CREATE TABLE register_meta (key " + t["text"] + " PRIMARY KEY, value " + t["text"] + ")"
    )
    return statements


def schema_v2(dialect: str) -> list[str]:
    """Datastreams, observations (one table, keyed and indexed by datastream), the latest value per
    datastream (kept by the observation loaders) and the map view ``sensors_latest``."""
    t = _TYPES[dialect]
    obs_time = "TEXT" if dialect == "gpkg" else "timestamptz"
    big_pk = "fid INTEGER PRIMARY KEY" if dialect == "gpkg" else "fid bigserial PRIMARY KEY"
    return [
        f"CREATE TABLE datastreams ({_pk(dialect)}, sensor_id {t['int']} NOT NULL REFERENCES sensors(fid) "
        f"ON DELETE CASCADE, ds_key {t['text']} NOT NULL UNIQUE, name {t['text']} NOT NULL, "
        f"observed_property {t['text']}, unit {t['text']}, source {t['text']}, source_url {t['text']}, "
        f"description {t['text']})",
        "CREATE INDEX ix_datastreams_sensor ON datastreams (sensor_id)",
        f"CREATE TABLE observations ({big_pk}, "
        f"datastream_id {t['int']} NOT NULL REFERENCES datastreams(fid) ON DELETE CASCADE, "
        f"phenomenon_time {obs_time} NOT NULL, result {t['real']}, "
        f"CONSTRAINT uq_observation UNIQUE (datastream_id, phenomenon_time))",
        f"CREATE TABLE latest_observations (datastream_id {t['int']} PRIMARY KEY REFERENCES datastreams(fid) "
        f"ON DELETE CASCADE, phenomenon_time {obs_time} NOT NULL, result {t['real']})",
        "CREATE VIEW sensors_latest AS SELECT s.fid AS fid, s.geom AS geom, s.reference AS reference, "
        "s.name AS name, s.sensor_type AS sensor_type, s.status AS status, d.name AS datastream, "
        "d.observed_property AS observed_property, d.unit AS unit, l.result AS latest_value, "
        "l.phenomenon_time AS latest_time FROM sensors s "
        "LEFT JOIN datastreams d ON d.fid = (SELECT min(d2.datastream_id) FROM latest_observations d2 "
        "JOIN datastreams d3 ON d3.fid = d2.datastream_id WHERE d3.sensor_id = s.fid) "
        "LEFT JOIN latest_observations l ON l.datastream_id = d.fid",
    ]


def _audit_columns(table: str) -> list[str]:
    if table == "sensors":
        return ["fid"] + model.SENSOR_FIELD_NAMES
    if table == "organisations":
        return ["fid"] + [f.name for f in model.ORGANISATION_FIELDS]
    if table == "contacts":
        return ["fid"] + [f.name for f in model.CONTACT_FIELDS]
    return ["fid"] + model.DATASTREAM_COLUMNS


def gpkg_triggers(tables: Iterable[str]) -> list[str]:
    statements = []
    for table in tables:
        columns = _audit_columns(table)
        if table == "sensors":
            columns = columns + ["geom_hex"]

        def obj(alias: str, columns=columns) -> str:
            parts = []
            for c in columns:
                source = f"hex({alias}.geom)" if c == "geom_hex" else f"{alias}.{c}"
                parts.append(f"'{c}', {source}")
            return "json_object(" + ", ".join(parts) + ")"

        uuid_new = "NEW.sensor_uuid" if table == "sensors" else "NULL"
        uuid_old = "OLD.sensor_uuid" if table == "sensors" else "NULL"
        who_new = "NEW.modified_by" if table == "sensors" else "NULL"
        who_old = "OLD.modified_by" if table == "sensors" else "NULL"
        session = "(SELECT value FROM register_meta WHERE key = 'session_user')"
        stamp = "strftime('%Y-%m-%dT%H:%M:%fZ','now')"
        statements += [
            f"CREATE TRIGGER audit_{table}_insert AFTER INSERT ON {table} BEGIN "
            f"INSERT INTO audit_log (table_name, row_id, row_uuid, action, changed_by, changed_at, "
            f"new_values) "
            f"VALUES ('{table}', NEW.fid, {uuid_new}, 'I', coalesce({session}, {who_new}), {stamp}, "
            f"{obj('NEW')}); END",
            f"CREATE TRIGGER audit_{table}_update AFTER UPDATE ON {table} BEGIN "
            f"INSERT INTO audit_log (table_name, row_id, row_uuid, action, changed_by, changed_at, "
            f"old_values, new_values) VALUES ('{table}', NEW.fid, {uuid_new}, 'U', "
            f"coalesce({session}, {who_new}), {stamp}, "
            f"{obj('OLD')}, {obj('NEW')}); END",
            f"CREATE TRIGGER audit_{table}_delete AFTER DELETE ON {table} BEGIN "
            f"INSERT INTO audit_log (table_name, row_id, row_uuid, action, changed_by, changed_at, "
            f"old_values) "
            f"VALUES ('{table}', OLD.fid, {uuid_old}, 'D', coalesce({session}, {who_old}), {stamp}, "
            f"{obj('OLD')}); END",
        ]
    statements.append(
        "CREATE TRIGGER sensors_version_check BEFORE UPDATE ON sensors "
        "WHEN NEW.row_version IS NOT OLD.row_version + 1 BEGIN "
        f"SELECT RAISE(ABORT, 'ck_version: {MESSAGES['ck_version']}'); END"
    )
    return statements


def postgis_triggers(schema: str, tables: Iterable[str]) -> list[str]:
    statements = [
        f"""
CREATE OR REPLACE FUNCTION {schema}.sensors_version_check() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  IF NEW.row_version IS DISTINCT FROM OLD.row_version + 1 THEN
    RAISE EXCEPTION 'ck_version: Sensor % (referentie %): %', OLD.fid, OLD.reference,
      format('opslaan geweigerd: de sensor is intussen gewijzigd door %s op %s (nu versie %s, u bewerkte '
             'versie %s). Laad de sensor opnieuw en breng uw wijziging opnieuw aan; '
             'er is niets overschreven.',
             coalesce(OLD.modified_by, 'onbekend'), to_char(OLD.modified_at, 'YYYY-MM-DD HH24:MI:SS'),
             OLD.row_version, coalesce(NEW.row_version - 1, 0))
      USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $body$""",
        f"CREATE TRIGGER sensors_version_check BEFORE UPDATE ON {schema}.sensors FOR EACH ROW "
        f"EXECUTE FUNCTION {schema}.sensors_version_check()",
    ]
    for table in tables:
        statements += postgis_audit_triggers(schema, table)
    return statements


def postgis_audit_triggers(schema: str, table: str) -> list[str]:
    """Statement-level audit triggers with transition tables: one INSERT ... SELECT per statement, so a
    bulk import of 10,000 rows logs them in one go instead of firing 10,000 row triggers."""

    def snapshot(alias: str) -> str:
        if table == "sensors":
            return (
                f"((to_jsonb({alias}) - 'geom') || jsonb_build_object('geom_hex', "
                f"encode(ST_AsBinary({alias}.geom), 'hex')))"
            )
        return f"to_jsonb({alias})"

    who = (
        "coalesce(nullif(current_setting('sensor_register.user', true), ''), {row}->>'modified_by', "
        "session_user)"
    )
    columns = "table_name, row_id, row_uuid, action, changed_by, changed_at, old_values, new_values"
    bodies = {
        "insert": (
            f"SELECT TG_TABLE_NAME, (j->>'fid')::integer, j->>'sensor_uuid', 'I', {who.format(row='j')}, "
            f"clock_timestamp(), NULL::jsonb, j FROM (SELECT {snapshot('n')} AS j FROM new_rows n "
            f"ORDER BY n.fid) x",
            "REFERENCING NEW TABLE AS new_rows",
            "INSERT",
        ),
        "update": (
            f"SELECT TG_TABLE_NAME, (nj->>'fid')::integer, nj->>'sensor_uuid', 'U', {who.format(row='nj')}, "
            f"clock_timestamp(), oj, nj FROM (SELECT {snapshot('o')} AS oj, {snapshot('n')} AS nj "
            f"FROM old_rows o JOIN new_rows n ON n.fid = o.fid ORDER BY n.fid) x",
            "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
            "UPDATE",
        ),
        "delete": (
            f"SELECT TG_TABLE_NAME, (oj->>'fid')::integer, oj->>'sensor_uuid', 'D', {who.format(row='oj')}, "
            f"clock_timestamp(), oj, NULL::jsonb FROM (SELECT {snapshot('o')} AS oj FROM old_rows o "
            f"ORDER BY o.fid) x",
            "REFERENCING OLD TABLE AS old_rows",
            "DELETE",
        ),
    }
    statements = []
    for op, (select, referencing, event) in bodies.items():
        function = f"{schema}.audit_{table}_{op}"
        statements.append(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $body$\n"
            f"BEGIN\n  INSERT INTO {schema}.audit_log ({columns})\n  {select};\n  RETURN NULL;\nEND $body$"
        )
        statements.append(
            f"CREATE TRIGGER audit_{table}_{op} AFTER {event} ON {schema}.{table} {referencing} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
        )
    return statements


def _seed_value_lists() -> list[tuple[str, list[tuple]]]:
    out = []
    for table, values in model.VALUE_LISTS.items():
        out.append(
            (
                f"INSERT INTO {table} (code, label_nl, sort_order) VALUES (%s, %s, %s)",
                [(code, label, i) for i, (code, label) in enumerate(values)],
            )
        )
    return out


# --- the register ----------------------------------------------------------------------------------


class Register:
    """An open register. Use :func:`create_gpkg`, :func:`open_gpkg` or :func:`open_postgis`."""

    def __init__(self, connection, dialect: str, location: str, schema: str | None = None):
        self.connection = connection
        self.dialect = dialect
        self.location = location
        self.schema = schema
        self._in_transaction = False

    # -- plumbing --
    def _sql(self, sql: str) -> str:
        return sql.replace("%s", "?") if self.dialect == "gpkg" else sql

    def execute(self, sql: str, params=()):
        cursor = self.connection.cursor()
        try:
            if params:
                cursor.execute(self._sql(sql), params)
            else:
                cursor.execute(sql)
        except (sqlite3.DatabaseError, self._pg_error()) as error:
            self._raise(error)
        return cursor

    def executemany(self, sql: str, rows: list):
        cursor = self.connection.cursor()
        try:
            cursor.executemany(self._sql(sql), rows)
        except (sqlite3.DatabaseError, self._pg_error()) as error:
            self._raise(error)
        return cursor

    def query(self, sql: str, params=()) -> list[dict]:
        cursor = self.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    def _pg_error(self):
        if self.dialect == "postgis":
            import psycopg2

            return psycopg2.Error
        return sqlite3.DatabaseError

    def _raise(self, error):
        text = str(error)
        if (
            self.dialect == "postgis"
            and getattr(error, "diag", None) is not None
            and error.diag.message_primary
        ):
            text = error.diag.message_primary
            constraint = getattr(error.diag, "constraint_name", None)
            if constraint:
                text = f"{text} [{constraint}]"
        if "ck_version" in text:
            detail = text.split("ck_version:", 1)[1].strip()
            raise StaleVersionError(detail) from error
        message = message_for_constraint(text)
        if message != text:
            raise RegisterError(f"{self.location}: {message} ({text.splitlines()[0]})") from error
        raise RegisterError(f"{self.location}: {text.strip()}") from error

    @contextmanager
    def transaction(self, user: str | None = None) -> Iterator[Register]:
        """All statements inside commit together or not at all (nesting joins the outer transaction)."""
        if self._in_transaction:
            yield self
            return
        self._in_transaction = True
        try:
            self.connection.begin()
            if self.dialect == "gpkg" and user:
                self.connection.cursor().execute(
                    "INSERT OR REPLACE INTO register_meta (key, value) VALUES ('session_user', ?)", (user,)
                )
            elif user:
                self.connection.cursor().execute(
                    "SELECT set_config('sensor_register.user', %s, true)", (user,)
                )
            yield self
            if self.dialect == "gpkg" and user:
                self.connection.cursor().execute("DELETE FROM register_meta WHERE key = 'session_user'")
            self.connection.commit()
        except BaseException:
            self.connection.rollback()
            raise
        finally:
            self._in_transaction = False

    def close(self):
        with suppress(Exception):  # already closed
            self.connection.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- schema --
    def schema_version(self) -> int:
        try:
            rows = self.query("SELECT value FROM register_meta WHERE key = 'schema_version'")
        except RegisterError:
            return 0
        return int(rows[0]["value"]) if rows else 0

    def migrate(self, target: int = model.SCHEMA_VERSION) -> list[int]:
        """Apply the missing migration steps up to ``target``; returns the steps applied."""
        applied = []
        current = self.schema_version()
        if current > model.SCHEMA_VERSION:
            raise RegisterError(
                f"{self.location}: schemaversie {current} is nieuwer dan deze plugin kent "
                f"({model.SCHEMA_VERSION}); werk de plugin bij."
            )
        for step in range(current + 1, target + 1):
            with self.transaction():
                MIGRATIONS[step](self)
                self.execute("DELETE FROM register_meta WHERE key = 'schema_version'")
                self.execute(
                    "INSERT INTO register_meta (key, value) VALUES ('schema_version', %s)", (str(step),)
                )
            applied.append(step)
        return applied

    def _gpkg_register(self, table: str, data_type: str, geometry: bool = False):
        self.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (%s, %s, %s, %s)",
            (table, data_type, table, model.SRID if geometry else 0),
        )
        if geometry:
            self.execute(
                "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, "
                "z, m) VALUES (%s, 'geom', 'POINT', %s, 0, 0)",
                (table, model.SRID),
            )

    def table(self, name: str) -> str:
        return f"{self.schema}.{name}" if self.dialect == "postgis" else name

    # -- organisations --
    def owner_id(self, name: str, create: bool = True) -> int | None:
        rows = self.query("SELECT fid FROM organisations WHERE org_name = %s", (name,))
        if rows:
            return rows[0]["fid"]
        if not create:
            return None
        cursor = self.execute("INSERT INTO organisations (org_name) VALUES (%s) RETURNING fid", (name,))
        return cursor.fetchone()[0]

    def add_organisation(self, values: dict, user: str | None = None) -> int:
        columns = [f.name for f in model.ORGANISATION_FIELDS if f.name in values]
        with self.transaction(user or current_user()):
            cursor = self.execute(
                f"INSERT INTO organisations ({', '.join(columns)}) VALUES "
                f"({', '.join(['%s'] * len(columns))}) RETURNING fid",
                [values[c] for c in columns],
            )
            return cursor.fetchone()[0]

    def add_contact(self, values: dict, user: str | None = None) -> int:
        columns = [f.name for f in model.CONTACT_FIELDS if f.name in values]
        with self.transaction(user or current_user()):
            cursor = self.execute(
                f"INSERT INTO contacts ({', '.join(columns)}) VALUES "
                f"({', '.join(['%s'] * len(columns))}) RETURNING fid",
                [values[c] for c in columns],
            )
            return cursor.fetchone()[0]

    def organisations(self) -> list[dict]:
        return self.query("SELECT * FROM organisations ORDER BY fid")

    def contacts(self) -> list[dict]:
        return [self._out(r, model.CONTACT_FIELDS) for r in self.query("SELECT * FROM contacts ORDER BY fid")]

    # -- sensors --
    def _geom_param(self, x, y):
        if x is None or y is None:
            return None
        return gpkg_point(x, y) if self.dialect == "gpkg" else point_wkb(x, y)

    def _geom_placeholder(self) -> str:
        return "%s" if self.dialect == "gpkg" else f"ST_GeomFromWKB(%s, {model.SRID})"

    def _geom_select(self) -> str:
        return "geom" if self.dialect == "gpkg" else "ST_AsBinary(geom) AS geom"

    def _in(self, f: model.Field, value):
        if value is None:
            return None
        if f.multi:
            return join_multi(value) if isinstance(value, list) else value
        if f.kind == "date":
            return value.isoformat() if isinstance(value, (_dt.date, _dt.datetime)) else value
        if f.kind == "bool":
            return bool(value) if self.dialect == "postgis" else int(bool(value))
        return value

    def _out(self, row: dict, fields: list[model.Field]) -> dict:
        for f in fields:
            value = row.get(f.name)
            if value is None:
                continue
            if f.kind == "bool":
                row[f.name] = bool(value)
            elif f.kind == "date" and isinstance(value, str):
                row[f.name] = _dt.date.fromisoformat(value[:10])
            elif f.kind == "datetime" and not isinstance(value, str):
                row[f.name] = value.astimezone(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
            elif f.multi:
                from .validation import split_multi

                row[f.name] = split_multi(value)
        if "geom" in row:
            point = parse_point(row.pop("geom"))
            row["x"], row["y"] = point if point else (None, None)
        return row

    def sensor_row(self, record: dict, owner_id: int, user: str, stamp: str) -> dict:
        pg = self.dialect == "postgis"
        row = {}
        for name, kind, multi in _DATA_FIELD_KINDS:
            value = record.get(name)
            if value is not None:
                if multi:
                    value = join_multi(value) if isinstance(value, list) else value
                elif kind == "date":
                    value = value.isoformat() if hasattr(value, "isoformat") else value
                elif kind == "bool":
                    value = bool(value) if pg else int(bool(value))
            row[name] = value
        row["owner_id"] = owner_id
        row["modified_by"] = row["created_by"] = user
        row["modified_at"] = row["created_at"] = stamp
        row["geom"] = self._geom_param(record.get("x"), record.get("y"))
        return row

    def insert_sensor(self, record: dict, user: str | None = None) -> int:
        """Insert one normalised, validated record (see validation.check_raw); returns its fid."""
        user = user or current_user()
        with self.transaction(user):
            owner = record.get("owner_id") or self.owner_id(record["owner"])
            row = self.sensor_row(record, owner, user, now_iso())
            columns = list(row)
            values = ", ".join(self._geom_placeholder() if c == "geom" else "%s" for c in columns)
            cursor = self.execute(
                f"INSERT INTO sensors ({', '.join(columns)}) VALUES ({values}) RETURNING fid",
                [row[c] for c in columns],
            )
            return cursor.fetchone()[0]

    def update_sensor(self, fid: int, changes: dict, expected_version: int, user: str | None = None) -> int:
        """Change fields of sensor ``fid`` last read at ``expected_version``; returns the new version.

        Raises :class:`StaleVersionError` when someone saved the sensor in the meantime (nothing changes).
        """
        user = user or current_user()
        sets, params = [], []
        for key, value in changes.items():
            if key in ("x", "y"):
                continue
            f = model.FIELDS_BY_NAME.get(key)
            if f is None or f.system:
                raise RegisterError(
                    f"{self.location}: veld '{key}' bestaat niet of wordt door het register beheerd."
                )
            sets.append(f"{key} = %s")
            params.append(self._in(f, value))
        if "x" in changes and "y" in changes:
            sets.append(f"geom = {self._geom_placeholder()}")
            params.append(self._geom_param(changes["x"], changes["y"]))
        sets += ["row_version = %s", "modified_by = %s", "modified_at = %s"]
        params += [expected_version + 1, user, now_iso(), fid]
        with self.transaction(user):
            cursor = self.execute(f"UPDATE sensors SET {', '.join(sets)} WHERE fid = %s", params)
            if cursor.rowcount == 0:
                raise RegisterError(f"{self.location}: sensor {fid} bestaat niet (meer).")
        return expected_version + 1

    def delete_sensor(self, fid: int, user: str | None = None):
        with self.transaction(user or current_user()):
            self.execute("DELETE FROM sensors WHERE fid = %s", (fid,))

    def get_sensor(self, fid: int) -> dict | None:
        columns = ", ".join(["fid"] + model.SENSOR_FIELD_NAMES + [self._geom_select()])
        rows = self.query(f"SELECT {columns} FROM sensors WHERE fid = %s", (fid,))
        return self._out(rows[0], model.SENSOR_FIELDS) if rows else None

    def sensors(self, where: str = "", params=()) -> list[dict]:
        columns = ", ".join(
            ["s.fid"]
            + [f"s.{c}" for c in model.SENSOR_FIELD_NAMES]
            + ["o.org_name AS owner", "s.geom" if self.dialect == "gpkg" else "ST_AsBinary(s.geom) AS geom"]
        )
        sql = f"SELECT {columns} FROM sensors s JOIN organisations o ON o.fid = s.owner_id"
        if where:
            sql += f" WHERE {where}"
        return [self._out(r, model.SENSOR_FIELDS) for r in self.query(sql + " ORDER BY s.fid", params)]

    def count(self, table: str) -> int:
        return self.query(f"SELECT count(*) AS n FROM {table}")[0]["n"]

    def fingerprint(self) -> list[tuple]:
        """Every row of every register table (for 'exactly as before' checks)."""
        out = []
        for table in (
            "organisations",
            "contacts",
            "sensors",
            "audit_log",
            "datastreams",
            "observations",
            "latest_observations",
        ):
            order = "datastream_id" if table == "latest_observations" else "fid"
            rows = self.query(f"SELECT * FROM {table} ORDER BY {order}")
            out.append((table, [tuple(str(v) for v in r.values()) for r in rows]))
        return out

    def upsert_sensors(self, records: list[dict], user: str | None = None, progress=None) -> dict:
        """Insert or update records on (owner, reference) in ONE transaction; identical rows stay untouched.

        Returns counts ``{"inserted", "updated", "unchanged"}``. ``progress(done, total)`` is called
        between batches (the transaction is still open: a crash there leaves the register as before).
        """
        user = user or current_user()
        stamp = now_iso()
        counts = {"inserted": 0, "updated": 0, "unchanged": 0}
        with self.transaction(user):
            owners: dict[str, int] = {}
            for record in records:
                name = record["owner"]
                if name not in owners:
                    owners[name] = self.owner_id(name)
            existing = {
                (r["owner_id"], r["reference"]) for r in self.query("SELECT owner_id, reference FROM sensors")
            }
            rows = [self.sensor_row(r, owners[r["owner"]], user, stamp) for r in records]
            columns = list(rows[0]) if rows else []
            compare = DATA_COLUMNS + ["geom"]
            compare = [c for c in compare if c not in ("owner_id", "reference")]
            if self.dialect == "gpkg":
                changed = " OR ".join(f"sensors.{c} IS NOT excluded.{c}" for c in compare)
            else:
                changed = (
                    f"({', '.join('sensors.' + c for c in compare)}) IS DISTINCT FROM "
                    f"({', '.join('excluded.' + c for c in compare)})"
                )
            update = ", ".join(
                f"{c} = excluded.{c}"
                for c in columns
                if c not in ("owner_id", "reference", "created_by", "created_at")
            )
            sql = (
                f"INSERT INTO sensors ({', '.join(columns)}) VALUES ({{values}}) "
                f"ON CONFLICT (owner_id, reference) DO UPDATE SET {update}, "
                f"row_version = sensors.row_version + 1 WHERE {changed} RETURNING owner_id, reference"
            )
            batch = 500 if self.dialect == "gpkg" else 2000
            touched = set()
            for start in range(0, len(rows), batch):
                chunk = rows[start : start + batch]
                if self.dialect == "gpkg":
                    statement = sql.format(values=", ".join(["?"] * len(columns)))
                    cursor = self.connection.cursor()
                    for row in chunk:
                        try:
                            cursor.execute(statement, [row[c] for c in columns])
                        except sqlite3.DatabaseError as error:
                            self._raise(error)
                        touched.update(cursor.fetchall())
                else:
                    touched.update(self._pg_copy_upsert(sql, columns, chunk))
                if progress is not None:
                    progress(min(start + batch, len(rows)), len(rows))
            counts["inserted"] = len(touched - existing)
            counts["updated"] = len(touched & existing)
            counts["unchanged"] = len(rows) - len(touched)
        return counts

    def _pg_copy_upsert(self, sql: str, columns: list[str], rows: list[dict]) -> list[tuple]:
        """COPY the rows into a temporary table, then one INSERT ... SELECT ... ON CONFLICT (fast path)."""
        types = {f.name: _TYPES["postgis"][f.kind] for f in model.SENSOR_FIELDS}
        types["geom"] = "bytea"
        cursor = self.connection.cursor()
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS sensors_load ("
            + ", ".join(f"{c} {types[c]}" for c in columns)
            + ") ON COMMIT DELETE ROWS"
        )
        cursor.execute("TRUNCATE sensors_load")
        buffer = io.StringIO()
        for row in rows:
            buffer.write("\t".join(_copy_text(row[c]) for c in columns))
            buffer.write("\n")
        buffer.seek(0)
        select = ", ".join(f"ST_GeomFromWKB(geom, {model.SRID})" if c == "geom" else c for c in columns)
        statement = sql.replace("VALUES ({values})", f"SELECT {select} FROM sensors_load WHERE true")
        try:
            cursor.copy_expert(f"COPY sensors_load ({', '.join(columns)}) FROM STDIN", buffer)
            cursor.execute(statement)
        except self._pg_error() as error:
            self._raise(error)
        return [tuple(r) for r in cursor.fetchall()]

    # -- audit: history and restore --
    def history(self, fid: int, table: str = "sensors") -> list[dict]:
        """Every logged change of row ``fid`` (oldest first): action, changed_by, changed_at, old, new."""
        rows = self.query(
            "SELECT fid AS audit_id, action, changed_by, changed_at, old_values, new_values "
            "FROM audit_log WHERE table_name = %s AND row_id = %s ORDER BY fid",
            (table, fid),
        )
        for row in rows:
            for key in ("old_values", "new_values"):
                value = row[key]
                row[key] = json.loads(value) if isinstance(value, str) else value
            if not isinstance(row["changed_at"], str) and row["changed_at"] is not None:
                row["changed_at"] = row["changed_at"].isoformat()
        return rows

    def restore(self, fid: int, audit_id: int, user: str | None = None) -> int:
        """Bring sensor ``fid`` back to the state recorded by audit entry ``audit_id`` (its new values,
        or its old values for a delete); re-creates a deleted sensor. Returns the new row version."""
        user = user or current_user()
        entries = [h for h in self.history(fid) if h["audit_id"] == audit_id]
        if not entries:
            raise RegisterError(f"{self.location}: geen versie {audit_id} in de historie van sensor {fid}.")
        entry = entries[0]
        state = entry["new_values"] if entry["action"] != "D" else entry["old_values"]
        values = {}
        for f in model.SENSOR_FIELDS:
            if f.system and f.name not in ("sensor_uuid", "created_by", "created_at"):
                continue
            value = state.get(f.name)
            if f.kind == "bool" and value is not None:
                value = bool(value)
            values[f.name] = self._in(f, value) if f.kind == "bool" else value
        geom_hex = state.get("geom_hex")
        geom = bytes.fromhex(geom_hex) if geom_hex else None
        current = self.query("SELECT row_version FROM sensors WHERE fid = %s", (fid,))
        with self.transaction(user):
            if current:
                version = current[0]["row_version"] + 1
                sets = [f"{c} = %s" for c in values] + [
                    f"geom = {self._geom_placeholder()}",
                    "row_version = %s",
                    "modified_by = %s",
                    "modified_at = %s",
                ]
                self.execute(
                    f"UPDATE sensors SET {', '.join(sets)} WHERE fid = %s",
                    list(values.values()) + [geom, version, user, now_iso(), fid],
                )
            else:
                version = 1
                columns = ["fid"] + list(values) + ["geom", "modified_by", "modified_at"]
                placeholders = ", ".join(self._geom_placeholder() if c == "geom" else "%s" for c in columns)
                self.execute(
                    f"INSERT INTO sensors ({', '.join(columns)}) VALUES ({placeholders})",
                    [fid] + list(values.values()) + [geom, user, now_iso()],
                )
        return version


# --- migrations --------------------------------------------------------------------------------------


def _migrate_1(register: Register):
    dialect = register.dialect
    for statement in schema_v1(dialect):
        register.execute(statement)
    for sql, rows in _seed_value_lists():
        register.executemany(sql, rows)
    if dialect == "gpkg":
        for table in list(model.VALUE_LISTS) + ["organisations", "contacts", "audit_log", "register_meta"]:
            register._gpkg_register(table, "attributes")
        register._gpkg_register("sensors", "features", geometry=True)
        for statement in gpkg_triggers(("sensors", "organisations", "contacts")):
            register.execute(statement)
    else:
        register.execute(f"CREATE INDEX ix_sensors_geom ON {register.schema}.sensors USING gist (geom)")
        for statement in postgis_triggers(register.schema, ("sensors", "organisations", "contacts")):
            register.execute(statement)


def _migrate_2(register: Register):
    for statement in schema_v2(register.dialect):
        register.execute(statement)
    if register.dialect == "gpkg":
        register._gpkg_register("datastreams", "attributes")
        register._gpkg_register("observations", "attributes")
        register._gpkg_register("latest_observations", "attributes")
        register._gpkg_register("sensors_latest", "features", geometry=True)
        for statement in gpkg_triggers(("datastreams",))[:-1]:
            register.execute(statement)
    else:
        for statement in postgis_audit_triggers(register.schema, "datastreams"):
            register.execute(statement)


MIGRATIONS = {1: _migrate_1, 2: _migrate_2}


# --- opening -----------------------------------------------------------------------------------------


class _GpkgConnection:
    """sqlite3 in autocommit mode; Register.transaction issues BEGIN IMMEDIATE ... COMMIT explicitly."""

    def __init__(self, path: Path):
        self._connection = sqlite3.connect(str(path), isolation_level=None, timeout=30)
        self._connection.execute("PRAGMA foreign_keys = ON")

    def cursor(self):
        return self._connection.cursor()

    def begin(self):
        self._connection.execute("BEGIN IMMEDIATE")

    def commit(self):
        if self._connection.in_transaction:
            self._connection.execute("COMMIT")

    def rollback(self):
        if self._connection.in_transaction:
            self._connection.execute("ROLLBACK")

    def close(self):
        self._connection.close()


class _PgConnection:
    """psycopg2 in autocommit mode; Register.transaction issues BEGIN ... COMMIT explicitly, so reads
    outside a transaction never keep one open (two editors must not block each other)."""

    def __init__(self, connection):
        self._connection = connection
        self._connection.autocommit = True
        self._open = False

    def cursor(self):
        return self._connection.cursor()

    def begin(self):
        self._connection.cursor().execute("BEGIN")
        self._open = True

    def commit(self):
        if self._open:
            self._open = False
            self._connection.cursor().execute("COMMIT")

    def rollback(self):
        if self._open:
            self._open = False
            self._connection.cursor().execute("ROLLBACK")

    def close(self):
        self._connection.close()


def create_gpkg(path, target_version: int = model.SCHEMA_VERSION) -> Register:
    """Create a new register GeoPackage at ``path`` (must not exist) with the full schema."""
    path = Path(path)
    if path.exists():
        raise RegisterError(
            f"{path}: bestaat al; kies een nieuwe bestandsnaam of open het bestaande register."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    from osgeo import ogr, osr

    driver = ogr.GetDriverByName("GPKG")
    dataset = driver.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(model.SRID)
    # creating and deleting a layer makes OGR write EPSG:28992 into gpkg_spatial_ref_sys
    layer = dataset.CreateLayer("tmp_srs", srs, ogr.wkbPoint)
    del layer
    dataset.DeleteLayer(0)
    dataset = None
    register = Register(_GpkgConnection(path), "gpkg", str(path))
    register.migrate(target_version)
    return register


def open_gpkg(path, migrate: bool = True) -> Register:
    path = Path(path)
    if not path.exists():
        raise RegisterError(f"{path}: register niet gevonden.")
    register = Register(_GpkgConnection(path), "gpkg", str(path))
    if migrate:
        register.migrate()
    return register


def open_postgis(dsn: str, schema: str = "sensor_register", migrate: bool = True) -> Register:
    """Open (and create or migrate) the register in ``schema`` of the PostGIS database ``dsn``."""
    import psycopg2

    if not schema.replace("_", "").isalnum() or not schema[0].isalpha():
        raise RegisterError(f"schema '{schema}': verwacht letters, cijfers en _ (beginnend met een letter).")
    try:
        connection = psycopg2.connect(dsn)
    except psycopg2.Error as error:
        raise RegisterError(f"PostGIS ({dsn}): verbinding mislukt: {error}".strip()) from error
    connection.autocommit = True
    cursor = connection.cursor()
    cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    cursor.execute(f"SET search_path TO {schema}, public")
    register = Register(_PgConnection(connection), "postgis", f"PostGIS {schema}", schema)
    if migrate:
        register.migrate()
    return register


def open_register(location: str, schema: str = "sensor_register") -> Register:
    """Open a register from a path (``.gpkg``, created when missing) or a PostgreSQL DSN/URI."""
    text = str(location)
    if text.startswith(("postgresql://", "postgres://", "host=", "dbname=", "service=")):
        return open_postgis(text, schema)
    path = Path(text)
    return open_gpkg(path) if path.exists() else create_gpkg(path)
