"""Heat risk: land-cover shares, a documented heat-risk score, distance to a cool spot (thin shell)."""

from __future__ import annotations

from ..liveability import qgis_io as io
from ..liveability.green import canopy_mask
from ..liveability.heat import heat_risk
from ..liveability.proximity import network_for_mode
from .base import SmartSocietyAlgorithm


class HeatRiskAlgorithm(SmartSocietyAlgorithm):
    algorithm_id = "heatrisk"
    display_name = "Heat risk"
    group_id = "liveability"
    group_name = "Liveability"
    help_en = (
        "Paved, green, canopy, water, built and other shares per buurt and 100 m grid cell (1 m "
        "raster), and a "
        "heat-risk score 0-100: 100 x clip(1.0 paved + 1.0 built + 0.3 green + 0.0 water + 0.6 other - 0.7 "
        "canopy, 0, 1). Land-cover classes come from the cover field (road, pavement, rail = paved; green; "
        "water). Cool spots: green spaces of at least 5,000 m2 with at least 10 % canopy; per "
        "home the walking "
        "network distance to the nearest cool-spot entrance (20 m buffer meets the network), "
        "per area the mean "
        "and the share of homes within 300 m. Also the home-weighted mean construction year. EPSG:28992."
    )
    help_nl = (
        "Aandelen verhard, groen, boomkroon, water, bebouwd en overig per buurt en 100 m-gridcel (raster van "
        "1 m), en een hittestress-score 0-100: 100 x clip(1,0 verhard + 1,0 bebouwd + 0,3 groen "
        "+ 0,0 water + "
        "0,6 overig - 0,7 boomkroon, 0, 1). Klassen uit het bedekkingsveld (road, pavement, rail = verhard; "
        "green; water). Koele plekken: groen van minstens 5.000 m2 met minstens 10 % boomkroon; "
        "per woning de "
        "loopafstand over het netwerk tot de dichtstbijzijnde ingang, per gebied het gemiddelde "
        "en het aandeel "
        "woningen binnen 300 m. Ook het gemiddelde bouwjaar van de woningen. EPSG:28992."
    )

    def initAlgorithm(self, config=None):
        io.add_study_parameters(self)
        io.add_source(self, "LAND_COVER", self.tr("Land cover (polygons)"), io.POLYGON)
        io.add_field(self, "COVER_FIELD", self.tr("Land cover class field"), "cover", "LAND_COVER")
        io.add_source(self, "NETWORK", self.tr("Walking network (noded lines)"), io.LINE)
        io.add_source(self, "GREEN", self.tr("Green spaces (is_public)"), io.POLYGON)
        io.add_source(self, "TREES", self.tr("Trees (points)"), io.POINT, optional=True)
        io.add_source(self, "CROWNS", self.tr("Tree crown polygons"), io.POLYGON, optional=True)
        io.add_raster(self, "CANOPY_RASTER", self.tr("Canopy raster (value > 0 is canopy)"))
        io.add_number(self, "MIN_COOL_M2", self.tr("Minimum cool spot area (m2)"), 5000.0)
        io.add_number(self, "MIN_COOL_CANOPY", self.tr("Minimum canopy share of a cool spot"), 0.10)
        io.add_number(self, "COOL_DISTANCE", self.tr("Distance to a cool spot (m)"), 300.0)
        io.add_number(self, "TOLERANCE", self.tr("Snapping tolerance (m)"), 100.0)
        io.add_area_outputs(self)

    def processAlgorithm(self, parameters, context, feedback):
        study = io.study_from_parameters(self, parameters, context, feedback)
        cover_field = (self.parameterAsString(parameters, "COVER_FIELD", context) or "cover").lower()
        land_cover = io.source_table(
            self,
            parameters,
            "LAND_COVER",
            context,
            "land cover",
            "polygon",
            (cover_field,),
            feedback=feedback,
        )
        lines = io.source_table(self, parameters, "NETWORK", context, "network", "line", feedback=feedback)
        green = io.source_table(
            self, parameters, "GREEN", context, "green spaces", "polygon", feedback=feedback
        )
        trees = io.source_table(
            self, parameters, "TREES", context, "trees", "point", feedback=feedback, required=False
        )
        crowns = io.source_table(
            self, parameters, "CROWNS", context, "crowns", "polygon", feedback=feedback, required=False
        )
        canopy = io.run_core(
            canopy_mask,
            study,
            trees,
            "crown_diameter_m",
            crowns,
            io.raster_path(self, parameters, "CANOPY_RASTER", context),
        )
        network = io.run_core(network_for_mode, lines, "walk", "walking")
        outcome = io.run_core(
            heat_risk,
            study,
            network,
            land_cover,
            green,
            canopy,
            cover_field=cover_field,
            min_cool_m2=self.parameterAsDouble(parameters, "MIN_COOL_M2", context),
            min_cool_canopy=self.parameterAsDouble(parameters, "MIN_COOL_CANOPY", context),
            cool_distance=self.parameterAsDouble(parameters, "COOL_DISTANCE", context),
            tolerance=self.parameterAsDouble(parameters, "TOLERANCE", context),
            feedback=feedback,
        )
        return io.write_outputs(self, parameters, context, study, outcome, "heatrisk", feedback)
