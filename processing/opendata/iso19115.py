"""ISO 19115 metadata in the Dutch profile 2.1.0 (ISO 19139 XML) for the Nationaal Georegister route."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from pathlib import Path

from .metadata import DatasetMetadata
from .valuelists import value_list

NS = {
    "gmd": "http://www.isotc211.org/2005/gmd",
    "gco": "http://www.isotc211.org/2005/gco",
    "gmx": "http://www.isotc211.org/2005/gmx",
    "gml": "http://www.opengis.net/gml",
    "xlink": "http://www.w3.org/1999/xlink",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
SCHEMA_LOCATION = (
    "http://www.isotc211.org/2005/gmd http://schemas.opengis.net/csw/2.0.2/profiles/apiso/1.0.0/apiso.xsd"
)
PROFILE_NAME = "ISO 19115"
PROFILE_VERSION = "Nederlands metadata profiel op ISO 19115 voor geografie 2.1.0"
CODELIST = "http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#"
#: Taxonomie Beleidsagenda theme -> ISO 19115 topic category
TOPIC_CATEGORIES = {
    "Ruimte_en_infrastructuur": "planningCadastre",
    "Ruimtelijke_ordening": "planningCadastre",
    "Bouwen_en_verbouwen": "structure",
    "Natuur_en_milieu": "environment",
    "Natuur-_en_landschapsbeheer": "environment",
    "Klimaatverandering": "climatologyMeteorologyAtmosphere",
    "Lucht": "climatologyMeteorologyAtmosphere",
    "Geluid": "environment",
    "Verkeer_(thema)": "transportation",
    "Economie": "economy",
    "Energie": "utilitiesCommunication",
    "Zorg_en_gezondheid": "health",
    "Bestuur": "boundaries",
    "Huisvesting_(thema)": "society",
    "Onderwijs_en_wetenschap": "society",
    "Cultuur_en_recreatie": "society",
    "Openbare_orde_en_veiligheid": "society",
}
ISO_LANGUAGE = {"NLD": "dut", "ENG": "eng", "DEU": "ger", "FRA": "fre", "FRY": "fry"}

for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)


def _q(tag: str) -> str:
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _sub(parent, tag: str, text: str | None = None, **attributes):
    element = ET.SubElement(
        parent, _q(tag), {(_q(k.replace("_", ":", 1)) if "_" in k else k): v for k, v in attributes.items()}
    )
    if text is not None:
        element.text = text
    return element


def _string(parent, tag: str, text: str):
    _sub(_sub(parent, tag), "gco:CharacterString", text)


def _anchor(parent, tag: str, text: str, href: str):
    _sub(_sub(parent, tag), "gmx:Anchor", text, xlink_href=href)


def _code(parent, tag: str, code_list: str, value: str):
    _sub(_sub(parent, tag), f"gmd:{code_list}", value, codeList=CODELIST + code_list, codeListValue=value)


def _party(parent, tag: str, organisation: str, email: str, role: str, website: str = ""):
    party = _sub(_sub(parent, tag), "gmd:CI_ResponsibleParty")
    _string(party, "gmd:organisationName", organisation)
    info = _sub(_sub(party, "gmd:contactInfo"), "gmd:CI_Contact")
    if email:
        address = _sub(_sub(info, "gmd:address"), "gmd:CI_Address")
        _string(address, "gmd:electronicMailAddress", email)
    if website:
        online = _sub(_sub(info, "gmd:onlineResource"), "gmd:CI_OnlineResource")
        _sub(_sub(online, "gmd:linkage"), "gmd:URL", website)
    _code(party, "gmd:role", "CI_RoleCode", role)


def _language_code(uri: str) -> str:
    return ISO_LANGUAGE.get(uri.rsplit("/", 1)[-1], "dut")


def iso19115_tree(
    m: DatasetMetadata,
    file_identifier: str | None = None,
    reference_system: str = "EPSG:28992",
    lineage: str = "",
) -> ET.ElementTree:
    """The ISO 19139 document of the Dutch profile 2.1.0 for ``m``."""
    file_identifier = file_identifier or str(uuid.uuid5(uuid.NAMESPACE_URL, m.identifier or m.title))
    root = ET.Element(_q("gmd:MD_Metadata"), {_q("xsi:schemaLocation"): SCHEMA_LOCATION})
    _string(root, "gmd:fileIdentifier", file_identifier)
    _code(root, "gmd:language", "LanguageCode", _language_code(m.metadata_language))
    _code(root, "gmd:characterSet", "MD_CharacterSetCode", "utf8")
    _code(root, "gmd:hierarchyLevel", "MD_ScopeCode", "dataset")
    organisation = value_list("organisation").label(m.authority)
    _party(root, "gmd:contact", organisation, m.contact_email, "pointOfContact", m.contact_website)
    _sub(_sub(root, "gmd:dateStamp"), "gco:Date", m.modified[:10])
    _string(root, "gmd:metadataStandardName", PROFILE_NAME)
    _string(root, "gmd:metadataStandardVersion", PROFILE_VERSION)
    epsg = reference_system.split(":")[-1]
    rs = _sub(
        _sub(_sub(root, "gmd:referenceSystemInfo"), "gmd:MD_ReferenceSystem"), "gmd:referenceSystemIdentifier"
    )
    _anchor(
        _sub(rs, "gmd:RS_Identifier"),
        "gmd:code",
        f"Amersfoort / RD New (EPSG:{epsg})",
        f"http://www.opengis.net/def/crs/EPSG/0/{epsg}",
    )

    ident = _sub(_sub(root, "gmd:identificationInfo"), "gmd:MD_DataIdentification")
    citation = _sub(_sub(ident, "gmd:citation"), "gmd:CI_Citation")
    _string(citation, "gmd:title", m.title)
    for date, kind in ((m.issued or m.modified, "creation"), (m.modified, "revision")):
        ci_date = _sub(_sub(citation, "gmd:date"), "gmd:CI_Date")
        _sub(_sub(ci_date, "gmd:date"), "gco:Date", date[:10])
        _code(ci_date, "gmd:dateType", "CI_DateTypeCode", kind)
    _anchor(
        _sub(_sub(citation, "gmd:identifier"), "gmd:MD_Identifier"), "gmd:code", m.identifier, m.identifier
    )
    _string(ident, "gmd:abstract", m.description)
    _code(
        ident, "gmd:status", "MD_ProgressCode", "completed" if m.status.endswith("beschikbaar") else "planned"
    )
    _party(ident, "gmd:pointOfContact", organisation, m.contact_email, "pointOfContact", m.contact_website)
    if m.keywords or m.themes:
        keywords = _sub(_sub(ident, "gmd:descriptiveKeywords"), "gmd:MD_Keywords")
        for keyword in m.keywords:
            _string(keywords, "gmd:keyword", keyword)
        for theme in m.themes:
            _anchor(keywords, "gmd:keyword", value_list("theme").label(theme), theme)
    constraints = _sub(_sub(ident, "gmd:resourceConstraints"), "gmd:MD_Constraints")
    _string(
        constraints,
        "gmd:useLimitation",
        f"Naamsvermelding: {m.attribution}" if m.attribution else "Geen beperkingen",
    )
    legal = _sub(_sub(ident, "gmd:resourceConstraints"), "gmd:MD_LegalConstraints")
    _code(legal, "gmd:accessConstraints", "MD_RestrictionCode", "otherRestrictions")
    _anchor(legal, "gmd:otherConstraints", value_list("license").label(m.licence), m.licence)
    _code(ident, "gmd:spatialRepresentationType", "MD_SpatialRepresentationTypeCode", "vector")
    for language in m.language:
        _code(ident, "gmd:language", "LanguageCode", _language_code(language))
    _code(ident, "gmd:characterSet", "MD_CharacterSetCode", "utf8")
    categories = {TOPIC_CATEGORIES.get(t.rsplit("/", 1)[-1], "planningCadastre") for t in m.themes}
    for category in sorted(categories or {"planningCadastre"}):
        _sub(_sub(ident, "gmd:topicCategory"), "gmd:MD_TopicCategoryCode", category)
    if m.spatial_bbox:
        box = _sub(
            _sub(_sub(_sub(ident, "gmd:extent"), "gmd:EX_Extent"), "gmd:geographicElement"),
            "gmd:EX_GeographicBoundingBox",
        )
        for tag, value in zip(
            ("westBoundLongitude", "eastBoundLongitude", "southBoundLatitude", "northBoundLatitude"),
            (m.spatial_bbox[0], m.spatial_bbox[2], m.spatial_bbox[1], m.spatial_bbox[3]),
        ):
            _sub(_sub(box, f"gmd:{tag}"), "gco:Decimal", f"{value:.6f}")

    distribution = _sub(_sub(root, "gmd:distributionInfo"), "gmd:MD_Distribution")
    seen_formats = []
    for dist in m.distributions:
        label = value_list("file_type").label(dist.format)
        if label in seen_formats:
            continue
        seen_formats.append(label)
        fmt = _sub(_sub(distribution, "gmd:distributionFormat"), "gmd:MD_Format")
        _anchor(fmt, "gmd:name", label, dist.format)
        _string(fmt, "gmd:version", "-")
    transfer = _sub(_sub(distribution, "gmd:transferOptions"), "gmd:MD_DigitalTransferOptions")
    for dist in m.distributions:
        online = _sub(_sub(transfer, "gmd:onLine"), "gmd:CI_OnlineResource")
        _sub(_sub(online, "gmd:linkage"), "gmd:URL", dist.download_url or dist.file_name)
        _anchor(
            online,
            "gmd:protocol",
            "download",
            "http://www.iana.org/assignments/media-types/" + dist.media_type,
        )
        _string(online, "gmd:name", dist.title)
        _code(online, "gmd:function", "CI_OnLineFunctionCode", "download")

    quality = _sub(_sub(root, "gmd:dataQualityInfo"), "gmd:DQ_DataQuality")
    scope = _sub(_sub(quality, "gmd:scope"), "gmd:DQ_Scope")
    _code(scope, "gmd:level", "MD_ScopeCode", "dataset")
    lineage_element = _sub(_sub(quality, "gmd:lineage"), "gmd:LI_Lineage")
    _string(
        lineage_element,
        "gmd:statement",
        lineage
        or f"Geëxporteerd uit de Dordrecht Smart Twin (QGIS) door {m.attribution}; persoonsgegevens zijn "
        "verwijderd tenzij per veld vrijgegeven.",
    )
    ET.indent(root)
    return ET.ElementTree(root)


def write_iso19115(m: DatasetMetadata, path: Path, **kwargs) -> Path:
    """Write the ISO 19139 XML (UTF-8, with declaration) to ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    iso19115_tree(m, **kwargs).write(path, encoding="UTF-8", xml_declaration=True)
    return path
