"""Processing: export the register as public GeoJSON/CSV or SensRNet-style JSON."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFileDestination,
)

from ...plugins.sensor_register.core import export
from ...plugins.sensor_register.core.errors import RegisterError
from .register_common import RegisterAlgorithm

KINDS = ["geojson", "csv", "sensrnet"]


class RegisterExportAlgorithm(RegisterAlgorithm):
    algorithm_id = "registerexport"
    display_name = "Export the sensor register"
    help_en = (
        "Writes the public part of the register: GeoJSON (WGS84) or CSV (RD and WGS84) with only public "
        "sensors, Dutch value-list labels, and never personal data or non-public contact details; or a "
        "SensRNet-style JSON (organisations, devices, sensors, datastreams, observation goals and legal "
        "grounds) for a national register."
    )
    help_nl = (
        "Schrijft het openbare deel van het register: GeoJSON (WGS84) of CSV (RD en WGS84) met alleen "
        "openbare sensoren, Nederlandse labels en nooit persoonsgegevens of niet-openbare contactgegevens; "
        "of JSON in SensRNet-stijl (organisaties, apparaten, sensoren, datastromen, meetdoelen en "
        "wettelijke grondslagen) voor een landelijk register."
    )

    KIND, OUTPUT = "KIND", "OUTPUT"

    def initAlgorithm(self, config=None):
        self.add_register_parameters()
        self.addParameter(
            QgsProcessingParameterEnum(
                self.KIND,
                self.tr("Export"),
                [self.tr("Public GeoJSON"), self.tr("Public CSV"), self.tr("SensRNet JSON")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT, self.tr("Output file"), self.tr("GeoJSON, CSV or JSON (*.geojson *.csv *.json)")
            )
        )

    def processAlgorithm(self, parameters, context, feedback):
        register = self.open(parameters, context)
        kind = KINDS[self.parameterAsEnum(parameters, self.KIND, context)]
        try:
            path = export.export(register, self.parameterAsFileOutput(parameters, self.OUTPUT, context), kind)
        except RegisterError as error:
            raise QgsProcessingException(str(error)) from error
        finally:
            register.close()
        return {self.OUTPUT: str(path)}
