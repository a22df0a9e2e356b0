"""The plugin loads into a real QgsApplication with an iface, and unloads without leaving anything behind."""

from __future__ import annotations

import configparser
from pathlib import Path

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QDockWidget, QMenu, QToolBar

REPO_ROOT = Path(__file__).resolve().parents[2]
COMPONENT_KEYS = ["smart_twin", "sensor_register", "solar_detect"]


def _flush_deletions():
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    QCoreApplication.processEvents()


def _suite_widgets(main_window):
    docks = [d for d in main_window.findChildren(QDockWidget) if d.objectName().startswith("SmartSociety_")]
    menus = [m for m in main_window.findChildren(QMenu) if m.objectName() == "SmartSocietyMenu"]
    toolbars = [t for t in main_window.findChildren(QToolBar) if t.objectName() == "SmartSocietyToolbar"]
    return docks, menus, toolbars


def _load_plugin(iface):
    import smart_society

    plugin = smart_society.classFactory(iface)
    plugin.initGui()
    return plugin


def test_metadata_declares_what_the_plugin_repository_needs():
    parser = configparser.ConfigParser()
    parser.read(REPO_ROOT / "metadata.txt", encoding="utf-8")
    general = parser["general"]
    assert general["name"] == "Dordrecht Smart Twin"
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["qgisMaximumVersion"] == "4.99"
    assert general["supportsQt6"].lower() == "true"
    assert general["hasProcessingProvider"] == "yes"
    for key in ("about", "description", "homepage", "tracker", "repository", "license", "tags", "changelog",
                "version", "author", "email"):
        assert general.get(key, "").strip(), f"metadata.txt misses {key}"
    assert (REPO_ROOT / general["icon"]).exists()


def test_init_gui_adds_menu_toolbar_docks_and_provider(qgis_app, qgis_iface):
    plugin = _load_plugin(qgis_iface)
    try:
        main_window = qgis_iface.mainWindow()
        docks, menus, toolbars = _suite_widgets(main_window)
        expected_docks = sorted(f"SmartSociety_{k}_dock" for k in COMPONENT_KEYS)
        assert sorted(d.objectName() for d in docks) == expected_docks
        assert len(menus) == 1 and len(toolbars) == 1
        menu = menus[0]
        assert menu.menuAction() in main_window.menuBar().actions()
        submenu_titles = [a.text() for a in menu.actions() if a.menu() is not None]
        assert len(submenu_titles) == 3
        # each component's dock toggle is in its submenu and on the toolbar
        toolbar_names = {a.objectName() for a in toolbars[0].actions()}
        for key in COMPONENT_KEYS:
            assert f"SmartSociety_{key}_toggle" in toolbar_names
        assert "SmartSociety_opendata_publish" in toolbar_names
        assert [c.key for c in plugin.components] == COMPONENT_KEYS
        for component in plugin.components:
            toggle = component.actions[0]
            assert toggle in component.submenu.actions()
            toggle.trigger()
            assert component.dock.isVisibleTo(main_window) or component.dock.toggleViewAction().isChecked()
        assert QgsApplication.processingRegistry().providerById("smartsociety") is not None
    finally:
        plugin.unload()
        _flush_deletions()


def test_unload_removes_everything_and_reload_works(qgis_app, qgis_iface):
    main_window = qgis_iface.mainWindow()
    for _round in range(2):
        plugin = _load_plugin(qgis_iface)
        docks, menus, toolbars = _suite_widgets(main_window)
        assert len(docks) == 3 and len(menus) == 1 and len(toolbars) == 1
        plugin.unload()
        _flush_deletions()
        docks, menus, toolbars = _suite_widgets(main_window)
        assert docks == [] and menus == [] and toolbars == []
        assert QgsApplication.processingRegistry().providerById("smartsociety") is None
        assert all(a.text() != plugin_menu_title() for a in main_window.menuBar().actions())


def plugin_menu_title():
    from smart_society.core.i18n import tr

    return tr("Smart Society")


def test_a_broken_component_is_reported_and_the_others_still_load(qgis_app, qgis_iface, monkeypatch):
    from smart_society import suite as suite_module

    original = suite_module.component_classes()

    class BrokenComponent(original[0]):
        key = "broken"

        def create_dock_widget(self, parent):
            raise RuntimeError("no dock today")

    monkeypatch.setattr(suite_module, "component_classes", lambda: [BrokenComponent, *original[1:]])
    messages = []
    QgsApplication.messageLog().messageReceived.connect(lambda text, tag, level: messages.append((tag, text)))
    plugin = _load_plugin(qgis_iface)
    try:
        assert [c.key for c in plugin.components] == COMPONENT_KEYS[1:]
        assert any(tag == "Smart Society" and "no dock today" in text for tag, text in messages)
    finally:
        plugin.unload()
        _flush_deletions()
    assert _suite_widgets(qgis_iface.mainWindow()) == ([], [], [])


@pytest.mark.parametrize("locale, expected", [("nl", "Sensorregister"), ("en", "Sensor register")])
def test_dutch_translation_is_shipped_and_used(qgis_app, locale, expected):
    from smart_society.core.i18n import install_translator, tr

    translator = install_translator(locale)
    try:
        assert (translator is not None) == (locale == "nl")
        assert tr("Sensor register") == expected
    finally:
        if translator is not None:
            QCoreApplication.removeTranslator(translator)
