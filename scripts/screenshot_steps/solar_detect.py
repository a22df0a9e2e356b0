"""Solar panels screenshots: the dock with its model card, and the styled result on the map."""

from __future__ import annotations

from pathlib import Path


def take(shooter):
    from qgis.core import QgsProject, QgsRectangle

    from smart_society.plugins.solar_detect.core.project_layers import GROUP_NAME

    component = shooter.component("solar_detect")
    project = QgsProject.instance()
    if Path(project.fileName() or "").resolve() != Path(shooter.project_path).resolve():
        shooter.iface.addProject(str(shooter.project_path))
        shooter.wait(2.0)
    dock = component.dock
    rasters = [lay for lay in project.mapLayers().values() if lay.type() == lay.RasterLayer]
    buildings = [
        lay
        for lay in project.mapLayers().values()
        if lay.type() == lay.VectorLayer
        and lay.fields().indexOf("identificatie") >= 0
        and lay.fields().indexOf("gebruiksdoel") >= 0
    ]
    buurten = [
        lay
        for lay in project.mapLayers().values()
        if lay.type() == lay.VectorLayer
        and lay.fields().indexOf("bu_naam") >= 0
        and lay.fields().indexOf("aant_inw") >= 0
    ]
    if rasters:
        dock.raster_combo.setLayer(rasters[0])
    if buildings:
        dock.buildings_combo.setLayer(buildings[0])
        dock.id_field.setField("identificatie")
    if buurten:
        dock.buurten_combo.setLayer(buurten[0])
    dock.refresh_card()
    component.show_dock()
    shooter.wait(0.5)
    shooter.grab(dock, "solar_dock_model_card")

    group = project.layerTreeRoot().findGroup(GROUP_NAME)
    if group is None:
        raise RuntimeError(f"group {GROUP_NAME!r} not in the project: run `make demo` first")
    layers = {node.layer().name(): node.layer() for node in group.findLayers()}
    # the panels over the aerial photo: hide the analysis groups drawn above them
    for other in project.layerTreeRoot().children():
        if other.name() in ("Analyses", "Buurten", "BGT/ondergrond", "Groen en bomen", "Sensoren"):
            other.setItemVisibilityChecked(False)
    group.setItemVisibilityChecked(True)
    panels = next((lay for name, lay in layers.items() if "detectie" in name), None)
    per_building = next((lay for name, lay in layers.items() if "per pand" in name), None)
    shooter.iface.mainWindow().showMaximized()
    canvas = shooter.iface.mapCanvas()
    target = per_building or panels
    if target is not None:
        # zoom on the building with the most kWp and its neighbourhood
        best = max(target.getFeatures(), key=lambda f: f["kwp"] or 0, default=None)
        if best is not None:
            centre = best.geometry().centroid().asPoint()
            canvas.setExtent(QgsRectangle(centre.x() - 60, centre.y() - 40, centre.x() + 60, centre.y() + 40))
    shooter.wait_for_canvas()
    shooter.grab_main("solar_map_panels_per_building")
    if target is not None:
        canvas.setExtent(target.extent())
        shooter.wait_for_canvas()
        shooter.grab_main("solar_map_overview")
    component.dock.hide()
