"""3DBAG reader: CityJSON tiles (EPSG:7415) and 3DBAG GeoPackages to one building layer.

The building layer has the LoD0 footprint (2D, EPSG:28992), the ground height and the roof heights in
the newer 3DBAG attribute names (``b3_h_50p``, ``b3_h_70p``, ``b3_h_max``, ``b3_h_min``) whatever the
source generation (the older tiles call them ``b3_h_dak_50p`` ...), and ``hoogte_rel`` = roof 70th
percentile minus ``b3_h_maaiveld``: the extrusion height of the 3D view.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Optional

from osgeo import ogr, osr

from ....core.errors import SmartSocietyError

#: accepted CityJSON reference systems (RD New + NAP, or RD New alone)
ACCEPTED_EPSG = ("7415", "28992")
#: roof-height attributes: newer name -> older name
ROOF_ATTRIBUTES = {
    "b3_h_50p": "b3_h_dak_50p",
    "b3_h_70p": "b3_h_dak_70p",
    "b3_h_max": "b3_h_dak_max",
    "b3_h_min": "b3_h_dak_min",
}
OUTPUT_FIELDS = [
    ("identificatie", ogr.OFTString),
    ("bouwjaar", ogr.OFTInteger),
    ("status", ogr.OFTString),
    ("gebruiksdoel", ogr.OFTString),
    ("b3_h_maaiveld", ogr.OFTReal),
    ("b3_h_50p", ogr.OFTReal),
    ("b3_h_70p", ogr.OFTReal),
    ("b3_h_max", ogr.OFTReal),
    ("b3_h_min", ogr.OFTReal),
    ("hoogte_rel", ogr.OFTReal),
    ("b3_dak_type", ogr.OFTString),
    ("b3_bouwlagen", ogr.OFTInteger),
    ("tile_id", ogr.OFTString),
]
#: layer names of 3DBAG GeoPackages, in order of preference (data.3dbag.nl tiles, our own derived file)
GPKG_LAYER_PREFERENCE = ("pand", "lod12_2d", "lod13_2d", "lod22_2d", "pand_lod0", "buildings")

Extent = tuple[float, float, float, float]


class CityJsonError(SmartSocietyError):
    """A CityJSON tile or 3DBAG GeoPackage cannot be read or lacks what the twin needs."""


@dataclass
class Building:
    identificatie: str
    rings: list  # list of polygons, each a list of rings, each a list of (x, y)
    attributes: dict


@dataclass
class ReadReport:
    """What a read produced: counts per source and the problems that did not stop it."""

    sources: dict = field(default_factory=dict)  # source name -> buildings read
    problems: list = field(default_factory=list)  # human-readable, each names the source
    buildings: int = 0

    def summary(self) -> str:
        lines = [f"{self.buildings} buildings from {len(self.sources)} source(s)"]
        lines += [f"  {name}: {count}" for name, count in self.sources.items()]
        lines += [f"  problem: {problem}" for problem in self.problems]
        return "\n".join(lines)


def _epsg_of(reference_system: str) -> str:
    text = str(reference_system or "")
    digits = text.rstrip("/").split("/")[-1].split(":")[-1]
    return digits


def _float(value) -> Optional[float]:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def normalise_attributes(source: dict) -> dict:
    """3DBAG attributes of either generation to the output fields (newer names)."""
    result = {
        "identificatie": source.get("identificatie"),
        "bouwjaar": source.get("oorspronkelijkbouwjaar", source.get("bouwjaar")),
        "status": source.get("status"),
        "gebruiksdoel": source.get("gebruiksdoel"),
        "b3_h_maaiveld": _float(source.get("b3_h_maaiveld")),
        "b3_dak_type": source.get("b3_dak_type"),
        "b3_bouwlagen": source.get("b3_bouwlagen"),
        "tile_id": source.get("tile_id"),
    }
    for newer, older in ROOF_ATTRIBUTES.items():
        value = source.get(newer)
        if value is None:
            value = source.get(older)
        result[newer] = _float(value)
    if result["b3_h_70p"] is not None and result["b3_h_maaiveld"] is not None:
        result["hoogte_rel"] = result["b3_h_70p"] - result["b3_h_maaiveld"]
    else:
        result["hoogte_rel"] = None
    return result


def _surfaces_2d(boundaries, vertices) -> list:
    """MultiSurface/CompositeSurface boundaries -> polygons of 2D rings."""
    polygons = []
    for surface in boundaries:
        rings = []
        for ring in surface:
            points = [(vertices[i][0], vertices[i][1]) for i in ring]
            if len(points) >= 3:
                rings.append(points)
        if rings:
            polygons.append(rings)
    return polygons


def _ground_surfaces(geometry: dict, vertices) -> list:
    """Ground surfaces of a Solid (by semantics) as 2D polygons; the footprint when a tile has no LoD0."""
    semantics = geometry.get("semantics") or {}
    surfaces = semantics.get("surfaces") or []
    values = semantics.get("values") or []
    polygons = []
    for shell_index, shell in enumerate(geometry.get("boundaries") or []):
        shell_values = values[shell_index] if shell_index < len(values) else []
        for surface_index, surface in enumerate(shell):
            value = shell_values[surface_index] if surface_index < len(shell_values) else None
            if value is not None and surfaces[value].get("type") == "GroundSurface":
                polygons += _surfaces_2d([surface], vertices)
    return polygons


def read_cityjson(
    path, feedback: Optional[Callable[[str], None]] = None, extent: Optional[Extent] = None
) -> tuple[list[Building], list[str]]:
    """Buildings of one CityJSON file (footprint from LoD0, else the ground surfaces of the parts).

    Raises :class:`CityJsonError` when the file is not CityJSON or is in another CRS; returns the
    buildings and the problems (buildings without footprint or heights) that did not stop the read.
    """
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CityJsonError(f"{path.name}: not a readable CityJSON file ({error})") from error
    if not isinstance(document, dict) or document.get("type") != "CityJSON":
        raise CityJsonError(f'{path.name}: not a CityJSON document (expected "type": "CityJSON")')
    metadata = document.get("metadata") or {}
    epsg = _epsg_of(metadata.get("referenceSystem", ""))
    if epsg not in ACCEPTED_EPSG:
        raise CityJsonError(
            f"{path.name}: reference system is '{metadata.get('referenceSystem')}', expected "
            f"EPSG:7415 (RD New + NAP) or EPSG:28992"
        )
    transform = document.get("transform")
    raw = document.get("vertices") or []
    if transform:
        (sx, sy, _sz), (tx, ty, _tz) = transform["scale"], transform["translate"]
        vertices = [(x * sx + tx, y * sy + ty) for x, y, _z in raw]
    else:
        vertices = [(x, y) for x, y, _z in raw]
    objects = document.get("CityObjects") or {}
    tile_id = path.name.split(".")[0]
    buildings: list[Building] = []
    problems: list[str] = []
    no_heights = 0
    no_footprint = 0
    for object_id, city_object in objects.items():
        if city_object.get("type") != "Building":
            continue
        polygons = []
        for geometry in city_object.get("geometry") or []:
            if str(geometry.get("lod")) == "0" and geometry.get("type") in (
                "MultiSurface",
                "CompositeSurface",
            ):
                polygons = _surfaces_2d(geometry["boundaries"], vertices)
                break
        if not polygons:
            for child in city_object.get("children") or []:
                child_geometries = (objects.get(child) or {}).get("geometry") or []
                solids = [g for g in child_geometries if g.get("type") == "Solid"]
                if solids:
                    lowest = min(solids, key=lambda g: str(g.get("lod")))
                    polygons += _ground_surfaces(lowest, vertices)
        if not polygons:
            no_footprint += 1
            continue
        if extent is not None:
            xs = [p[0] for poly in polygons for p in poly[0]]
            ys = [p[1] for poly in polygons for p in poly[0]]
            if max(xs) < extent[0] or min(xs) > extent[2] or max(ys) < extent[1] or min(ys) > extent[3]:
                continue
        attributes = dict(city_object.get("attributes") or {})
        attributes.setdefault("identificatie", object_id)
        attributes.setdefault("tile_id", tile_id)
        normalised = normalise_attributes(attributes)
        if normalised["hoogte_rel"] is None:
            no_heights += 1
        buildings.append(Building(str(normalised["identificatie"]), polygons, normalised))
    if no_footprint:
        problems.append(
            f"{path.name}: {no_footprint} building(s) without a LoD0 footprint or ground surface were skipped"
        )
    if no_heights:
        problems.append(
            f"{path.name}: {no_heights} building(s) lack b3_h_maaiveld and b3_h_70p (or the "
            f"older b3_h_dak_70p); loaded without heights"
        )
    if feedback:
        feedback(f"{path.name}: {len(buildings)} buildings")
    return buildings, problems


def _pick_gpkg_layer(data_source, path: Path):
    names = [data_source.GetLayerByIndex(i).GetName() for i in range(data_source.GetLayerCount())]
    ordered = [n for n in GPKG_LAYER_PREFERENCE if n in names] + [
        n for n in names if n not in GPKG_LAYER_PREFERENCE
    ]
    for name in ordered:
        layer = data_source.GetLayerByName(name)
        definition = layer.GetLayerDefn()
        fields = {definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())}
        if "b3_h_maaiveld" in fields and ogr.GT_Flatten(layer.GetGeomType()) in (
            ogr.wkbPolygon,
            ogr.wkbMultiPolygon,
            ogr.wkbUnknown,
        ):
            return layer
    raise CityJsonError(
        f"{path.name}: no polygon layer with 3DBAG attributes (b3_h_maaiveld) among "
        f"{', '.join(names) or 'no layers'}"
    )


def read_3dbag_gpkg(path, extent: Optional[Extent] = None) -> tuple[list[Building], list[str]]:
    """Buildings of a 3DBAG GeoPackage; the extent is applied as OGR spatial filter (the R-tree)."""
    path = Path(path)
    try:
        data_source = ogr.Open(str(path))
    except RuntimeError as error:
        raise CityJsonError(f"{path.name}: not a readable GeoPackage ({error})") from error
    if data_source is None:
        raise CityJsonError(f"{path.name}: not a readable GeoPackage")
    layer = _pick_gpkg_layer(data_source, path)
    srs = layer.GetSpatialRef()
    epsg = srs.GetAuthorityCode(None) if srs is not None else None
    if epsg not in ACCEPTED_EPSG:
        raise CityJsonError(f"{path.name}, layer {layer.GetName()}: CRS is EPSG:{epsg}, expected EPSG:28992")
    if extent is not None:
        layer.SetSpatialFilterRect(*extent)
    buildings = []
    no_heights = 0
    definition = layer.GetLayerDefn()
    names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    for feature in layer:
        attributes = {name: feature.GetField(name) for name in names}
        geometry = feature.GetGeometryRef()
        if geometry is None:
            continue
        polygons = _ogr_polygons(geometry)
        normalised = normalise_attributes(attributes)
        if normalised["hoogte_rel"] is None:
            no_heights += 1
        buildings.append(Building(str(normalised["identificatie"]), polygons, normalised))
    problems = []
    if no_heights:
        problems.append(
            f"{path.name}: {no_heights} building(s) lack b3_h_maaiveld and b3_h_70p (or "
            f"b3_h_dak_70p); loaded without heights"
        )
    return buildings, problems


def _ogr_polygons(geometry) -> list:
    flat = ogr.GT_Flatten(geometry.GetGeometryType())
    parts = (
        [geometry]
        if flat == ogr.wkbPolygon
        else [geometry.GetGeometryRef(i) for i in range(geometry.GetGeometryCount())]
    )
    polygons = []
    for part in parts:
        rings = []
        for r in range(part.GetGeometryCount()):
            ring = part.GetGeometryRef(r)
            rings.append([(ring.GetX(i), ring.GetY(i)) for i in range(ring.GetPointCount())])
        if rings:
            polygons.append(rings)
    return polygons


def expand_sources(sources: Iterable) -> list[Path]:
    """Files and folders (every ``*.city.json``, ``*.json`` and ``*.gpkg`` inside) to a sorted file list."""
    files: list[Path] = []
    for source in sources:
        path = Path(source)
        if path.is_dir():
            files += sorted(
                p
                for p in path.iterdir()
                if p.name.endswith((".city.json", ".gpkg"))
                or (p.suffix == ".json" and not p.name.endswith(".jsonl"))
            )
        else:
            files.append(path)
    return files


def read_buildings(
    sources: Iterable,
    extent: Optional[Extent] = None,
    feedback: Optional[Callable[[str], None]] = None,
    is_cancelled: Optional[Callable[[], bool]] = None,
) -> tuple[list[Building], ReadReport]:
    """Read every source (CityJSON tiles, 3DBAG GeoPackages, folders of them); duplicates (the same
    ``identificatie`` in two tiles) are kept once. A source that cannot be read is reported, the others
    are still read; :class:`CityJsonError` only when nothing at all could be read."""
    report = ReadReport()
    seen: set[str] = set()
    result: list[Building] = []
    files = expand_sources(sources)
    if not files:
        raise CityJsonError("No CityJSON or GeoPackage files given (expected *.city.json or *.gpkg)")
    errors = []
    for path in files:
        if is_cancelled and is_cancelled():
            break
        try:
            if not path.exists():
                raise CityJsonError(f"{path}: file does not exist")
            if path.suffix.lower() == ".gpkg":
                buildings, problems = read_3dbag_gpkg(path, extent)
            else:
                buildings, problems = read_cityjson(path, feedback, extent)
        except CityJsonError as error:
            errors.append(str(error))
            report.problems.append(str(error))
            continue
        report.problems += problems
        kept = 0
        for building in buildings:
            if building.identificatie in seen:
                continue
            seen.add(building.identificatie)
            result.append(building)
            kept += 1
        report.sources[path.name] = kept
    report.buildings = len(result)
    if not report.sources and errors:
        raise CityJsonError("; ".join(errors))
    return result, report


def write_buildings(buildings: list[Building], output, layer_name: str = "buildings") -> Path:
    """Write buildings to a GeoPackage layer (EPSG:28992, MultiPolygon); replaces that layer."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    driver = ogr.GetDriverByName("GPKG")
    data_source = ogr.Open(str(output), 1) if output.exists() else driver.CreateDataSource(str(output))
    if data_source is None:
        raise CityJsonError(f"{output}: cannot write the building GeoPackage")
    if data_source.GetLayerByName(layer_name) is not None:
        data_source.DeleteLayer(layer_name)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(28992)
    layer = data_source.CreateLayer(
        layer_name, srs, ogr.wkbMultiPolygon, options=["GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=YES"]
    )
    for name, field_type in OUTPUT_FIELDS:
        layer.CreateField(ogr.FieldDefn(name, field_type))
    definition = layer.GetLayerDefn()
    layer.StartTransaction()
    for building in buildings:
        feature = ogr.Feature(definition)
        for name, _field_type in OUTPUT_FIELDS:
            value = building.attributes.get(name)
            if value is not None:
                feature.SetField(name, value)
        multi = ogr.Geometry(ogr.wkbMultiPolygon)
        for rings in building.rings:
            polygon = ogr.Geometry(ogr.wkbPolygon)
            for ring_points in rings:
                ring = ogr.Geometry(ogr.wkbLinearRing)
                for x, y in ring_points:
                    ring.AddPoint_2D(x, y)
                ring.CloseRings()
                polygon.AddGeometry(ring)
            multi.AddGeometry(polygon)
        feature.SetGeometry(multi)
        layer.CreateFeature(feature)
    layer.CommitTransaction()
    data_source = None
    return output


def import_3dbag(
    sources: Iterable,
    output,
    layer_name: str = "buildings",
    extent: Optional[Extent] = None,
    feedback: Optional[Callable[[str], None]] = None,
    is_cancelled: Optional[Callable[[], bool]] = None,
) -> ReadReport:
    """Read 3DBAG sources and write the building layer to ``output``; returns the report."""
    buildings, report = read_buildings(sources, extent, feedback, is_cancelled)
    if not buildings:
        report.problems.append("no buildings in the area of interest" if extent else "no buildings found")
    write_buildings(buildings, output, layer_name)
    return report
