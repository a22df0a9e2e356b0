"""The "Publish open data…" dialog with layers of the open project chosen: layers, metadata, privacy."""

from __future__ import annotations

CHOSEN = ["buildings", "trees", "green_spaces", "amenities", "buurten", "sensors"]


def take(shooter):
    from smart_society.processing.opendata.gui.dialog import OpenDataDialog

    dialog = OpenDataDialog(shooter.iface)
    dialog.folder_edit.setText(str(shooter.out_dir.parent / "opendata"))
    dialog.set_checked_layers(CHOSEN)
    dialog.title_edit.setText("Spoorzone Dordrecht - digitale tweeling")
    dialog.description_edit.setPlainText(
        "Openbare lagen van de digitale tweeling van de Spoorzone: gebouwen, "
        "bomen, groen, voorzieningen en CBS-buurten."
    )
    dialog.keywords_edit.setText("digitale tweeling, Spoorzone, gebouwen, bomen")
    dialog.release_field("green_spaces", "name", "Naam van een openbaar park, geen persoon")
    dialog.release_field("buurten", "bu_naam", "Officiële CBS-buurtnaam")
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
