"""The dialog: layers of the project, prefilled metadata, privacy review with releases, export."""

from __future__ import annotations

import json

import pytest
from qgis.core import QgsProject

from smart_society.processing.opendata.gui.dialog import OpenDataDialog
from smart_society.processing.opendata.privacy import read_release_log


@pytest.fixture
def project_layers(qgis_app, rd_polygons, rd_points):
    project = QgsProject.instance()
    project.addMapLayers([rd_polygons, rd_points])
    yield rd_polygons, rd_points
    project.removeMapLayers([rd_polygons.id(), rd_points.id()])


def test_dialog_reviews_privacy_and_exports(qgis_iface, project_layers, tmp_path):
    polygons, points = project_layers
    dialog = OpenDataDialog(qgis_iface)
    dialog.release_log = tmp_path / "release_log.jsonl"
    dialog.folder_edit.setText(str(tmp_path / "out"))
    dialog.set_checked_layers([points])
    assert [layer.name() for layer in dialog.checked_layers()] == ["bomen"]
    assert dialog.title_edit.text() == "bomen"  # prefilled from the layer
    rows = {
        (dialog.privacy_table.item(r, 1).text(), dialog.privacy_table.item(r, 2).text())
        for r in range(dialog.privacy_table.rowCount())
    }
    assert rows == {
        ("eigenaar_naam", "withheld"),
        ("email", "withheld"),
        ("contact_phone", "never releasable"),
    }
    assert not dialog.release_field("bomen", "contact_phone", "Nodig voor de portal")

    dialog.title_edit.setText("")
    assert {i.field for i in dialog.check_metadata()} >= {"title", "name"}
    assert dialog.export() is None and "Metadata" in dialog.result_view.toPlainText()

    dialog.title_edit.setText("Bomen uit de dialoog")
    dialog.description_edit.setPlainText("Bomen, geëxporteerd uit het dialoogvenster.")
    assert dialog.release_field("bomen", "eigenaar_naam", "kort")
    assert dialog.export() is None and "reason" in dialog.result_view.toPlainText()
    assert dialog.release_field("bomen", "eigenaar_naam", "Beheerorganisaties, geen natuurlijke personen")
    result = dialog.export()
    assert result is not None, dialog.result_view.toPlainText()
    package = tmp_path / "out" / "bomen-uit-de-dialoog"
    assert result.directory == package and (package / "README.md").exists()
    props = json.loads((package / "bomen.geojson").read_text())["features"][0]["properties"]
    assert "eigenaar_naam" in props and "email" not in props and "contact_phone" not in props
    assert [e["field"] for e in read_release_log(tmp_path / "release_log.jsonl")] == ["eigenaar_naam"]
    assert "bomen.geojson" in dialog.result_view.toPlainText()
    assert dialog.progress.value() == 100

    # publishing without an authentication configuration stops with a Dutch message
    assert dialog.export_and_publish() is None
    assert "authenticatieconfiguratie" in dialog.result_view.toPlainText()
    dialog.deleteLater()
