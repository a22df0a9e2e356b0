"""Build the twin project: an area in, a grouped, styled ``.qgz`` with a 3D view out.

Groups (Dutch, as the users name them): Gebouwen 3D, BGT/ondergrond, Groen en bomen, Buurten, Sensoren,
Luchtfoto, Analyses. Styles come from ``resources/styles``, metadata (title, abstract, licence,
attribution) from the catalogue, paths are stored relative to the project file, and every buurt in the
area gets a spatial bookmark. GUI-free: the dock (in a QgsTask) and ``buildtwinproject`` call
:func:`build_twin_project`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from qgis.core import (
    QgsBookmark,
    QgsCoordinateReferenceSystem,
    QgsLayerMetadata,
    QgsProject,
    QgsRasterLayer,
    QgsRectangle,
    QgsReferencedRectangle,
    QgsVectorLayer,
)

from ....core.errors import SmartSocietyError
from ....core.paths import style_path
from . import area as area_module
from . import catalogue as catalogue_module
from . import scenario as scenario_module
from . import view3d

GROUPS = ["Gebouwen 3D", "BGT/ondergrond", "Groen en bomen", "Buurten", "Sensoren", "Luchtfoto", "Analyses"]
#: district layer -> (catalogue entry, group); order is the drawing order inside each group
DISTRICT_LAYERS = [
    ("buildings", "sample_buildings", "Gebouwen 3D"),
    ("addresses", "sample_addresses", "Gebouwen 3D"),
    ("land_cover", "sample_land_cover", "BGT/ondergrond"),
    ("walking_network", "sample_walking_network", "BGT/ondergrond"),
    ("trees", "sample_trees", "Groen en bomen"),
    ("green_spaces", "sample_green_spaces", "Groen en bomen"),
    ("buurten", "sample_buurten", "Buurten"),
    ("amenities", "sample_amenities", "Buurten"),
    ("sensors", "sample_sensors", "Sensoren"),
]
HIDDEN_BY_DEFAULT = {"addresses", "walking_network"}
CRS = "EPSG:28992"
ROLE_PROPERTY = "smart_society/twin_role"


class TwinProjectError(SmartSocietyError):
    """The twin project cannot be built (no sources, output not writable)."""


@dataclass
class TwinProjectParams:
    """What the twin project is built from; every path may be absent except the output."""

    output: Path
    district_gpkg: Optional[Path] = None
    orthophoto: Optional[Path] = None
    buildings_gpkg: Optional[Path] = None  # a 3DBAG building layer (import_3dbag) instead of the district's
    buildings_layer: str = "buildings"
    area: Optional[area_module.AreaOfInterest] = None
    scenario: Optional[Path] = None
    analyses: list = field(default_factory=list)  # GeoPackage/GeoTIFF paths, or (path, layer name)
    services: list = field(default_factory=list)  # catalogue entry ids (or (id, year)) to add
    service_urls: dict = field(default_factory=dict)  # id -> endpoint or (endpoint, layer, geometry field)
    colour_by: str = "use"  # use | age
    title: str = "Dordrecht Smart Twin"
    with_3d: bool = True


@dataclass
class TwinProjectReport:
    project_path: Optional[Path] = None
    layers: dict = field(default_factory=dict)  # layer name -> features in the area (-1: raster/service)
    groups: dict = field(default_factory=dict)  # group -> layer names
    bookmarks: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    view_3d: str = ""

    def _describe(self, name: str) -> str:
        count = self.layers.get(name, "?")
        # rasters are recorded with -1: they have no feature count to show
        return f"{name} (raster)" if count == -1 else f"{name} ({count})"

    def summary(self) -> str:
        lines = [f"project: {self.project_path}"]
        for group, names in self.groups.items():
            lines.append(f"  {group}: " + ", ".join(self._describe(name) for name in names))
        lines.append(f"  bookmarks: {len(self.bookmarks)}; 3D view: {self.view_3d or 'none'}")
        lines += [f"  problem: {p}" for p in self.problems]
        return "\n".join(lines)


def _places(params: TwinProjectParams) -> dict:
    return {"sample": params.district_gpkg.parent} if params.district_gpkg else {}


def planned_layers(params: TwinProjectParams) -> list[dict]:
    """What the build would load: name, group, source, layer and catalogue entry of each layer."""
    plan = []
    for layer_name, entry_id, group in DISTRICT_LAYERS:
        if layer_name == "buildings" and params.buildings_gpkg:
            plan.append(
                {
                    "name": "buildings",
                    "group": group,
                    "path": Path(params.buildings_gpkg),
                    "layer": params.buildings_layer,
                    "entry": entry_id,
                }
            )
            continue
        if params.district_gpkg:
            plan.append(
                {
                    "name": layer_name,
                    "group": group,
                    "path": Path(params.district_gpkg),
                    "layer": layer_name,
                    "entry": entry_id,
                }
            )
    return plan


def feature_counts(params: TwinProjectParams, feedback: Optional[Callable[[str], None]] = None) -> dict:
    """Features per planned layer inside the area (provider-side spatial filter), before loading.

    A layer that cannot be read gets ``None`` (and is reported when the project is built)."""
    counts = {}
    extent = params.area.extent if params.area else None
    for item in planned_layers(params):
        try:
            counts[item["name"]] = area_module.gpkg_count(item["path"], item["layer"], extent)
        except (area_module.AreaError, RuntimeError) as error:
            counts[item["name"]] = None
            if feedback:
                feedback(str(error))
    return counts


def _metadata_for(
    entry: Optional[catalogue_module.CatalogueEntry], name: str, source: str
) -> QgsLayerMetadata:
    if entry is not None:
        return entry.metadata()
    metadata = QgsLayerMetadata()
    metadata.setTitle(name)
    metadata.setAbstract(f"Twin layer {name} from {source}")
    return metadata


def _style(layer, name: str) -> None:
    path = Path(style_path(name))
    if path.exists():
        layer.loadNamedStyle(str(path))


def build_twin_project(
    params: TwinProjectParams,
    feedback: Optional[Callable[[str], None]] = None,
    progress: Optional[Callable[[float], None]] = None,
    is_cancelled: Optional[Callable[[], bool]] = None,
) -> TwinProjectReport:
    """Build and write the twin project; layers that cannot be loaded are reported, not fatal."""
    output = Path(params.output)
    if output.suffix.lower() not in (".qgz", ".qgs"):
        raise TwinProjectError(f"Output {output}: expected a .qgz (or .qgs) project file")
    if not params.district_gpkg and not params.buildings_gpkg and not params.services:
        raise TwinProjectError(
            "Nothing to build from: give the district GeoPackage, a 3DBAG building layer or "
            "catalogue services"
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    say = feedback or (lambda _text: None)
    step = progress or (lambda _value: None)
    report = TwinProjectReport()
    catalogue = catalogue_module.load_catalogue()
    project = QgsProject()
    project.setFileName(str(output))
    project.setCrs(QgsCoordinateReferenceSystem(CRS))
    project.setTitle(params.title)
    project.writeEntry("Paths", "/Absolute", False)
    metadata = project.metadata()
    metadata.setTitle(params.title)
    metadata.setAbstract(
        f"Digital twin of {params.area.label if params.area else 'the district'}: 3D buildings, "
        f"land cover, trees, buurten, sensors, aerial photo and analyses."
    )
    metadata.setAuthor("Smart Society twin builder")
    project.setMetadata(metadata)
    root = project.layerTreeRoot()
    groups = {name: root.addGroup(name) for name in GROUPS}
    extent = params.area.extent if params.area else None
    loaded = {}

    plan = planned_layers(params)
    total = len(plan) + 4
    for index, item in enumerate(plan):
        if is_cancelled and is_cancelled():
            raise TwinProjectError("Building the twin project was cancelled")
        step(100.0 * index / total)
        name, path = item["name"], item["path"]
        uri = f"{path}|layername={item['layer']}"
        entry = catalogue.entry(item["entry"])
        if extent is not None:
            # the subset goes into the URI: setSubsetString() after another layer of the same GeoPackage
            # joined a project fails on QGIS 3.22 ("unable to open database file", WAL switch)
            try:
                uri += "|subset=" + area_module.gpkg_bbox_subset(path, item["layer"], extent)
            except (area_module.AreaError, RuntimeError) as error:
                report.problems.append(f"{name}: {error}")
                continue
        options = QgsVectorLayer.LayerOptions(project.transformContext())
        # the suite's QML replaces any default style, so QGIS need not look one up first
        options.loadDefaultStyle = not Path(style_path(name)).exists()
        layer = QgsVectorLayer(uri, entry.name, "ogr", options)
        if not layer.isValid():
            report.problems.append(
                f"{name}: cannot open layer '{item['layer']}' in {path.name} (missing or "
                f"not a GeoPackage layer); the other layers are loaded"
            )
            continue
        _style(layer, name)
        layer.setMetadata(_metadata_for(entry, name, path.name))
        layer.setAttribution(entry.attribution)
        layer.setCustomProperty(catalogue_module.ENTRY_PROPERTY, entry.id)
        layer.setCustomProperty(ROLE_PROPERTY, name)
        if name == "buildings" and params.with_3d:
            view3d.apply_building_3d(layer, colour_by=params.colour_by)
        if name == "trees" and params.with_3d:
            view3d.apply_tree_3d(layer)
        project.addMapLayer(layer, False)
        node = groups[item["group"]].addLayer(layer)
        if name in HIDDEN_BY_DEFAULT:
            node.setItemVisibilityChecked(False)
        loaded[name] = layer
        count = layer.featureCount()
        report.layers[name] = count
        report.groups.setdefault(item["group"], []).append(name)
        say(f"{entry.name}: {count} features")
    if "buildings" in loaded and report.layers.get("buildings") == 0:
        report.problems.append(
            f"buildings: no buildings in the area {params.area.label if params.area else ''}".strip()
        )

    # aerial photo
    step(100.0 * len(plan) / total)
    orthophoto = params.orthophoto
    if orthophoto:
        raster = QgsRasterLayer(str(orthophoto), catalogue.entry("sample_orthophoto").name, "gdal")
        if raster.isValid():
            raster.setMetadata(catalogue.entry("sample_orthophoto").metadata())
            raster.setCustomProperty(ROLE_PROPERTY, "orthophoto")
            project.addMapLayer(raster, False)
            groups["Luchtfoto"].addLayer(raster)
            loaded["orthophoto"] = raster
            report.layers["orthophoto"] = -1
            report.groups.setdefault("Luchtfoto", []).append("orthophoto")
        else:
            report.problems.append(f"orthophoto: {Path(orthophoto).name} is not a readable raster")

    # national services from the catalogue
    for service in params.services:
        entry_id, year = service if isinstance(service, (tuple, list)) else (service, None)
        try:
            entry = catalogue.entry(entry_id)
            if entry_id in params.service_urls:
                override = params.service_urls[entry_id]
                override = tuple(override) if isinstance(override, (tuple, list)) else (override,)
                url, layer_name, geometry_field = (override + (None, None))[:3]
                entry = entry.with_url(url, layer_name)
                if geometry_field:
                    entry = catalogue_module.replace(
                        entry, params={**entry.params, "geometry_field": geometry_field}
                    )
            uri, provider = catalogue_module.layer_uri(entry, _places(params), year)
            if extent is not None and provider == "WFS":
                uri, _subset = area_module.filter_layer_uri(
                    uri, provider, params.area.extent, entry.params.get("geometry_field")
                )
            layer = (
                QgsVectorLayer(uri, entry.name, provider)
                if entry.is_vector
                else QgsRasterLayer(uri, entry.name, provider)
            )
            if not layer.isValid():
                raise catalogue_module.CatalogueError(
                    f"{entry.id}: cannot open {entry.resolved_url(year)} ({provider}); service unreachable "
                    f"or "
                    f"layer '{entry.layer}' unknown"
                )
        except SmartSocietyError as error:
            report.problems.append(str(error))
            continue
        layer.setMetadata(entry.metadata())
        layer.setAttribution(entry.attribution)
        layer.setCustomProperty(catalogue_module.ENTRY_PROPERTY, entry.id)
        if entry.style:
            _style(layer, entry.style)
        project.addMapLayer(layer, False)
        groups[entry.group].addLayer(layer)
        report.layers[entry.id] = layer.featureCount() if entry.is_vector else -1
        report.groups.setdefault(entry.group, []).append(entry.id)

    # scenario and analyses
    step(100.0 * (len(plan) + 1) / total)
    if params.scenario:
        _add_scenario(project, groups["Analyses"], Path(params.scenario), loaded, report, params.with_3d)
    for analysis in params.analyses:
        path, layer_name = analysis if isinstance(analysis, (tuple, list)) else (analysis, None)
        path = Path(path)
        if path.suffix.lower() in (".tif", ".tiff"):
            layer = QgsRasterLayer(str(path), path.stem, "gdal")
        else:
            uri = f"{path}|layername={layer_name}" if layer_name else str(path)
            layer = QgsVectorLayer(uri, layer_name or path.stem, "ogr")
        if not layer.isValid():
            report.problems.append(
                f"analysis {path.name}{'/' + layer_name if layer_name else ''}: not readable"
            )
            continue
        project.addMapLayer(layer, False)
        groups["Analyses"].addLayer(layer)
        report.layers[layer.name()] = layer.featureCount() if isinstance(layer, QgsVectorLayer) else -1
        report.groups.setdefault("Analyses", []).append(layer.name())

    # bookmarks, view extent, 3D view
    step(100.0 * (len(plan) + 2) / total)
    if "buurten" in loaded:
        report.bookmarks = _add_buurt_bookmarks(project, loaded["buurten"], params.area)
    view_extent = extent or _combined_extent(loaded)
    if view_extent is not None:
        rectangle = QgsRectangle(*view_extent)
        project.viewSettings().setDefaultViewExtent(
            QgsReferencedRectangle(rectangle, QgsCoordinateReferenceSystem(CRS))
        )
        if params.with_3d:
            layers_3d = [loaded[n] for n in ("land_cover", "buildings", "trees") if n in loaded]
            layers_3d += [
                lay
                for lay in project.mapLayers().values()
                if lay.customProperty(ROLE_PROPERTY) in ("scenario_new", "scenario_trees")
            ]
            if layers_3d:
                view3d.add_3d_view(project, view_extent, layers_3d)
                report.view_3d = view3d.VIEW_NAME
    for group in groups.values():
        if not group.children():
            root.removeChildNode(group)
    step(100.0 * (len(plan) + 3) / total)
    if not project.write(str(output)):
        raise TwinProjectError(f"Cannot write the project {output}: {project.error()}")
    report.project_path = output
    step(100.0)
    say(f"Twin project written to {output}")
    return report


def _combined_extent(loaded: dict):
    for name in ("buurten", "buildings", "land_cover"):
        layer = loaded.get(name)
        if layer is not None and layer.featureCount() > 0:
            extent = layer.extent()
            return (extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
    return None


def _add_buurt_bookmarks(project: QgsProject, buurten: QgsVectorLayer, area) -> list[str]:
    names = []
    manager = project.bookmarkManager()
    crs = QgsCoordinateReferenceSystem(CRS)
    wanted = set(area.bu_codes) if area is not None and area.bu_codes else None
    for feature in buurten.getFeatures():  # already limited to the area's bounding box by the provider
        code = str(feature["bu_code"])
        if wanted is not None and code not in wanted:
            continue
        bookmark = QgsBookmark()
        name = f"{feature['bu_naam']} ({code})"
        bookmark.setName(name)
        bookmark.setId(f"buurt_{code}")
        bookmark.setGroup("Buurten")
        bookmark.setExtent(QgsReferencedRectangle(feature.geometry().boundingBox().buffered(10.0), crs))
        manager.addBookmark(bookmark)
        names.append(name)
    return names


def _add_scenario(project, group, path: Path, loaded: dict, report: TwinProjectReport, with_3d: bool) -> None:
    try:
        scenario_module.read_scenario(path)
    except scenario_module.ScenarioError as error:
        report.problems.append(str(error))
        return
    subgroup = group.addGroup(f"Scenario {path.stem}")
    new = QgsVectorLayer(
        f"{path}|layername={scenario_module.BUILDINGS_LAYER}|subset=\"change\" = 'new'",
        "Scenario: nieuwbouw",
        "ogr",
    )
    _style(new, "scenario_buildings")
    new.setCustomProperty(ROLE_PROPERTY, "scenario_new")
    if with_3d:
        view3d.apply_building_3d(new, height='coalesce("height_m", 3)', single_colour="#ff8c1a")
    demolish = QgsVectorLayer(
        f"{path}|layername={scenario_module.BUILDINGS_LAYER}|subset=\"change\" = 'demolish'",
        "Scenario: sloop",
        "ogr",
    )
    _style(demolish, "scenario_buildings")
    demolish.setCustomProperty(ROLE_PROPERTY, "scenario_demolish")
    trees = QgsVectorLayer(f"{path}|layername={scenario_module.TREES_LAYER}", "Scenario: nieuwe bomen", "ogr")
    _style(trees, "scenario_trees")
    trees.setCustomProperty(ROLE_PROPERTY, "scenario_trees")
    if with_3d:
        view3d.apply_tree_3d(trees)
    layers = [new, demolish, trees]
    buildings = loaded.get("buildings")
    if buildings is not None:
        ids = [str(f["target_id"]) for f in demolish.getFeatures() if f["target_id"]]
        source = buildings.source().split("|subset=")[0]
        subset = buildings.subsetString()
        if ids:
            quoted = ", ".join("'" + i.replace("'", "''") + "'" for i in ids)
            condition = f'"identificatie" NOT IN ({quoted})'
            subset = f"({subset}) AND {condition}" if subset else condition
        after = QgsVectorLayer(
            f"{source}|subset={subset}" if subset else source, "Gebouwen na scenario", "ogr"
        )
        _style(after, "buildings")
        after.setCustomProperty(ROLE_PROPERTY, "buildings_after")
        if with_3d:
            view3d.apply_building_3d(after)
        layers.insert(0, after)
    for layer in layers:
        project.addMapLayer(layer, False)
        node = subgroup.addLayer(layer)
        if layer.customProperty(ROLE_PROPERTY) == "buildings_after":
            node.setItemVisibilityChecked(False)
        report.layers[layer.name()] = layer.featureCount()
        report.groups.setdefault("Analyses", []).append(layer.name())
