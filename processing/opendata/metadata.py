"""DCAT-AP-DONL 2.0 dataset metadata: the form's dataclass, prefill from QGIS layer metadata, validation
against the offline DONL value lists, JSON-LD and the CKAN package dictionary (ckanext-dataoverheid)."""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import asdict, dataclass, field

from .valuelists import MEDIA_TYPES, value_list

NLD = "http://publications.europa.eu/resource/authority/language/NLD"
ENG = "http://publications.europa.eu/resource/authority/language/ENG"
CC0 = "http://creativecommons.org/publicdomain/zero/1.0/deed.nl"
CC_BY = "http://creativecommons.org/licenses/by/4.0/deed.nl"
PUBLIC = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
AVAILABLE = "http://data.overheid.nl/status/beschikbaar"
DORDRECHT = "http://standaarden.overheid.nl/owms/terms/Dordrecht"
THEME_SPATIAL = "http://standaarden.overheid.nl/owms/terms/Ruimte_en_infrastructuur"
IDENTIFIER_BASE = "https://data.dordrecht.nl/id/dataset/"

JSONLD_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "adms": "http://www.w3.org/ns/adms#",
    "spdx": "http://spdx.org/rdf/terms#",
    "locn": "http://www.w3.org/ns/locn#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "overheid": "http://standaarden.overheid.nl/owms/terms/",
    "dcatap": "http://data.europa.eu/r5r/",
}
DONL_PROFILE = "https://docs.dcat-ap-donl.nl/v2.0"

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_NAME = re.compile(r"^[a-z0-9_-]{2,100}$")
_TAG = re.compile(r"^[\w .-]{2,100}$", re.UNICODE)


@dataclass
class Distribution:
    """One downloadable file of the dataset (a CKAN resource, a dcat:Distribution)."""

    title: str
    file_name: str
    format: str  # EU file-type URI
    media_type: str
    description: str = ""
    licence: str = ""
    language: list[str] = field(default_factory=lambda: [NLD])
    size: int | None = None
    sha256: str = ""
    download_url: str = ""  # set once published; else relative to the package


@dataclass
class DatasetMetadata:
    """The DCAT-AP-DONL 2.0 fields a municipality fills in (the dialog's form, the algorithm's parameters)."""

    title: str = ""
    description: str = ""
    identifier: str = ""
    name: str = ""
    keywords: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=lambda: [THEME_SPATIAL])
    licence: str = CC0
    authority: str = DORDRECHT
    publisher: str = DORDRECHT
    contact_name: str = ""
    contact_email: str = ""
    contact_website: str = ""
    language: list[str] = field(default_factory=lambda: [NLD])
    metadata_language: str = NLD
    access_rights: str = PUBLIC
    status: str = AVAILABLE
    frequency: str = ""
    modified: str = field(default_factory=lambda: _dt.date.today().isoformat())
    issued: str = ""
    landing_page: str = ""
    spatial_bbox: tuple[float, float, float, float] | None = None  # west, south, east, north (WGS84)
    attribution: str = "Gemeente Dordrecht"
    ckan_organisation: str = ""
    distributions: list[Distribution] = field(default_factory=list)

    def complete(self) -> DatasetMetadata:
        """Fill what can be derived: name from the title, identifier from the name."""
        from .export import safe_name

        if not self.name and self.title:
            self.name = safe_name(self.title).replace("_", "-")[:100]
        if not self.identifier and self.name:
            self.identifier = IDENTIFIER_BASE + self.name
        return self

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> DatasetMetadata:
        data = dict(data)
        distributions = [Distribution(**d) for d in data.pop("distributions", [])]
        bbox = data.pop("spatial_bbox", None)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known, spatial_bbox=tuple(bbox) if bbox else None, distributions=distributions)


@dataclass(frozen=True)
class FieldIssue:
    """One problem with one metadata field (``field`` is the dataclass attribute, e.g. ``licence``)."""

    field: str
    message: str


def _is_date(text: str) -> bool:
    try:
        if "T" in text:
            _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        else:
            _dt.date.fromisoformat(text)
        return True
    except (TypeError, ValueError):
        return False


