"""Scenarios: planned buildings, demolitions and planted trees, overlaid on the twin.

Contract (dev/SAMPLE_SCHEMA.md): a scenario is a GeoPackage in EPSG:28992 with two layers,

- ``scenario_buildings`` (Polygon): ``change`` (``new``/``demolish``), ``target_id``, ``gebruiksdoel``,
  ``height_m``, ``woningen``, ``bouwjaar``, ``description``;
- ``scenario_trees`` (Point): ``soort``, ``crown_diameter_m``, ``height_m``, ``planting_year``,
  ``description``.

GUI-free: the dock, the Processing algorithms and the liveability analyses all call these functions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Union

from osgeo import ogr, osr
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsSpatialIndex,
    QgsVectorLayer,
)

from ....core.errors import SmartSocietyError

BUILDINGS_LAYER = "scenario_buildings"
TREES_LAYER = "scenario_trees"
CHANGE_NEW = "new"
CHANGE_DEMOLISH = "demolish"
CHANGES = (CHANGE_NEW, CHANGE_DEMOLISH)
#: ground height (m NAP) used for a new building when no existing building is near it
DEFAULT_GROUND_M = 0.0
#: radius (m) within which existing buildings give the local ground height of a new one
GROUND_SEARCH_RADIUS_M = 150.0

BUILDING_FIELDS = [
    ("change", ogr.OFTString),
    ("target_id", ogr.OFTString),
    ("gebruiksdoel", ogr.OFTString),
    ("height_m", ogr.OFTReal),
    ("woningen", ogr.OFTInteger),
    ("bouwjaar", ogr.OFTInteger),
    ("description", ogr.OFTString),
]
TREE_FIELDS = [
    ("soort", ogr.OFTString),
    ("crown_diameter_m", ogr.OFTReal),
    ("height_m", ogr.OFTReal),
    ("planting_year", ogr.OFTInteger),
    ("description", ogr.OFTString),
]

LayerLike = Union[QgsVectorLayer, str, Path]


class ScenarioError(SmartSocietyError):
    """A scenario GeoPackage is missing, has the wrong layers or fields, or holds invalid values."""


def _srs() -> osr.SpatialReference:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(28992)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def create_scenario(path) -> Path:
    """Create an empty scenario GeoPackage at ``path`` (overwritten when it exists) and return its path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    driver = ogr.GetDriverByName("GPKG")
    data_source = driver.CreateDataSource(str(path))
    if data_source is None:
        raise ScenarioError(f"Cannot create the scenario GeoPackage {path}: is the folder writable?")
    srs = _srs()
    for name, geometry_type, fields in (
        (BUILDINGS_LAYER, ogr.wkbPolygon, BUILDING_FIELDS),
        (TREES_LAYER, ogr.wkbPoint, TREE_FIELDS),
    ):
        layer = data_source.CreateLayer(name, srs, geometry_type, options=["GEOMETRY_NAME=geom", "FID=fid"])
        for field_name, field_type in fields:
            layer.CreateField(ogr.FieldDefn(field_name, field_type))
    data_source = None
    return path


def add_scenario_buildings(path, records: list[dict]) -> int:
    """Append planned changes to a scenario; each record has ``geometry`` (QgsGeometry or WKT) and fields."""
    return _append(path, BUILDINGS_LAYER, BUILDING_FIELDS, records)


def add_scenario_trees(path, records: list[dict]) -> int:
    """Append planted trees to a scenario; each record has ``geometry`` (point) and the tree fields."""
    return _append(path, TREES_LAYER, TREE_FIELDS, records)


def _append(path, layer_name: str, fields, records: list[dict]) -> int:
    data_source = ogr.Open(str(path), 1)
    if data_source is None:
        raise ScenarioError(f"Cannot open the scenario GeoPackage {path} for writing")
    layer = data_source.GetLayerByName(layer_name)
    if layer is None:
        raise ScenarioError(f"Scenario {path} has no layer '{layer_name}'")
    layer.StartTransaction()
    for record in records:
        feature = ogr.Feature(layer.GetLayerDefn())
        for field_name, _field_type in fields:
            value = record.get(field_name)
            if value is not None:
                feature.SetField(field_name, value)
        geometry = record["geometry"]
        wkt = geometry.asWkt() if isinstance(geometry, QgsGeometry) else str(geometry)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)
    layer.CommitTransaction()
    data_source = None
    return len(records)


