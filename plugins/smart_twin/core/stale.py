"""Stale sources: service layers whose endpoint no longer matches the catalogue, with a one-click repair.

A layer is stale when its URL is a *previous* endpoint of a catalogue entry (PDOK moved most services
from geodata.nationaalgeoregister.nl to service.pdok.nl), when it was loaded from a catalogue entry whose
endpoint has changed since, or when it points at a host the catalogue marks as retired. The repair swaps
the URL in the layer's data source and keeps the layer (style, metadata, position) as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from qgis.core import QgsDataSourceUri, QgsProject

from . import catalogue as catalogue_module

SERVICE_PROVIDERS = ("wms", "WFS", "OAPIF", "wcs")
RETIRED_HOSTS = ("geodata.nationaalgeoregister.nl",)


@dataclass
class StaleSource:
    layer_id: str
    layer_name: str
    provider: str
    url: str
    entry_id: str = ""
    new_url: str = ""
    new_source: str = ""
    reason: str = ""

    @property
    def repairable(self) -> bool:
        return bool(self.new_source)


def _uri(provider: str, source: str) -> QgsDataSourceUri:
    uri = QgsDataSourceUri()
    if provider in ("wms", "wcs"):
        uri.setEncodedUri(source)
    else:
        uri = QgsDataSourceUri(source)
    return uri


def _source_with_url(provider: str, source: str, new_url: str) -> str:
    uri = _uri(provider, source)
    old = uri.param("url")
    if provider == "wms" and "request=getcapabilities" in old.lower():  # WMTS keeps its capabilities query
        query = old.split("?", 1)[1] if "?" in old else "request=GetCapabilities&service=WMTS"
        new_url = f"{new_url}?{query}"
    uri.removeParam("url")
    uri.setParam("url", new_url)
    if provider in ("wms", "wcs"):
        return bytes(uri.encodedUri()).decode()
    return uri.uri(False)


def check_source(
    provider: str, source: str, catalogue: catalogue_module.Catalogue, entry_id: str = ""
) -> Optional[StaleSource]:
    """A :class:`StaleSource` (without layer id/name) when this service source is stale, else ``None``."""
    if provider not in SERVICE_PROVIDERS:
        return None
    uri = _uri(provider, source)
    url = uri.param("url")
    if not url:
        return None
    layer_name = uri.param("typename") or uri.param("identifier") or uri.param("layers")
    for entry, current in catalogue.find_by_url(url):
        if current:
            return None
        year = None
        if entry.years:
            year = next((y for y in entry.years if str(y) in url), None)
        new_url = entry.resolved_url(year)
        return StaleSource(
            "",
            "",
            provider,
            url,
            entry.id,
            new_url,
            _source_with_url(provider, source, new_url),
            f"'{catalogue_module.normalise_url(url)}' was replaced by '{new_url}' "
            f"(catalogue entry {entry.id}, layer {layer_name})",
        )
    if entry_id:
        try:
            entry = catalogue.entry(entry_id)
        except catalogue_module.CatalogueError:
            entry = None
        if entry is not None and entry.url and "{year}" not in entry.url:
            new_url = entry.resolved_url()
            return StaleSource(
                "",
                "",
                provider,
                url,
                entry.id,
                new_url,
                _source_with_url(provider, source, new_url),
                f"loaded from catalogue entry {entry.id}, whose endpoint is now '{new_url}'",
            )
    host = catalogue_module.normalise_url(url).split("/")[0]
    if host in RETIRED_HOSTS:
        return StaleSource(
            "",
            "",
            provider,
            url,
            reason=f"host {host} is retired and the catalogue has no "
            f"replacement for '{url}' (layer {layer_name})",
        )
    return None


def find_stale_sources(project: QgsProject, catalogue: Optional[catalogue_module.Catalogue] = None) -> list:
    """Every stale service layer of the project (valid or not: an unreachable old URL makes it invalid)."""
    catalogue = catalogue or catalogue_module.load_catalogue()
    result = []
    for layer_id, layer in project.mapLayers().items():
        stale = check_source(
            layer.providerType(),
            layer.source(),
            catalogue,
            str(layer.customProperty(catalogue_module.ENTRY_PROPERTY, "") or ""),
        )
        if stale is not None:
            stale.layer_id, stale.layer_name = layer_id, layer.name()
            result.append(stale)
    return result


def repair(project: QgsProject, stale_sources: list) -> list[str]:
    """Point the stale layers at their current endpoints; returns the names of the repaired layers."""
    repaired = []
    for stale in stale_sources:
        if not stale.repairable:
            continue
        layer = project.mapLayer(stale.layer_id)
        if layer is None:
            continue
        layer.setDataSource(stale.new_source, layer.name(), stale.provider)
        if stale.entry_id:
            layer.setCustomProperty(catalogue_module.ENTRY_PROPERTY, stale.entry_id)
        repaired.append(layer.name())
    return repaired
