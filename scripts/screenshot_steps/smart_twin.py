"""Twin layers screenshots: the Twin dock (catalogue and project tabs), the 2D twin map, the 3D snapshot."""

from __future__ import annotations

from pathlib import Path


def take(shooter):
    from qgis.core import QgsProject

    from smart_society.plugins.smart_twin.core import project as project_module
    from smart_society.plugins.smart_twin.core import view3d

    component = shooter.component("smart_twin")
    project = QgsProject.instance()
    if Path(project.fileName() or "").resolve() != Path(shooter.project_path).resolve():
        shooter.iface.addProject(str(shooter.project_path))
        shooter.wait(2.0)
    roles = {
        layer.customProperty(project_module.ROLE_PROPERTY): layer for layer in project.mapLayers().values()
    }
    dock = component.dock
    buildings = roles.get("buildings")
    if buildings is not None:
        dock.set_district(buildings.source().split("|")[0])
    component.show_dock()
    dock.tabs.setCurrentIndex(0)
    dock.search.setText("luchtfoto")
    shooter.grab(dock, "twin_dock_catalogue")
    dock.search.setText("")
    dock.tabs.setCurrentIndex(1)
    if dock.buurten.count():
        dock.buurten.item(0).setSelected(True)
    shooter.grab(dock, "twin_dock_project")
    dock.tabs.setCurrentIndex(0)

    shooter.iface.mainWindow().showMaximized()
    canvas = shooter.iface.mapCanvas()
    extent = project.viewSettings().defaultViewExtent()
    if not extent.isEmpty():
        canvas.setExtent(extent)
    else:
        canvas.zoomToFullExtent()
    shooter.wait_for_canvas()
    shooter.grab_main("twin_map_2d")

    layers = [roles[r] for r in ("land_cover", "buildings", "trees", "scenario_new") if r in roles]
    if layers:
        box = extent if not extent.isEmpty() else buildings.extent()
        path = view3d.snapshot_3d(
            project,
            layers,
            (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()),
            shooter.out_dir / "twin_3d_snapshot.png",
            1600,
            1000,
        )
        shooter.saved.append(path.name)
    # Reading the 3D renderers marks the project modified in the desktop; nothing was changed by these shots,
    # and a "save changes?" question would block QGIS from quitting after the last step.
    project.setDirty(False)
