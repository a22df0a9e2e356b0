"""Processing: harvest a SensorThings API server into the register (Things, Datastreams, latest values)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterString,
)

from ...plugins.sensor_register.core import sensorthings
from ...plugins.sensor_register.core.errors import RegisterError, SensorThingsError
from .register_common import RegisterAlgorithm


class RegisterHarvestAlgorithm(RegisterAlgorithm):
    algorithm_id = "registerharvest"
    display_name = "Harvest a SensorThings server"
    help_en = (
        "Reads Things, Locations and Datastreams (and each datastream's latest Observation) from an OGC "
        "SensorThings API server, following its paging, with an optional $filter (e.g. "
        "properties/owner eq 'Luftdaten'), and stores them as register entries with datastreams. "
        "Idempotent: harvesting again only changes what changed on the server."
    )
    help_nl = (
        "Leest Things, Locations en Datastreams (en de laatste Observation per datastroom) van een OGC "
        "SensorThings API-server, volgt de paginering, met een optioneel $filter (bijv. "
        "properties/owner eq 'Luftdaten'), en slaat ze op als registerregels met datastromen. Opnieuw "
        "oogsten wijzigt alleen wat op de server veranderde."
    )

    URL, FILTER, LATEST, OWNER = "URL", "FILTER", "LATEST", "DEFAULT_OWNER"

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString(self.URL, self.tr("SensorThings base URL (…/v1.0)")))
        self.addParameter(
            QgsProcessingParameterString(self.FILTER, self.tr("$filter on Things"), optional=True)
        )
        self.add_register_parameters()
        self.addParameter(
            QgsProcessingParameterBoolean(self.LATEST, self.tr("Also fetch the latest observations"), True)
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.OWNER, self.tr("Owner for Things without one"), "Onbekende eigenaar (SensorThings)"
            )
        )
        for name, title in (
            ("THINGS", "Things read"),
            ("INSERTED", "Sensors added"),
            ("UPDATED", "Sensors changed"),
            ("DATASTREAMS", "Datastreams"),
            ("ERRORS", "Problems found"),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(title)))

    def processAlgorithm(self, parameters, context, feedback):
        register = self.open(parameters, context)
        try:
            report = sensorthings.harvest(
                register,
                self.parameterAsString(parameters, self.URL, context),
                self.parameterAsString(parameters, self.FILTER, context) or None,
                default_owner=self.parameterAsString(parameters, self.OWNER, context),
                latest=self.parameterAsBool(parameters, self.LATEST, context),
                progress=lambda done, total: feedback.setProgress(100.0 * done / max(total, 1)),
            )
        except (SensorThingsError, RegisterError) as error:
            raise QgsProcessingException(str(error)) from error
        finally:
            register.close()
        for issue in report.issues[:50]:
            feedback.reportError(str(issue), False)
        feedback.pushInfo(report.summary())
        return {
            "THINGS": report.things,
            "INSERTED": report.inserted,
            "UPDATED": report.updated,
            "DATASTREAMS": report.datastreams,
            "ERRORS": len(report.issues),
        }
