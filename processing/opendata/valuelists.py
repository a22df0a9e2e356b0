"""The DCAT-AP-DONL 2.0 value lists shipped offline in ``resources/opendata/donl`` (each with its date)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ...core.paths import RESOURCES_DIR
from .errors import OpenDataError

VALUE_LIST_DIR = RESOURCES_DIR / "opendata" / "donl"
LIST_FILES = {
    "license": "license.json",
    "theme": "theme.json",
    "organisation": "organisation.json",
    "language": "language.json",
    "file_type": "file_type.json",
    "access_rights": "access_rights.json",
    "dataset_status": "dataset_status.json",
    "frequency": "frequency.json",
}
#: IANA media types accepted for distributions (DONL checks them against the IANA register).
MEDIA_TYPES = frozenset(
    {
        "application/geo+json",
        "application/geopackage+sqlite3",
        "text/csv",
        "application/zip",
        "application/json",
        "application/ld+json",
        "application/xml",
        "text/xml",
        "text/plain",
        "text/markdown",
        "application/pdf",
        "text/html",
    }
)


@dataclass(frozen=True)
class ValueList:
    name: str
    source: str
    snapshot_date: str
    values: tuple[tuple[str, str, str], ...]  # (uri, label_nl, label_en)

    def __contains__(self, uri) -> bool:
        return any(uri == value[0] for value in self.values)

    @property
    def uris(self) -> list[str]:
        return [value[0] for value in self.values]

    def label(self, uri: str, language: str = "nl") -> str:
        for value_uri, label_nl, label_en in self.values:
            if value_uri == uri:
                return label_nl if language == "nl" else label_en
        return uri

    def find(self, text: str) -> str | None:
        """The URI whose URI or label matches ``text`` (case-insensitive), e.g. 'CC BY 4.0'."""
        needle = (text or "").strip().lower()
        if not needle:
            return None
        for uri, label_nl, label_en in self.values:
            if needle in (uri.lower(), label_nl.lower(), label_en.lower()):
                return uri
        for uri, label_nl, label_en in self.values:
            if needle in label_nl.lower() or needle in label_en.lower():
                return uri
        return None


@cache
def value_list(key: str, directory: str = str(VALUE_LIST_DIR)) -> ValueList:
    """One shipped value list, e.g. ``value_list("license")``."""
    if key not in LIST_FILES:
        raise OpenDataError(f"Unknown DONL value list '{key}'; expected one of {', '.join(LIST_FILES)}.")
    path = Path(directory) / LIST_FILES[key]
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        values = tuple((v["uri"], v["label_nl"], v["label_en"]) for v in data["values"])
        return ValueList(data["name"], data["source"], data["snapshot_date"], values)
    except (OSError, ValueError, KeyError) as error:
        raise OpenDataError(
            f"DONL value list {path} is missing or malformed (expected name, source, "
            f"snapshot_date and values with uri/label_nl/label_en): {error}"
        ) from error


def value_list_dates() -> dict[str, str]:
    """``{list key: snapshot date}`` of every shipped list."""
    return {key: value_list(key).snapshot_date for key in LIST_FILES}
