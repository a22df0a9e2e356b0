"""Processing: validate an import file (nothing is written) and report every problem by row and field."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
)

from ...plugins.sensor_register.core import importers
from ...plugins.sensor_register.core.errors import RegisterImportError
from .register_common import RegisterAlgorithm


class RegisterValidateAlgorithm(RegisterAlgorithm):
    algorithm_id = "registervalidate"
    display_name = "Validate a sensor file"
    help_en = (
        "Checks a CSV, XLSX or GeoJSON file of sensors against the register's rules without writing "
        "anything: required fields, value lists, personal data needs a legal ground and a privacy "
        "statement URL, end date not before start date, valid URLs, a functional public e-mail address, "
        "coordinates in the Netherlands, regions for mobile sensors. The report names row and field."
    )
    help_nl = (
        "Controleert een CSV-, XLSX- of GeoJSON-bestand met sensoren op de regels van het register, zonder "
        "iets te schrijven: verplichte velden, waardelijsten, persoonsgegevens vragen een wettelijke "
        "grondslag en een privacyverklaring, einddatum niet vóór startdatum, geldige URL's, een functioneel "
        "openbaar e-mailadres, coördinaten in Nederland, gebieden voor mobiele sensoren. Het rapport noemt "
        "rij en veld."
    )

    INPUT, REPORT = "INPUT", "REPORT"

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(self.INPUT, self.tr("File to check (.csv, .xlsx, .geojson)"))
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT, self.tr("Error report"), self.tr("CSV files (*.csv)")
            )
        )
        self.addOutput(QgsProcessingOutputNumber("ROWS", self.tr("Rows")))
        self.addOutput(QgsProcessingOutputNumber("VALID", self.tr("Valid rows")))
        self.addOutput(QgsProcessingOutputNumber("ERRORS", self.tr("Problems found")))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, self.INPUT, context)
        try:
            rows, notes = importers.read_rows(path)
        except RegisterImportError as error:
            raise QgsProcessingException(str(error)) from error
        records, issues = importers.check_rows(rows)
        report = importers.ImportReport(
            source=path, mode="validate", total=len(rows), valid=len(records), issues=issues, notes=notes
        )
        out = report.write_csv(self.parameterAsFileOutput(parameters, self.REPORT, context))
        for issue in issues[:50]:
            feedback.reportError(str(issue), False)
        feedback.pushInfo(f"{len(rows)} rijen, {len(records)} geldig, {len(issues)} meldingen.")
        return {"ROWS": len(rows), "VALID": len(records), "ERRORS": len(issues), self.REPORT: str(out)}
