"""Add solar results to a QGIS project, styled and grouped (QGIS core only: used by the dock and the demo)."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProject, QgsVectorLayer

from ....core.paths import style_path

GROUP_NAME = "Zonnepanelen"
LAYERS = {
    # kind: (layer name in the GeoPackage, title in the project, style)
    "panels": ("solar_panels", "Zonnepanelen (detectie)", "solar_panels"),
    "buildings": ("solar_buildings", "Zonnepanelen per pand", "solar_buildings"),
    "buurten": ("solar_buurten", "Zonnepanelen per buurt", "solar_buurten"),
    "matches": ("solar_matches", "Zonnepanelen evaluatie", "solar_matches"),
}


def add_results(project: QgsProject, files: dict, group_name: str = GROUP_NAME, replace: bool = True) -> list:
    """Add the GeoPackages in ``files`` ({kind: path}) to ``project`` under ``group_name``.

    Returns the added layers.

    Panels come on top, then buildings, then buurten; an existing group of that name is emptied first.
    """
    root = project.layerTreeRoot()
    group = root.findGroup(group_name)
    if group is not None and replace:
        for child in list(group.findLayers()):
            project.removeMapLayer(child.layerId())
        group.removeAllChildren()
    if group is None:
        group = root.insertGroup(0, group_name)
    layers = []
    for kind in ("panels", "buildings", "buurten", "matches"):
        if kind not in files or files[kind] is None:
            continue
        gpkg_layer, title, style = LAYERS[kind]
        layer = QgsVectorLayer(f"{Path(files[kind])}|layername={gpkg_layer}", title, "ogr")
        if not layer.isValid():
            continue
        qml = style_path(style)
        if Path(qml).exists():
            layer.loadNamedStyle(qml)
        project.addMapLayer(layer, False)
        group.addLayer(layer)
        layers.append(layer)
    return layers
