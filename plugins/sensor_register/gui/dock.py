"""The Register dock: open a register, filter its sensors, see warnings, history, restore, time series."""

from __future__ import annotations

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ....core.i18n import tr
from ..core import model, observations, storage
from ..core.errors import RegisterError
from ..core.register_view import SensorFilter, filter_sensors, sensor_warnings
from .plot import TimeSeriesPlot

COLUMNS = ["Reference", "Name", "Owner", "Type", "Status", "Warnings"]


class SensorRegisterDock(QDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("Sensor register"), parent)
        self.iface = iface
        self.register: storage.Register | None = None
        self.location = ""
        self.sensors: list[dict] = []
        self.shown: list[dict] = []
        body = QWidget(self)
        layout = QVBoxLayout(body)

        top = QHBoxLayout()
        self.location_edit = QLineEdit(body)
        self.location_edit.setPlaceholderText(tr("Register GeoPackage or PostgreSQL connection"))
        self.location_edit.returnPressed.connect(
            lambda: self.open_register(self.location_edit.text().strip())
        )
        open_button = QPushButton(tr("Open…"), body)
        open_button.clicked.connect(self.browse)
        self.add_button = QPushButton(tr("Add to map"), body)
        self.add_button.clicked.connect(self.add_to_map)
        top.addWidget(self.location_edit, 1)
        top.addWidget(open_button)
        top.addWidget(self.add_button)
        layout.addLayout(top)

        filters = QGridLayout()
        self.type_combo = self._combo(body, [(c, label) for c, label in model.SENSOR_TYPES])
        self.theme_combo = self._combo(body, model.THEMES)
        self.owner_combo = self._combo(body, [])
        self.status_combo = self._combo(body, model.STATUSES)
        self.personal_combo = self._combo(body, [(True, tr("yes")), (False, tr("no"))])
        self.mobile_combo = self._combo(body, [(True, tr("yes")), (False, tr("no"))])
        self.search_edit = QLineEdit(body)
        self.search_edit.setPlaceholderText(tr("Search reference, name, what it measures"))
        self.search_edit.textChanged.connect(self.apply_filter)
        for row, (label, widget) in enumerate(
            [
                (tr("Type"), self.type_combo),
                (tr("Theme"), self.theme_combo),
                (tr("Owner"), self.owner_combo),
                (tr("Status"), self.status_combo),
                (tr("Personal data"), self.personal_combo),
                (tr("Mobile"), self.mobile_combo),
            ]
        ):
            filters.addWidget(QLabel(label, body), row // 2, (row % 2) * 2)
            filters.addWidget(widget, row // 2, (row % 2) * 2 + 1)
        filters.addWidget(self.search_edit, 3, 0, 1, 4)
        layout.addLayout(filters)

        splitter = QSplitter(Qt.Vertical, body)
        self.table = QTableWidget(0, len(COLUMNS), splitter)
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self.show_selected)
        self.tabs = QTabWidget(splitter)
        self.plot = TimeSeriesPlot(self.tabs)
        self.tabs.addTab(self.plot, tr("Time series"))
        history_page = QWidget(self.tabs)
        history_layout = QVBoxLayout(history_page)
        self.history_table = QTableWidget(0, 4, history_page)
        self.history_table.setHorizontalHeaderLabels([tr("Version"), tr("Action"), tr("By"), tr("At")])
        self.history_table.setSelectionBehavior(QTableWidget.SelectRows)
        self.history_table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.history_table.horizontalHeader().setStretchLastSection(True)
        self.restore_button = QPushButton(tr("Restore selected version"), history_page)
        self.restore_button.clicked.connect(self.restore_selected)
        history_layout.addWidget(self.history_table)
        history_layout.addWidget(self.restore_button)
        self.tabs.addTab(history_page, tr("History"))
        layout.addWidget(splitter, 1)
        self.status_label = QLabel("", body)
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.setWidget(body)
        for combo in (
            self.type_combo,
            self.theme_combo,
            self.owner_combo,
            self.status_combo,
            self.personal_combo,
            self.mobile_combo,
        ):
            combo.currentIndexChanged.connect(self.apply_filter)

    @staticmethod
    def _combo(parent, values) -> QComboBox:
        combo = QComboBox(parent)
        combo.addItem(tr("(all)"), None)
        for code, label in values:
            combo.addItem(label, code)
        return combo

    # -- register --
    def browse(self):
        path, _filter = QFileDialog.getOpenFileName(
            self, tr("Open sensor register"), "", tr("GeoPackage (*.gpkg)")
        )
        if path:
            self.open_register(path)

    def open_register(self, location: str):
        if self.register is not None:
            self.register.close()
        try:
            self.register = storage.open_register(location)
        except RegisterError as error:
            self.register = None
            self.status_label.setText(str(error))
            return
        self.location = str(location)
        self.location_edit.setText(self.location)
        self.reload()

    def add_to_map(self):
        from ..core.forms import add_register_to_project

        location = self.location_edit.text().strip()
        if not location:
            return
        if self.register is None or location != self.location:
            self.open_register(location)
        try:
            add_register_to_project(self.location)
        except RegisterError as error:
            QMessageBox.warning(self, tr("Sensor register"), str(error))

    def reload(self):
        if self.register is None:
            return
        self.sensors = self.register.sensors()
        owners = sorted({s["owner"] for s in self.sensors})
        self.owner_combo.blockSignals(True)
        current = self.owner_combo.currentData()
        self.owner_combo.clear()
        self.owner_combo.addItem(tr("(all)"), None)
        for owner in owners:
            self.owner_combo.addItem(owner, owner)
        if current in owners:
            self.owner_combo.setCurrentIndex(owners.index(current) + 1)
        self.owner_combo.blockSignals(False)
        self.apply_filter()

    def criteria(self) -> SensorFilter:
        return SensorFilter(
            sensor_type=self.type_combo.currentData(),
            theme=self.theme_combo.currentData(),
            owner=self.owner_combo.currentData(),
            personal_data=self.personal_combo.currentData(),
            mobile=self.mobile_combo.currentData(),
            status=self.status_combo.currentData(),
            text=self.search_edit.text().strip(),
        )

    def apply_filter(self, *args):
        self.shown = filter_sensors(self.sensors, self.criteria())
        type_labels = dict(model.SENSOR_TYPES)
        status_labels = dict(model.STATUSES)
        self.table.setRowCount(len(self.shown))
        warned = 0
        for row, sensor in enumerate(self.shown):
            warnings = sensor_warnings(sensor)
            warned += bool(warnings)
            values = [
                sensor["reference"],
                sensor["name"],
                sensor["owner"],
                type_labels.get(sensor["sensor_type"], sensor["sensor_type"]),
                status_labels.get(sensor["status"], sensor["status"]),
                "; ".join(warnings),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value or ""))
                if warnings:
                    item.setToolTip("\n".join(warnings))
                    if column == len(values) - 1:
                        item.setForeground(Qt.darkRed)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.status_label.setText(
            tr("{shown} of {total} sensors shown; {warned} with warnings").format(
                shown=len(self.shown), total=len(self.sensors), warned=warned
            )
        )

    def selected_sensor(self) -> dict | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.shown):
            return None
        return self.shown[rows[0].row()]

    def select_reference(self, reference: str) -> bool:
        for row, sensor in enumerate(self.shown):
            if sensor["reference"] == reference:
                self.table.selectRow(row)
                self.show_selected()
                return True
        return False

    def show_selected(self):
        sensor = self.selected_sensor()
        if sensor is None or self.register is None:
            return
        streams = observations.datastreams(self.register, sensor["fid"])
        series, title, unit = [], sensor["name"], ""
        for stream in streams:
            series = observations.time_series(self.register, stream["fid"])
            if series:
                title, unit = f"{sensor['name']} – {stream['name']}", stream["unit"] or ""
                break
        self.plot.set_series(series, title, unit)
        history = self.register.history(sensor["fid"])
        self.history_table.setRowCount(len(history))
        for row, entry in enumerate(reversed(history)):
            values = [
                entry["audit_id"],
                {"I": tr("created"), "U": tr("changed"), "D": tr("deleted")}[entry["action"]],
                entry["changed_by"],
                entry["changed_at"],
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(str(value or ""))
                item.setData(Qt.UserRole, entry["audit_id"])
                self.history_table.setItem(row, column, item)

    def restore_selected(self):
        sensor = self.selected_sensor()
        rows = self.history_table.selectionModel().selectedRows()
        if sensor is None or not rows or self.register is None:
            return
        audit_id = self.history_table.item(rows[0].row(), 0).data(Qt.UserRole)
        try:
            self.register.restore(sensor["fid"], audit_id)
        except RegisterError as error:
            QMessageBox.warning(self, tr("Sensor register"), str(error))
            return
        reference = sensor["reference"]
        self.reload()
        self.select_reference(reference)
        if self.iface is not None:
            self.iface.mapCanvas().refreshAllLayers()
