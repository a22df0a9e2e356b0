"""Processing: detect solar panels on an aerial photo (thin shell over plugins/solar_detect/core)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from ...plugins.solar_detect.core import qgis_io
from ...plugins.solar_detect.core.pipeline import PANEL_FIELDS, panel_rows, run_solar
from . import solar_common as common
from .base import SmartSocietyAlgorithm


class DetectSolarPanelsAlgorithm(SmartSocietyAlgorithm):
    algorithm_id = "detectsolarpanels"
    display_name = "Detect solar panels"
    group_id = "solar"
    group_name = "Solar panels"
    icon_name = "solar"
    help_en = (
        "Finds solar panels in an aerial photo (any GDAL raster: GeoTIFF, VRT, saved WMTS; 1, 3 or 4 bands, "
        "8 or 16 bit, paletted; any CRS) with the shipped ONNX segmentation model, the classical baseline "
        "or your "
        "own ONNX model (its metadata must give name, cm_per_px, tile_size, overlap, threshold and classes). "
        "The photo is read tile by tile at the model's resolution; with building footprints only tiles "
        "touching "
        "the (buffered) footprints are processed and detections outside them are dropped. Outputs panel "
        "polygons "
        "(holes kept) with confidence, area (m2), estimated panel count (area / panel area), kWp (area x "
        "Wp/m2) "
        "and yearly kWh (kWp x kWh/kWp), and optionally results per building (panel area, count, roof "
        "share, kWp, "
        "kWh) and totals per buurt. Tiles can run in this process, a local process pool or a Dask cluster."
    )
    help_nl = (
        "Vindt zonnepanelen op een luchtfoto (elk GDAL-raster: GeoTIFF, VRT, opgeslagen WMTS; 1, 3 of 4 "
        "banden, "
        "8 of 16 bit, palet; elk CRS) met het meegeleverde ONNX-segmentatiemodel, de klassieke basislijn "
        "of een "
        "eigen ONNX-model (metadata met name, cm_per_px, tile_size, overlap, threshold en classes). De "
        "foto wordt "
        "tegel voor tegel op de resolutie van het model gelezen; met pandcontouren worden alleen tegels "
        "verwerkt "
        "die de (gebufferde) contouren raken en vervallen detecties daarbuiten. Uitvoer: panelen als "
        "polygonen "
        "(met gaten) met betrouwbaarheid, oppervlakte (m2), geschat aantal panelen (oppervlakte / "
        "paneeloppervlak), "
        "kWp (oppervlakte x Wp/m2) en jaaropbrengst in kWh (kWp x kWh/kWp), en naar keuze per pand (paneel"
        "oppervlak, aantal, aandeel van het dak, kWp, kWh) en totalen per buurt. Tegels draaien in dit "
        "proces, "
        "in een lokale procespool of op een Dask-cluster."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterRasterLayer("INPUT", self.tr("Aerial photo")))
        common.add_building_inputs(self, optional=True)
        common.add_model_parameters(self)
        common.add_output_crs(self)
        common.add_sink(self, "OUTPUT", self.tr("Solar panels"))
        common.add_sink(self, "BUILDINGS_OUTPUT", self.tr("Solar panels per building"), optional=True)
        common.add_sink(self, "BUURTEN_OUTPUT", self.tr("Solar panels per buurt"), optional=True)
        for name, text in (
            ("PANELS", "Number of panel polygons"),
            ("KWP", "Total kWp"),
            ("KWH_YEAR", "Total kWh per year"),
            ("AREA_M2", "Total panel area (m2)"),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(text)))

    def processAlgorithm(self, parameters, context, feedback):
        layer = self.parameterAsRasterLayer(parameters, "INPUT", context)
        path = common.run_core(qgis_io.raster_path, layer)
        crs = common.output_crs(self, parameters, context)
        wkt = qgis_io.crs_wkt(crs)
        params = common.detection_params(self, parameters, context)
        buildings, bu_codes = common.buildings(self, parameters, context, crs, required=False)
        buurten = common.buurten(self, parameters, context, crs)
        progress, cancel = qgis_io.feedback_callbacks(feedback)
        run = common.run_core(
            run_solar,
            path,
            buildings,
            buildings_crs=wkt,
            params=params,
            buurten=buurten,
            buurten_crs=wkt,
            out_crs=wkt,
            bu_codes=bu_codes,
            progress=progress,
            cancel=cancel,
        )
        stats = run.detection.stats
        feedback.pushInfo(self.tr("Model: {name}").format(name=run.detection.plan.card.name))
        feedback.pushInfo(
            self.tr("Tiles processed: {done} of {total}; {mpx:.2f} Mpx/s").format(
                done=stats["tiles_processed"], total=stats["tiles_total"], mpx=stats["mpx_per_s"]
            )
        )
        totals = run.totals()
        results = {
            "PANELS": totals["panels"],
            "KWP": totals["kwp"],
            "KWH_YEAR": totals["kwh_year"],
            "AREA_M2": totals["panel_area_m2"],
        }
        results["OUTPUT"] = common.sink(
            self, parameters, context, "OUTPUT", panel_rows(run), crs, fallback_fields=PANEL_FIELDS
        )
        if run.buildings:
            results["BUILDINGS_OUTPUT"] = common.sink(
                self,
                parameters,
                context,
                "BUILDINGS_OUTPUT",
                [(b.geometry, b.attributes()) for b in run.buildings],
                crs,
                QgsWkbTypes.MultiPolygon,
            )
        if run.buurten:
            results["BUURTEN_OUTPUT"] = common.sink(
                self,
                parameters,
                context,
                "BUURTEN_OUTPUT",
                [(b.geometry, b.attributes()) for b in run.buurten],
                crs,
                QgsWkbTypes.MultiPolygon,
            )
        return results
