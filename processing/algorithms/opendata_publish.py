"""Processing: publish an open-data package to a CKAN portal (API key from QGIS's authentication manager)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputString,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...core.errors import SmartSocietyError
from .base import SmartSocietyAlgorithm


class PublishCkanAlgorithm(SmartSocietyAlgorithm):
    algorithm_id = "publishckan"
    display_name = "Publish open-data package to CKAN"
    group_id = "opendata"
    group_name = "Open data"
    help_en = (
        "Publishes a package written by 'Export open-data package' to a CKAN portal (such as the one "
        "data.overheid.nl harvests): creates the dataset, or patches it when a dataset with the same "
        "identifier exists, then creates each resource and uploads its file. The API key is read from the "
        "chosen QGIS authentication configuration (Basic with the key as password, or an API header "
        "X-CKAN-API-Key) and never logged. Portal errors are reported in Dutch with the field concerned."
    )
    help_nl = (
        "Publiceert een pakket van 'Open-datapakket exporteren' op een CKAN-portal (zoals die "
        "data.overheid.nl "
        "oogst): maakt de dataset aan, of werkt hem bij als er al een dataset met dezelfde identificatie "
        "is, en "
        "maakt daarna elke bron aan en uploadt het bestand. De API-sleutel komt uit de gekozen QGIS-"
        "authenticatieconfiguratie (Basic met de sleutel als wachtwoord, of API-header X-CKAN-API-Key) en "
        "wordt nooit gelogd. Fouten van de portal worden in het Nederlands gemeld, met het betreffende veld."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                "PACKAGE", self.tr("Open-data package folder"), behavior=QgsProcessingParameterFile.Folder
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "PORTAL_URL", self.tr("CKAN portal URL"), defaultValue="https://data.dordrecht.nl"
            )
        )
        self.addParameter(
            QgsProcessingParameterAuthConfig("AUTHCFG", self.tr("Authentication (CKAN API key)"))
        )
        self.addParameter(
            QgsProcessingParameterString(
                "ORGANISATION", self.tr("CKAN organisation (owner_org)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "TIMEOUT",
                self.tr("Time-out (seconds)"),
                QgsProcessingParameterNumber.Double,
                60.0,
                minValue=1.0,
            )
        )
        self.addOutput(QgsProcessingOutputString("DATASET_URL", self.tr("Dataset URL")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..opendata.ckan import publish_package

        try:
            result = publish_package(
                self.parameterAsFile(parameters, "PACKAGE", context),
                self.parameterAsString(parameters, "PORTAL_URL", context),
                self.parameterAsString(parameters, "AUTHCFG", context),
                organisation=self.parameterAsString(parameters, "ORGANISATION", context),
                timeout_s=self.parameterAsDouble(parameters, "TIMEOUT", context),
                log=feedback.pushInfo,
                progress=lambda fraction, message: feedback.setProgress(100 * fraction),
            )
        except SmartSocietyError as error:
            raise QgsProcessingException(str(error)) from error
        for line in result.summary_lines():
            feedback.pushInfo(line)
        return {"DATASET_URL": result.dataset_url}
