"""The "Publish open data…" dialog with layers of the open project chosen: layers, metadata, privacy."""

from __future__ import annotations

# Sample-district tables (found by their source, whatever the project calls them) and the register's sensors
CHOSEN_TABLES = ["buildings", "trees", "green_spaces", "amenities", "buurten", "addresses"]
REGISTER_ROLE = "sensors"


def chosen_layers():
    from qgis.core import QgsProject

    chosen = []
    for layer in QgsProject.instance().mapLayers().values():
        table = layer.source().split("layername=")[-1] if "layername=" in layer.source() else ""
        from_sample = "sample_district.gpkg" in layer.source() and table in CHOSEN_TABLES
        if from_sample or layer.customProperty("smart_society/register_table") == REGISTER_ROLE:
            chosen.append(layer)
    return chosen


def take(shooter):
    from smart_society.processing.opendata.gui.dialog import OpenDataDialog

    dialog = OpenDataDialog(shooter.iface)
    dialog.folder_edit.setText(str(shooter.out_dir.parent / "opendata"))
    dialog.set_checked_layers(chosen_layers())
    dialog.title_edit.setText("Spoorzone Dordrecht - digitale tweeling")
    dialog.description_edit.setPlainText(
        "Openbare lagen van de digitale tweeling van de Spoorzone: gebouwen, "
        "bomen, groen, voorzieningen en CBS-buurten."
    )
    dialog.keywords_edit.setText("digitale tweeling, Spoorzone, gebouwen, bomen")
    names = {layer.source().split("layername=")[-1]: layer.name() for layer in chosen_layers()}
    dialog.release_field(names.get("green_spaces", ""), "name", "Naam van een openbaar park, geen persoon")
    dialog.release_field(names.get("buurten", ""), "bu_naam", "Officiële CBS-buurtnaam")
    dialog.show()
    dialog.raise_()
    shooter.wait(0.5)
    for index, name in (
        (0, "opendata_dialog_layers"),
        (1, "opendata_dialog_metadata"),
        (2, "opendata_dialog_privacy"),
        (3, "opendata_dialog_portal"),
    ):
        dialog.tabs.setCurrentIndex(index)
        if index == 1:
            dialog.check_metadata()
        shooter.wait(0.3)
        shooter.grab(dialog, name)
    # export the chosen layers into a temporary folder so the result list shows what was written
    import tempfile

    with tempfile.TemporaryDirectory(prefix="opendata_screenshot_") as folder:
        dialog.folder_edit.setText(folder)
        dialog.tabs.setCurrentIndex(2)
        dialog.export()
        shooter.wait(0.3)
        shooter.grab(dialog, "opendata_dialog_result")
    dialog.close()
    dialog.deleteLater()
