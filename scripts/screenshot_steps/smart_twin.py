"""Twin layers screenshots: the Twin dock (catalogue and project tabs), the 2D twin map, the 3D snapshot."""

from __future__ import annotations

from pathlib import Path


def take(shooter):
    from qgis.core import QgsProject

    from smart_society.plugins.smart_twin.core import project as project_module

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

    # The 3D snapshot renders in its own QGIS process (as in the demo): a 3D engine started inside the
    # desktop kept QGIS from quitting under Xvfb.
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from demo_steps.smart_twin import snapshot_in_subprocess

    box = extent if not extent.isEmpty() else buildings.extent()
    output = Path(shooter.out_dir) / "twin_3d_snapshot.png"
    snapshot_in_subprocess(
        Path(project.fileName()), (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()), output
    )
    shooter.saved.append(output.name)
    # The 3D renderers and the 3D snapshot leave the desktop's project marked modified although these shots
    # changed nothing; a "save changes?" question would keep QGIS from quitting after the last step.
    from qgis.PyQt.QtWidgets import QDockWidget

    for widget in shooter.iface.mainWindow().findChildren(QDockWidget):
        if widget.windowTitle() == "Twin 3D":  # the project's saved 3D view, opened with the project
            widget.close()
    shooter.wait(1.0)
    project.setDirty(False)
