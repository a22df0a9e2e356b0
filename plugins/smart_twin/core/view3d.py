"""3D for the twin: extruded building renderers, the project's 3D map view, headless 3D snapshots.

QGIS 3D APIs differ between 3.22 and 3.44: material via ``setMaterial`` (3.22) or
``setMaterialSettings`` (3.30+); saved 3D views through ``QgsProject.viewsManager()`` (3.24+) or, on
3.22, a ``<mapViewDocks3D>`` element added when the project is written (what QGIS Desktop 3.22 reads).
``Qgs3DMapSettings`` is filled from a ``<qgis3d>`` document with a flat terrain, which works on every
version (3.22's Python API has no terrain generator classes).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Iterable, Optional
from xml.sax.saxutils import quoteattr

from qgis.core import Qgis, QgsProject, QgsProperty
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtXml import QDomDocument

from ....core.errors import SmartSocietyError

#: extrusion height (m) of buildings without height attributes
FALLBACK_HEIGHT_M = 3.0
USE_COLOURS = {
    "woonfunctie": "#e8c07d",
    "winkelfunctie": "#d9685b",
    "kantoorfunctie": "#6f8fc9",
    "onderwijsfunctie": "#9a6fc2",
    "gezondheidszorgfunctie": "#e38fb6",
    "bijeenkomstfunctie": "#e29a4d",
    "industriefunctie": "#8c8c8c",
    "overige gebruiksfunctie": "#b5b09a",
}
AGE_CLASSES = [
    (None, 1900, "#7b3f20"),
    (1900, 1945, "#b0673a"),
    (1945, 1970, "#d9a066"),
    (1970, 1990, "#e9d08f"),
    (1990, 2010, "#a9cfa0"),
    (2010, None, "#5fa8a0"),
]
DEFAULT_COLOUR = "#d8d2c4"
VIEW_NAME = "Twin 3D"


class View3DError(SmartSocietyError):
    """A 3D renderer, 3D view or 3D snapshot could not be made (names the layer or output file)."""


def height_expression(fields) -> str:
    """Extrusion (relative height) expression for a layer with these field names: ``hoogte_rel``, else
    the roof 70th percentile (either 3DBAG generation) minus ``b3_h_maaiveld``, else ``height_m``.
    Only existing fields are referenced (an unknown field would make every height NULL)."""
    names = set(fields.names() if hasattr(fields, "names") else fields)
    options = []
    if "hoogte_rel" in names:
        options.append('"hoogte_rel"')
    roof = next((f for f in ("b3_h_70p", "b3_h_dak_70p") if f in names), None)
    if roof and "b3_h_maaiveld" in names:
        options.append(f'"{roof}" - "b3_h_maaiveld"')
    if "height_m" in names:
        options.append('"height_m"')
    options.append(str(FALLBACK_HEIGHT_M))
    return options[0] if len(options) == 1 else f"coalesce({', '.join(options)})"


def _extrusion_property(symbol_class):
    """The extrusion-height property key: ``PropertyExtrusionHeight`` (3.22) or the scoped enum (newer)."""
    key = getattr(symbol_class, "PropertyExtrusionHeight", None)
    return key if key is not None else symbol_class.Property.ExtrusionHeight


def _polygon_symbol(colour: str, expression: str):
    from qgis._3d import QgsPhongMaterialSettings, QgsPolygon3DSymbol
    from qgis.core import QgsAbstract3DSymbol

    symbol = QgsPolygon3DSymbol()
    material = QgsPhongMaterialSettings()
    material.setDiffuse(QColor(colour))
    material.setAmbient(QColor(colour).darker(160))
    if Qgis.QGIS_VERSION_INT >= 33000 and hasattr(symbol, "setMaterialSettings"):
        symbol.setMaterialSettings(material)
    else:
        symbol.setMaterial(material)
    properties = symbol.dataDefinedProperties()
    properties.setProperty(_extrusion_property(QgsAbstract3DSymbol), QgsProperty.fromExpression(expression))
    symbol.setDataDefinedProperties(properties)
    return symbol


def colour_rules(
    colour_by: str, field: Optional[str] = None, classes: Optional[list] = None
) -> list[tuple[str, str, str]]:
    """``(filter expression, colour, label)`` rules: by ``use``, by ``age`` or graduated by ``value``
    (``field`` with ``classes`` as ``[(lower, upper, colour), ...]``)."""
    if colour_by == "use":
        rules = [(f"\"gebruiksdoel\" = '{use}'", colour, use) for use, colour in USE_COLOURS.items()]
        known = ", ".join(f"'{use}'" for use in USE_COLOURS)
        rules.append((f'"gebruiksdoel" IS NULL OR "gebruiksdoel" NOT IN ({known})', DEFAULT_COLOUR, "other"))
        return rules
    if colour_by == "age":
        field, classes = "bouwjaar", AGE_CLASSES
    if not field or not classes:
        raise View3DError(f"Colouring by '{colour_by}' needs a field and classes")
    rules = []
    for lower, upper, colour in classes:
        parts = []
        if lower is not None:
            parts.append(f'"{field}" >= {lower}')
        if upper is not None:
            parts.append(f'"{field}" < {upper}')
        label = f"{'' if lower is None else lower} - {'' if upper is None else upper}"
        rules.append((" AND ".join(parts) or "TRUE", colour, label))
    rules.append((f'"{field}" IS NULL', DEFAULT_COLOUR, "no value"))
    return rules


def apply_building_3d(
    layer,
    colour_by: str = "use",
    field: Optional[str] = None,
    classes: Optional[list] = None,
    height: Optional[str] = None,
    single_colour: Optional[str] = None,
):
    """Give a building layer a 3D renderer: polygons extruded by the relative height, coloured per rule.

    Returns the renderer. ``single_colour`` skips the rules (one symbol for the whole layer)."""
    from qgis._3d import QgsRuleBased3DRenderer, QgsVectorLayer3DRenderer

    if layer is None or not layer.isValid():
        raise View3DError("Cannot add a 3D renderer to an invalid layer")
    height_expression_text = height or height_expression(layer.fields())
    if single_colour:
        renderer = QgsVectorLayer3DRenderer(_polygon_symbol(single_colour, height_expression_text))
    else:
        root = QgsRuleBased3DRenderer.Rule(None)
        for expression, colour, label in colour_rules(colour_by, field, classes):
            root.appendChild(
                QgsRuleBased3DRenderer.Rule(
                    _polygon_symbol(colour, height_expression_text), expression, label
                )
            )
        renderer = QgsRuleBased3DRenderer(root)
    renderer.setLayer(layer)
    layer.setRenderer3D(renderer)
    return renderer


def apply_tree_3d(layer, crown_field: str = "crown_diameter_m", height_field: str = "height_m"):
    """Trees as green spheres (crown) lifted to their height; a fixed size when the fields are absent."""
    from qgis._3d import QgsPhongMaterialSettings, QgsPoint3DSymbol, QgsVectorLayer3DRenderer

    symbol = QgsPoint3DSymbol()
    sphere = getattr(QgsPoint3DSymbol, "Sphere", None)
    if sphere is None:  # scoped enum in newer QGIS
        sphere = Qgis.Point3DShape.Sphere
    symbol.setShape(sphere)
    radius = 3.0
    symbol.setShapeProperties({"radius": radius})
    material = QgsPhongMaterialSettings()
    material.setDiffuse(QColor("#3f8f3a"))
    material.setAmbient(QColor("#1f4f1a"))
    if Qgis.QGIS_VERSION_INT >= 33000 and hasattr(symbol, "setMaterialSettings"):
        symbol.setMaterialSettings(material)
    else:
        symbol.setMaterial(material)
    from qgis.PyQt.QtGui import QMatrix4x4, QVector3D

    transform = QMatrix4x4()
    transform.translate(QVector3D(0, 6.0, 0))  # y is up in the 3D scene of 3.22
    symbol.setTransform(transform)
    renderer = QgsVectorLayer3DRenderer(symbol)
    renderer.setLayer(layer)
    layer.setRenderer3D(renderer)
    return renderer


def qgis3d_xml(crs_authid: str, extent: tuple, layer_ids: Iterable[str], background: str = "#f4f1ea") -> str:
    """A ``<qgis3d>`` document: flat terrain over ``extent``, origin at its centre, the given layers."""
    from qgis.core import QgsCoordinateReferenceSystem

    xmin, ymin, xmax, ymax = extent
    cx, cy = (xmin + xmax) / 2.0, (ymin + ymax) / 2.0
    crs = QgsCoordinateReferenceSystem(crs_authid)
    document = QDomDocument()
    crs_element = document.createElement("crs")
    crs.writeXml(crs_element, document)
    document.appendChild(crs_element)
    crs_xml = document.toString()
    layers = "".join(f"<layer id={quoteattr(layer_id)}/>" for layer_id in layer_ids)
    return (
        f'<qgis3d version="1"><origin x="{cx}" y="{cy}" z="0"/>'
        f'<camera field-of-view="45" projection-type="1" camera-movement-speed="5" '
        f'camera-navigation-mode="0"/>'
        f'<color background="{background}" selection="#ffff00"/>{crs_xml}'
        f'<terrain exaggeration="1" shading-enabled="0" elevation-offset="0" texture-size="1024" '
        f'max-terrain-error="3" max-ground-error="1" show-labels="0"><layers>{layers}</layers>'
        f'<generator type="flat" crs={quoteattr(crs_authid)}>'
        f'<extent xmin="{xmin}" ymin="{ymin}" xmax="{xmax}" ymax="{ymax}"/></generator></terrain>'
        f'<directional-lights><directional-light x="-0.5" y="-1" z="-0.5" color="#ffffff" intensity="1"/>'
        f'</directional-lights><skybox skybox-enabled="0"/><shadow-rendering shadow-rendering-enabled="0"/>'
        f"</qgis3d>"
    )


def map_settings(project: QgsProject, extent: tuple, layers: list, background: str = "#f4f1ea"):
    """``Qgs3DMapSettings`` for the layers over the extent (flat terrain, project CRS)."""
    from qgis._3d import Qgs3DMapSettings
    from qgis.core import QgsReadWriteContext

    crs = project.crs().authid() or "EPSG:28992"
    document = QDomDocument()
    document.setContent(qgis3d_xml(crs, extent, [layer.id() for layer in layers], background))
    settings = Qgs3DMapSettings()
    context = QgsReadWriteContext()
    context.setPathResolver(project.pathResolver())
    settings.readXml(document.documentElement(), context)
    settings.resolveReferences(project)
    settings.setLayers(layers)
    return settings


def camera_for(extent: tuple, pitch: float = 50.0, heading: float = 20.0) -> dict:
    xmin, ymin, xmax, ymax = extent
    size = max(xmax - xmin, ymax - ymin)
    return {
        "xMap": (xmin + xmax) / 2.0,
        "yMap": (ymin + ymax) / 2.0,
        "zMap": 0.0,
        "dist": size * 1.4,
        "pitch": pitch,
        "yaw": heading,
    }


def view_element_xml(name: str, project: QgsProject, extent: tuple, layers: list) -> str:
    """The ``<view>`` element QGIS Desktop reads for a saved 3D map view."""
    crs = project.crs().authid() or "EPSG:28992"
    camera = camera_for(extent)
    camera_xml = "<camera " + " ".join(f'{k}="{v}"' for k, v in camera.items()) + "/>"
    return (
        f'<view name={quoteattr(name)} isOpen="1" isDocked="0" width="1000" height="700" x="80" y="80">'
        f"{qgis3d_xml(crs, extent, [layer.id() for layer in layers])}{camera_xml}</view>"
    )


def add_3d_view(project: QgsProject, extent: tuple, layers: list, name: str = VIEW_NAME) -> None:
    """Keep a 3D map view configuration in the project (written with the project)."""
    document = QDomDocument()
    document.setContent(view_element_xml(name, project, extent, layers))
    element = document.documentElement()
    if hasattr(project, "viewsManager"):  # QGIS >= 3.24
        manager = project.viewsManager()
        register = getattr(manager, "register3DViewSettings", None) or manager.registerViewSettings
        register(name, element)
        return

    def _append(dom_document):
        root = dom_document.documentElement()
        docks = root.firstChildElement("mapViewDocks3D")
        if docks.isNull():
            docks = dom_document.createElement("mapViewDocks3D")
            root.appendChild(docks)
        view = docks.firstChildElement("view")
        while not view.isNull():
            following = view.nextSiblingElement("view")
            if view.attribute("name") == name:
                docks.removeChild(view)
            view = following
        docks.appendChild(dom_document.importNode(element, True))

    # QGIS 3.22: the application writes 3D docks; without it we add the element when the project is written
    previous = getattr(project, "_smart_twin_3d_writer", None)
    if previous is not None:
        with contextlib.suppress(TypeError):
            project.writeProject.disconnect(previous)
    project.writeProject.connect(_append)
    project._smart_twin_3d_writer = _append


def saved_3d_views(project_file) -> list[str]:
    """Names of the 3D views stored in a .qgs/.qgz file."""
    import zipfile

    path = Path(project_file)
    if path.suffix == ".qgz":
        with zipfile.ZipFile(path) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".qgs"))
            text = archive.read(name).decode("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    document = QDomDocument()
    document.setContent(text)
    docks = document.documentElement().firstChildElement("mapViewDocks3D")
    names = []
    view = docks.firstChildElement("view")
    while not view.isNull():
        names.append(view.attribute("name"))
        view = view.nextSiblingElement("view")
    return names


def snapshot_3d(
    project: QgsProject,
    layers: list,
    extent: tuple,
    output,
    width_px: int = 1200,
    height_px: int = 800,
    pitch: float = 50.0,
    heading: float = 20.0,
) -> Path:
    """Render the layers in 3D to a PNG through a print layout 3D map item (needs an X display / GL).

    ``Qgs3D.initialize()`` must have run (the QGIS application does it; standalone scripts call it)."""
    from qgis._3d import QgsCameraPose, QgsLayoutItem3DMap
    from qgis.core import (
        QgsLayoutExporter,
        QgsLayoutPoint,
        QgsLayoutSize,
        QgsPrintLayout,
        QgsUnitTypes,
        QgsVector3D,
    )

    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    settings = map_settings(project, extent, layers)
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    page = layout.pageCollection().page(0)
    width_mm, height_mm = width_px / 4.0, height_px / 4.0
    page.setPageSize(QgsLayoutSize(width_mm, height_mm, QgsUnitTypes.LayoutMillimeters))
    item = QgsLayoutItem3DMap(layout)
    layout.addLayoutItem(item)
    item.attemptMove(QgsLayoutPoint(0, 0, QgsUnitTypes.LayoutMillimeters))
    item.attemptResize(QgsLayoutSize(width_mm, height_mm, QgsUnitTypes.LayoutMillimeters))
    item.setMapSettings(settings)
    camera = camera_for(extent, pitch, heading)
    pose = QgsCameraPose()
    pose.setCenterPoint(QgsVector3D(0, 0, 0))
    pose.setDistanceFromCenterPoint(camera["dist"])
    pose.setPitchAngle(pitch)
    pose.setHeadingAngle(heading)
    item.setCameraPose(pose)
    exporter = QgsLayoutExporter(layout)
    image_settings = QgsLayoutExporter.ImageExportSettings()
    image_settings.dpi = 25.4 * 4.0  # 4 px per mm
    result = exporter.exportToImage(str(output), image_settings)
    if result != QgsLayoutExporter.Success or not output.exists():
        raise View3DError(
            f"3D snapshot to {output} failed (layout export result {result}); "
            f"3D needs an X display with OpenGL (run under xvfb-run)"
        )
    return output
