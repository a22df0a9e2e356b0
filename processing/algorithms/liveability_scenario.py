"""Liveability scenario: the chain on the baseline and on a twin scenario, the difference per area."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..liveability import qgis_io as io
from ..liveability.chain import ChainInputs, ChainOptions
from ..liveability.proximity import DEFAULT_CATEGORIES, parse_categories
from ..liveability.scenario import run_scenario
from .base import SmartSocietyAlgorithm


class LiveabilityScenarioAlgorithm(SmartSocietyAlgorithm):
    algorithm_id = "liveabilityscenario"
    display_name = "Liveability scenario comparison"
    group_id = "liveability"
    group_name = "Liveability"
    help_en = (
        "Runs the liveability chain (3-30-300, heat, 15-minute proximity, noise when a raster is given, the "
        "index) on the baseline and on a twin scenario GeoPackage (layers scenario_buildings with new and "
        "demolished buildings, scenario_trees with new trees), and writes per buurt and grid cell the "
        "baseline value, the scenario value and the difference (d_) of the total, the dimensions and every "
        "indicator. The scenario index uses the baseline's means and standard deviations, so the totals are "
        "comparable. New residential buildings get their 'woningen' homes at their centre. EPSG:28992."
    )
    help_nl = (
        "Draait de leefbaarheidsketen (3-30-300, hitte, 15-minutennabijheid, geluid als er een raster is, de "
        "index) op de huidige situatie en op een scenario-GeoPackage van de twin (lagen "
        "scenario_buildings met "
        "nieuwe en te slopen gebouwen, scenario_trees met nieuwe bomen), en schrijft per buurt en gridcel de "
        "waarde nu, de waarde in het scenario en het verschil (d_) van het totaal, de dimensies en elke "
        "indicator. De scenario-index gebruikt de gemiddelden en standaarddeviaties van de huidige situatie, "
        "zodat de totalen vergelijkbaar zijn. Nieuwe woongebouwen krijgen hun 'woningen' in het midden. "
        "EPSG:28992."
    )

    def initAlgorithm(self, config=None):
        io.add_study_parameters(self, buurten_optional=False)
        io.add_source(self, "NETWORK", self.tr("Walking and cycling network (noded lines)"), io.LINE)
        io.add_source(self, "GREEN", self.tr("Green spaces (is_public)"), io.POLYGON)
        io.add_source(self, "TREES", self.tr("Trees (points)"), io.POINT)
        io.add_source(self, "LAND_COVER", self.tr("Land cover (polygons)"), io.POLYGON)
        io.add_source(self, "AMENITIES", self.tr("Amenities (points)"), io.POINT)
        io.add_field(self, "CATEGORY_FIELD", self.tr("Category field"), "category", "AMENITIES")
        self.addParameter(
            QgsProcessingParameterString(
                "CATEGORIES", self.tr("Categories (comma-separated)"), ",".join(DEFAULT_CATEGORIES)
            )
        )
        io.add_source(self, "CROWNS", self.tr("Tree crown polygons"), io.POLYGON, optional=True)
        io.add_number(self, "MIN_GREEN_M2", self.tr("Minimum park / cool spot area (m2)"), 5000.0)
        io.add_raster(self, "LDEN", self.tr("Lden raster (dB)"))
        self.addParameter(
            QgsProcessingParameterFile("SCENARIO", self.tr("Scenario GeoPackage"), extension="gpkg")
        )
        self.addParameter(
            QgsProcessingParameterFile(
                "TABLE", self.tr("Indicator table (CSV, optional)"), extension="csv", optional=True
            )
        )
        io.add_sink(self, "OUTPUT", self.tr("Scenario difference per buurt"), QgsProcessing.TypeVectorPolygon)
        io.add_sink(
            self, "GRID_OUT", self.tr("Scenario difference per grid cell"), QgsProcessing.TypeVectorPolygon
        )

    def processAlgorithm(self, parameters, context, feedback):
        def table(name, label, kind, fields=(), required=True):
            return io.source_table(self, parameters, name, context, label, kind, fields, feedback, required)

        inputs = ChainInputs(
            buildings=table("BUILDINGS", "buildings", "polygon"),
            network=table("NETWORK", "network", "line"),
            green=table("GREEN", "green spaces", "polygon"),
            amenities=table("AMENITIES", "amenities", "point"),
            land_cover=table("LAND_COVER", "land cover", "polygon", ("cover",)),
            addresses=table("ADDRESSES", "addresses", "point", required=False),
            trees=table("TREES", "trees", "point", ("crown_diameter_m",)),
            buurten=table("BUURTEN", "buurten", "polygon", ("bu_code",)),
            crowns=table("CROWNS", "crowns", "polygon", required=False),
            lden_raster=io.raster_path(self, parameters, "LDEN", context),
        )
        options = ChainOptions(
            grid_size=self.parameterAsDouble(parameters, "GRID_SIZE", context),
            min_green_m2=self.parameterAsDouble(parameters, "MIN_GREEN_M2", context),
            min_cool_m2=self.parameterAsDouble(parameters, "MIN_GREEN_M2", context),
            categories=tuple(parse_categories(self.parameterAsString(parameters, "CATEGORIES", context))),
            indicator_table=self.parameterAsFile(parameters, "TABLE", context) or None,
        )
        scenario = self.parameterAsFile(parameters, "SCENARIO", context)
        result = io.run_core(run_scenario, inputs, scenario, options, feedback)
        outputs = {
            "OUTPUT": io.write_sink(self, parameters, "OUTPUT", context, result["difference"]["buurt"])
        }
        if "grid" in result["difference"]:
            outputs["GRID_OUT"] = io.write_sink(
                self, parameters, "GRID_OUT", context, result["difference"]["grid"]
            )
        return outputs
