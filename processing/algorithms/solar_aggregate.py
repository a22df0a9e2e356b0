"""Processing: solar panels per building and per buurt (thin shell over the core aggregation)."""

from __future__ import annotations

from qgis.core import QgsProcessing, QgsProcessingParameterFeatureSource, QgsWkbTypes

from ...plugins.solar_detect.core import qgis_io
from ...plugins.solar_detect.core.aggregate import aggregate_buildings, aggregate_buurten
from . import solar_common as common
from .base import SmartSocietyAlgorithm


class AggregateSolarPerBuildingAlgorithm(SmartSocietyAlgorithm):
    algorithm_id = "aggregatesolarperbuilding"
    display_name = "Solar panels per building and buurt"
    group_id = "solar"
    group_name = "Solar panels"
    icon_name = "solar"
    help_en = (
        "Sums panel polygons (for example the output of Detect solar panels, or a register) per building "
        "footprint: panel area inside the footprint (m2), estimated panel count (area / panel area), "
        "share of "
        "the roof, kWp (area x Wp/m2) and yearly kWh (kWp x kWh/kWp); a panel spanning two buildings is "
        "split. "
        "With buurten, totals per buurt (buildings, buildings with panels, area, count, kWp, kWh)."
    )
    help_nl = (
        "Telt paneelpolygonen (bijvoorbeeld de uitvoer van Zonnepanelen detecteren, of een register) op per "
        "pandcontour: paneeloppervlak binnen de contour (m2), geschat aantal panelen (oppervlakte / "
        "paneeloppervlak), aandeel van het dak, kWp (oppervlakte x Wp/m2) en jaaropbrengst in kWh (kWp x "
        "kWh/kWp); een paneel over twee panden wordt verdeeld. Met buurten ook totalen per buurt (panden, "
        "panden "
        "met panelen, oppervlakte, aantal, kWp, kWh)."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "PANELS", self.tr("Solar panel polygons"), [QgsProcessing.TypeVectorPolygon]
            )
        )
        common.add_building_inputs(self)
        common.add_panel_parameters(self)
        common.add_output_crs(self)
        common.add_sink(self, "OUTPUT", self.tr("Solar panels per building"))
        common.add_sink(self, "BUURTEN_OUTPUT", self.tr("Solar panels per buurt"), optional=True)

    def processAlgorithm(self, parameters, context, feedback):
        crs = common.output_crs(self, parameters, context)
        panels_source = self.parameterAsSource(parameters, "PANELS", context)
        panels = [g for _i, g in qgis_io.source_to_shapely(panels_source, None, crs)]
        buildings, bu_codes = common.buildings(self, parameters, context, crs)
        params = common.panel_params(self, parameters, context)
        rows = common.run_core(aggregate_buildings, panels, buildings, params, bu_codes)
        feedback.pushInfo(
            self.tr("{n} of {total} buildings carry panels").format(
                n=sum(1 for r in rows if r.panel_area_m2 > 0), total=len(rows)
            )
        )
        results = {
            "OUTPUT": common.sink(
                self,
                parameters,
                context,
                "OUTPUT",
                [(r.geometry, r.attributes()) for r in rows],
                crs,
                QgsWkbTypes.MultiPolygon,
            )
        }
        buurten = common.buurten(self, parameters, context, crs)
        if buurten:
            b_rows = aggregate_buurten(rows, buurten)
            results["BUURTEN_OUTPUT"] = common.sink(
                self,
                parameters,
                context,
                "BUURTEN_OUTPUT",
                [(b.geometry, b.attributes()) for b in b_rows],
                crs,
                QgsWkbTypes.MultiPolygon,
            )
        return results
