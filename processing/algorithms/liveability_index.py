"""Liveability index: indicator table, z-scores, weights, dimensions, nine classes (thin shell)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFile,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
)

from ..liveability import qgis_io as io
from ..liveability.data import read_table
from ..liveability.errors import LiveabilityError
from ..liveability.index import compute_index, join_layers, read_indicator_table
from .base import SmartSocietyAlgorithm


class LiveabilityIndexAlgorithm(SmartSocietyAlgorithm):
    algorithm_id = "liveabilityindex"
    display_name = "Liveability index"
    group_id = "liveability"
    group_name = "Liveability"
    help_en = (
        "A transparent index in the spirit of the Leefbaarometer 3.0. The indicator layers "
        "(e.g. the buurt or "
        "grid outputs of 3-30-300, heat risk, 15-minute proximity, noise, air quality and the "
        "CBS buurten) are "
        "joined on the id field. The indicator table (CSV: indicator, dimension, weight, "
        "direction; a default "
        "is shipped in resources/liveability/indicators.csv) assigns each indicator to one of "
        "five dimensions "
        "(housing, physical, amenities, social, nuisance). Per indicator a z-score over the "
        "areas, times weight "
        "and direction = its contribution; dimension scores are summed into a total; nine classes with the "
        "Leefbaarometer labels (zeer onvoldoende ... uitstekend) from the standardised total; the deviation "
        "from the municipal mean and the weakest dimension. Every row keeps ind_, z_ and c_ fields so each "
        "score can be explained; missing values count as the mean and are listed in 'imputed'."
    )
    help_nl = (
        "Een transparante index naar het voorbeeld van de Leefbaarometer 3.0. De indicatorlagen "
        "(bijv. de buurt- "
        "of gridresultaten van 3-30-300, hittestress, 15-minutennabijheid, geluid, luchtkwaliteit en de CBS-"
        "buurten) worden gekoppeld op het id-veld. De indicatortabel (CSV: indicator, dimension, weight, "
        "direction; standaard in resources/liveability/indicators.csv) deelt elke indicator in "
        "bij een van vijf "
        "dimensies (woningvoorraad, fysieke omgeving, voorzieningen, sociale samenhang, overlast en "
        "onveiligheid). Per indicator een z-score over de gebieden, maal gewicht en richting = de bijdrage; "
        "dimensiescores worden opgeteld tot een totaal; negen klassen met de Leefbaarometer-labels (zeer "
        "onvoldoende ... uitstekend) uit het gestandaardiseerde totaal; de afwijking van het gemeentelijk "
        "gemiddelde en de zwakste dimensie. Elke rij houdt de velden ind_, z_ en c_, zodat elke score te "
        "verklaren is; ontbrekende waarden tellen als het gemiddelde en staan in 'imputed'."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                "LAYERS", self.tr("Indicator layers (areas)"), QgsProcessing.TypeVectorPolygon
            )
        )
        self.addParameter(QgsProcessingParameterString("ID_FIELD", self.tr("Area id field"), "bu_code"))
        self.addParameter(
            QgsProcessingParameterFile(
                "TABLE", self.tr("Indicator table (CSV, optional)"), extension="csv", optional=True
            )
        )
        io.add_sink(self, "OUTPUT", self.tr("Liveability index"), QgsProcessing.TypeVectorPolygon)

    def processAlgorithm(self, parameters, context, feedback):
        id_field = (self.parameterAsString(parameters, "ID_FIELD", context) or "bu_code").lower()
        layers = self.parameterAsLayerList(parameters, "LAYERS", context)
        if not layers:
            raise QgsProcessingException("no indicator layers given; expected at least one area layer")
        try:
            tables = [
                read_table(layer, layer.name(), kind="polygon", fields=(id_field,), feedback=feedback)
                for layer in layers
            ]
            indicators = read_indicator_table(self.parameterAsFile(parameters, "TABLE", context) or None)
            joined = join_layers(tables, id_field)
            table, _stats, _skipped = compute_index(joined, indicators, feedback=feedback)
        except LiveabilityError as error:
            raise QgsProcessingException(str(error)) from None
        table.columns.pop("fid", None)
        return {"OUTPUT": io.write_sink(self, parameters, "OUTPUT", context, table)}
