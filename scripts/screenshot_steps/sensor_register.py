"""Sensor register screenshots: the Register dock (filters, warnings, time series, history), the native
attribute form refusing personal data without a legal ground, and the map styled by latest value."""

from __future__ import annotations

from pathlib import Path


def _register_path(shooter) -> Path:
    return Path(shooter.project_path).parent / "sensor_register.gpkg"


def take(shooter):
    from qgis.core import QgsProject
    from qgis.gui import QgsAttributeDialog, QgsMessageBar
    from qgis.PyQt.QtWidgets import QTabWidget

    from smart_society.plugins.sensor_register.core.forms import (
        ROLE_PROPERTY,
        add_register_to_project,
        constraint_messages,
    )

    component = shooter.component("sensor_register")
    register_path = _register_path(shooter)
    if not register_path.exists():
        raise RuntimeError(f"{register_path} ontbreekt: draai eerst `make demo`")
    project = QgsProject.instance()
    if Path(project.fileName() or "").resolve() != Path(shooter.project_path).resolve():
        shooter.iface.addProject(str(shooter.project_path))
        shooter.wait(2.0)
    layers = {
        layer.customProperty(ROLE_PROPERTY): layer
        for layer in project.mapLayers().values()
        if layer.customProperty(ROLE_PROPERTY)
    }
    if "sensors" not in layers:
        layers = add_register_to_project(str(register_path), project)

    dock = component.dock
    component.show_dock()
    dock.resize(560, 820)
    dock.open_register(str(register_path))
    dock.select_reference("DDT-LKS-001")
    dock.tabs.setCurrentIndex(0)
    shooter.wait(0.5)
    shooter.grab(dock, "register_dock")
    shooter.grab(dock.plot, "register_timeseries")
    dock.tabs.setCurrentIndex(1)
    shooter.wait(0.3)
    shooter.grab(dock, "register_dock_history")
    dock.tabs.setCurrentIndex(0)
    dock.personal_combo.setCurrentIndex(dock.personal_combo.findData(True))
    shooter.wait(0.3)
    shooter.grab(dock, "register_dock_personal_data_filter")
    dock.personal_combo.setCurrentIndex(0)

    sensors = layers["sensors"]
    feature = next(sensors.getFeatures("\"reference\" = 'DDT-PRK-001'"), None) or next(sensors.getFeatures())
    sensors.startEditing()
    feature["contains_personal_data"] = True
    feature["legal_ground"] = None
    feature["privacy_statement_url"] = "geen-url"
    dialog = QgsAttributeDialog(sensors, feature, False, shooter.iface.mainWindow(), True)
    dialog.resize(1100, 520)
    tabs = dialog.findChildren(QTabWidget)
    if tabs:
        tabs[0].setCurrentIndex(3)  # "Privacy"
    # the form marks the fields (orange, OK disabled); its constraint messages, shown on hover, in a bar too
    bar = QgsMessageBar(dialog)
    layout = dialog.layout()
    layout.addWidget(bar, layout.rowCount(), 0, 1, max(1, layout.columnCount()))
    messages = constraint_messages(sensors, feature)
    if "legal_ground" in messages:
        bar.pushWarning(
            sensors.attributeDisplayName(sensors.fields().indexOf("legal_ground")), messages["legal_ground"]
        )
    dialog.show()
    shooter.wait(1.0)
    shooter.grab(dialog, "register_form_validation")
    dialog.reject()
    sensors.rollBack()

    latest = layers.get("sensors_latest")
    if latest is not None:
        render_latest_map(shooter, project, latest)
    component.dock.hide()
    project.setDirty(False)  # nothing to save: QGIS must not ask on exit


def render_latest_map(shooter, project, latest):
    """The map styled by each sensor's latest value, rendered from the project's visible layers."""
    from qgis.core import QgsMapLayerType, QgsMapRendererSequentialJob, QgsMapSettings
    from qgis.PyQt.QtCore import QSize

    def drawable(layer) -> bool:
        if layer.customProperty("smart_society/register_table") is not None:
            return False
        return layer.type() == QgsMapLayerType.RasterLayer or (
            layer.type() == QgsMapLayerType.VectorLayer and layer.isSpatial()
        )

    visible = [layer for layer in project.layerTreeRoot().checkedLayers() if drawable(layer)]
    settings = QgsMapSettings()
    settings.setLayers([latest] + visible)
    settings.setDestinationCrs(project.crs())
    district = next((layer for layer in visible if layer.name() == "buurten"), None)
    extent = project.viewSettings().defaultViewExtent()
    if extent.isEmpty():
        extent = (district or latest).extent()
        extent.scale(1.05)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(1400, 1000))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    path = shooter.out_dir / "register_map_latest_values.png"
    job.renderedImage().save(str(path))
    shooter.saved.append(path.name)
