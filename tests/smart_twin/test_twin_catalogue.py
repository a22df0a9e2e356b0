"""Catalogue: content (real national endpoints), search, URIs, load-once, loading through a local server."""

from __future__ import annotations

import json
from urllib.parse import unquote

import pytest
from qgis.core import QgsProject, QgsRasterLayer

from smart_society.plugins.smart_twin.core import catalogue as cat

GROUPS = ["Gebouwen 3D", "BGT/ondergrond", "Groen en bomen", "Buurten", "Sensoren", "Luchtfoto", "Analyses"]


def test_catalogue_is_versioned_and_has_the_national_services():
    catalogue = cat.load_catalogue()
    assert catalogue.version >= 1 and len(catalogue.date) == 10
    assert catalogue.groups == GROUPS
    by_id = {e.id: e for e in catalogue.entries}
    assert by_id["pdok_luchtfoto_hr"].layer == "Actueel_orthoHR"
    assert by_id["pdok_luchtfoto_25"].layer == "Actueel_ortho25"
    assert by_id["pdok_luchtfoto_hr"].url == "https://service.pdok.nl/hwh/luchtfotorgb/wmts/v1_0"
    assert by_id["pdok_brt_achtergrondkaart"].url == "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0"
    assert by_id["pdok_bag_wfs_pand"].kind == "wfs" and by_id["pdok_bag_oapif_pand"].kind == "oapif"
    assert by_id["pdok_bgt_oapif"].url == "https://api.pdok.nl/lv/bgt/ogc/v1"
    assert by_id["pdok_ahn_dtm"].kind == "wcs"
    assert (
        by_id["3dbag_wfs_lod22"].url == by_id["3dbag_tile_index"].url == "https://data.3dbag.nl/api/BAG3D/wfs"
    )
    for entry in catalogue.entries:
        assert entry.group in GROUPS, entry.id
        assert entry.licence and entry.attribution and entry.abstract, entry.id


def test_search_grouping_and_favourites(qgis_app):
    catalogue = cat.load_catalogue()
    hits = {e.id for e in catalogue.search("luchtfoto")}
    assert {"pdok_luchtfoto_hr", "pdok_luchtfoto_25", "sample_orthophoto"} <= hits
    assert "pdok_bag_wfs_pand" not in hits
    # every word must match somewhere (name, abstract, theme, keywords, layer names)
    assert {e.id for e in catalogue.search("BAG verblijfsobject wfs")} == {"pdok_bag_wfs_pand"}
    assert catalogue.search("no such thing zzz") == []
    grouped = catalogue.by_theme(catalogue.search("3dbag"))
    assert set(grouped) == {"Gebouwen"}
    cat.write_favourites(set())
    assert cat.toggle_favourite("pdok_ahn_dtm") is True
    assert [e.id for e in catalogue.search(favourites_only=True, favourites=cat.read_favourites())] == [
        "pdok_ahn_dtm"
    ]
    assert cat.toggle_favourite("pdok_ahn_dtm") is False


def test_service_uris_and_year():
    catalogue = cat.load_catalogue()
    uri, provider = cat.layer_uri(catalogue.entry("pdok_luchtfoto_hr"))
    assert provider == "wms"
    params = dict(p.split("=", 1) for p in uri.split("&"))
    assert params["layers"] == "Actueel_orthoHR" and params["tileMatrixSet"] == "EPSG:28992"
    assert unquote(params["url"]).startswith(
        "https://service.pdok.nl/hwh/luchtfotorgb/wmts/v1_0?request=GetCapabilities"
    )
    cbs = catalogue.entry("pdok_cbs_buurten")
    assert cbs.resolved_url(2020) == "https://service.pdok.nl/cbs/wijkenbuurten/2020/wfs/v1_0"
    uri, provider = cat.layer_uri(cbs, year=2021)
    assert provider == "WFS" and "wijkenbuurten/2021/wfs" in uri and "typename='wijkenbuurten:buurten'" in uri
    with pytest.raises(cat.CatalogueError, match="year 1999 is not offered"):
        cbs.resolved_url(1999)
    uri, provider = cat.layer_uri(catalogue.entry("pdok_ahn_dtm"))
    assert provider == "wcs" and "identifier=dtm_05m" in uri


def test_bad_catalogue_file_names_the_entry(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(
        json.dumps(
            {
                "catalogue_version": 1,
                "date": "2026-01-01",
                "entries": [{"id": "x", "name": "X", "theme": "t", "group": "g", "kind": "wfs"}],
            }
        )
    )
    with pytest.raises(cat.CatalogueError, match="entry 'x': a wfs service needs 'url'"):
        cat.load_catalogue(path)


def test_local_entries_load_once_with_metadata(qgis_app, mini_district):
    catalogue = cat.load_catalogue()
    project = QgsProject()
    places = {"sample": mini_district.directory}
    layer, added = cat.add_to_project(project, catalogue.entry("sample_buildings"), places)
    assert added and layer.featureCount() == 5
    assert layer.metadata().title() == "Gebouwen (voorbeeldwijk, 3D)"
    assert layer.metadata().licenses() == ["CC BY 4.0"]
    again, added_again = cat.add_to_project(project, catalogue.entry("sample_buildings"), places)
    assert not added_again and again.id() == layer.id()
    assert len(project.mapLayers()) == 1
    with pytest.raises(cat.CatalogueError, match="sample_orthophoto"):
        cat.make_layer(catalogue.entry("sample_orthophoto"), places)  # the mini district has no orthophoto


def test_service_entries_against_local_qgis_server(qgis_app, local_ogc_server):
    catalogue = cat.load_catalogue()
    project = QgsProject()
    wfs = catalogue.entry("pdok_bag_wfs_pand").with_url(local_ogc_server.url, "buildings")
    layer, added = cat.add_to_project(project, wfs)
    assert added and layer.isValid() and layer.providerType() == "WFS"
    assert layer.featureCount() == 5
    ids = sorted(str(f["identificatie"]) for f in layer.getFeatures())
    assert ids[0] == "NL.IMBAG.Pand.0505100000000001"
    assert cat.add_to_project(project, wfs)[1] is False
    oapif = catalogue.entry("pdok_bgt_oapif").with_url(local_ogc_server.url + "/wfs3", "buurten")
    buurten = cat.make_layer(oapif)
    assert buurten.providerType() == "OAPIF"
    assert sorted(f["bu_code"] for f in buurten.getFeatures()) == ["BU05059001", "BU05059002"]
    wms = cat.CatalogueEntry(
        id="local_wms",
        name="Local WMS",
        theme="t",
        group="Analyses",
        kind="wms",
        url=local_ogc_server.url,
        layer="buildings",
        params={"format": "image/png"},
    )
    raster = cat.make_layer(wms)
    assert isinstance(raster, QgsRasterLayer) and raster.isValid()
    assert raster.dataProvider().capabilities()


def test_unreachable_service_is_reported_with_entry_and_url(qgis_app):
    catalogue = cat.load_catalogue()
    entry = catalogue.entry("pdok_bag_wfs_pand").with_url("http://127.0.0.1:9", "bag:pand")
    with pytest.raises(cat.CatalogueError, match=r"pdok_bag_wfs_pand.*http://127.0.0.1:9"):
        cat.make_layer(entry)
