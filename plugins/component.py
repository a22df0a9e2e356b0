"""Base class of a suite component: its dock, its actions in the shared menu and toolbar, clean unload."""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QMenu, QToolBar

from ..core.i18n import tr
from ..core.paths import icon_path


class SuiteComponent:
    """One component of the suite.

    Subclasses set ``key`` (also the dock's object name suffix), ``title`` (English, translated through
    ``tr``), ``icon_name`` and implement :meth:`create_dock_widget`. Extra menu entries come from
    :meth:`extra_actions`. Everything created here is removed again by :meth:`unload`.
    """

    key = ""
    title = ""
    icon_name = "suite"

    def __init__(self, iface, menu: QMenu, toolbar: QToolBar):
        self.iface = iface
        self.menu = menu
        self.toolbar = toolbar
        self.submenu: QMenu | None = None
        self.dock: QDockWidget | None = None
        self.actions: list[QAction] = []

    @property
    def dock_object_name(self) -> str:
        return f"SmartSociety_{self.key}_dock"

    def icon(self) -> QIcon:
        return QIcon(icon_path(self.icon_name))

    def create_dock_widget(self, parent) -> QDockWidget:
        raise NotImplementedError

    def extra_actions(self) -> list[QAction]:
        """Further actions of this component (created with the main window as parent)."""
        return []

    def initGui(self):
        main_window = self.iface.mainWindow()
        self.dock = self.create_dock_widget(main_window)
        self.dock.setObjectName(self.dock_object_name)
        self.dock.setWindowTitle(tr(self.title))
        self.iface.addDockWidget(Qt.RightDockWidgetArea, self.dock)
        self.dock.hide()

        self.submenu = QMenu(tr(self.title), self.menu)
        self.submenu.setIcon(self.icon())
        self.menu.addMenu(self.submenu)

        toggle = self.dock.toggleViewAction()
        toggle.setIcon(self.icon())
        toggle.setText(tr(self.title))
        toggle.setToolTip(tr("Show or hide the {title} panel").format(title=tr(self.title)))
        toggle.setObjectName(f"SmartSociety_{self.key}_toggle")
        self.submenu.addAction(toggle)
        self.toolbar.addAction(toggle)
        self.actions.append(toggle)
        for action in self.extra_actions():
            self.submenu.addAction(action)
            self.actions.append(action)

    def show_dock(self):
        if self.dock is not None:
            self.dock.show()
            self.dock.raise_()

    def unload(self):
        for action in self.actions:
            self.toolbar.removeAction(action)
            if self.submenu is not None:
                self.submenu.removeAction(action)
        self.actions = []
        if self.submenu is not None:
            self.menu.removeAction(self.submenu.menuAction())
            self.submenu.deleteLater()
            self.submenu = None
        if self.dock is not None:
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
            self.dock = None
