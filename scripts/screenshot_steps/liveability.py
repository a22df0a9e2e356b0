"""Liveability screenshots: the index map (Analyses group of the demo project), the HTML report, and the
Processing dialog of the liveability index."""

from __future__ import annotations

from pathlib import Path

GROUP = "Analyses"


def _index_layer(shooter):
    from qgis.core import QgsProject, QgsVectorLayer

    from smart_society.processing.liveability.report import style_index_layer

    project = QgsProject.instance()
    if (
        Path(project.fileName() or "").resolve() != Path(shooter.project_path).resolve()
        and Path(shooter.project_path).exists()
    ):
        shooter.iface.addProject(str(shooter.project_path))
        shooter.wait(2.0)
    root = project.layerTreeRoot()
    group = root.findGroup(GROUP)
    if group is not None:
        for node in group.findLayers():
            if node.layer() is not None and node.layer().name().startswith("Liveability index (buurten)"):
                return node.layer(), group
    gpkg = Path(shooter.project_path).parent / "liveability" / "liveability.gpkg"
    layer = QgsVectorLayer(f"{gpkg}|layername=liveability_index_buurt", "Liveability index (buurten)", "ogr")
    if not layer.isValid():
        raise RuntimeError(f"no liveability index: run `make demo` first ({gpkg})")
    style_index_layer(layer)
    project.addMapLayer(layer, False)
    group = group or root.insertGroup(0, GROUP)
    group.addLayer(layer)
    return layer, group


def take(shooter):
    from qgis.core import QgsProject

    layer, group = _index_layer(shooter)
    for component in getattr(shooter.suite, "components", []) or []:  # a clear view of the map
        dock = getattr(component, "dock", None)
        if dock is not None:
            dock.hide()
    root = QgsProject.instance().layerTreeRoot()
    group.setItemVisibilityChecked(True)
    root.findLayer(layer.id()).setItemVisibilityChecked(True)
    shooter.iface.setActiveLayer(layer)
    shooter.iface.mainWindow().showMaximized()
    canvas = shooter.iface.mapCanvas()
    extent = layer.extent()
    extent.scale(1.1)
    canvas.setExtent(extent)
    shooter.wait_for_canvas()
    shooter.grab(canvas, "liveability_index_map")
    shooter.grab_main("liveability_index_window")

    report = Path(shooter.project_path).parent / "liveability" / "liveability_report.html"
    if report.exists():
        from qgis.PyQt.QtCore import QPoint, QUrl

        try:
            from qgis.PyQt.QtWebKitWidgets import QWebView
        except ImportError:  # QGIS built without WebKit
            QWebView = None  # noqa: N806
        if QWebView is not None:
            view = QWebView()
            view.resize(1400, 1000)
            view.load(QUrl.fromLocalFile(str(report)))
            view.show()
            shooter.wait(3.0)
            shooter.grab(view, "liveability_report")
            view.page().mainFrame().setScrollPosition(QPoint(0, 1100))
            shooter.wait(1.0)
            shooter.grab(view, "liveability_report_chart")
            view.close()
        else:
            from qgis.PyQt.QtWidgets import QTextBrowser

            browser = QTextBrowser()
            browser.resize(1400, 1000)
            browser.setSource(QUrl.fromLocalFile(str(report)))
            browser.show()
            shooter.wait(1.0)
            shooter.grab(browser, "liveability_report")
            browser.close()

    from qgis import processing

    dialog = processing.createAlgorithmDialog("smartsociety:liveabilityindex")
    if dialog is not None:
        dialog.resize(1100, 700)
        dialog.show()
        shooter.wait(1.0)
        shooter.grab(dialog, "liveability_index_dialog")
        dialog.close()
