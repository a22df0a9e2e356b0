"""The Twin dock on a QGIS interface (pytest-qgis): search, add once, area counts, build task, stale list."""

from __future__ import annotations

from qgis.core import QgsApplication, QgsProject

from smart_society.plugins.smart_twin.core import project as pj


def _entries(dock):
    names = []
    for i in range(dock.tree.topLevelItemCount()):
        parent = dock.tree.topLevelItem(i)
        names += [parent.child(j).text(0) for j in range(parent.childCount())]
    return names


def test_dock_catalogue_area_and_build(qgis_iface, mini_district, tmp_path):
    from smart_society.plugins.smart_twin.gui.dock import SmartTwinDock

    QgsProject.instance().clear()
    dock = SmartTwinDock(qgis_iface)
    all_entries = _entries(dock)
    assert len(all_entries) == len(dock.catalogue.entries)
    dock.search.setText("luchtfoto 8 cm")
    assert len(_entries(dock)) == 2  # PDOK Actueel_orthoHR and the district's own photo
    dock.search.setText("crown diameter")
    assert _entries(dock) == ["Bomen (voorbeeldwijk)"]

    dock.set_district(mini_district.gpkg)
    assert dock.buurten.count() == 2
    dock.tree.setCurrentItem(dock.tree.topLevelItem(0).child(0))
    dock.add_selected()
    dock.add_selected()  # never twice
    assert [layer.name() for layer in QgsProject.instance().mapLayers().values()] == ["Bomen (voorbeeldwijk)"]

    labels = [dock.buurten.item(i).text() for i in range(dock.buurten.count())]
    dock.buurten.item(labels.index("Spoorzone (BU05059001)")).setSelected(True)
    assert dock.area.bu_codes == ["BU05059001"]
    counts = {
        dock.counts.topLevelItem(i).text(0): dock.counts.topLevelItem(i).text(1)
        for i in range(dock.counts.topLevelItemCount())
    }
    assert counts["buildings"] == "3" and counts["trees"] == "2"

    output = tmp_path / "dock.qgz"
    task = dock.build_project(str(output), open_when_done=False)
    assert task is not None
    task.waitForFinished(120000)
    for _ in range(50):
        QgsApplication.processEvents()
        if dock.build_button.isEnabled():
            break
    assert output.exists()
    assert "Twin project written" in dock.status.text()
    assert dock.check_stale() == []
    project = QgsProject()
    assert project.read(str(output))
    layers = project.mapLayers().values()
    buildings = [lay for lay in layers if lay.customProperty(pj.ROLE_PROPERTY) == "buildings"]
    assert buildings[0].featureCount() == 3
    QgsProject.instance().clear()
    dock.deleteLater()
