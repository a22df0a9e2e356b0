"""15-minute proximity: walking and cycling minutes to the nearest amenity per category (thin shell)."""

from __future__ import annotations

from qgis.core import QgsProcessingParameterString

from ..liveability import qgis_io as io
from ..liveability.proximity import DEFAULT_CATEGORIES, network_for_mode, proximity
from .base import SmartSocietyAlgorithm


class Proximity15MinAlgorithm(SmartSocietyAlgorithm):
    algorithm_id = "proximity15min"
    display_name = "15-minute proximity"
    group_id = "liveability"
    group_name = "Liveability"
    help_en = (
        "Walking (5 km/h) and cycling (15 km/h) minutes from every home to the nearest amenity of each "
        "category (comma-separated list; default supermarket, gp, primary_school, playground, "
        "park, pt_stop), "
        "their average and maximum, and the number of categories within 15 walking minutes. One multi-source "
        "shortest-path pass per category over the whole network (edges with walk = 1 / bike = 1 when those "
        "fields exist), not a path per home. Homes and amenities are snapped to the network within the "
        "tolerance; unreachable homes get no minutes and are reported. Per buurt and 100 m grid cell: means. "
        "EPSG:28992."
    )
    help_nl = (
        "Loop- (5 km/u) en fietsminuten (15 km/u) van elke woning tot de dichtstbijzijnde voorziening per "
        "categorie (lijst met komma's; standaard supermarket, gp, primary_school, playground, "
        "park, pt_stop), "
        "hun gemiddelde en maximum, en het aantal categorieën binnen 15 minuten lopen. Eén kortste-pad-"
        "berekening met meerdere bronnen per categorie over het hele netwerk (lijnen met walk = 1 / bike = 1 "
        "als die velden bestaan), geen pad per woning. Woningen en voorzieningen worden binnen de tolerantie "
        "op het netwerk gelegd; onbereikbare woningen krijgen geen minuten en worden gemeld. Per buurt en "
        "100 m-gridcel: gemiddelden. EPSG:28992."
    )

    def initAlgorithm(self, config=None):
        io.add_study_parameters(self)
        io.add_source(self, "NETWORK", self.tr("Walking and cycling network (noded lines)"), io.LINE)
        io.add_source(self, "AMENITIES", self.tr("Amenities (points)"), io.POINT)
        io.add_field(self, "CATEGORY_FIELD", self.tr("Category field"), "category", "AMENITIES")
        self.addParameter(
            QgsProcessingParameterString(
                "CATEGORIES", self.tr("Categories (comma-separated)"), ",".join(DEFAULT_CATEGORIES)
            )
        )
        io.add_number(self, "WALK_KMH", self.tr("Walking speed (km/h)"), 5.0, 0.1)
        io.add_number(self, "BIKE_KMH", self.tr("Cycling speed (km/h)"), 15.0, 0.1)
        io.add_number(self, "THRESHOLD_MIN", self.tr("Minutes threshold"), 15.0, 0.1)
        io.add_number(self, "TOLERANCE", self.tr("Snapping tolerance (m)"), 100.0)
        io.add_area_outputs(self)

    def processAlgorithm(self, parameters, context, feedback):
        study = io.study_from_parameters(self, parameters, context, feedback)
        category_field = (self.parameterAsString(parameters, "CATEGORY_FIELD", context) or "category").lower()
        lines = io.source_table(self, parameters, "NETWORK", context, "network", "line", feedback=feedback)
        amenities = io.source_table(
            self, parameters, "AMENITIES", context, "amenities", "point", (category_field,), feedback=feedback
        )
        networks = {
            "walk": io.run_core(network_for_mode, lines, "walk", "walking"),
            "bike": io.run_core(network_for_mode, lines, "bike", "cycling"),
        }
        outcome = io.run_core(
            proximity,
            study,
            networks,
            amenities,
            categories=self.parameterAsString(parameters, "CATEGORIES", context),
            category_field=category_field,
            walk_kmh=self.parameterAsDouble(parameters, "WALK_KMH", context),
            bike_kmh=self.parameterAsDouble(parameters, "BIKE_KMH", context),
            threshold_min=self.parameterAsDouble(parameters, "THRESHOLD_MIN", context),
            tolerance=self.parameterAsDouble(parameters, "TOLERANCE", context),
            feedback=feedback,
        )
        return io.write_outputs(self, parameters, context, study, outcome, "proximity15min", feedback)
