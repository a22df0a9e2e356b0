"""The register's data model: value lists (with Dutch labels) and the fields of every table.

Anchors: Amsterdam's sensor register (iot-api: types, themes, legal grounds, regions, bulk template),
Kadaster's SensRNet (organisation, contacts with roles, device/sensor/datastream, observation goal) and
the OGC SensorThings API (Thing, Location, Datastream, Observation). One description drives the
database DDL of both backends, the QGIS forms, the importers and the exports.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = 2
SRID = 28992

# --- value lists: table -> [(code, Dutch label)] ------------------------------------------------------

SENSOR_CATEGORIES = [("sensor", "Sensor"), ("camera", "Camera"), ("beacon", "Baken (beacon)")]

#: Amsterdam's 11 sensor types plus "other, namely" (then ``sensor_type_other`` is required).
SENSOR_TYPES = [
    ("optisch_camera", "Optische / camera sensor"),
    ("geluid", "Geluidsensor"),
    ("klimaat", "Klimaatsensor"),
    ("chemie", "Chemiesensor"),
    ("elektriciteit", "Electriciteitssensor"),
    ("vloeistof_gasstroom", "Vloeistof- en gasstroomsensor"),
    ("positie_verplaatsing", "Positie- of verplaatsingsensor"),
    ("druk", "Druksensor"),
    ("dichtheid", "Dichtheidssensor"),
    ("temperatuur", "Temperatuursensor"),
    ("aanwezigheid_nabijheid", "Aanwezigheid of nabijheidsensor"),
    ("anders", "Anders, namelijk"),
]
OTHER_TYPE = "anders"

THEMES = [
    ("energie", "Energie"),
    ("landbouw", "Landbouw, visserij, voedselkwaliteit"),
    ("transport", "Transport"),
    ("afval", "Afval"),
    ("bodem", "Bodem"),
    ("geluid", "Geluid"),
    ("klimaatverandering", "Klimaatverandering"),
    ("lucht", "Lucht"),
    ("natuur", "Natuur- en landschapsbeheer"),
    ("water", "Water"),
    ("veiligheid", "Veiligheid"),
    ("ruimtelijke_ordening", "Ruimtelijke ordening"),
    ("waterbeheer", "Waterbeheer"),
    ("luchtvaart", "Luchtvaart"),
    ("openbaar_vervoer", "Openbaar vervoer"),
    ("rail_wegverkeer", "Rail- en wegverkeer"),
    ("scheepvaart", "Scheepvaart"),
    ("bouwen", "Bouwen en verbouwen"),
    ("woningmarkt", "Woningmarkt"),
    ("gezondheid", "Gezondheidsrisico's"),
    ("mobiliteit", "Mobiliteit"),
    ("drukte", "Drukte"),
    ("onderwijs", "Onderwijs"),
]

#: The six lawful bases of art. 6 AVG (GDPR), with Amsterdam's Dutch labels.
LEGAL_GROUNDS = [
    ("publieke_taak", "Publieke taak"),
    ("gerechtvaardigd_belang", "Gerechtvaardigd belang"),
    ("wettelijke_verplichting", "Wettelijke verplichting"),
    ("toestemming", "Toestemming betrokkene(n)"),
    ("overeenkomst", "Uitvoering overeenkomst met betrokkene(n)"),
    ("vitale_belangen", "Bescherming vitale belangen betrokkene(n) of van een andere natuurlijke persoon"),
]

STATUSES = [("concept", "Concept"), ("reported", "Gemeld"), ("active", "Actief"), ("removed", "Verwijderd")]
STATUS_ALIASES = {
    "gemeld": "reported",
    "actief": "active",
    "verwijderd": "removed",
    "operational": "active",
    "planned": "concept",
    "inactive": "removed",
    "inactief": "removed",
}

CONTACT_ROLES = [
    ("eigenaar", "Eigenaar"),
    ("beheerder", "Technisch beheerder"),
    ("privacy", "Privacy-contactpersoon (FG)"),
    ("leverancier", "Leverancier"),
    ("publiek", "Publiek aanspreekpunt"),
]

CONNECTIVITIES = [
    ("lora", "LoRaWAN"),
    ("nbiot", "NB-IoT / LTE-M"),
    ("mobiel", "Mobiel netwerk (4G/5G)"),
    ("wifi", "Wifi"),
    ("vast", "Vaste verbinding"),
    ("geen", "Geen (lokaal uitlezen)"),
    ("anders", "Anders"),
]

REGIONS = [
    ("dordrecht", "Geheel Dordrecht"),
    ("binnenstad", "Binnenstad"),
    ("noordflank", "Noordflank"),
    ("krispijn", "Krispijn"),
    ("oud_krispijn", "Oud-Krispijn"),
    ("reeland", "Reeland"),
    ("stadspolders", "Stadspolders"),
    ("sterrenburg", "Sterrenburg"),
    ("dubbeldam", "Dubbeldam"),
    ("spoorzone", "Spoorzone"),
    ("anders", "Anders"),
]

DATA_QUALITY = [
    ("onbekend", "Onbekend"),
    ("indicatief", "Indicatief"),
    ("gekalibreerd", "Gekalibreerd"),
    ("referentie", "Referentiemeting"),
]

#: value-list table name -> rows
VALUE_LISTS: dict[str, list[tuple[str, str]]] = {
    "vl_category": SENSOR_CATEGORIES,
    "vl_sensor_type": SENSOR_TYPES,
    "vl_theme": THEMES,
    "vl_legal_ground": LEGAL_GROUNDS,
    "vl_status": STATUSES,
    "vl_contact_role": CONTACT_ROLES,
    "vl_connectivity": CONNECTIVITIES,
    "vl_region": REGIONS,
    "vl_data_quality": DATA_QUALITY,
}


def codes(value_list: list[tuple[str, str]]) -> list[str]:
    return [code for code, _label in value_list]


def label_to_code(value_list: list[tuple[str, str]]) -> dict[str, str]:
    """Lookup from lower-cased code or Dutch label to code (importers accept either)."""
    lookup = {}
    for code, label in value_list:
        lookup[code.lower()] = code
        lookup[label.lower()] = code
    return lookup


#: Types seen in other sources (sample district, SensorThings) mapped to the Amsterdam list.
SENSOR_TYPE_ALIASES = {
    "luchtkwaliteitsensor": "chemie",
    "verkeerscamera": "optisch_camera",
    "camera": "optisch_camera",
    "aanwezigheidsensor": "aanwezigheid_nabijheid",
    "weersensor": "klimaat",
    "vochtsensor": "klimaat",
    "fijnstofsensor": "chemie",
}
THEME_ALIASES = {
    "luchtkwaliteit": "lucht",
    "verkeer": "rail_wegverkeer",
    "klimaat": "klimaatverandering",
    "gezondheid": "gezondheid",
    "hitte": "klimaatverandering",
    "weer": "klimaatverandering",
}


# --- fields ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text, int, real, bool, date, datetime
    label_nl: str
    label_en: str
    tab: str = "Algemeen"
    value_list: str | None = None  # table name in VALUE_LISTS
    multi: bool = False  # several codes, ';'-separated
    required: bool = False
    system: bool = False  # filled by the register itself (ids, timestamps, user, version)


TABS = ["Algemeen", "Locatie", "Metingen", "Privacy", "Publicatie", "Beheer"]

SENSOR_FIELDS: list[Field] = [
    Field("sensor_uuid", "text", "Sensor-id", "Sensor id", "Beheer", system=True),
    Field("owner_id", "int", "Eigenaar", "Owner", required=True),
    Field("reference", "text", "Referentie", "Reference", required=True),
    Field("name", "text", "Naam", "Name", required=True),
    Field("description", "text", "Omschrijving", "Description"),
    Field("category", "text", "Categorie", "Category", value_list="vl_category", required=True),
    Field(
        "sensor_type",
        "text",
        "Soort / type sensor",
        "Sensor type",
        value_list="vl_sensor_type",
        required=True,
    ),
    Field("sensor_type_other", "text", "Anders, namelijk", "Other type, namely"),
    Field("subtype", "text", "Subtype", "Subtype"),
    Field("status", "text", "Status", "Status", value_list="vl_status", required=True),
    Field("height_m", "real", "Hoogte (m boven maaiveld)", "Height (m above ground)", "Locatie"),
    Field("location_description", "text", "Omschrijving locatie", "Location description", "Locatie"),
    Field("bgt_object_id", "text", "BGT-object (lokaalID)", "BGT object id", "Locatie"),
    Field("is_mobile", "bool", "Mobiele sensor", "Mobile sensor", "Locatie", required=True),
    Field(
        "regions",
        "text",
        "Gebieden (mobiel)",
        "Regions (mobile)",
        "Locatie",
        value_list="vl_region",
        multi=True,
    ),
    Field("connectivity", "text", "Connectiviteit", "Connectivity", "Metingen", value_list="vl_connectivity"),
    Field("observes", "text", "Wat meet de sensor?", "What does it measure?", "Metingen", required=True),
    Field(
        "themes", "text", "Thema's", "Themes", "Metingen", value_list="vl_theme", multi=True, required=True
    ),
    Field("unit", "text", "Eenheid", "Unit", "Metingen"),
    Field("data_quality", "text", "Datakwaliteit", "Data quality", "Metingen", value_list="vl_data_quality"),
    Field("manufacturer", "text", "Fabrikant", "Manufacturer", "Metingen"),
    Field("supplier", "text", "Leverancier", "Supplier", "Metingen"),
    Field("projects", "text", "Projecten", "Projects", "Metingen"),
    Field(
        "observation_goal",
        "text",
        "Waarvoor meet u dat? (meetdoel)",
        "Observation goal",
        "Privacy",
        required=True,
    ),
    Field(
        "contains_personal_data",
        "bool",
        "Worden er persoonsgegevens verwerkt?",
        "Contains personal data",
        "Privacy",
        required=True,
    ),
    Field(
        "legal_ground",
        "text",
        "Wettelijke grondslag",
        "Legal ground",
        "Privacy",
        value_list="vl_legal_ground",
    ),
    Field("privacy_statement_url", "text", "Privacyverklaring (URL)", "Privacy statement URL", "Privacy"),
    Field("start_date", "date", "Actief vanaf", "Start date", "Publicatie"),
    Field("active_until", "date", "Tot wanneer is de sensor actief?", "Active until", "Publicatie"),
    Field("is_active", "bool", "Actief", "Active", "Publicatie", required=True),
    Field("is_public", "bool", "Openbaar", "Public", "Publicatie", required=True),
    Field("is_open_data", "bool", "Open data", "Open data", "Publicatie", required=True),
    Field("is_reusable", "bool", "Herbruikbaar", "Reusable", "Publicatie", required=True),
    Field("data_url", "text", "Link naar de data", "Data link", "Publicatie"),
    Field("documentation_url", "text", "Documentatie (URL)", "Documentation", "Publicatie"),
    Field(
        "public_contact_email",
        "text",
        "Publiek contactadres (functioneel)",
        "Public contact e-mail",
        "Publicatie",
    ),
    Field("internal_remarks", "text", "Interne opmerkingen (niet openbaar)", "Internal remarks", "Beheer"),
    Field("created_by", "text", "Aangemaakt door", "Created by", "Beheer", system=True),
    Field("created_at", "datetime", "Aangemaakt op", "Created at", "Beheer", system=True),
    Field("modified_by", "text", "Gewijzigd door", "Modified by", "Beheer", system=True),
    Field("modified_at", "datetime", "Gewijzigd op", "Modified at", "Beheer", system=True),
    Field("row_version", "int", "Versie", "Version", "Beheer", system=True),
]
SENSOR_FIELD_NAMES = [f.name for f in SENSOR_FIELDS]
FIELDS_BY_NAME = {f.name: f for f in SENSOR_FIELDS}

#: Columns of the ``datastreams`` table besides ``fid`` (one sensor, several observed properties).
DATASTREAM_COLUMNS = [
    "sensor_id",
    "ds_key",
    "name",
    "observed_property",
    "unit",
    "source",
    "source_url",
    "description",
]

#: Importable (user-supplied) fields: everything but the system fields; ``owner`` replaces owner_id.
IMPORT_FIELDS = [f for f in SENSOR_FIELDS if not f.system and f.name != "owner_id"]

ORGANISATION_FIELDS: list[Field] = [
    Field("org_name", "text", "Naam organisatie", "Organisation name", required=True),
    Field("org_kvk", "text", "KvK-nummer", "Chamber of commerce number"),
    Field("org_website", "text", "Website", "Website"),
    Field("org_public_email", "text", "Publiek contactadres", "Public e-mail"),
    Field("org_contact_name", "text", "Contactpersoon (niet openbaar)", "Contact person (not public)"),
    Field("org_contact_email", "text", "E-mail contactpersoon", "Contact e-mail (not public)"),
    Field("org_contact_phone", "text", "Telefoon contactpersoon", "Contact phone (not public)"),
]

CONTACT_FIELDS: list[Field] = [
    Field("owner_id", "int", "Organisatie", "Organisation", required=True),
    Field("contact_name", "text", "Naam", "Name", required=True),
    Field("contact_email", "text", "E-mail", "E-mail"),
    Field("contact_phone", "text", "Telefoon", "Phone"),
    Field("contact_role", "text", "Rol", "Role", value_list="vl_contact_role", required=True),
    Field("contact_is_public", "bool", "Openbaar", "Public", required=True),
]

#: Dutch headers of Amsterdam's bulk template (Sensorregistratie sheet) -> register field.
AMSTERDAM_HEADERS = {
    "referentie": "reference",
    "kies soort / type sensor": "sensor_type",
    "latitude": "lat",
    "longitude": "lon",
    "wat meet de sensor?": "observes",
    "waarvoor meet u dat?": "observation_goal",
    "worden er persoonsgegevens verwerkt?": "contains_personal_data",
    "wettelijke grondslag": "legal_ground",
    "privacyverklaring": "privacy_statement_url",
    "tot wanneer is de sensor actief?": "active_until",
    "opmerking (niet verplicht)": "internal_remarks",
    "eigenaar": "owner",
    "naam organisatie/bedrijf": "owner",
    "in welk gebied bevindt zich de mobiele sensor?": "regions",
}
for _i in range(1, 9):
    AMSTERDAM_HEADERS[f"thema {_i}"] = "themes"
    AMSTERDAM_HEADERS[f"thema {_i} (niet verplicht)"] = "themes"

#: Extra Dutch headers of our own template (every other field, by its Dutch label).
TEMPLATE_HEADERS = ["Eigenaar"] + [
    "Referentie",
    "Kies soort / type sensor",
    "Latitude",
    "Longitude",
    "Wat meet de sensor?",
    "Waarvoor meet u dat?",
    "Thema 1",
    "Thema 2 (niet verplicht)",
    "Thema 3 (niet verplicht)",
    "Worden er persoonsgegevens verwerkt?",
    "Wettelijke grondslag",
    "Privacyverklaring",
    "Tot wanneer is de sensor actief?",
    "Opmerking (niet verplicht)",
]


def header_to_field(header: str) -> str | None:
    """Register field for a column header: field name, Amsterdam Dutch header, or our Dutch label."""
    key = " ".join(str(header).strip().lower().split())
    if key in AMSTERDAM_HEADERS:
        return AMSTERDAM_HEADERS[key]
    if key in FIELDS_BY_NAME or key in ("owner", "lon", "lat", "x", "y"):
        return key
    for f in IMPORT_FIELDS:
        if key == f.label_nl.lower():
            return f.name
    return None