def validate(metadata: DatasetMetadata) -> list[FieldIssue]:
    """Every DCAT-AP-DONL 2.0 problem, one ``FieldIssue`` per field and problem; empty when valid."""
    issues: list[FieldIssue] = []

    def need(name: str, value, what: str) -> bool:
        if value in (None, "", [], ()) or (isinstance(value, str) and not value.strip()):
            issues.append(FieldIssue(name, f"is required: {what}"))
            return False
        return True

    def in_list(name: str, value: str, key: str) -> None:
        values = value_list(key)
        if value not in values:
            issues.append(
                FieldIssue(
                    name,
                    f"'{value}' is not in the DONL value list {values.name} "
                    f"({values.snapshot_date}); expected e.g. {values.uris[0]}",
                )
            )

    m = metadata
    if need("identifier", m.identifier, "a persistent http(s) URI of the dataset") and not _URL.match(
        m.identifier
    ):
        issues.append(FieldIssue("identifier", f"'{m.identifier}' is not an http(s) URI"))
    if need("name", m.name, "the portal name (lower case letters, digits, - and _)") and not _NAME.match(
        m.name
    ):
        issues.append(FieldIssue("name", f"'{m.name}' must be 2-100 lower-case letters, digits, '-' or '_'"))
    if need("title", m.title, "a title") and len(m.title) > 255:
        issues.append(FieldIssue("title", "is longer than 255 characters"))
    need("description", m.description, "a description of content, origin and quality")
    if need("licence", m.licence, "a licence URI from the DONL licence list"):
        in_list("licence", m.licence, "license")
    if need("themes", m.themes, "at least one theme of the Taxonomie Beleidsagenda"):
        for theme in m.themes:
            in_list("themes", theme, "theme")
    for name in ("authority", "publisher"):
        if need(name, getattr(m, name), "an organisation URI from the DONL organisation list"):
            in_list(name, getattr(m, name), "organisation")
    need("contact_name", m.contact_name, "the name of the contact point (a department, not a person)")
    if not m.contact_email and not m.contact_website:
        issues.append(
            FieldIssue("contact_email", "is required: an e-mail address or a website of the contact point")
        )
    if m.contact_email and not _EMAIL.match(m.contact_email):
        issues.append(FieldIssue("contact_email", f"'{m.contact_email}' is not an e-mail address"))
    if m.contact_website and not _URL.match(m.contact_website):
        issues.append(FieldIssue("contact_website", f"'{m.contact_website}' is not an http(s) URL"))
    if need("language", m.language, "at least one language URI"):
        for language in m.language:
            in_list("language", language, "language")
    if need("metadata_language", m.metadata_language, "the language of the metadata"):
        in_list("metadata_language", m.metadata_language, "language")
    if need("access_rights", m.access_rights, "the access level (openbaarheidsniveau)"):
        in_list("access_rights", m.access_rights, "access_rights")
    if need("status", m.status, "the dataset status"):
        in_list("status", m.status, "dataset_status")
    if m.frequency:
        in_list("frequency", m.frequency, "frequency")
    if need("modified", m.modified, "the date of the last change (YYYY-MM-DD)") and not _is_date(m.modified):
        issues.append(FieldIssue("modified", f"'{m.modified}' is not an ISO 8601 date (YYYY-MM-DD)"))
    if m.issued and not _is_date(m.issued):
        issues.append(FieldIssue("issued", f"'{m.issued}' is not an ISO 8601 date (YYYY-MM-DD)"))
    elif m.issued and _is_date(m.modified) and m.issued[:10] > m.modified[:10]:
        issues.append(FieldIssue("issued", f"'{m.issued}' is after the modification date {m.modified}"))
    if m.landing_page and not _URL.match(m.landing_page):
        issues.append(FieldIssue("landing_page", f"'{m.landing_page}' is not an http(s) URL"))
    for keyword in m.keywords:
        if not _TAG.match(keyword):
            issues.append(
                FieldIssue("keywords", f"'{keyword}' must be 2-100 letters, digits, spaces, '-', '_' or '.'")
            )
    if m.spatial_bbox is not None:
        try:
            west, south, east, north = (float(v) for v in m.spatial_bbox)
            if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
                raise ValueError
        except (TypeError, ValueError):
            issues.append(
                FieldIssue(
                    "spatial_bbox",
                    f"{m.spatial_bbox!r} is not west, south, east, north in "
                    "WGS84 degrees with west < east and south < north",
                )
            )
    for index, dist in enumerate(m.distributions):
        prefix = f"distributions[{index}]"
        need(f"{prefix}.title", dist.title, "a title of the file")
        if need(f"{prefix}.format", dist.format, "a file-type URI"):
            in_list(f"{prefix}.format", dist.format, "file_type")
        if dist.media_type not in MEDIA_TYPES:
            issues.append(
                FieldIssue(f"{prefix}.media_type", f"'{dist.media_type}' is not an accepted IANA media type")
            )
        if dist.licence:
            in_list(f"{prefix}.licence", dist.licence, "license")
        for language in dist.language:
            in_list(f"{prefix}.language", language, "language")
        if not dist.file_name and not dist.download_url:
            issues.append(FieldIssue(f"{prefix}.file_name", "is required: the file or its download URL"))
    return issues


