"""The dock: model card, bad own model, a run in a QgsTask that adds styled layers to the project."""

from __future__ import annotations

import time

import pytest

from smart_society.plugins.solar_detect.core.model import (
    default_model_path,
    read_onnx_metadata,
    write_onnx_metadata,
)
from smart_society.plugins.solar_detect.core.vector_io import write_gpkg


@pytest.fixture()
def dock(qgis_iface):
    from smart_society.plugins.solar_detect.gui.dock import SolarDetectDock

    widget = SolarDetectDock(qgis_iface)
    yield widget
    widget.deleteLater()


def test_model_card_and_baseline(dock):
    text = dock.card.toPlainText()
    assert "8 cm/px" in text and "PV01" in text and "solar_panel" in text
    dock.model_combo.setCurrentIndex(1)
    assert "Classical baseline" in dock.card.toPlainText()


def test_own_model_with_missing_metadata_shows_the_error(dock, tmp_path):
    meta = read_onnx_metadata(default_model_path())
    del meta["tile_size"]
    bad = write_onnx_metadata(default_model_path(), tmp_path / "bad.onnx", meta)
    dock.model_combo.setCurrentIndex(2)
    dock.model_file.setFilePath(str(bad))
    assert not dock.refresh_card()
    assert "tile_size" in dock.card.toPlainText() and "bad.onnx" in dock.card.toPlainText()
    dock.start()
    assert dock.task is None and "model" in dock.status.text().lower()


def test_run_in_a_task_adds_styled_layers(dock, solar_scene, tmp_path, qgis_app):
    from qgis.core import QgsApplication, QgsProject, QgsRasterLayer, QgsVectorLayer

    project = QgsProject.instance()
    raster = QgsRasterLayer(str(solar_scene.path), "luchtfoto")
    gpkg = write_gpkg(
        tmp_path / "b.gpkg",
        "buildings",
        "EPSG:28992",
        [(g, {"identificatie": f"P{i}"}) for i, g in enumerate(solar_scene.footprints)],
    )
    buildings = QgsVectorLayer(f"{gpkg}|layername=buildings", "panden", "ogr")
    project.addMapLayers([raster, buildings])
    try:
        dock.raster_combo.setLayer(raster)
        dock.buildings_combo.setLayer(buildings)
        dock.id_field.setField("identificatie")
        dock.out_dir.setFilePath(str(tmp_path / "out"))
        dock.start()
        assert dock.task is not None and not dock.run_button.isEnabled()
        deadline = time.time() + 300
        while dock.task is not None and time.time() < deadline:
            QgsApplication.processEvents()
            time.sleep(0.05)
        assert dock.task is None, "the task did not finish"
        assert dock.progress.value() == 100, dock.status.text()
        group = project.layerTreeRoot().findGroup("Zonnepanelen")
        assert group is not None
        names = [node.layer().name() for node in group.findLayers()]
        assert names[:2] == ["Zonnepanelen (detectie)", "Zonnepanelen per pand"]
        panels = group.findLayers()[0].layer()
        assert panels.featureCount() >= 1
        assert panels.renderer() is not None and "kWp" in dock.status.text()
        assert (tmp_path / "out" / "solar_panels.gpkg").exists()
    finally:
        group = project.layerTreeRoot().findGroup("Zonnepanelen")
        if group is not None:
            for node in group.findLayers():
                project.removeMapLayer(node.layerId())
            project.layerTreeRoot().removeChildNode(group)
        project.removeMapLayers([raster.id(), buildings.id()])