def _as_layer(source: LayerLike, default_layer: str) -> QgsVectorLayer:
    if isinstance(source, QgsVectorLayer):
        return source
    text = str(source)
    uri = text if "|layername=" in text else f"{text}|layername={default_layer}"
    layer = QgsVectorLayer(uri, default_layer, "ogr")
    if not layer.isValid():
        raise ScenarioError(f"Cannot open layer '{default_layer}' from {text}")
    return layer


def read_scenario(scenario_path) -> tuple[QgsVectorLayer, QgsVectorLayer]:
    """Open and validate a scenario; returns its (buildings, trees) layers."""
    path = Path(scenario_path)
    if not path.is_file():
        raise ScenarioError(f"Scenario file {path} does not exist")
    layers = []
    for name, fields in ((BUILDINGS_LAYER, BUILDING_FIELDS), (TREES_LAYER, TREE_FIELDS)):
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        if not layer.isValid():
            raise ScenarioError(
                f"Scenario {path} has no readable layer '{name}' (expected the layers "
                f"'{BUILDINGS_LAYER}' and '{TREES_LAYER}')"
            )
        names = set(layer.fields().names())
        missing = [f for f, _t in fields if f not in names]
        if missing:
            raise ScenarioError(f"Scenario {path}, layer '{name}' lacks the field(s) {', '.join(missing)}")
        layers.append(layer)
    return layers[0], layers[1]


def _memory_copy(source: QgsVectorLayer, name: str, geometry: str) -> QgsVectorLayer:
    crs = source.crs() if source.crs().isValid() else QgsCoordinateReferenceSystem("EPSG:28992")
    layer = QgsVectorLayer(f"{geometry}?crs={crs.authid()}", name, "memory")
    provider = layer.dataProvider()
    provider.addAttributes(source.fields().toList())
    layer.updateFields()
    return layer


def _number(value, default=None):
    try:
        if value is None or (hasattr(value, "isNull") and value.isNull()):
            return default
        return float(value)
    except (TypeError, ValueError):
        return default