def to_jsonld(m: DatasetMetadata, base_url: str = "") -> dict:
    """The dataset as a DCAT-AP-DONL 2.0 JSON-LD document (``base_url`` prefixes relative file names)."""
    dataset = {
        "@id": m.identifier,
        "@type": "dcat:Dataset",
        "dct:identifier": m.identifier,
        "dct:title": {"@value": m.title, "@language": "nl"},
        "dct:description": {"@value": m.description, "@language": "nl"},
        "dcat:keyword": list(m.keywords),
        "dcat:theme": [{"@id": t} for t in m.themes],
        "dct:license": {"@id": m.licence},
        "overheid:authority": {"@id": m.authority},
        "dct:publisher": {"@id": m.publisher},
        "dcat:contactPoint": {
            "@type": "vcard:Organization",
            "vcard:fn": m.contact_name,
            **({"vcard:hasEmail": {"@id": f"mailto:{m.contact_email}"}} if m.contact_email else {}),
            **({"vcard:hasURL": {"@id": m.contact_website}} if m.contact_website else {}),
        },
        "dct:language": [{"@id": lang} for lang in m.language],
        "dct:accessRights": {"@id": m.access_rights},
        "adms:status": {"@id": m.status},
        "dct:modified": {"@value": m.modified, "@type": "xsd:date"},
        "dct:conformsTo": {"@id": DONL_PROFILE},
        "dcat:distribution": [],
    }
    if m.issued:
        dataset["dct:issued"] = {"@value": m.issued, "@type": "xsd:date"}
    if m.frequency:
        dataset["dct:accrualPeriodicity"] = {"@id": m.frequency}
    if m.landing_page:
        dataset["dcat:landingPage"] = {"@id": m.landing_page}
    if m.spatial_bbox:
        west, south, east, north = m.spatial_bbox
        dataset["dct:spatial"] = {
            "@type": "dct:Location",
            "dcat:bbox": {
                "@value": f"POLYGON(({west} {south},{east} {south},{east} {north},{west} {north},"
                f"{west} {south}))",
                "@type": "http://www.opengis.net/ont/geosparql#wktLiteral",
            },
        }
    for dist in m.distributions:
        url = dist.download_url or (
            base_url.rstrip("/") + "/" + dist.file_name if base_url else dist.file_name
        )
        entry = {
            "@type": "dcat:Distribution",
            "dct:title": {"@value": dist.title, "@language": "nl"},
            "dcat:accessURL": {"@id": url},
            "dcat:downloadURL": {"@id": url},
            "dct:format": {"@id": dist.format},
            "dcat:mediaType": dist.media_type,
            "dct:license": {"@id": dist.licence or m.licence},
            "dct:language": [{"@id": lang} for lang in dist.language],
        }
        if dist.description:
            entry["dct:description"] = {"@value": dist.description, "@language": "nl"}
        if dist.size is not None:
            entry["dcat:byteSize"] = {"@value": str(dist.size), "@type": "xsd:decimal"}
        if dist.sha256:
            entry["spdx:checksum"] = {
                "@type": "spdx:Checksum",
                "spdx:algorithm": {"@id": "spdx:checksumAlgorithm_sha256"},
                "spdx:checksumValue": dist.sha256,
            }
        dataset["dcat:distribution"].append(entry)
    return {"@context": JSONLD_CONTEXT, **dataset}


