"""The plugin object QGIS loads: one "Smart Society" menu and toolbar, three components and a provider."""

from __future__ import annotations

import traceback

from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu, QToolBar

from .core.i18n import install_translator, tr
from .core.paths import icon_path

MENU_OBJECT_NAME = "SmartSocietyMenu"
TOOLBAR_OBJECT_NAME = "SmartSocietyToolbar"
LOG_TAG = "Smart Society"


def component_classes():
    """The suite's components, in menu order."""
    from .plugins.sensor_register.component import SensorRegisterComponent
    from .plugins.smart_twin.component import SmartTwinComponent
    from .plugins.solar_detect.component import SolarDetectComponent

    return [SmartTwinComponent, SensorRegisterComponent, SolarDetectComponent]


class SmartSocietySuite:
    """Owns every GUI object the suite adds, so that ``unload`` can remove all of them."""

    def __init__(self, iface):
        self.iface = iface
        self.translator = install_translator()
        self.provider = None
        self.menu: QMenu | None = None
        self.toolbar: QToolBar | None = None
        self.components = []
        self.suite_actions: list[QAction] = []
        self.open_data_dialog = None

    # Processing is initialised separately so qgis_process (which has no GUI) gets the provider too.
    def initProcessing(self):
        from .processing.provider import SmartSocietyProvider

        if self.provider is None:
            self.provider = SmartSocietyProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):
        self.initProcessing()
        main_window = self.iface.mainWindow()
        self.menu = QMenu(tr("Smart Society"), main_window)
        self.menu.setObjectName(MENU_OBJECT_NAME)
        self.menu.setIcon(QIcon(icon_path("suite")))
        menu_bar = main_window.menuBar()
        # Insert before the Help menu so the suite sits with the other application menus.
        help_action = next(
            (a for a in menu_bar.actions() if a.menu() and a.menu().objectName() == "mHelpMenu"), None)
        if help_action is not None:
            menu_bar.insertMenu(help_action, self.menu)
        else:
            menu_bar.addMenu(self.menu)
        self.toolbar = self.iface.addToolBar(tr("Smart Society"))
        self.toolbar.setObjectName(TOOLBAR_OBJECT_NAME)

        for component_class in component_classes():
            component = component_class(self.iface, self.menu, self.toolbar)
            try:
                component.initGui()
            except Exception as error:  # one broken component must not take the others down
                QgsMessageLog.logMessage(
                    tr("Component {name} could not start: {error}").format(name=component.title, error=error)
                    + "\n" + traceback.format_exc(), LOG_TAG, Qgis.Critical)
                component.unload()
                continue
            self.components.append(component)

        self.menu.addSeparator()
        publish = QAction(QIcon(icon_path("opendata")), tr("Publish open data…"), main_window)
        publish.setObjectName("SmartSociety_opendata_publish")
        publish.setToolTip(tr("Export layers as an open-data package and publish them to CKAN"))
        publish.triggered.connect(self.show_open_data_dialog)
        self.menu.addAction(publish)
        self.toolbar.addAction(publish)
        self.suite_actions.append(publish)

    def show_open_data_dialog(self):
        from .processing.opendata.gui.dialog import OpenDataDialog

        if self.open_data_dialog is None:
            self.open_data_dialog = OpenDataDialog(self.iface, self.iface.mainWindow())
        self.open_data_dialog.show()
        self.open_data_dialog.raise_()

    def unload(self):
        for component in reversed(self.components):
            component.unload()
        self.components = []
        if self.open_data_dialog is not None:
            self.open_data_dialog.close()
            self.open_data_dialog.deleteLater()
            self.open_data_dialog = None
        for action in self.suite_actions:
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            if self.menu is not None:
                self.menu.removeAction(action)
            action.deleteLater()
        self.suite_actions = []
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.menu is not None:
            self.menu.menuAction().setVisible(False)
            self.iface.mainWindow().menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            from qgis.PyQt.QtCore import QCoreApplication

            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
