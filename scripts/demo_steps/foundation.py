"""Foundation demo step: generate the sample district and a first project, its layers styled and grouped."""

from __future__ import annotations

from pathlib import Path

from smart_society.core.paths import STYLES_DIR
from smart_society.resources.sample.generator import (
    DEFAULT_SEED,
    generate_sample_district,
    load_sample_district,
)

# (group, layers) in legend order; group names are Dutch, as the users see them
LAYER_GROUPS = [
    ("Buurten", ["buurten"]),
    ("Sensoren", ["sensors"]),
    ("Voorzieningen", ["amenities"]),
    ("Gebouwen", ["buildings", "addresses"]),
    ("Groen en bomen", ["trees", "green_spaces"]),
    ("BGT/ondergrond", ["walking_network", "land_cover"]),
]


def build_project(district, project_path: Path) -> list[str]:
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsRasterLayer, QgsVectorLayer

    project = QgsProject.instance()
    project.clear()
    project.setCrs(QgsCoordinateReferenceSystem("EPSG:28992"))
    project.setTitle("Dordrecht Smart Twin - Spoorzone (voorbeeldwijk)")
    root = project.layerTreeRoot()
    lines = []
    for group_name, layer_names in LAYER_GROUPS:
        group = root.addGroup(group_name)
        for layer_name in layer_names:
            layer = QgsVectorLayer(f"{district.gpkg}|layername={layer_name}", layer_name, "ogr")
            if not layer.isValid():
                raise RuntimeError(f"{district.gpkg}: layer {layer_name!r} could not be opened")
            style = STYLES_DIR / f"{layer_name}.qml"
            if style.exists():
                layer.loadNamedStyle(str(style))
            project.addMapLayer(layer, False)
            group.addLayer(layer)
            lines.append(f"{group_name} / {layer_name}: {layer.featureCount()} features")
    if district.orthophoto is not None:
        photo = QgsRasterLayer(str(district.orthophoto), "Luchtfoto 8 cm (gegenereerd)", "gdal")
        project.addMapLayer(photo, False)
        root.addGroup("Luchtfoto").addLayer(photo)
        lines.append(f"Luchtfoto: {photo.width()} x {photo.height()} px")
    project.writeEntryBool("Paths", "/Absolute", False)
    project_path.parent.mkdir(parents=True, exist_ok=True)
    if not project.write(str(project_path)):
        raise RuntimeError(f"could not write {project_path}: {project.error()}")
    return lines


def run(context) -> list[str]:
    directory = context.out_dir / "sample_district"
    district = load_sample_district(directory) or generate_sample_district(directory, seed=DEFAULT_SEED)
    context.district = district
    lines = district.summary().splitlines()
    lines += build_project(district, context.project_path)
    lines.append(f"project written: {context.project_path}")
    return lines
