"""The Solar panels dock: pick the photo, footprints and model, read the model card, run in a QgsTask."""

from __future__ import annotations

import tempfile
from pathlib import Path

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsCoordinateTransform,
    QgsGeometry,
    QgsMapLayerProxyModel,
    QgsProject,
)
from qgis.gui import QgsFieldComboBox, QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ....core.i18n import tr
from ..core import qgis_io
from ..core.engine import DetectionParams
from ..core.errors import SolarDetectError
from ..core.model import BASELINE_NAME, load_model
from ..core.project_layers import add_results
from ..core.vectorise import PanelParams
from .task import SolarDetectTask, SolarTaskInput

AREAS = ["Whole aerial photo", "Current map extent", "Selected buildings", "Selected buurten"]
MODELS = ["Shipped model (ONNX)", "Classical baseline", "Own ONNX model file"]


class SolarDetectDock(QDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("Solar panels"), parent)
        self.iface = iface
        self.task: SolarDetectTask | None = None
        self.last_files: dict = {}
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addWidget(
            QLabel(tr("Solar-panel detection on aerial photos, per building and per buurt."), body)
        )

        inputs = QGroupBox(tr("Input"), body)
        form = QFormLayout(inputs)
        self.raster_combo = QgsMapLayerComboBox(inputs)
        self.raster_combo.setFilters(QgsMapLayerProxyModel.RasterLayer)
        self.raster_combo.setObjectName("solar_raster_combo")
        form.addRow(tr("Aerial photo"), self.raster_combo)
        self.buildings_combo = QgsMapLayerComboBox(inputs)
        self.buildings_combo.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        self.buildings_combo.setAllowEmptyLayer(True)
        form.addRow(tr("Building footprints"), self.buildings_combo)
        self.id_field = QgsFieldComboBox(inputs)
        self.id_field.setAllowEmptyFieldName(True)
        self.buildings_combo.layerChanged.connect(self.id_field.setLayer)
        self.id_field.setLayer(self.buildings_combo.currentLayer())
        form.addRow(tr("Building id field"), self.id_field)
        self.buurten_combo = QgsMapLayerComboBox(inputs)
        self.buurten_combo.setFilters(QgsMapLayerProxyModel.PolygonLayer)
        self.buurten_combo.setAllowEmptyLayer(True)
        form.addRow(tr("Buurten"), self.buurten_combo)
        self.area_combo = QComboBox(inputs)
        self.area_combo.addItems([tr(a) for a in AREAS])
        form.addRow(tr("Area"), self.area_combo)
        layout.addWidget(inputs)

        model_box = QGroupBox(tr("Model"), body)
        mform = QFormLayout(model_box)
        self.model_combo = QComboBox(model_box)
        self.model_combo.addItems([tr(m) for m in MODELS])
        mform.addRow(tr("Model"), self.model_combo)
        self.model_file = QgsFileWidget(model_box)
        self.model_file.setFilter("ONNX (*.onnx)")
        self.model_file.setEnabled(False)
        mform.addRow(tr("Own model file"), self.model_file)
        self.card = QTextBrowser(model_box)
        self.card.setObjectName("solar_model_card")
        self.card.setMinimumHeight(150)
        mform.addRow(self.card)
        layout.addWidget(model_box)

        options = QGroupBox(tr("Options"), body)
        oform = QFormLayout(options)
        self.threshold = self._spin(0.0, 0.99, 0.0, 0.05, oform, tr("Threshold (0 = the model's own)"))
        panel, detection = PanelParams(), DetectionParams()  # the engine's defaults, as in Processing
        self.min_area = self._spin(0.0, 100.0, panel.min_area_m2, 0.5, oform, tr("Minimum panel area (m2)"))
        self.buffer = self._spin(
            0.0, 20.0, detection.footprint_buffer_m, 0.5, oform, tr("Footprint buffer (m)")
        )
        self.panel_area = self._spin(0.1, 10.0, panel.panel_area_m2, 0.1, oform, tr("Area of one panel (m2)"))
        self.wp = self._spin(
            1.0, 1000.0, panel.wp_per_m2, 10.0, oform, tr("Peak power per m2 of panel (Wp/m2)")
        )
        self.kwh = self._spin(1.0, 3000.0, panel.kwh_per_kwp, 25.0, oform, tr("Yearly yield (kWh per kWp)"))
        self.regularise = QCheckBox(tr("Regularise to rotated rectangles"), options)
        self.regularise.setChecked(panel.regularise)
        oform.addRow(self.regularise)
        self.out_dir = QgsFileWidget(options)
        self.out_dir.setStorageMode(QgsFileWidget.GetDirectory)
        oform.addRow(tr("Output folder"), self.out_dir)
        layout.addWidget(options)

        buttons = QHBoxLayout()
        self.run_button = QPushButton(tr("Run"), body)
        self.cancel_button = QPushButton(tr("Cancel"), body)
        self.cancel_button.setEnabled(False)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.progress = QProgressBar(body)
        self.progress.setRange(0, 100)
        layout.addWidget(self.progress)
        self.status = QLabel("", body)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.setWidget(body)

        self.model_combo.currentIndexChanged.connect(self._model_changed)
        self.model_file.fileChanged.connect(lambda _p: self.refresh_card())
        self.run_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.refresh_card()

    def _spin(self, lo, hi, value, step, form, label):
        spin = QDoubleSpinBox(self)
        spin.setRange(lo, hi)
        spin.setDecimals(2)
        spin.setSingleStep(step)
        spin.setValue(value)
        form.addRow(label, spin)
        return spin

    # ------------------------------------------------------------------ model
    def model_source(self) -> str:
        index = self.model_combo.currentIndex()
        if index == 1:
            return BASELINE_NAME
        if index == 2:
            return self.model_file.filePath()
        return ""

    def _model_changed(self, index: int):
        self.model_file.setEnabled(index == 2)
        self.refresh_card()

    def refresh_card(self) -> bool:
        """Show the chosen model's card; returns False (and shows the error) when it cannot be used."""
        source = self.model_source()
        if self.model_combo.currentIndex() == 2 and not source:
            self.card.setPlainText(tr("Choose an ONNX model file."))
            return False
        try:
            card = load_model(source or None).card
        except SolarDetectError as error:
            self.card.setPlainText(tr("This model cannot be used:") + "\n" + str(error))
            return False
        metrics = "".join(f"<li>{k}: {v}</li>" for k, v in card.metrics.items())
        self.card.setHtml(
            f"<b>{card.name}</b> {card.version}<br>"
            + tr("Resolution")
            + f": {card.cm_per_px:g} cm/px; "
            + tr("tile")
            + f" {card.tile_size} px, "
            + tr("overlap")
            + f" {card.overlap} px, "
            + tr("threshold")
            + f" {card.threshold:g}<br>"
            + tr("Classes")
            + f": {', '.join(card.classes)}<br>"
            + tr("Training data")
            + f": {card.training_data}<br>"
            + tr("Licence")
            + f": {card.licence}<br>"
            + (tr("Validation") + f":<ul>{metrics}</ul>" if metrics else "")
        )
        return True

    # ------------------------------------------------------------------ run
    def collect(self) -> SolarTaskInput:
        """The task input from the widgets (main thread); raises SolarDetectError with a user message."""
        raster = self.raster_combo.currentLayer()
        path = qgis_io.raster_path(raster)
        buildings_layer = self.buildings_combo.currentLayer()
        buurten_layer = self.buurten_combo.currentLayer()
        area = self.area_combo.currentIndex()
        crs = buildings_layer.crs() if buildings_layer is not None else raster.crs()
        buildings = None
        bu_codes: dict = {}
        if buildings_layer is not None:
            selected = None
            filter_geometry = None
            if area == 1 and self.iface is not None:
                canvas = self.iface.mapCanvas()
                extent = QgsGeometry.fromRect(canvas.extent())
                ct = QgsCoordinateTransform(canvas.mapSettings().destinationCrs(), crs, QgsProject.instance())
                extent.transform(ct)
                filter_geometry = extent
            elif area == 2:
                selected = buildings_layer.selectedFeatureIds()
                if not selected:
                    raise SolarDetectError(
                        tr("Select buildings in layer {name} first").format(name=buildings_layer.name())
                    )
            elif area == 3:
                if buurten_layer is None or not buurten_layer.selectedFeatureCount():
                    raise SolarDetectError(tr("Select buurten first"))
                geoms = [f.geometry() for f in buurten_layer.getSelectedFeatures()]
                filter_geometry = QgsGeometry.unaryUnion(geoms)
                filter_geometry.transform(
                    QgsCoordinateTransform(buurten_layer.crs(), crs, QgsProject.instance())
                )
            rows = qgis_io.source_to_shapely(
                buildings_layer,
                self.id_field.currentField() or None,
                None,
                selected_ids=selected,
                filter_geometry=filter_geometry,
                extra_fields=("bu_code",),
            )
            if not rows:
                raise SolarDetectError(tr("No building footprints in the chosen area"))
            buildings = [(r[0], r[1]) for r in rows]
            bu_codes = {r[0]: r[2] or "" for r in rows}
        buurten = None
        if buurten_layer is not None:
            b_rows = qgis_io.source_to_shapely(
                buurten_layer,
                "bu_code" if buurten_layer.fields().indexOf("bu_code") >= 0 else None,
                crs,
                extra_fields=("bu_naam",),
            )
            buurten = [(r[0], r[2] or "", r[1]) for r in b_rows]
        out_dir = self.out_dir.filePath()
        if not out_dir:
            home = QgsProject.instance().homePath()
            out_dir = str(Path(home) / "zonnepanelen") if home else tempfile.mkdtemp(prefix="solar_")
        threshold = self.threshold.value() or None
        params = DetectionParams(
            model=self.model_source(),
            threshold=threshold,
            footprint_buffer_m=self.buffer.value(),
            panel=PanelParams(
                min_area_m2=self.min_area.value(),
                regularise=self.regularise.isChecked(),
                panel_area_m2=self.panel_area.value(),
                wp_per_m2=self.wp.value(),
                kwh_per_kwp=self.kwh.value(),
            ),
        )
        return SolarTaskInput(
            raster=path,
            buildings=buildings,
            buildings_crs=qgis_io.crs_wkt(crs),
            buurten=buurten,
            out_dir=out_dir,
            params=params,
            bu_codes=bu_codes,
        )

    def start(self):
        if self.task is not None:
            return
        if not self.refresh_card():
            self.status.setText(tr("Choose a usable model first."))
            return
        try:
            job = self.collect()
        except SolarDetectError as error:
            self.status.setText(str(error))
            return
        self.task = SolarDetectTask(tr("Detecting solar panels"), job, self._done)
        self.task.progressChanged.connect(lambda p: self.progress.setValue(int(p)))
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.status.setText(tr("Running..."))
        QgsApplication.taskManager().addTask(self.task)

    def cancel(self):
        if self.task is not None:
            self.task.cancel()

    def _done(self, task: SolarDetectTask, ok: bool):
        self.task = None
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if not ok:
            self.status.setText(tr("Cancelled.") if task.error in ("", "cancelled") else task.error)
            return
        self.progress.setValue(100)
        self.last_files = task.files
        add_results(QgsProject.instance(), task.files)
        totals = task.run_result.totals()
        self.status.setText(
            tr(
                "{panels} panel areas, {area:.0f} m2, {kwp:.1f} kWp, {kwh:.0f} kWh/year on "
                "{bwith} of {b} buildings"
            ).format(
                panels=totals["panels"],
                area=totals["panel_area_m2"],
                kwp=totals["kwp"],
                kwh=totals["kwh_year"],
                bwith=totals["buildings_with_solar"],
                b=totals["buildings"],
            )
        )
        if self.iface is not None and hasattr(self.iface, "messageBar"):
            self.iface.messageBar().pushMessage(tr("Solar panels"), self.status.text(), Qgis.Info, 5)