def to_ckan_package(m: DatasetMetadata) -> dict:
    """The CKAN package_create/package_patch dictionary of the data.overheid.nl schema (no resources)."""
    package = {
        "name": m.name,
        "title": m.title,
        "notes": m.description,
        "owner_org": m.ckan_organisation,
        "identifier": m.identifier,
        "license_id": m.licence,
        "theme": list(m.themes),
        "authority": m.authority,
        "publisher": m.publisher,
        "contact_point_name": m.contact_name,
        "contact_point_email": m.contact_email,
        "contact_point_website": m.contact_website,
        "language": list(m.language),
        "metadata_language": m.metadata_language,
        "access_rights": m.access_rights,
        "dataset_status": m.status,
        "modified": m.modified,
        "conforms_to": [DONL_PROFILE],
        "tags": [{"name": k} for k in m.keywords],
    }
    if m.issued:
        package["issued"] = m.issued
    if m.frequency:
        package["frequency"] = m.frequency
    if m.landing_page:
        package["url"] = m.landing_page
    if m.spatial_bbox:
        west, south, east, north = m.spatial_bbox
        ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
        package["spatial"] = json.dumps({"type": "Polygon", "coordinates": [ring]})
    return {k: v for k, v in package.items() if v not in ("", None)}


def to_ckan_resource(m: DatasetMetadata, dist: Distribution) -> dict:
    """The CKAN resource dictionary of one distribution (without ``package_id`` and upload)."""
    resource = {
        "name": dist.title,
        "description": dist.description,
        "format": dist.format,
        "mimetype": dist.media_type,
        "license_id": dist.licence or m.licence,
        "language": list(dist.language),
        "metadata_language": m.metadata_language,
        "size": dist.size,
        "hash": dist.sha256,
        "hash_algorithm": "http://spdx.org/rdf/terms#checksumAlgorithm_sha256" if dist.sha256 else "",
    }
    return {k: v for k, v in resource.items() if v not in ("", None)}


def from_layer(layer, defaults: DatasetMetadata | None = None) -> DatasetMetadata:
    """Prefill the form from a layer's QGIS metadata (title, abstract, keywords, licence, contact,
    identifier, language) and its extent in WGS84; missing values come from ``defaults``."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    m = (
        DatasetMetadata(**{k: v for k, v in asdict(defaults).items() if k != "distributions"})
        if defaults
        else DatasetMetadata()
    )
    md = layer.metadata()
    m.title = md.title() or m.title or layer.name()
    m.description = md.abstract() or m.description
    keywords = [k for values in md.keywords().values() for k in values]
    if keywords:
        m.keywords = list(dict.fromkeys(k.strip() for k in keywords if k.strip()))
    for licence in md.licenses():
        uri = value_list("license").find(licence)
        if uri:
            m.licence = uri
            break
    if md.contacts():
        contact = md.contacts()[0]
        m.contact_name = contact.organization or m.contact_name
        m.contact_email = contact.email or m.contact_email
    if md.identifier() and _URL.match(md.identifier()):
        m.identifier = md.identifier()
    language = (md.language() or "").lower()[:2]
    if language in ("nl", "du"):
        m.language = [NLD]
    elif language == "en":
        m.language = [ENG]
    extent = layer.extent()
    if not extent.isEmpty():
        transform = QgsCoordinateTransform(
            layer.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance().transformContext()
        )
        box = transform.transformBoundingBox(extent)
        m.spatial_bbox = tuple(
            round(v, 6) for v in (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())
        )
    return m.complete()
