"""The twin layer catalogue: local sample layers and national services, searchable, loadable once.

The catalogue is ``resources/catalogue/twin_catalogue.json`` (versioned, dated). Each entry knows its
QGIS provider URI; :func:`make_layer` builds the layer with the real provider (WMTS/WMS through
``wms``, WFS and OGC API Features through ``WFS``/``OAPIF``, WCS through ``wcs``, files through
``ogr``/``gdal``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from qgis.core import (
    QgsDataSourceUri,
    QgsLayerMetadata,
    QgsMapLayer,
    QgsProject,
    QgsRasterLayer,
    QgsVectorLayer,
)

from ....core.errors import SmartSocietyError
from ....core.paths import RESOURCES_DIR

CATALOGUE_PATH = RESOURCES_DIR / "catalogue" / "twin_catalogue.json"
VECTOR_KINDS = ("gpkg", "wfs", "oapif")
RASTER_KINDS = ("raster", "wmts", "wms", "wcs")
SERVICE_KINDS = ("wmts", "wms", "wfs", "oapif", "wcs")
FAVOURITES_SETTING = "smart_society/smart_twin/favourites"
#: custom property that marks a layer as loaded from the catalogue (entry id)
ENTRY_PROPERTY = "smart_society/catalogue_entry"


class CatalogueError(SmartSocietyError):
    """The catalogue file is malformed, an entry is unknown, or a catalogue source cannot be loaded."""


@dataclass(frozen=True)
class CatalogueEntry:
    id: str
    name: str
    theme: str
    group: str
    kind: str
    abstract: str = ""
    url: str = ""
    path: str = ""
    layer: str = ""
    layers: tuple = ()
    params: dict = field(default_factory=dict, hash=False, compare=False)
    keywords: tuple = ()
    licence: str = ""
    attribution: str = ""
    style: str = ""
    is_3d: bool = False
    years: tuple = ()
    default_year: Optional[int] = None
    previous_urls: tuple = ()

    @property
    def is_service(self) -> bool:
        return self.kind in SERVICE_KINDS

    @property
    def is_vector(self) -> bool:
        return self.kind in VECTOR_KINDS

    def resolved_url(self, year: Optional[int] = None) -> str:
        if "{year}" not in self.url:
            return self.url
        chosen = year or self.default_year or (self.years[-1] if self.years else None)
        if self.years and chosen not in self.years:
            raise CatalogueError(
                f"Catalogue entry '{self.id}': year {chosen} is not offered "
                f"(available: {', '.join(str(y) for y in self.years)})"
            )
        return self.url.replace("{year}", str(chosen))

    def resolved_path(self, places: dict) -> Optional[Path]:
        if not self.path:
            return None
        text = self.path
        for key, value in places.items():
            text = text.replace("{" + key + "}", str(value))
        if "{" in text:
            return None
        return Path(text)

    def with_url(self, url: str, layer: Optional[str] = None) -> CatalogueEntry:
        """A copy pointing at another endpoint (a mirror, or a local test server)."""
        return replace(self, url=url, layer=layer if layer is not None else self.layer)

    def matches(self, text: str) -> bool:
        words = [w for w in re.split(r"\s+", text.lower().strip()) if w]
        haystack = " ".join(
            [self.name, self.abstract, self.theme, self.group, self.layer, *self.keywords, *self.layers]
        ).lower()
        return all(word in haystack for word in words)

    def metadata(self) -> QgsLayerMetadata:
        metadata = QgsLayerMetadata()
        metadata.setIdentifier(self.id)
        metadata.setTitle(self.name)
        metadata.setAbstract(self.abstract)
        metadata.setKeywords({"theme": [self.theme], "keywords": list(self.keywords)})
        metadata.setCategories([self.theme])
        metadata.setLicenses([self.licence] if self.licence else [])
        metadata.setRights([self.attribution] if self.attribution else [])
        return metadata


@dataclass
class Catalogue:
    version: int
    date: str
    groups: list
    entries: list

    def entry(self, entry_id: str) -> CatalogueEntry:
        for entry in self.entries:
            if entry.id == entry_id:
                return entry
        raise CatalogueError(f"Catalogue has no entry '{entry_id}'")

    def search(
        self, text: str = "", theme: str = "", favourites_only: bool = False, favourites: Optional[set] = None
    ) -> list[CatalogueEntry]:
        """Entries matching every word of ``text`` (in name, abstract, theme, keywords, layer names)."""
        result = []
        for entry in self.entries:
            if theme and entry.theme != theme:
                continue
            if favourites_only and entry.id not in (favourites or set()):
                continue
            if text and not entry.matches(text):
                continue
            result.append(entry)
        return result

    def by_theme(self, entries: Optional[list] = None) -> dict:
        grouped: dict = {}
        for entry in entries if entries is not None else self.entries:
            grouped.setdefault(entry.theme, []).append(entry)
        return dict(sorted(grouped.items()))

    def find_by_url(self, url: str) -> list[tuple[CatalogueEntry, bool]]:
        """Entries whose current (True) or previous (False) endpoint is ``url``."""
        wanted = normalise_url(url)
        found = []
        for entry in self.entries:
            if not entry.url:
                continue
            years = entry.years or (None,)
            current = {normalise_url(entry.resolved_url(y)) for y in years}
            if wanted in current:
                found.append((entry, True))
                continue
            for previous in entry.previous_urls:
                variants = {normalise_url(previous.replace("{year}", str(y))) for y in years}
                if wanted in variants:
                    found.append((entry, False))
                    break
        return found


def normalise_url(url: str) -> str:
    """An endpoint without query string, scheme case or trailing slash, for comparisons."""
    text = str(url or "").strip()
    text = text.split("?")[0].rstrip("/")
    return re.sub(r"^https?://", "", text, flags=re.IGNORECASE).lower()


def _entry_from_json(data: dict, source: Path) -> CatalogueEntry:
    for key in ("id", "name", "theme", "group", "kind"):
        if not data.get(key):
            raise CatalogueError(f"{source.name}: an entry lacks '{key}' ({data.get('id', data)})")
    kind = data["kind"]
    if kind not in VECTOR_KINDS + RASTER_KINDS:
        raise CatalogueError(
            f"{source.name}, entry '{data['id']}': kind '{kind}' is unknown (expected one of "
            f"{', '.join(VECTOR_KINDS + RASTER_KINDS)})"
        )
    if kind in SERVICE_KINDS and not data.get("url"):
        raise CatalogueError(f"{source.name}, entry '{data['id']}': a {kind} service needs 'url'")
    if kind not in SERVICE_KINDS and not data.get("path"):
        raise CatalogueError(f"{source.name}, entry '{data['id']}': a local {kind} entry needs 'path'")
    return CatalogueEntry(
        id=data["id"],
        name=data["name"],
        theme=data["theme"],
        group=data["group"],
        kind=kind,
        abstract=data.get("abstract", ""),
        url=data.get("url", ""),
        path=data.get("path", ""),
        layer=data.get("layer", ""),
        layers=tuple(data.get("layers", ())),
        params=dict(data.get("params", {})),
        keywords=tuple(data.get("keywords", ())),
        licence=data.get("licence", ""),
        attribution=data.get("attribution", ""),
        style=data.get("style", ""),
        is_3d=bool(data.get("is_3d")),
        years=tuple(data.get("years", ())),
        default_year=data.get("default_year"),
        previous_urls=tuple(data.get("previous_urls", ())),
    )


def load_catalogue(path=None) -> Catalogue:
    """Read and validate the catalogue JSON (the shipped one by default)."""
    source = Path(path) if path else CATALOGUE_PATH
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise CatalogueError(f"{source}: cannot read the catalogue ({error})") from error
    for key in ("catalogue_version", "date", "entries"):
        if key not in data:
            raise CatalogueError(f"{source.name}: missing '{key}'")
    entries = [_entry_from_json(item, source) for item in data["entries"]]
    ids = [e.id for e in entries]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CatalogueError(f"{source.name}: duplicate entry ids {', '.join(duplicates)}")
    return Catalogue(
        version=int(data["catalogue_version"]),
        date=str(data["date"]),
        groups=list(data.get("groups", [])),
        entries=entries,
    )


def layer_uri(
    entry: CatalogueEntry,
    places: Optional[dict] = None,
    year: Optional[int] = None,
    layer_name: Optional[str] = None,
) -> tuple[str, str]:
    """``(uri, provider key)`` of a catalogue entry."""
    name = layer_name or entry.layer
    params = entry.params
    if entry.kind in ("gpkg", "raster"):
        path = entry.resolved_path(places or {})
        if path is None:
            raise CatalogueError(
                f"Catalogue entry '{entry.id}': its file {entry.path} needs a location "
                f"(e.g. the sample district folder) that is not set"
            )
        if entry.kind == "gpkg":
            return f"{path}|layername={name}", "ogr"
        return str(path), "gdal"
    url = entry.resolved_url(year)
    if entry.kind == "wmts":
        capabilities = f"{url}?request=GetCapabilities&service=WMTS"
        uri = (
            f"contextualWMSLegend=0&crs={params.get('crs', 'EPSG:28992')}&dpiMode=7"
            f"&format={params.get('format', 'image/png')}&layers={name}"
            f"&styles={params.get('styles', 'default')}"
            f"&tileMatrixSet={params.get('tileMatrixSet', 'EPSG:28992')}&url={quote(capabilities, safe=':/')}"
        )
        return uri, "wms"
    if entry.kind == "wms":
        uri = (
            f"contextualWMSLegend=0&crs={params.get('crs', 'EPSG:28992')}&dpiMode=7"
            f"&format={params.get('format', 'image/png')}&layers={name}&styles={params.get('styles', '')}"
            f"&url={url}"
        )
        return uri, "wms"
    if entry.kind == "wcs":
        data_uri = QgsDataSourceUri()
        data_uri.setParam("url", url)
        data_uri.setParam("identifier", name)
        data_uri.setParam("crs", params.get("crs", "EPSG:28992"))
        if params.get("format"):
            data_uri.setParam("format", params["format"])
        if params.get("version"):
            data_uri.setParam("version", params["version"])
        return bytes(data_uri.encodedUri()).decode(), "wcs"
    data_uri = QgsDataSourceUri()
    data_uri.setParam("url", url)
    data_uri.setParam("typename", name)
    if entry.kind == "wfs":
        data_uri.setParam("version", params.get("version", "auto"))
        data_uri.setParam("srsname", params.get("srsname", "EPSG:28992"))
        data_uri.setParam("pagingEnabled", "true")
        return data_uri.uri(False), "WFS"
    return data_uri.uri(False), "OAPIF"


def make_layer(
    entry: CatalogueEntry,
    places: Optional[dict] = None,
    year: Optional[int] = None,
    layer_name: Optional[str] = None,
    apply_style: bool = True,
) -> QgsMapLayer:
    """Build the QGIS layer of an entry (not added to a project). Raises :class:`CatalogueError` naming the
    entry and the source when the provider cannot open it (missing file, unreachable service)."""
    uri, provider = layer_uri(entry, places, year, layer_name)
    title = entry.name if not layer_name or layer_name == entry.layer else f"{entry.name} - {layer_name}"
    layer_class = QgsVectorLayer if entry.is_vector else QgsRasterLayer
    layer = layer_class(uri, title, provider)
    if not layer.isValid():
        # (QgsMapLayer.error() of an invalid layer crashes on 3.22: the message names what we know)
        where = entry.resolved_url(year) if entry.is_service else uri.split("|")[0]
        what = (
            f"the service is unreachable or has no layer '{layer_name or entry.layer}'"
            if entry.is_service
            else "the file is missing or not readable"
        )
        raise CatalogueError(
            f"Catalogue entry '{entry.id}' ({entry.name}): cannot open {where} "
            f"with the {provider} provider: {what}"
        )
    layer.setMetadata(entry.metadata())
    layer.setAttribution(entry.attribution)
    layer.setCustomProperty(ENTRY_PROPERTY, entry.id)
    if apply_style and entry.style:
        from ....core.paths import style_path

        style = Path(style_path(entry.style))
        if style.exists():
            layer.loadNamedStyle(str(style))
    return layer


def loaded_layer(
    project: QgsProject,
    entry: CatalogueEntry,
    places: Optional[dict] = None,
    year: Optional[int] = None,
    layer_name: Optional[str] = None,
) -> Optional[QgsMapLayer]:
    """The layer of ``project`` that already shows this entry (same source), if any."""
    uri, provider = layer_uri(entry, places, year, layer_name)
    wanted = _source_key(uri, provider)
    for layer in project.mapLayers().values():
        if layer.providerType() == provider and _source_key(layer.source(), provider) == wanted:
            return layer
    return None


def _source_key(source: str, provider: str) -> str:
    if provider in ("ogr", "gdal"):
        parts = source.split("|")
        path = str(Path(parts[0]).resolve()) if parts[0] else ""
        layer = next((p for p in parts[1:] if p.startswith("layername=")), "")
        return f"{path}|{layer}"
    uri = QgsDataSourceUri(source) if provider in ("WFS", "OAPIF", "wcs") else None
    if uri is not None:
        return f"{normalise_url(uri.param('url'))}|{uri.param('typename') or uri.param('identifier')}"
    # wms/wmts: url + layers
    params = dict(part.split("=", 1) for part in source.split("&") if "=" in part)
    from urllib.parse import unquote

    return f"{normalise_url(unquote(params.get('url', '')))}|{params.get('layers', '')}"


def add_to_project(
    project: QgsProject,
    entry: CatalogueEntry,
    places: Optional[dict] = None,
    year: Optional[int] = None,
    layer_name: Optional[str] = None,
    group=None,
) -> tuple[QgsMapLayer, bool]:
    """Add the entry's layer to the project unless it is there already: returns ``(layer, added)``."""
    existing = loaded_layer(project, entry, places, year, layer_name)
    if existing is not None:
        return existing, False
    layer = make_layer(entry, places, year, layer_name)
    if group is None:
        project.addMapLayer(layer)
    else:
        project.addMapLayer(layer, False)
        group.addLayer(layer)
    return layer, True


def read_favourites() -> set:
    from qgis.core import QgsSettings

    value = QgsSettings().value(FAVOURITES_SETTING, "", type=str)
    return {v for v in value.split(";") if v}


def write_favourites(favourites: set) -> None:
    from qgis.core import QgsSettings

    QgsSettings().setValue(FAVOURITES_SETTING, ";".join(sorted(favourites)))


def toggle_favourite(entry_id: str) -> bool:
    """Add or remove a favourite; returns whether it is a favourite now."""
    favourites = read_favourites()
    if entry_id in favourites:
        favourites.discard(entry_id)
        now = False
    else:
        favourites.add(entry_id)
        now = True
    write_favourites(favourites)
    return now
