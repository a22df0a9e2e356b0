"""The Twin layers dock: catalogue search, area of interest with counts, build project, stale sources.

Thin: every decision is made by ``plugins/smart_twin/core``; long work runs in :class:`BuildTwinTask`.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ....core.errors import SmartSocietyError
from ....core.i18n import tr
from ..core import area as area_module
from ..core import catalogue as catalogue_module
from ..core import project as project_module
from ..core import stale as stale_module

ENTRY_ROLE = Qt.UserRole + 1


class SmartTwinDock(QDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("Twin layers"), parent)
        self.iface = iface
        self.catalogue = catalogue_module.load_catalogue()
        self.favourites = catalogue_module.read_favourites()
        self.area = None
        self.stale_sources = []
        self.task = None
        self.map_tool = None
        self.previous_tool = None

        tabs = QTabWidget(self)
        tabs.addTab(self._catalogue_tab(), tr("Catalogue"))
        tabs.addTab(self._project_tab(), tr("Twin project"))
        tabs.addTab(self._stale_tab(), tr("Sources"))
        self.tabs = tabs
        self.setWidget(tabs)
        self.refresh_catalogue()
        QgsProject.instance().readProject.connect(self._project_opened)

    # --- catalogue -------------------------------------------------------------------------------
    def _catalogue_tab(self) -> QWidget:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.search = QLineEdit(body)
        self.search.setPlaceholderText(tr("Search name, description or theme (e.g. luchtfoto, BAG, bomen)"))
        self.search.textChanged.connect(self.refresh_catalogue)
        layout.addWidget(self.search)
        row = QHBoxLayout()
        self.favourites_only = QCheckBox(tr("Favourites only"), body)
        self.favourites_only.toggled.connect(self.refresh_catalogue)
        row.addWidget(self.favourites_only)
        row.addStretch(1)
        row.addWidget(QLabel(tr("Year"), body))
        self.year = QComboBox(body)
        self.year.addItems(["2020", "2021", "2022", "2023", "2024"])
        self.year.setCurrentText("2023")
        row.addWidget(self.year)
        layout.addLayout(row)
        self.tree = QTreeWidget(body)
        self.tree.setHeaderLabels([tr("Layer"), tr("Type")])
        self.tree.itemDoubleClicked.connect(lambda item, _column: self.add_selected())
        self.tree.currentItemChanged.connect(self._show_abstract)
        layout.addWidget(self.tree, 1)
        self.abstract = QLabel(body)
        self.abstract.setWordWrap(True)
        layout.addWidget(self.abstract)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(tr("Add to map"), body)
        self.add_button.clicked.connect(self.add_selected)
        self.favourite_button = QPushButton(tr("Favourite"), body)
        self.favourite_button.clicked.connect(self.toggle_favourite)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.favourite_button)
        layout.addLayout(buttons)
        self.catalogue_status = QLabel(
            tr("Catalogue version {version} of {date}").format(
                version=self.catalogue.version, date=self.catalogue.date
            ),
            body,
        )
        layout.addWidget(self.catalogue_status)
        return body

    def refresh_catalogue(self):
        self.tree.clear()
        entries = self.catalogue.search(
            self.search.text(), favourites_only=self.favourites_only.isChecked(), favourites=self.favourites
        )
        for theme, theme_entries in self.catalogue.by_theme(entries).items():
            parent = QTreeWidgetItem(self.tree, [theme, ""])
            parent.setFlags(parent.flags() & ~Qt.ItemIsSelectable)
            for entry in theme_entries:
                star = "\u2605 " if entry.id in self.favourites else ""
                child = QTreeWidgetItem(parent, [star + entry.name, entry.kind.upper()])
                child.setData(0, ENTRY_ROLE, entry.id)
                child.setToolTip(0, entry.abstract)
            parent.setExpanded(True)
        self.tree.resizeColumnToContents(0)
        self.tree.resizeColumnToContents(1)

    def _current_entry(self):
        item = self.tree.currentItem()
        entry_id = item.data(0, ENTRY_ROLE) if item is not None else None
        return self.catalogue.entry(entry_id) if entry_id else None

    def _show_abstract(self, *_args):
        entry = self._current_entry()
        self.abstract.setText(f"{entry.abstract}\n{entry.attribution} ({entry.licence})" if entry else "")

    def _places(self) -> dict:
        district = self.district_path()
        return {"sample": district.parent} if district else {}

    def add_selected(self):
        entry = self._current_entry()
        if entry is None:
            return
        year = int(self.year.currentText()) if entry.years else None
        try:
            layer, added = catalogue_module.add_to_project(QgsProject.instance(), entry, self._places(), year)
        except SmartSocietyError as error:
            self._message(str(error), warning=True)
            return
        if added:
            self._message(tr("Added {name}").format(name=layer.name()))
        else:
            self._message(tr("{name} is already in the project").format(name=layer.name()))

    def toggle_favourite(self):
        entry = self._current_entry()
        if entry is None:
            return
        catalogue_module.toggle_favourite(entry.id)
        self.favourites = catalogue_module.read_favourites()
        self.refresh_catalogue()

    # --- area and project -----------------------------------------------------------------------
    def _project_tab(self) -> QWidget:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("District GeoPackage"), body))
        self.district = QLineEdit(body)
        self.district.editingFinished.connect(self.load_buurten)
        row.addWidget(self.district, 1)
        browse = QPushButton("\u2026", body)
        browse.clicked.connect(self._browse_district)
        row.addWidget(browse)
        layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("3DBAG tiles (optional)"), body))
        self.threedbag = QLineEdit(body)
        self.threedbag.setPlaceholderText(tr("CityJSON or GeoPackage files or a folder, separated by ;"))
        row.addWidget(self.threedbag, 1)
        layout.addLayout(row)

        box = QGroupBox(tr("Area of interest"), body)
        box_layout = QVBoxLayout(box)
        self.buurten = QListWidget(box)
        self.buurten.setSelectionMode(QListWidget.MultiSelection)
        self.buurten.itemSelectionChanged.connect(self.area_from_selection)
        box_layout.addWidget(QLabel(tr("Buurten (select one or more)"), box))
        box_layout.addWidget(self.buurten)
        row = QHBoxLayout()
        extent_button = QPushButton(tr("Map extent"), box)
        extent_button.clicked.connect(self.area_from_map_extent)
        draw_button = QPushButton(tr("Draw rectangle"), box)
        draw_button.clicked.connect(self.draw_rectangle)
        count_button = QPushButton(tr("Count features"), box)
        count_button.clicked.connect(self.count_features)
        row.addWidget(extent_button)
        row.addWidget(draw_button)
        row.addWidget(count_button)
        box_layout.addLayout(row)
        self.area_label = QLabel(tr("Area: whole district"), box)
        box_layout.addWidget(self.area_label)
        self.counts = QTreeWidget(box)
        self.counts.setHeaderLabels([tr("Layer"), tr("Features in area")])
        self.counts.setRootIsDecorated(False)
        box_layout.addWidget(self.counts)
        layout.addWidget(box, 1)

        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Scenario (optional)"), body))
        self.scenario = QLineEdit(body)
        row.addWidget(self.scenario, 1)
        layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Colour buildings by"), body))
        self.colour_by = QComboBox(body)
        self.colour_by.addItem(tr("use"), "use")
        self.colour_by.addItem(tr("construction year"), "age")
        row.addWidget(self.colour_by)
        layout.addLayout(row)
        self.build_button = QPushButton(tr("Build twin project\u2026"), body)
        self.build_button.clicked.connect(self.build_project)
        layout.addWidget(self.build_button)
        self.status = QLabel(body)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        return body

    def district_path(self):
        text = self.district.text().strip()
        return Path(text) if text and Path(text).exists() else None

    def set_district(self, path):
        self.district.setText(str(path))
        self.load_buurten()

    def _browse_district(self):
        path, _filter = QFileDialog.getOpenFileName(
            self, tr("District GeoPackage"), "", "GeoPackage (*.gpkg)"
        )
        if path:
            self.set_district(path)

    def load_buurten(self):
        self.buurten.clear()
        district = self.district_path()
        if district is None:
            return
        try:
            for code, name in area_module.list_buurten(district):
                item = QListWidgetItem(f"{name} ({code})", self.buurten)
                item.setData(ENTRY_ROLE, code)
        except SmartSocietyError as error:
            self._message(str(error), warning=True)

    def area_from_selection(self):
        codes = [item.data(ENTRY_ROLE) for item in self.buurten.selectedItems()]
        district = self.district_path()
        if not codes or district is None:
            self._set_area(None)
            return
        try:
            self._set_area(area_module.area_from_buurten(district, codes))
        except SmartSocietyError as error:
            self._message(str(error), warning=True)

    def area_from_map_extent(self):
        canvas = self.iface.mapCanvas()
        self._set_area(area_module.AreaOfInterest.from_extent(canvas.extent(), tr("map extent")))

    def draw_rectangle(self):
        from qgis.gui import QgsMapToolExtent

        canvas = self.iface.mapCanvas()
        self.previous_tool = canvas.mapTool()
        self.map_tool = QgsMapToolExtent(canvas)
        self.map_tool.extentChanged.connect(self._rectangle_drawn)
        canvas.setMapTool(self.map_tool)

    def _rectangle_drawn(self, rectangle):
        canvas = self.iface.mapCanvas()
        if self.previous_tool is not None:
            canvas.setMapTool(self.previous_tool)
        if rectangle.isEmpty():
            return
        self._set_area(area_module.AreaOfInterest.from_extent(rectangle, tr("drawn rectangle")))

    def _set_area(self, area):
        self.area = area
        if area is None:
            self.area_label.setText(tr("Area: whole district"))
        else:
            xmin, ymin, xmax, ymax = area.extent
            self.area_label.setText(
                tr("Area: {label} ({width:.0f} x {height:.0f} m)").format(
                    label=area.label, width=xmax - xmin, height=ymax - ymin
                )
            )
        self.count_features()

    def _params(self, output=None) -> project_module.TwinProjectParams:
        district = self.district_path()
        orthophoto = district.parent / "orthophoto_8cm.tif" if district else None
        scenario = self.scenario.text().strip()
        return project_module.TwinProjectParams(
            output=Path(output) if output else Path("twin.qgz"),
            district_gpkg=district,
            orthophoto=orthophoto if orthophoto and orthophoto.exists() else None,
            area=self.area,
            scenario=Path(scenario) if scenario else None,
            colour_by=self.colour_by.currentData(),
        )

    def count_features(self):
        self.counts.clear()
        if self.district_path() is None:
            return
        for name, count in project_module.feature_counts(self._params()).items():
            QTreeWidgetItem(self.counts, [name, tr("unreadable") if count is None else str(count)])

    def build_project(self, output=None, open_when_done=True):
        from .tasks import BuildTwinTask

        if self.district_path() is None and not self.threedbag.text().strip():
            self._message(tr("Choose the district GeoPackage or 3DBAG tiles first"), warning=True)
            return None
        if not output:
            output, _filter = QFileDialog.getSaveFileName(
                self, tr("Twin project"), "twin.qgz", tr("QGIS project (*.qgz)")
            )
            if not output:
                return None
        sources = [s.strip() for s in self.threedbag.text().split(";") if s.strip()]
        self.task = BuildTwinTask(self._params(output), sources)
        self.task.done.connect(lambda report, error: self._built(report, error, open_when_done))
        self.build_button.setEnabled(False)
        self.status.setText(tr("Building the twin project\u2026"))
        QgsApplication.taskManager().addTask(self.task)
        return self.task

    def _built(self, report, error, open_when_done):
        self.build_button.setEnabled(True)
        if report is None:
            self._message(tr("Twin project not built: {error}").format(error=error), warning=True)
            self.status.setText(error)
            return
        lines = [tr("Twin project written: {path}").format(path=report.project_path)]
        lines += report.problems
        self.status.setText("\n".join(lines))
        if report.problems:
            self._message(
                tr("Twin project built with {n} problem(s), see the Twin layers panel").format(
                    n=len(report.problems)
                ),
                warning=True,
            )
        if open_when_done:
            self.iface.addProject(str(report.project_path))

    # --- stale sources ---------------------------------------------------------------------------
    def _stale_tab(self) -> QWidget:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel(tr("Service layers whose address no longer matches the catalogue"), body))
        self.stale_list = QListWidget(body)
        layout.addWidget(self.stale_list, 1)
        row = QHBoxLayout()
        check = QPushButton(tr("Check project"), body)
        check.clicked.connect(self.check_stale)
        self.repair_button = QPushButton(tr("Repair all"), body)
        self.repair_button.clicked.connect(self.repair_stale)
        row.addWidget(check)
        row.addWidget(self.repair_button)
        layout.addLayout(row)
        return body

    def _project_opened(self, *_args):
        self.check_stale()
        project = QgsProject.instance()
        for layer in project.mapLayers().values():
            if layer.customProperty(project_module.ROLE_PROPERTY) == "buildings" and not self.district.text():
                source = layer.source().split("|")[0]
                if source.endswith(".gpkg"):
                    self.set_district(source)
                break
        if self.stale_sources:
            self._message(
                tr(
                    "{n} layer(s) use outdated service addresses: repair them in the Twin layers panel"
                ).format(n=len(self.stale_sources)),
                warning=True,
            )

    def check_stale(self):
        self.stale_sources = stale_module.find_stale_sources(QgsProject.instance(), self.catalogue)
        self.stale_list.clear()
        for stale in self.stale_sources:
            QListWidgetItem(f"{stale.layer_name}: {stale.reason}", self.stale_list)
        self.repair_button.setEnabled(any(s.repairable for s in self.stale_sources))
        return self.stale_sources

    def repair_stale(self):
        repaired = stale_module.repair(QgsProject.instance(), self.stale_sources)
        self._message(tr("Repaired {n} layer(s)").format(n=len(repaired)))
        self.check_stale()

    # --- helpers --------------------------------------------------------------------------------
    def _message(self, text, warning=False):
        from qgis.core import Qgis

        bar = self.iface.messageBar() if self.iface is not None else None
        if bar is not None:
            bar.pushMessage(tr("Twin layers"), text, Qgis.Warning if warning else Qgis.Info, 6)

    def deleteLater(self):  # noqa: N802
        with contextlib.suppress(TypeError):
            QgsProject.instance().readProject.disconnect(self._project_opened)
        super().deleteLater()
