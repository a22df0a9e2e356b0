"""Shared parameters of the sensor-register algorithms (the register location, the user)."""

from __future__ import annotations

from qgis.core import QgsProcessingException, QgsProcessingParameterString

from ...plugins.sensor_register.core.errors import RegisterError
from ...plugins.sensor_register.core.storage import open_register
from .base import SmartSocietyAlgorithm

REGISTER = "REGISTER"
SCHEMA = "SCHEMA"


class RegisterAlgorithm(SmartSocietyAlgorithm):
    group_id = "sensorregister"
    group_name = "Sensor register"
    icon_name = "sensor"

    def add_register_parameters(self):
        self.addParameter(
            QgsProcessingParameterString(
                REGISTER,
                self.tr("Register (GeoPackage path, created when missing, or PostgreSQL connection string)"),
            )
        )
        schema = QgsProcessingParameterString(
            SCHEMA, self.tr("PostGIS schema"), "sensor_register", optional=True
        )
        self.addParameter(schema)

    def open(self, parameters, context):
        location = self.parameterAsString(parameters, REGISTER, context).strip()
        schema = self.parameterAsString(parameters, SCHEMA, context).strip() or "sensor_register"
        if not location:
            raise QgsProcessingException(self.tr("No register given"))
        try:
            return open_register(location, schema)
        except RegisterError as error:
            raise QgsProcessingException(str(error)) from error
