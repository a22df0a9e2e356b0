"""Validation of register entries: one set of rules for the forms, the importers, the algorithms and the DB.

Raw values (strings from CSV/XLSX, JSON values, form values) are first *normalised* to Python types
(:func:`normalise_record`), then *validated* (:func:`validate_record`). Every problem is an :class:`Issue`
naming the row (when known), the field and, in Dutch, what is expected. The same rules carry a QGIS
expression and message for the native attribute forms (:data:`FORM_CONSTRAINTS`), and the database has
CHECK constraints with the same names, so :func:`message_for_constraint` turns a database refusal into
the same Dutch message.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass

from . import model

# --- issues ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    field: str
    message: str
    row: int | None = None
    rule: str = ""

    def __str__(self) -> str:
        label = _label(self.field)
        where = f"Rij {self.row}, veld '{label}'" if self.row is not None else f"Veld '{label}'"
        return f"{where}: {self.message}"


def _label(field: str) -> str:
    f = model.FIELDS_BY_NAME.get(field)
    if f is not None:
        return f"{f.label_nl} ({field})"
    return {"location": "Locatie (coördinaten)", "owner": "Eigenaar (owner)"}.get(field, field)


# --- patterns shared by Python and the QGIS form expressions ----------------------------------------

URL_PATTERN = (
    r"^https?://(localhost|[0-9]{1,3}([.][0-9]{1,3}){3}|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?"
    r"([.][A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*[.][A-Za-z]{2,})(:[0-9]{1,5})?(/[^ <>\"]*)?$"
)
_URL_RE = re.compile(URL_PATTERN)

#: Local parts of functional (non-personal) addresses; "sensor-beheer@" and "info.noord@" also count.
FUNCTIONAL_MAILBOXES = (
    "info",
    "sensor",
    "sensoren",
    "sensorregister",
    "privacy",
    "fg",
    "avg",
    "contact",
    "data",
    "opendata",
    "iot",
    "beheer",
    "servicedesk",
    "helpdesk",
    "support",
    "meldingen",
    "klantcontact",
    "secretariaat",
    "gemeente",
    "noreply",
    "no-reply",
    "geo",
    "gis",
    "postbus",
    "communicatie",
    "verkeer",
    "milieu",
    "luchtkwaliteit",
    "team",
    "office",
    "mail",
    "algemeen",
    "administratie",
    "metingen",
    "meetnet",
    "parkeren",
    "afval",
    "water",
    "wonen",
    "vergunningen",
    "pers",
    "media",
    "kcc",
    "receptie",
    "facilitair",
    "ict",
    "onderhoud",
    "openbareruimte",
    "buitenruimte",
    "stadsbeheer",
    "klantenservice",
    "service",
    "omgevingsdienst",
    "veiligheid",
    "handhaving",
    "hello",
    "hallo",
    "webmaster",
    "dpo",
    "security",
)
EMAIL_PATTERN = (
    r"^[a-z0-9._%+-]+@[a-z0-9]([a-z0-9-]*[a-z0-9])?([.][a-z0-9]([a-z0-9-]*[a-z0-9])?)*[.][a-z]{2,}$"
)
FUNCTIONAL_EMAIL_PATTERN = r"^(" + "|".join(FUNCTIONAL_MAILBOXES) + r")([._+-][a-z0-9]+)*@"
_EMAIL_RE = re.compile(EMAIL_PATTERN)
_FUNCTIONAL_RE = re.compile(FUNCTIONAL_EMAIL_PATTERN)

#: Accepted extent of the Netherlands (land and territorial waters, generous box).
RD_BOUNDS = (0.0, 300000.0, 300000.0, 625000.0)  # xmin, xmax, ymin, ymax in EPSG:28992
WGS84_BOUNDS = (3.2, 7.3, 50.7, 53.6)  # lon min, lon max, lat min, lat max

MESSAGES = {
    "required": "is verplicht; vul een waarde in.",
    "ck_personal_data": "bij 'persoonsgegevens = ja' zijn een wettelijke grondslag en een URL van de "
    "privacyverklaring verplicht.",
    "ck_dates": "'Tot wanneer is de sensor actief?' mag niet vóór de startdatum liggen.",
    "ck_mobile": "een mobiele sensor moet minstens één gebied hebben waarin hij rijdt of staat.",
    "ck_type_other": "bij type 'Anders, namelijk' is een omschrijving van het type verplicht.",
    "ck_themes": "kies minstens één thema uit de waardelijst.",
    "ck_url": "verwacht een geldige URL die begint met http:// of https:// (bijv. "
    "https://www.dordrecht.nl/privacy).",
    "ck_email": "verwacht een geldig e-mailadres (bijv. sensoren@dordrecht.nl).",
    "ck_functional_email": "een openbaar contactadres moet een functioneel adres zijn (zoals info@, "
    "sensor@, privacy@), geen persoonlijk adres.",
    "ck_location": "de coördinaten liggen niet in Nederland; verwacht RD (EPSG:28992, x 0..300000, "
    "y 300000..625000) of WGS84 (lengtegraad 3,2..7,3, breedtegraad 50,7..53,6).",
    "ck_status": "verwacht een status uit de waardelijst (concept, gemeld, actief, verwijderd).",
    "ck_category": "verwacht een categorie uit de waardelijst (sensor, camera, baken).",
    "ck_version": "opslaan geweigerd: deze sensor is intussen door iemand anders gewijzigd (verouderde "
    "versie). Laad de sensor opnieuw en breng uw wijziging opnieuw aan; er is niets overschreven.",
    "uq_owner_reference": "deze referentie bestaat al bij deze eigenaar; een referentie moet per eigenaar "
    "uniek zijn.",
}

URL_FIELDS = ("privacy_statement_url", "data_url", "documentation_url")


# --- normalisation -----------------------------------------------------------------------------------

_TRUE = {"1", "true", "ja", "j", "yes", "y", "waar", "t", "x"}
_FALSE = {"0", "false", "nee", "n", "no", "onwaar", "f", ""}


def is_empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and not (isinstance(value, float) and math.isnan(value)):
        if value in (0, 1):
            return bool(value)
        raise ValueError("verwacht ja/nee (of 1/0)")
    if value is None:
        return False
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"verwacht ja/nee (of 1/0), gekregen '{_short(value)}'")


def parse_date(value) -> _dt.date | None:
    if is_empty(value):
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y/%m/%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return _dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"verwacht een datum (JJJJ-MM-DD of DD-MM-JJJJ), gekregen '{_short(value)}'")


def parse_float(value) -> float | None:
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise ValueError("verwacht een getal")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace(",", ".")
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"verwacht een getal, gekregen '{_short(value)}'") from None
    if not math.isfinite(number):
        raise ValueError(f"verwacht een eindig getal, gekregen '{_short(value)}'")
    return number


def split_multi(value) -> list[str]:
    """Codes of a multi-valued field: ``a;b``, ``{a,b}`` (QGIS value relation), a list, or ``a, b``."""
    if is_empty(value):
        return []
    if isinstance(value, (list, tuple, set)):
        items = [str(v) for v in value]
    else:
        text = str(value).strip()
        if text.startswith("{") and text.endswith("}"):
            text = text[1:-1]
        items = re.split(r"[;,|]", text)
    return [item.strip().strip('"').strip() for item in items if item.strip().strip('"').strip()]


def join_multi(values: list[str]) -> str:
    """Storage form of a multi-valued field (what QGIS's multi-select value relation writes)."""
    return "{" + ",".join(values) + "}" if values else ""


def _short(value, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_TRANSFORM = None


def wgs84_to_rd(lon: float, lat: float) -> tuple[float, float]:
    global _TRANSFORM
    if _TRANSFORM is None:
        from osgeo import osr

        source, target = osr.SpatialReference(), osr.SpatialReference()
        source.ImportFromEPSG(4326)
        target.ImportFromEPSG(28992)
        for ref in (source, target):
            ref.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        _TRANSFORM = osr.CoordinateTransformation(source, target)
    x, y, _z = _TRANSFORM.TransformPoint(lon, lat)
    return x, y


def rd_to_wgs84(x: float, y: float) -> tuple[float, float]:
    from osgeo import osr

    source, target = osr.SpatialReference(), osr.SpatialReference()
    source.ImportFromEPSG(28992)
    target.ImportFromEPSG(4326)
    for ref in (source, target):
        ref.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lon, lat, _z = osr.CoordinateTransformation(source, target).TransformPoint(x, y)
    return lon, lat


def locate(a: float, b: float) -> tuple[float, float] | None:
    """RD coordinates for a pair given in RD (x, y) or WGS84 (lon, lat); None when outside NL."""
    lon_min, lon_max, lat_min, lat_max = WGS84_BOUNDS
    if lon_min <= a <= lon_max and lat_min <= b <= lat_max:
        return wgs84_to_rd(a, b)
    if lon_min <= b <= lon_max and lat_min <= a <= lat_max:  # lat, lon order
        return wgs84_to_rd(b, a)
    xmin, xmax, ymin, ymax = RD_BOUNDS
    if xmin <= a <= xmax and ymin <= b <= ymax:
        return a, b
    return None


_LOOKUPS: dict[str, dict[str, str]] = {}


def _code(field: str, value, issues: list[Issue], row: int | None) -> str | None:
    if is_empty(value):
        return None
    table = model.FIELDS_BY_NAME[field].value_list
    values = model.VALUE_LISTS[table]
    lookup = _LOOKUPS.get(table)
    if lookup is None:
        lookup = _LOOKUPS[table] = model.label_to_code(values)
    text = " ".join(str(value).strip().split()).lower().rstrip(")")
    aliases = {
        "sensor_type": model.SENSOR_TYPE_ALIASES,
        "status": model.STATUS_ALIASES,
        "themes": model.THEME_ALIASES,
    }.get(field, {})
    for candidate in (text, text + ")"):
        if candidate in lookup:
            return lookup[candidate]
    if text in aliases:
        return aliases[text]
    allowed = ", ".join(label for _c, label in values[:12])
    issues.append(
        Issue(
            field,
            f"onbekende waarde '{_short(value)}'; verwacht een waarde uit de waardelijst "
            f"({allowed}{', ...' if len(values) > 12 else ''}).",
            row,
            "value_list",
        )
    )
    return None


def normalise_record(raw: dict, row: int | None = None) -> tuple[dict, list[Issue]]:
    """Turn raw values (keys: field names, ``owner``, ``x``/``y`` or ``lon``/``lat``) into typed values.

    Returns the record (only known keys; unknown ones are ignored) and the parse issues. Missing booleans
    get their defaults (mobile no, personal data no, active yes, public yes, open data no, reusable no).
    """
    issues: list[Issue] = []
    record: dict = {}
    for f in model.IMPORT_FIELDS:
        if f.name not in raw:
            continue
        value = raw[f.name]
        try:
            if f.value_list and f.multi:
                found = []
                for item in split_multi(value):
                    code = _code(f.name, item, issues, row)
                    if code and code not in found:
                        found.append(code)
                record[f.name] = found
            elif f.value_list:
                record[f.name] = _code(f.name, value, issues, row)
            elif f.kind == "bool":
                record[f.name] = parse_bool(value)
            elif f.kind == "date":
                record[f.name] = parse_date(value)
            elif f.kind == "real":
                record[f.name] = parse_float(value)
            elif f.kind == "int":
                number = parse_float(value)
                record[f.name] = None if number is None else int(number)
            else:
                record[f.name] = None if is_empty(value) else str(value).strip()
        except ValueError as error:
            issues.append(Issue(f.name, str(error), row, "type"))
            record[f.name] = None
    owner = raw.get("owner")
    record["owner"] = None if is_empty(owner) else " ".join(str(owner).split())
    for key in ("themes", "regions"):
        record.setdefault(key, [])
    defaults = {
        "is_mobile": False,
        "contains_personal_data": False,
        "is_active": True,
        "is_public": True,
        "is_open_data": False,
        "is_reusable": False,
        "category": "sensor",
        "status": "concept",
    }
    for key, default in defaults.items():
        if record.get(key) is None and not any(i.field == key for i in issues):
            record[key] = default
    if (
        record.get("sensor_type") in ("optisch_camera",)
        and record.get("category") == "sensor"
        and "category" not in raw
    ):
        record["category"] = "camera"
    if record.get("name") is None and record.get("reference"):
        record["name"] = record["reference"]
    # location
    pair = None
    for a_key, b_key in (("x", "y"), ("lon", "lat")):
        if not is_empty(raw.get(a_key)) or not is_empty(raw.get(b_key)):
            try:
                a, b = parse_float(raw.get(a_key)), parse_float(raw.get(b_key))
            except ValueError as error:
                issues.append(Issue("location", str(error), row, "type"))
                break
            if a is None or b is None:
                issues.append(
                    Issue(
                        "location", f"beide coördinaten ({a_key} en {b_key}) zijn verplicht.", row, "required"
                    )
                )
                break
            pair = (a, b)
            break
    record["x"] = record["y"] = None
    if pair is not None:
        located = locate(*pair)
        if located is None:
            issues.append(
                Issue(
                    "location", f"({pair[0]:g}, {pair[1]:g}): " + MESSAGES["ck_location"], row, "ck_location"
                )
            )
        else:
            record["x"], record["y"] = located
    return record, issues


# --- validation --------------------------------------------------------------------------------------

REQUIRED = ["owner", "reference", "name", "sensor_type", "observes", "observation_goal"]


def validate_record(record: dict, row: int | None = None, require_location: bool = True) -> list[Issue]:
    """All rule violations of a normalised record (see :func:`normalise_record`)."""
    issues: list[Issue] = []
    for key in REQUIRED:
        if is_empty(record.get(key)):
            issues.append(Issue(key, MESSAGES["required"], row, "required"))
    for key in ("reference", "name"):
        value = record.get(key)
        if isinstance(value, str) and (len(value) > 255 or re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", value)):
            issues.append(
                Issue(key, "verwacht tekst van hoogstens 255 tekens zonder stuurtekens.", row, "text")
            )
    if require_location and (record.get("x") is None or record.get("y") is None):
        issues.append(
            Issue(
                "location",
                "coördinaten zijn verplicht (RD x/y of WGS84 lengte-/breedtegraad).",
                row,
                "required",
            )
        )
    elif record.get("x") is not None:
        xmin, xmax, ymin, ymax = RD_BOUNDS
        if not (xmin <= record["x"] <= xmax and ymin <= record["y"] <= ymax):
            issues.append(Issue("location", MESSAGES["ck_location"], row, "ck_location"))
    if not record.get("themes"):
        issues.append(Issue("themes", MESSAGES["ck_themes"], row, "ck_themes"))
    if record.get("contains_personal_data"):
        if is_empty(record.get("legal_ground")):
            issues.append(Issue("legal_ground", MESSAGES["ck_personal_data"], row, "ck_personal_data"))
        if is_empty(record.get("privacy_statement_url")):
            issues.append(
                Issue("privacy_statement_url", MESSAGES["ck_personal_data"], row, "ck_personal_data")
            )
    start, until = record.get("start_date"), record.get("active_until")
    if start is not None and until is not None and until < start:
        issues.append(
            Issue(
                "active_until",
                MESSAGES["ck_dates"] + f" (start {start.isoformat()}, tot {until.isoformat()})",
                row,
                "ck_dates",
            )
        )
    for key in URL_FIELDS:
        value = record.get(key)
        if not is_empty(value) and not is_valid_url(value):
            issues.append(Issue(key, MESSAGES["ck_url"] + f" Gekregen: '{_short(value)}'.", row, "ck_url"))
    email = record.get("public_contact_email")
    if not is_empty(email):
        problem = email_problem(email)
        if problem:
            issues.append(
                Issue(
                    "public_contact_email", MESSAGES[problem] + f" Gekregen: '{_short(email)}'.", row, problem
                )
            )
    if record.get("is_mobile") and not record.get("regions"):
        issues.append(Issue("regions", MESSAGES["ck_mobile"], row, "ck_mobile"))
    if record.get("sensor_type") == model.OTHER_TYPE and is_empty(record.get("sensor_type_other")):
        issues.append(Issue("sensor_type_other", MESSAGES["ck_type_other"], row, "ck_type_other"))
    return issues


def check_raw(raw: dict, row: int | None = None) -> tuple[dict, list[Issue]]:
    """Normalise and validate in one go (what the importers and the validate algorithm use)."""
    record, issues = normalise_record(raw, row)
    failed = {i.field for i in issues}
    issues += [i for i in validate_record(record, row) if i.field not in failed]
    return record, issues


def is_valid_url(value) -> bool:
    return isinstance(value, str) and len(value) <= 2000 and bool(_URL_RE.match(value.strip()))


def email_problem(value) -> str | None:
    """None for a functional address; ``ck_email`` when malformed, ``ck_functional_email`` when personal."""
    text = str(value).strip().lower()
    if not _EMAIL_RE.match(text):
        return "ck_email"
    if not _FUNCTIONAL_RE.match(text):
        return "ck_functional_email"
    return None


def message_for_constraint(error_text: str) -> str:
    """The Dutch message for a database constraint refusal (SQLite or PostgreSQL error text)."""
    for name, message in MESSAGES.items():
        if name.startswith(("ck_", "uq_")) and name in error_text:
            return message
    if "UNIQUE constraint failed: sensors.owner_id, sensors.reference" in error_text:
        return MESSAGES["uq_owner_reference"]
    return error_text


# --- the same rules as QGIS expressions, for the native attribute forms -----------------------------


def _qgis_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _url_expr(field: str) -> str:
    return f'"{field}" IS NULL OR "{field}" = \'\' OR regexp_match("{field}", {_qgis_string(URL_PATTERN)})'


_NL_BOX = "POLYGON(({0} {2}, {1} {2}, {1} {3}, {0} {3}, {0} {2}))".format(
    RD_BOUNDS[0], RD_BOUNDS[1], RD_BOUNDS[2], RD_BOUNDS[3]
)

#: field -> (QGIS constraint expression, Dutch message) used by core.forms on the sensors layer.
FORM_CONSTRAINTS: dict[str, tuple[str, str]] = {
    "legal_ground": (
        'NOT coalesce("contains_personal_data", false) OR ("legal_ground" IS NOT NULL AND '
        "\"legal_ground\" <> '')",
        MESSAGES["ck_personal_data"],
    ),
    "privacy_statement_url": (
        f'(NOT coalesce("contains_personal_data", false) OR ("privacy_statement_url" IS '
        f"NOT NULL AND \"privacy_statement_url\" <> '')) AND ({_url_expr('privacy_statement_url')})",
        MESSAGES["ck_personal_data"] + " " + MESSAGES["ck_url"],
    ),
    "active_until": (
        '"active_until" IS NULL OR "start_date" IS NULL OR "active_until" >= "start_date"',
        MESSAGES["ck_dates"],
    ),
    "data_url": (_url_expr("data_url"), MESSAGES["ck_url"]),
    "documentation_url": (_url_expr("documentation_url"), MESSAGES["ck_url"]),
    "public_contact_email": (
        '"public_contact_email" IS NULL OR "public_contact_email" = \'\' OR '
        f'regexp_match(lower("public_contact_email"), {_qgis_string(FUNCTIONAL_EMAIL_PATTERN)})',
        MESSAGES["ck_functional_email"],
    ),
    "regions": (
        'NOT coalesce("is_mobile", false) OR ("regions" IS NOT NULL AND "regions" NOT IN (\'\', \'{}\'))',
        MESSAGES["ck_mobile"],
    ),
    "themes": ("\"themes\" IS NOT NULL AND \"themes\" NOT IN ('', '{}')", MESSAGES["ck_themes"]),
    "sensor_type_other": (
        '"sensor_type" IS NULL OR "sensor_type" <> \'anders\' OR ("sensor_type_other" IS NOT '
        "NULL AND \"sensor_type_other\" <> '')",
        MESSAGES["ck_type_other"],
    ),
    "location_description": (
        f"$geometry IS NULL OR within($geometry, geom_from_wkt('{_NL_BOX}'))",
        MESSAGES["ck_location"],
    ),
}