def apply_scenario(buildings: LayerLike, trees: LayerLike, scenario_path):
    """Apply a scenario to the buildings and trees; returns ``(buildings_after, trees_after)``.

    Both results are memory layers with the input fields: demolished buildings (``target_id`` equal to
    ``identificatie``; for a demolition without ``target_id`` every building whose centroid lies in the
    polygon) removed, new buildings added with ``b3_h_maaiveld`` the local ground (median ground height
    of the nearest existing buildings) and ``b3_h_50p``/``b3_h_70p``/``b3_h_max`` that ground plus
    ``height_m``, and new trees added.
    """
    buildings_layer = _as_layer(buildings, "buildings")
    trees_layer = _as_layer(trees, "trees") if trees is not None else None
    scenario_buildings, scenario_trees = read_scenario(scenario_path)

    demolish_ids: set[str] = set()
    demolish_areas: list[QgsGeometry] = []
    new_buildings: list[QgsFeature] = []
    for feature in scenario_buildings.getFeatures():
        change = str(feature["change"] or "").strip().lower()
        if change not in CHANGES:
            raise ScenarioError(
                f"Scenario {scenario_path}, scenario_buildings feature {feature.id()}: field "
                f"'change' is '{feature['change']}', expected 'new' or 'demolish'"
            )
        if change == CHANGE_DEMOLISH:
            target = str(feature["target_id"] or "").strip()
            if target and target.upper() != "NULL":
                demolish_ids.add(target)
            elif feature.hasGeometry():
                demolish_areas.append(feature.geometry())
        else:
            height = _number(feature["height_m"])
            if height is None or height <= 0:
                raise ScenarioError(
                    f"Scenario {scenario_path}, scenario_buildings feature {feature.id()}: "
                    f"a new building needs 'height_m' > 0 (relative height in metres)"
                )
            if not feature.hasGeometry():
                raise ScenarioError(
                    f"Scenario {scenario_path}, scenario_buildings feature {feature.id()}: "
                    f"a new building needs a polygon"
                )
            new_buildings.append(feature)

    fields = buildings_layer.fields()
    has_id = fields.indexOf("identificatie") >= 0
    kept: list[QgsFeature] = []
    ground_index = QgsSpatialIndex()
    ground_of: dict[int, float] = {}
    bu_code_of: dict[int, object] = {}
    for feature in buildings_layer.getFeatures():
        if has_id and str(feature["identificatie"]) in demolish_ids:
            continue
        geometry = feature.geometry()
        if demolish_areas and geometry is not None and not geometry.isEmpty():
            centroid = geometry.centroid()
            if any(area.contains(centroid) for area in demolish_areas):
                continue
        kept.append(feature)
        if geometry is not None and not geometry.isEmpty() and fields.indexOf("b3_h_maaiveld") >= 0:
            ground = _number(feature["b3_h_maaiveld"])
            if ground is not None:
                ground_index.addFeature(feature)
                ground_of[feature.id()] = ground
                if fields.indexOf("bu_code") >= 0:
                    bu_code_of[feature.id()] = feature["bu_code"]

    result_buildings = _memory_copy(buildings_layer, "buildings_after", "Polygon")
    added: list[QgsFeature] = []
    for number, planned in enumerate(new_buildings, start=1):
        geometry = QgsGeometry(planned.geometry())
        point = geometry.centroid().asPoint()
        nearest = ground_index.nearestNeighbor(QgsPointXY(point), 5, GROUND_SEARCH_RADIUS_M)
        grounds = sorted(ground_of[i] for i in nearest)
        ground = grounds[len(grounds) // 2] if grounds else DEFAULT_GROUND_M
        height = _number(planned["height_m"])
        values = {
            "identificatie": f"scenario-new-{number}",
            "gebruiksdoel": planned["gebruiksdoel"] or "woonfunctie",
            "bouwjaar": planned["bouwjaar"],
            "woningen": planned["woningen"] if planned["woningen"] is not None else 0,
            "b3_h_maaiveld": ground,
            "b3_h_50p": ground + height,
            "b3_h_70p": ground + height,
            "b3_h_max": ground + height,
            "b3_h_dak_50p": ground + height,
            "b3_h_dak_70p": ground + height,
            "b3_h_dak_max": ground + height,
            "hoogte_rel": height,
            "b3_dak_type": "horizontal",
            "bu_code": bu_code_of.get(nearest[0]) if nearest else None,
            "has_solar": 0,
        }
        feature = QgsFeature(fields)
        for name, value in values.items():
            if fields.indexOf(name) >= 0:
                feature[name] = value
        feature.setGeometry(geometry)
        added.append(feature)
    result_buildings.dataProvider().addFeatures(kept + added)
    result_buildings.updateExtents()

    trees_after = None
    if trees_layer is not None:
        trees_after = _memory_copy(trees_layer, "trees_after", "Point")
        tree_fields = trees_layer.fields()
        new_trees = []
        for number, planned in enumerate(scenario_trees.getFeatures(), start=1):
            if not planned.hasGeometry():
                continue
            feature = QgsFeature(tree_fields)
            values = {
                "boom_id": f"scenario-tree-{number}",
                "soort": planned["soort"],
                "crown_diameter_m": planned["crown_diameter_m"],
                "height_m": planned["height_m"],
                "planting_year": planned["planting_year"],
            }
            for name, value in values.items():
                if tree_fields.indexOf(name) >= 0:
                    feature[name] = value
            feature.setGeometry(QgsGeometry(planned.geometry()))
            new_trees.append(feature)
        trees_after.dataProvider().addFeatures(list(trees_layer.getFeatures()) + new_trees)
        trees_after.updateExtents()
    return result_buildings, trees_after


def scenario_summary(scenario_path) -> dict:
    """Counts of a scenario: ``{"new": n, "demolish": n, "trees": n, "woningen": n}``."""
    scenario_buildings, scenario_trees = read_scenario(scenario_path)
    summary = {"new": 0, "demolish": 0, "trees": scenario_trees.featureCount(), "woningen": 0}
    for feature in scenario_buildings.getFeatures():
        change = str(feature["change"] or "").lower()
        if change in summary:
            summary[change] += 1
        if change == CHANGE_NEW and feature["woningen"] is not None:
            summary["woningen"] += int(feature["woningen"] or 0)
    return summary


def sample_scenario(district, path) -> Path:
    """A small, plausible plan on the sample district, written to ``path``.

    Redevelopment: the three smallest ``industriefunctie``/``overige gebruiksfunctie`` buildings are
    demolished and each replaced by a 15 m apartment block on its footprint (shrunk 0.5 m); one more
    12 m block is placed on the largest bare plot; ten street trees are planted on pavement.
    """
    gpkg = Path(getattr(district, "gpkg", district))
    buildings = _as_layer(f"{gpkg}|layername=buildings", "buildings")
    candidates = []
    for feature in buildings.getFeatures():
        if (
            feature["gebruiksdoel"] in ("industriefunctie", "overige gebruiksfunctie")
            and feature.hasGeometry()
        ):
            candidates.append((feature.geometry().area(), str(feature["identificatie"]), feature.geometry()))
    candidates.sort(key=lambda item: (item[0] < 150.0, item[0], item[1]))  # prefer plots >= 150 m2
    create_scenario(path)
    records = []
    for area, identificatie, geometry in candidates[:3]:
        records.append(
            {
                "geometry": geometry,
                "change": CHANGE_DEMOLISH,
                "target_id": identificatie,
                "description": f"Sloop {identificatie} ({area:.0f} m2)",
            }
        )
        footprint = geometry.buffer(-0.5, 4)
        if footprint.isEmpty():
            footprint = geometry
        records.append(
            {
                "geometry": footprint,
                "change": CHANGE_NEW,
                "target_id": "",
                "gebruiksdoel": "woonfunctie",
                "height_m": 15.0,
                "woningen": max(4, int(footprint.area() * 5 / 80.0)),
                "bouwjaar": 2030,
                "description": f"Appartementen op de plek van {identificatie}",
            }
        )
    land_cover = QgsVectorLayer(f"{gpkg}|layername=land_cover", "land_cover", "ogr")
    if land_cover.isValid():
        bare = [
            f.geometry()
            for f in land_cover.getFeatures(QgsFeatureRequest().setFilterExpression("\"cover\" = 'bare'"))
            if f.hasGeometry()
        ]
        bare.sort(key=lambda g: -g.area())
        if bare:
            plot = bare[0].buffer(-4.0, 4)
            if not plot.isEmpty() and plot.area() > 60:
                block = plot.intersection(_square(plot.pointOnSurface().asPoint(), 14.0))
                if block.area() > 40:
                    records.append(
                        {
                            "geometry": block,
                            "change": CHANGE_NEW,
                            "target_id": "",
                            "gebruiksdoel": "woonfunctie",
                            "height_m": 12.0,
                            "woningen": max(4, int(block.area() * 4 / 80.0)),
                            "bouwjaar": 2031,
                            "description": "Nieuw woonblok op braakliggend terrein",
                        }
                    )
    add_scenario_buildings(path, records)

    trees = []
    if land_cover.isValid():
        pavement = [
            f
            for f in land_cover.getFeatures(QgsFeatureRequest().setFilterExpression("\"cover\" = 'pavement'"))
            if f.hasGeometry()
        ]
        pavement.sort(key=lambda f: (-f.geometry().area(), f.id()))
        for feature in pavement[:10]:
            point = feature.geometry().pointOnSurface()
            trees.append(
                {
                    "geometry": point,
                    "soort": "Linde (Tilia cordata)",
                    "crown_diameter_m": 4.0,
                    "height_m": 6.0,
                    "planting_year": 2027,
                    "description": "Nieuwe straatboom",
                }
            )
    add_scenario_trees(path, trees)
    return Path(path)


def _square(center, half: float) -> QgsGeometry:
    x, y = center.x(), center.y()
    return QgsGeometry.fromWkt(
        f"POLYGON(({x - half} {y - half},{x + half} {y - half},{x + half} {y + half},{x - half} {y + half},"
        f"{x - half} {y - half}))"
    )
