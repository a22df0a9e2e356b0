"""Area of interest: buurten by name or code, a rectangle or the map extent; provider-side filtering.

The bounding box of the area is applied by the data provider, never after loading: GeoPackage layers
get a subset string that queries the layer's R-tree (so QGIS reads only those rows, also when the project
is reopened), counts use the OGR spatial filter (R-tree), WFS layers get an OGC BBOX filter in their URI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from osgeo import ogr

from ....core.errors import SmartSocietyError

Extent = tuple[float, float, float, float]


class AreaError(SmartSocietyError):
    """An area of interest cannot be resolved (unknown buurt, empty extent, unreadable buurten source)."""


@dataclass
class AreaOfInterest:
    """An area: its bounding box (EPSG:28992), and the buurten it was made from (if any)."""

    extent: Extent
    label: str = ""
    bu_codes: list = field(default_factory=list)
    buurt_names: list = field(default_factory=list)
    wkt: str = ""  # union of the buurt polygons, empty for a rectangle

    def __post_init__(self):
        xmin, ymin, xmax, ymax = self.extent
        if not (xmax > xmin and ymax > ymin):
            raise AreaError(
                f"Area '{self.label or 'extent'}': empty extent {self.extent} (expected xmin < xmax "
                f"and ymin < ymax)"
            )

    @classmethod
    def from_extent(cls, extent, label: str = "") -> AreaOfInterest:
        if hasattr(extent, "xMinimum"):
            extent = (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
        return cls(tuple(float(v) for v in extent), label or "extent")

    def buffered(self, margin: float) -> Extent:
        xmin, ymin, xmax, ymax = self.extent
        return (xmin - margin, ymin - margin, xmax + margin, ymax + margin)


def _open(path, layer_name: str):
    data_source = ogr.Open(str(path))
    if data_source is None:
        raise AreaError(f"{Path(path).name}: not a readable GeoPackage")
    layer = data_source.GetLayerByName(layer_name)
    if layer is None:
        raise AreaError(f"{Path(path).name}: has no layer '{layer_name}'")
    return data_source, layer


def list_buurten(gpkg, layer_name: str = "buurten") -> list[tuple[str, str]]:
    """``(bu_code, bu_naam)`` of every buurt, sorted by name."""
    data_source, layer = _open(gpkg, layer_name)
    result = sorted(
        ((f.GetField("bu_code"), f.GetField("bu_naam")) for f in layer), key=lambda t: (t[1] or "", t[0])
    )
    del data_source
    return result


def area_from_buurten(gpkg, terms: Iterable[str], layer_name: str = "buurten") -> AreaOfInterest:
    """The area covering the buurten named by code (``BU05059001``) or name (case-insensitive)."""
    wanted = [str(t).strip() for t in terms if str(t).strip()]
    if not wanted:
        raise AreaError("No buurt given: name at least one buurt by code or name")
    data_source, layer = _open(gpkg, layer_name)
    names = {
        d.GetName()
        for d in (layer.GetLayerDefn().GetFieldDefn(i) for i in range(layer.GetLayerDefn().GetFieldCount()))
    }
    for needed in ("bu_code", "bu_naam"):
        if needed not in names:
            raise AreaError(f"{Path(gpkg).name}, layer {layer_name}: field '{needed}' is missing")
    found = {}
    available = []
    union = None
    for feature in layer:
        code, name = feature.GetField("bu_code"), feature.GetField("bu_naam") or ""
        available.append(f"{name} ({code})")
        for term in wanted:
            if term.lower() in (str(code).lower(), name.lower()):
                found[term] = (code, name)
                geometry = feature.GetGeometryRef().Clone()
                union = geometry if union is None else union.Union(geometry)
    missing = [t for t in wanted if t not in found]
    if missing:
        raise AreaError(
            f"{Path(gpkg).name}: no buurt '{', '.join(missing)}' (by bu_code or bu_naam); "
            f"available: {', '.join(sorted(available))}"
        )
    xmin, xmax, ymin, ymax = union.GetEnvelope()
    codes = sorted({c for c, _ in found.values()})
    names = [found[t][1] for t in wanted]
    del data_source
    return AreaOfInterest(
        (xmin, ymin, xmax, ymax),
        label=", ".join(names),
        bu_codes=codes,
        buurt_names=names,
        wkt=union.ExportToWkt(),
    )


def gpkg_count(path, layer_name: str, extent: Optional[Extent] = None) -> int:
    """Features of a GeoPackage layer whose bounding box meets ``extent`` (OGR spatial filter: R-tree)."""
    data_source, layer = _open(path, layer_name)
    if extent is not None:
        layer.SetSpatialFilterRect(*extent)
    count = layer.GetFeatureCount()
    del data_source
    return count


def gpkg_bbox_subset(path, layer_name: str, extent: Extent) -> str:
    """A subset string for the QGIS ``ogr`` provider that keeps the rows whose R-tree box meets ``extent``."""
    data_source, layer = _open(path, layer_name)
    fid = layer.GetFIDColumn() or "fid"
    geometry_column = layer.GetGeometryColumn() or "geom"
    rtree = f"rtree_{layer_name}_{geometry_column}"
    has_rtree = data_source.ExecuteSQL(
        f"SELECT name FROM sqlite_master WHERE name = '{rtree}'", dialect="SQLITE"
    )
    exists = has_rtree is not None and has_rtree.GetFeatureCount() > 0
    if has_rtree is not None:
        data_source.ReleaseResultSet(has_rtree)
    del data_source
    xmin, ymin, xmax, ymax = extent
    if exists:
        return (
            f'"{fid}" IN (SELECT id FROM "{rtree}" WHERE maxx >= {xmin!r} AND minx <= {xmax!r} '
            f"AND maxy >= {ymin!r} AND miny <= {ymax!r})"
        )
    return (
        f'ST_MaxX("{geometry_column}") >= {xmin!r} AND ST_MinX("{geometry_column}") <= {xmax!r} AND '
        f'ST_MaxY("{geometry_column}") >= {ymin!r} AND ST_MinY("{geometry_column}") <= {ymax!r}'
    )


def wfs_bbox_filter(extent: Extent, crs: str = "EPSG:28992", geometry_field: Optional[str] = None) -> str:
    """An OGC BBOX filter for the ``filter`` parameter of a QGIS WFS URI.

    With the geometry property name: an OGC Filter 1.1 BBOX with ``PropertyName`` (understood by
    MapServer, GeoServer and QGIS Server); without it a Filter Encoding 2.0 BBOX without
    ``ValueReference`` (valid FES 2.0, but QGIS Server ignores it)."""
    xmin, ymin, xmax, ymax = extent
    corners = (
        f'<gml:Envelope srsName="{crs}"><gml:lowerCorner>{xmin} {ymin}</gml:lowerCorner>'
        f"<gml:upperCorner>{xmax} {ymax}</gml:upperCorner></gml:Envelope>"
    )
    if geometry_field:
        return (
            '<ogc:Filter xmlns:ogc="http://www.opengis.net/ogc" xmlns:gml="http://www.opengis.net/gml">'
            f"<ogc:BBOX><ogc:PropertyName>{geometry_field}</ogc:PropertyName>{corners}</ogc:BBOX></ogc:Filter>"
        )
    return (
        '<fes:Filter xmlns:fes="http://www.opengis.net/fes/2.0" xmlns:gml="http://www.opengis.net/gml/3.2">'
        f"<fes:BBOX>{corners}</fes:BBOX></fes:Filter>"
    )


def filter_layer_uri(
    uri: str, provider: str, extent: Extent, geometry_field: Optional[str] = None
) -> tuple[str, str]:
    """``(uri, subset)`` that make the provider read only the area: for ``ogr`` GeoPackages a subset string
    on the R-tree, for ``WFS`` an OGC BBOX filter in the URI. Other providers are returned unchanged."""
    if provider == "ogr":
        parts = uri.split("|")
        layer_name = next((p.split("=", 1)[1] for p in parts[1:] if p.startswith("layername=")), None)
        if parts[0].lower().endswith(".gpkg") and layer_name:
            return uri, gpkg_bbox_subset(parts[0], layer_name, extent)
    if provider == "WFS":
        from qgis.core import QgsDataSourceUri

        data_uri = QgsDataSourceUri(uri)
        data_uri.removeParam("filter")
        data_uri.setParam("filter", wfs_bbox_filter(extent, geometry_field=geometry_field))
        return data_uri.uri(False), ""
    return uri, ""
