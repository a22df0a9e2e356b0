"""Processing algorithm: generate the embedded sample district (GeoPackage + 8 cm orthophoto)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
)

from ...resources.sample.generator import DEFAULT_SEED, GenerationCancelled, generate_sample_district
from .base import SmartSocietyAlgorithm


class GenerateSampleDistrictAlgorithm(SmartSocietyAlgorithm):
    algorithm_id = "generatesampledistrict"
    display_name = "Generate sample district"
    group_id = "sampledata"
    group_name = "Sample data"
    help_en = (
        "Generates the Dordrecht Spoorzone sample district: a GeoPackage with buildings (BAG ids, "
        "3DBAG-style heights, roof material), addresses, BGT-like land cover, trees, green spaces, "
        "amenities, a walking network, CBS buurten and sensors, plus an 8 cm/px RGB orthophoto rendered "
        "from those objects and the true solar-panel polygons next to it. The same seed always gives the "
        "same data. The default 1 km district takes one to two minutes."
    )
    help_nl = (
        "Genereert het voorbeeldgebied Dordrecht Spoorzone: een GeoPackage met panden (BAG-id's, hoogtes "
        "zoals in 3DBAG, dakmateriaal), adressen, BGT-achtige terreindelen, bomen, groen, voorzieningen, een "
        "wandelnetwerk, CBS-buurten en sensoren, plus een RGB-luchtfoto van 8 cm/px die uit die objecten is "
        "opgebouwd, met de echte zonnepaneelpolygonen ernaast. Hetzelfde zaadgetal geeft altijd dezelfde "
        "gegevens. Het standaardgebied van 1 km duurt een tot twee minuten."
    )

    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    SEED = "SEED"
    SIZE = "SIZE"
    WITH_ORTHOPHOTO = "WITH_ORTHOPHOTO"
    GPKG = "GPKG"
    ORTHOPHOTO = "ORTHOPHOTO"
    SOLAR_TRUTH = "SOLAR_TRUTH"

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, self.tr("Output folder"))
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SEED, self.tr("Seed"), QgsProcessingParameterNumber.Integer, DEFAULT_SEED, minValue=0
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SIZE,
                self.tr("Size (m)"),
                QgsProcessingParameterNumber.Double,
                1000.0,
                minValue=100.0,
                maxValue=3000.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(self.WITH_ORTHOPHOTO, self.tr("With orthophoto"), True)
        )
        self.addOutput(QgsProcessingOutputFile(self.GPKG, self.tr("Sample district GeoPackage")))
        self.addOutput(QgsProcessingOutputFile(self.ORTHOPHOTO, self.tr("Orthophoto (8 cm)")))
        self.addOutput(QgsProcessingOutputFile(self.SOLAR_TRUTH, self.tr("Solar panel truth")))

    def processAlgorithm(self, parameters, context, feedback):
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        seed = self.parameterAsInt(parameters, self.SEED, context)
        size = self.parameterAsDouble(parameters, self.SIZE, context)
        with_orthophoto = self.parameterAsBool(parameters, self.WITH_ORTHOPHOTO, context)
        try:
            district = generate_sample_district(
                folder, seed=seed, size_m=size, with_orthophoto=with_orthophoto, feedback=feedback
            )
        except GenerationCancelled:
            raise QgsProcessingException(self.tr("Generation of the sample district was cancelled")) from None
        return {
            self.GPKG: str(district.gpkg),
            self.ORTHOPHOTO: str(district.orthophoto) if district.orthophoto else None,
            self.SOLAR_TRUTH: str(district.solar_truth),
        }
