"""The main window with the suite's menu and toolbar, and each component's dock."""

from __future__ import annotations


def take(shooter):
    from qgis.core import QgsProject
    from qgis.PyQt.QtGui import QGuiApplication

    main_window = shooter.iface.mainWindow()
    # Xvfb has no window manager, so "maximised" means: take the whole screen ourselves.
    main_window.setGeometry(QGuiApplication.primaryScreen().availableGeometry())
    main_window.showMaximized()
    canvas = shooter.iface.mapCanvas()
    # The district, not the full extent: harvested SensorThings sensors lie all over the Netherlands.
    buildings = [layer for layer in QgsProject.instance().mapLayers().values()
                 if layer.source().endswith("sample_district.gpkg|layername=buildings")]
    if buildings:
        canvas.setExtent(canvas.mapSettings().layerToMapCoordinates(buildings[0], buildings[0].extent()))
    else:
        canvas.zoomToFullExtent()
    shooter.wait_for_canvas()
    shooter.grab_main("main_window")
    menu = shooter.suite.menu
    menu_action = menu.menuAction()
    menu_bar = main_window.menuBar()
    menu_bar.setActiveAction(menu_action)
    shooter.wait(0.5)
    if menu.actions() and menu.actions()[0].menu() is not None:
        menu.setActiveAction(menu.actions()[0])
        shooter.wait(0.3)
    shooter.grab_screen("smart_society_menu")
    menu.hide()
    menu_bar.setActiveAction(None)
    shooter.grab(shooter.suite.toolbar, "smart_society_toolbar")
    for component in shooter.suite.components:
        component.show_dock()
        shooter.wait(0.5)
        shooter.grab(component.dock, f"dock_{component.key}")
        component.dock.hide()
    loaded = [c.key for c in shooter.suite.components]
    expected = ["smart_twin", "sensor_register", "solar_detect"]
    if loaded != expected:
        raise RuntimeError(f"components loaded: {loaded}, expected {expected} (see the QGIS message log)")
