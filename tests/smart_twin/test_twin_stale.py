"""Stale sources: detection against the real catalogue, repair that brings a layer back (local server)."""

from __future__ import annotations

import json

from qgis.core import QgsProject, QgsVectorLayer

from smart_society.plugins.smart_twin.core import catalogue as cat
from smart_society.plugins.smart_twin.core import stale


def test_old_pdok_endpoints_are_detected_with_replacement():
    catalogue = cat.load_catalogue()
    old_wfs = (
        "pagingEnabled='true' srsname='EPSG:28992' typename='bag:pand' "
        "url='https://geodata.nationaalgeoregister.nl/bag/wfs/v1_1' version='auto'"
    )
    found = stale.check_source("WFS", old_wfs, catalogue)
    assert (
        found.entry_id == "pdok_bag_wfs_pand" and found.new_url == "https://service.pdok.nl/lv/bag/wfs/v2_0"
    )
    assert "url='https://service.pdok.nl/lv/bag/wfs/v2_0'" in found.new_source
    assert "typename='bag:pand'" in found.new_source
    old_wmts = (
        "contextualWMSLegend=0&crs=EPSG:28992&dpiMode=7&format=image/jpeg&layers=Actueel_orthoHR&styles=default"
        "&tileMatrixSet=EPSG:28992&url=https://geodata.nationaalgeoregister.nl/luchtfoto/rgb/wmts?"
        "request%3DGetCapabilities%26service%3DWMTS"
    )
    found = stale.check_source("wms", old_wmts, catalogue)
    assert found.entry_id in ("pdok_luchtfoto_hr", "pdok_luchtfoto_25")
    assert "service.pdok.nl/hwh/luchtfotorgb/wmts/v1_0" in found.new_source
    assert "layers=Actueel_orthoHR" in found.new_source
    cbs_2020 = (
        "typename='wijkenbuurten:buurten' url='https://geodata.nationaalgeoregister.nl/wijkenbuurten2020/wfs'"
        " version='auto'"
    )
    found = stale.check_source("WFS", cbs_2020, catalogue)
    assert found.new_url == "https://service.pdok.nl/cbs/wijkenbuurten/2020/wfs/v1_0"
    current = cat.layer_uri(catalogue.entry("pdok_bag_wfs_pand"))[0]
    assert stale.check_source("WFS", current, catalogue) is None
    unknown = "typename='x' url='https://geodata.nationaalgeoregister.nl/unknown/wfs' version='auto'"
    found = stale.check_source("WFS", unknown, catalogue)
    assert not found.repairable and "retired" in found.reason
    assert stale.check_source("ogr", "/data/x.gpkg|layername=a", catalogue) is None


def test_repair_on_project_open_brings_layer_back(qgis_app, local_ogc_server, tmp_path):
    dead = "http://127.0.0.1:9/old/wfs"
    catalogue_file = tmp_path / "catalogue.json"
    catalogue_file.write_text(
        json.dumps(
            {
                "catalogue_version": 1,
                "date": "2026-11-25",
                "entries": [
                    {
                        "id": "local_buildings",
                        "name": "Local buildings",
                        "theme": "Gebouwen",
                        "group": "Gebouwen 3D",
                        "kind": "wfs",
                        "url": local_ogc_server.url,
                        "layer": "buildings",
                        "previous_urls": [dead],
                    }
                ],
            }
        )
    )
    catalogue = cat.load_catalogue(catalogue_file)
    project = QgsProject()
    layer = QgsVectorLayer(f"typename='buildings' url='{dead}' version='auto'", "Gebouwen (oud)", "WFS")
    assert not layer.isValid()
    project.addMapLayer(layer)
    path = tmp_path / "old.qgs"
    assert project.write(str(path))

    reopened = QgsProject()
    assert reopened.read(str(path))
    found = stale.find_stale_sources(reopened, catalogue)
    assert [s.layer_name for s in found] == ["Gebouwen (oud)"] and found[0].repairable
    assert stale.repair(reopened, found) == ["Gebouwen (oud)"]
    repaired = reopened.mapLayersByName("Gebouwen (oud)")[0]
    assert repaired.isValid() and repaired.featureCount() == 5
    assert stale.find_stale_sources(reopened, catalogue) == []
