"""The "Publish open data…" dialog: choose layers, review prefilled metadata and privacy, export/publish."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsApplication, QgsMapLayer, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ....core.errors import SmartSocietyError
from ....core.i18n import tr
from .. import metadata as md
from ..privacy import NEVER, PERSONAL, PrivacyGate, classify_field
from ..valuelists import value_list

FORMATS = [
    ("geojson", "GeoJSON (RFC 7946, WGS84)"),
    ("gpkg", "GeoPackage (EPSG:28992)"),
    ("csv", "CSV with WKT (UTF-8)"),
    ("shp", "Shapefile (zip)"),
]
PRIVACY_COLUMNS = ["Layer", "Field", "Status", "Why", "Release", "Reason"]


def release_log_path() -> Path:
    """The user's persistent release log (every release made in the dialog, across packages)."""
    return Path(QgsApplication.qgisSettingsDirPath()) / "smart_society" / "opendata_release_log.jsonl"


class OpenDataDialog(QDialog):
    """Choose layers, review the DCAT-AP-DONL metadata and the privacy gate, then export or publish."""

    def __init__(self, iface, parent=None):
        super().__init__(parent if parent is not None else (iface.mainWindow() if iface else None))
        self.iface = iface
        self.setObjectName("SmartSocietyOpenDataDialog")
        self.setWindowTitle(tr("Publish open data"))
        self.resize(820, 640)
        self.last_package = None
        self.last_publication = None
        self.release_log = release_log_path()
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._layers_tab(), tr("Layers"))
        self.tabs.addTab(self._metadata_tab(), tr("Metadata"))
        self.tabs.addTab(self._privacy_tab(), tr("Privacy"))
        self.tabs.addTab(self._publish_tab(), tr("Portal"))
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        layout.addWidget(self.progress)
        self.result_view = QTextBrowser(self)
        self.result_view.setOpenExternalLinks(True)
        self.result_view.setMaximumHeight(150)
        layout.addWidget(self.result_view)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        self.export_button = buttons.addButton(tr("Export package"), QDialogButtonBox.ActionRole)
        self.publish_button = buttons.addButton(tr("Export and publish"), QDialogButtonBox.ActionRole)
        self.export_button.clicked.connect(self.export)
        self.publish_button.clicked.connect(self.export_and_publish)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh_layers()

    # -- tabs ---------------------------------------------------------------------------------------------
    def _layers_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(tr("Layers to publish (vector layers of the project):"), page))
        self.layer_list = QListWidget(page)
        self.layer_list.itemChanged.connect(self._layers_changed)
        layout.addWidget(self.layer_list)
        formats = QHBoxLayout()
        self.format_boxes = {}
        for key, label in FORMATS:
            box = QCheckBox(tr(label), page)
            box.setChecked(key != "shp")
            self.format_boxes[key] = box
            formats.addWidget(box)
        layout.addLayout(formats)
        folder = QHBoxLayout()
        folder.addWidget(QLabel(tr("Output folder:"), page))
        self.folder_edit = QLineEdit(str(Path.home() / "opendata"), page)
        folder.addWidget(self.folder_edit)
        browse = QPushButton(tr("Browse…"), page)
        browse.clicked.connect(self._browse)
        folder.addWidget(browse)
        layout.addLayout(folder)
        return page

    def _metadata_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        defaults = md.DatasetMetadata()
        self.title_edit = QLineEdit(page)
        self.description_edit = QPlainTextEdit(page)
        self.description_edit.setMaximumHeight(90)
        self.keywords_edit = QLineEdit(page)
        self.licence_combo = self._combo(page, "license", defaults.licence)
        self.organisation_combo = self._combo(page, "organisation", defaults.authority)
        self.theme_list = QListWidget(page)
        self.theme_list.setMaximumHeight(110)
        themes = sorted(value_list("theme").values, key=lambda value: value[0] not in defaults.themes)
        for uri, label_nl, _label_en in themes:  # the chosen ones first, so they are visible
            item = QListWidgetItem(label_nl, self.theme_list)
            item.setData(Qt.UserRole, uri)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if uri in defaults.themes else Qt.Unchecked)
        self.contact_name_edit = QLineEdit("Gemeente Dordrecht, Team Geo-informatie", page)
        self.contact_email_edit = QLineEdit("geo-informatie@dordrecht.nl", page)
        self.contact_website_edit = QLineEdit(page)
        self.attribution_edit = QLineEdit(defaults.attribution, page)
        self.ckan_org_edit = QLineEdit("gemeente-dordrecht", page)
        self.field_widgets = {
            "title": self.title_edit,
            "description": self.description_edit,
            "keywords": self.keywords_edit,
            "licence": self.licence_combo,
            "authority": self.organisation_combo,
            "publisher": self.organisation_combo,
            "themes": self.theme_list,
            "contact_name": self.contact_name_edit,
            "contact_email": self.contact_email_edit,
            "contact_website": self.contact_website_edit,
        }
        form.addRow(tr("Title"), self.title_edit)
        form.addRow(tr("Description"), self.description_edit)
        form.addRow(tr("Keywords (comma-separated)"), self.keywords_edit)
        form.addRow(tr("Licence"), self.licence_combo)
        form.addRow(tr("Themes"), self.theme_list)
        form.addRow(tr("Organisation"), self.organisation_combo)
        form.addRow(tr("Contact point (department)"), self.contact_name_edit)
        form.addRow(tr("Contact e-mail"), self.contact_email_edit)
        form.addRow(tr("Contact website"), self.contact_website_edit)
        form.addRow(tr("Attribution"), self.attribution_edit)
        check = QPushButton(tr("Check metadata"), page)
        check.clicked.connect(self.check_metadata)
        self.issues_label = QLabel(page)
        self.issues_label.setWordWrap(True)
        form.addRow(check, self.issues_label)
        dates = ", ".join(
            f"{k} {d}"
            for k, d in sorted(
                {k: value_list(k).snapshot_date for k in ("license", "theme", "organisation")}.items()
            )
        )
        form.addRow(QLabel(tr("DONL value lists:") + " " + dates, page))
        return page

    def _privacy_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(
                tr(
                    "Personal fields are withheld. Tick a field and give a reason to release it; "
                    "every release is logged. Register contact fields can never be released."
                ),
                page,
            )
        )
        self.privacy_table = QTableWidget(0, len(PRIVACY_COLUMNS), page)
        self.privacy_table.setHorizontalHeaderLabels([tr(c) for c in PRIVACY_COLUMNS])
        self.privacy_table.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.privacy_table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.privacy_table)
        return page

    def _publish_tab(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        self.portal_edit = QLineEdit("https://data.dordrecht.nl", page)
        form.addRow(tr("CKAN portal URL"), self.portal_edit)
        form.addRow(tr("CKAN organisation (owner_org)"), self.ckan_org_edit)
        try:
            from qgis.gui import QgsAuthConfigSelect

            self.auth_select = QgsAuthConfigSelect(page)
        except ImportError:  # pragma: no cover - qgis.gui always exists in the desktop
            self.auth_select = None
        if self.auth_select is not None:
            form.addRow(tr("API key (QGIS authentication)"), self.auth_select)
        self.timeout_spin = QDoubleSpinBox(page)
        self.timeout_spin.setRange(1, 600)
        self.timeout_spin.setValue(60)
        form.addRow(tr("Time-out (seconds)"), self.timeout_spin)
        return page

    def _combo(self, parent, key: str, current: str) -> QComboBox:
        combo = QComboBox(parent)
        for uri, label_nl, _label_en in value_list(key).values:
            combo.addItem(label_nl, uri)
        combo.setCurrentIndex(max(combo.findData(current), 0))
        return combo

    def _browse(self):
        folder = QFileDialog.getExistingDirectory(self, tr("Output folder"), self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    # -- layers and privacy -------------------------------------------------------------------------------
    def refresh_layers(self):
        self.layer_list.blockSignals(True)
        self.layer_list.clear()
        project = QgsProject.instance()
        in_tree = [node.layer() for node in project.layerTreeRoot().findLayers() if node.layer() is not None]
        others = [layer for layer in project.mapLayers().values() if layer not in in_tree]
        for layer in in_tree + others:  # legend order first
            if layer.type() != QgsMapLayer.VectorLayer:
                continue
            item = QListWidgetItem(layer.name(), self.layer_list)
            item.setData(Qt.UserRole, layer.id())
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked)
        self.layer_list.blockSignals(False)
        self._layers_changed()

    def set_checked_layers(self, layers):
        """Tick exactly ``layers`` (layer objects or names)."""
        wanted = {getattr(layer, "id", lambda layer=layer: layer)() for layer in layers}
        names = {layer for layer in layers if isinstance(layer, str)}
        self.layer_list.blockSignals(True)
        for row in range(self.layer_list.count()):
            item = self.layer_list.item(row)
            hit = item.data(Qt.UserRole) in wanted or item.text() in names
            item.setCheckState(Qt.Checked if hit else Qt.Unchecked)
        self.layer_list.blockSignals(False)
        self._layers_changed()

    def checked_layers(self) -> list:
        project = QgsProject.instance()
        layers = []
        for row in range(self.layer_list.count()):
            item = self.layer_list.item(row)
            if item.checkState() == Qt.Checked:
                layer = project.mapLayer(item.data(Qt.UserRole))
                if layer is not None:
                    layers.append(layer)
        return layers

    def _layers_changed(self, *args):
        layers = self.checked_layers()
        if layers and not self.title_edit.text():
            self._prefill(layers[0])
        self._fill_privacy(layers)

    def _prefill(self, layer):
        m = md.from_layer(layer)
        self.title_edit.setText(m.title)
        if m.description and not self.description_edit.toPlainText():
            self.description_edit.setPlainText(m.description)
        if m.keywords and not self.keywords_edit.text():
            self.keywords_edit.setText(", ".join(m.keywords))
        self.licence_combo.setCurrentIndex(max(self.licence_combo.findData(m.licence), 0))
        if m.contact_email:
            self.contact_email_edit.setText(m.contact_email)

    def _fill_privacy(self, layers):
        previous = {
            (self.privacy_table.item(r, 0).text(), self.privacy_table.item(r, 1).text()): (
                self.privacy_table.cellWidget(r, 4).isChecked(),
                self.privacy_table.item(r, 5).text(),
            )
            for r in range(self.privacy_table.rowCount())
            if self.privacy_table.cellWidget(r, 4) is not None
        }
        self.privacy_table.setRowCount(0)
        for layer in layers:
            for field in layer.fields():
                status, why = classify_field(field.name())
                if status not in (PERSONAL, NEVER):
                    continue
                row = self.privacy_table.rowCount()
                self.privacy_table.insertRow(row)
                for column, text in enumerate(
                    (
                        layer.name(),
                        field.name(),
                        tr("never releasable") if status == NEVER else tr("withheld"),
                        why,
                    )
                ):
                    item = QTableWidgetItem(text)
                    item.setFlags(item.flags() & ~Qt.ItemIsEditable)
                    if status == NEVER:
                        item.setForeground(QColor("#a00000"))
                    self.privacy_table.setItem(row, column, item)
                box = QCheckBox(self.privacy_table)
                box.setEnabled(status == PERSONAL)
                checked, reason = previous.get((layer.name(), field.name()), (False, ""))
                box.setChecked(checked and status == PERSONAL)
                self.privacy_table.setCellWidget(row, 4, box)
                reason_item = QTableWidgetItem(reason)
                if status == NEVER:
                    reason_item.setFlags(reason_item.flags() & ~Qt.ItemIsEditable)
                self.privacy_table.setItem(row, 5, reason_item)
        self.privacy_table.resizeColumnsToContents()

    def release_field(self, layer_name: str, field_name: str, reason: str) -> bool:
        """Tick the release box of one field and fill in the reason (as a user would); False if not listed."""
        for row in range(self.privacy_table.rowCount()):
            if (self.privacy_table.item(row, 0).text(), self.privacy_table.item(row, 1).text()) == (
                layer_name,
                field_name,
            ):
                box = self.privacy_table.cellWidget(row, 4)
                if not box.isEnabled():
                    return False
                box.setChecked(True)
                self.privacy_table.item(row, 5).setText(reason)
                return True
        return False

    def build_gate(self, log_path: Path | None = None) -> PrivacyGate:
        """A privacy gate with the ticked releases applied (raises PrivacyGateError for a missing reason)."""
        gate = PrivacyGate(log_path=log_path)
        for row in range(self.privacy_table.rowCount()):
            box = self.privacy_table.cellWidget(row, 4)
            if box is not None and box.isChecked():
                gate.release(
                    self.privacy_table.item(row, 0).text(),
                    self.privacy_table.item(row, 1).text(),
                    self.privacy_table.item(row, 5).text(),
                )
        return gate

    # -- metadata -----------------------------------------------------------------------------------------
    def metadata_from_form(self) -> md.DatasetMetadata:
        organisation = self.organisation_combo.currentData()
        themes = [
            self.theme_list.item(r).data(Qt.UserRole)
            for r in range(self.theme_list.count())
            if self.theme_list.item(r).checkState() == Qt.Checked
        ]
        return md.DatasetMetadata(
            title=self.title_edit.text().strip(),
            description=self.description_edit.toPlainText().strip(),
            keywords=[k.strip() for k in self.keywords_edit.text().split(",") if k.strip()],
            licence=self.licence_combo.currentData(),
            themes=themes,
            authority=organisation,
            publisher=organisation,
            contact_name=self.contact_name_edit.text().strip(),
            contact_email=self.contact_email_edit.text().strip(),
            contact_website=self.contact_website_edit.text().strip(),
            attribution=self.attribution_edit.text().strip(),
            ckan_organisation=self.ckan_org_edit.text().strip(),
        ).complete()

    def check_metadata(self) -> list:
        issues = md.validate(self.metadata_from_form())
        for widget in set(self.field_widgets.values()):
            widget.setStyleSheet("")
        for issue in issues:
            widget = self.field_widgets.get(issue.field)
            if widget is not None:
                widget.setStyleSheet("border: 1px solid #c00000;")
        if issues:
            self.issues_label.setText(
                "<span style='color:#a00000'>"
                + "<br>".join(f"<b>{i.field}</b>: {i.message}" for i in issues)
                + "</span>"
            )
        else:
            self.issues_label.setText(tr("Metadata is valid DCAT-AP-DONL 2.0."))
        return issues

    # -- actions ------------------------------------------------------------------------------------------
    def _progress(self, fraction: float, message: str):
        self.progress.setValue(int(100 * fraction))
        self.progress.setFormat(f"%p% {message}")
        QCoreApplication.processEvents()

    def export(self):
        """Write the package; returns the PackageResult or None (the reason is shown in the dialog)."""
        from ..package import PackageOptions, export_package

        layers = self.checked_layers()
        if not layers:
            self._show_error(tr("Choose at least one layer."))
            return None
        if self.check_metadata():
            self.tabs.setCurrentIndex(1)
            self._show_error(tr("The metadata is not complete; see the Metadata tab."))
            return None
        formats = tuple(key for key, box in self.format_boxes.items() if box.isChecked())
        try:
            gate = self.build_gate(self.release_log)
            result = export_package(
                layers,
                Path(self.folder_edit.text()),
                self.metadata_from_form(),
                gate,
                PackageOptions(formats=formats),
                progress=self._progress,
            )
        except SmartSocietyError as error:
            self._show_error(str(error))
            return None
        self.last_package = result
        lines = [
            f"<b>{tr('Package written')}</b>: <a href='file://{result.directory}'>{result.directory}</a>"
        ]
        lines += [
            line.strip() for line in result.summary_lines()[1:] if not line.strip().startswith("warning")
        ]
        lines += [f"<span style='color:#a06000'>{w}</span>" for w in result.warnings]
        self.result_view.setHtml("<br>".join(lines))
        return result

    def export_and_publish(self):
        from ..ckan import publish_package

        result = self.export()
        if result is None:
            return None
        authcfg = self.auth_select.configId() if self.auth_select is not None else ""
        log = []
        try:
            publication = publish_package(
                result.directory,
                self.portal_edit.text().strip(),
                authcfg,
                organisation=self.ckan_org_edit.text().strip(),
                timeout_s=self.timeout_spin.value(),
                log=log.append,
                progress=self._progress,
            )
        except SmartSocietyError as error:
            self._show_error(str(error))
            return None
        self.last_publication = publication
        lines = [
            f"<b>{tr('Published')}</b>: <a href='{publication.dataset_url}'>{publication.dataset_url}</a>"
        ]
        lines += [f"{r.file_name} → <a href='{r.url}'>{r.url}</a>" for r in publication.resources]
        self.result_view.setHtml("<br>".join(lines))
        return publication

    def _show_error(self, message: str):
        self.progress.setValue(0)
        self.result_view.setHtml("<span style='color:#a00000'>" + message.replace("\n", "<br>") + "</span>")
