"""Processing: new and removed solar installations between two aerial photos (thin shell)."""

from __future__ import annotations

from qgis.core import QgsProcessingOutputNumber, QgsProcessingParameterRasterLayer, QgsWkbTypes

from ...plugins.solar_detect.core import qgis_io
from ...plugins.solar_detect.core.changes import compare_years
from ...plugins.solar_detect.core.pipeline import run_solar
from . import solar_common as common
from .base import SmartSocietyAlgorithm


class SolarChangesAlgorithm(SmartSocietyAlgorithm):
    algorithm_id = "solarchanges"
    display_name = "Solar panel changes between two years"
    group_id = "solar"
    group_name = "Solar panels"
    icon_name = "solar"
    help_en = (
        "Detects panels on two aerial photos of different years (same model and settings, only tiles "
        "touching "
        "the building footprints) and reports new and removed installations (an installation is new when "
        "less "
        "than 30% of it is covered by panels of the earlier photo, removed in the mirror case) and per "
        "building "
        "the panel area before and after with a status: new, removed, expanded, reduced, unchanged or none."
    )
    help_nl = (
        "Detecteert panelen op twee luchtfoto's uit verschillende jaren (zelfde model en instellingen, "
        "alleen "
        "tegels die pandcontouren raken) en meldt nieuwe en verdwenen installaties (nieuw als minder dan 30% "
        "ervan op de eerdere foto met panelen bedekt is, verdwenen andersom) en per pand het paneeloppervlak "
        "voor en na met een status: nieuw, verdwenen, uitgebreid, verkleind, ongewijzigd of geen."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterRasterLayer("BEFORE", self.tr("Aerial photo, earlier year")))
        self.addParameter(QgsProcessingParameterRasterLayer("AFTER", self.tr("Aerial photo, later year")))
        common.add_building_inputs(self, with_buurten=False)
        common.add_model_parameters(self)
        common.add_output_crs(self)
        common.add_sink(self, "OUTPUT", self.tr("New and removed installations"))
        common.add_sink(self, "BUILDINGS_OUTPUT", self.tr("Changes per building"))
        self.addOutput(QgsProcessingOutputNumber("NEW", self.tr("New installations")))
        self.addOutput(QgsProcessingOutputNumber("REMOVED", self.tr("Removed installations")))

    def processAlgorithm(self, parameters, context, feedback):
        crs = common.output_crs(self, parameters, context)
        wkt = qgis_io.crs_wkt(crs)
        params = common.detection_params(self, parameters, context)
        buildings, _codes = common.buildings(self, parameters, context, crs)
        runs = []
        for i, name in enumerate(("BEFORE", "AFTER")):
            path = common.run_core(
                qgis_io.raster_path, self.parameterAsRasterLayer(parameters, name, context)
            )

            def progress(p, offset=i):
                feedback.setProgress(offset * 50 + p / 2)

            runs.append(
                common.run_core(
                    run_solar,
                    path,
                    buildings,
                    buildings_crs=wkt,
                    params=params,
                    out_crs=wkt,
                    progress=progress,
                    cancel=feedback.isCanceled,
                )
            )
        installations, changes = compare_years(runs[0].panels, runs[1].panels, buildings)
        rows = [
            (
                c.geometry,
                {"change": c.change, "area_m2": round(c.area_m2, 2), "building_id": c.building_id or ""},
            )
            for c in installations
        ]
        b_rows = [(c.geometry, c.attributes()) for c in changes]
        return {
            "NEW": sum(1 for c in installations if c.change == "new"),
            "REMOVED": sum(1 for c in installations if c.change == "removed"),
            "OUTPUT": common.sink(
                self,
                parameters,
                context,
                "OUTPUT",
                rows,
                crs,
                fallback_fields={"change": str, "area_m2": float, "building_id": str},
            ),
            "BUILDINGS_OUTPUT": common.sink(
                self, parameters, context, "BUILDINGS_OUTPUT", b_rows, crs, QgsWkbTypes.MultiPolygon
            ),
        }
