"""3-30-300: trees near homes, canopy share and network distance to a park (thin shell over the core)."""

from __future__ import annotations

from ..liveability import qgis_io as io
from ..liveability.green import green_330300
from ..liveability.proximity import network_for_mode
from .base import SmartSocietyAlgorithm


class Green330300Algorithm(SmartSocietyAlgorithm):
    algorithm_id = "green330300"
    display_name = "3-30-300 green rule"
    group_id = "liveability"
    group_name = "Liveability"
    help_en = (
        "The 3-30-300 rule. '3': trees within 15 m of each residential building (count and flag, 3 or more). "
        "'30': canopy share per buurt and 100 m grid cell, from tree points with a crown diameter, crown "
        "polygons and/or a canopy raster (value > 0), overlaps counted once. '300': walking network distance "
        "from each home to the nearest entrance of a public green space of at least 0.5 ha (entrances: where "
        "a 20 m buffer of the green meets the network), and the share of homes within 300 m. Homes are "
        "snapped to the network within the tolerance; farther homes get no distance and are reported. "
        "Per area 'conditions_met' (0-3): '3' and '300' are met when at least half of the homes meet them, "
        "'30' at 30 % canopy. Outputs: homes, buildings, buurten, grid cells (EPSG:28992)."
    )
    help_nl = (
        "De 3-30-300-regel. '3': bomen binnen 15 m van elk woongebouw (aantal en vlag, 3 of meer). '30': "
        "aandeel boomkroon per buurt en per 100 m-gridcel, uit boompunten met kroondiameter, kroonvlakken "
        "en/of een kroonraster (waarde > 0), overlap telt eenmaal. '300': loopafstand over het netwerk van "
        "elke woning tot de dichtstbijzijnde ingang van openbaar groen van minstens 0,5 ha "
        "(ingangen: waar een "
        "buffer van 20 m om het groen het netwerk raakt), en het aandeel woningen binnen 300 m. Woningen "
        "worden binnen de tolerantie op het netwerk gelegd; verder gelegen woningen krijgen geen afstand en "
        "worden gemeld. Per gebied 'conditions_met' (0-3): '3' en '300' tellen als minstens de helft van de "
        "woningen eraan voldoet, '30' bij 30 % kroonbedekking. Uitvoer: woningen, gebouwen, buurten, "
        "gridcellen (EPSG:28992)."
    )

    def initAlgorithm(self, config=None):
        io.add_study_parameters(self)
        io.add_source(self, "NETWORK", self.tr("Walking network (noded lines)"), io.LINE)
        io.add_source(self, "GREEN", self.tr("Green spaces (is_public)"), io.POLYGON)
        io.add_source(self, "TREES", self.tr("Trees (points)"), io.POINT, optional=True)
        io.add_field(
            self,
            "CROWN_FIELD",
            self.tr("Crown diameter field (m)"),
            "crown_diameter_m",
            "TREES",
            numeric=True,
        )
        io.add_source(self, "CROWNS", self.tr("Tree crown polygons"), io.POLYGON, optional=True)
        io.add_raster(self, "CANOPY_RASTER", self.tr("Canopy raster (value > 0 is canopy)"))
        io.add_number(self, "TREE_DISTANCE", self.tr("Tree distance from buildings (m)"), 15.0)
        io.add_number(self, "MIN_GREEN_M2", self.tr("Minimum green space area (m2)"), 5000.0)
        io.add_number(self, "GREEN_DISTANCE", self.tr("Distance to green (m)"), 300.0)
        io.add_number(self, "TOLERANCE", self.tr("Snapping tolerance (m)"), 100.0)
        io.add_area_outputs(self)
        io.add_sink(self, "BUILDINGS_OUT", self.tr("Residential buildings with tree counts"))

    def processAlgorithm(self, parameters, context, feedback):
        study = io.study_from_parameters(self, parameters, context, feedback)
        lines = io.source_table(self, parameters, "NETWORK", context, "network", "line", feedback=feedback)
        green = io.source_table(
            self, parameters, "GREEN", context, "green spaces", "polygon", feedback=feedback
        )
        crown_field = self.parameterAsString(parameters, "CROWN_FIELD", context) or "crown_diameter_m"
        trees = io.source_table(
            self,
            parameters,
            "TREES",
            context,
            "trees",
            "point",
            (crown_field,),
            feedback=feedback,
            required=False,
        )
        crowns = io.source_table(
            self, parameters, "CROWNS", context, "crowns", "polygon", feedback=feedback, required=False
        )
        network = io.run_core(network_for_mode, lines, "walk", "walking")
        outcome = io.run_core(
            green_330300,
            study,
            network,
            trees,
            green,
            crown_field=crown_field.lower(),
            crowns=crowns,
            canopy_raster=io.raster_path(self, parameters, "CANOPY_RASTER", context),
            tree_distance=self.parameterAsDouble(parameters, "TREE_DISTANCE", context),
            min_green_m2=self.parameterAsDouble(parameters, "MIN_GREEN_M2", context),
            green_distance=self.parameterAsDouble(parameters, "GREEN_DISTANCE", context),
            tolerance=self.parameterAsDouble(parameters, "TOLERANCE", context),
            feedback=feedback,
        )
        results = io.write_outputs(self, parameters, context, study, outcome, "green330300", feedback)
        table = io.building_table(study.buildings, outcome.buildings, "green330300_buildings")
        results["BUILDINGS_OUT"] = io.write_sink(self, parameters, "BUILDINGS_OUT", context, table)
        return results
