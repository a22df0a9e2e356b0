"""Processing: import sensors from CSV, XLSX (Amsterdam bulk template) or GeoJSON into the register."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from ...plugins.sensor_register.core import importers
from ...plugins.sensor_register.core.errors import RegisterError, RegisterImportError
from .register_common import RegisterAlgorithm


class RegisterImportAlgorithm(RegisterAlgorithm):
    algorithm_id = "registerimport"
    display_name = "Import sensors into the register"
    help_en = (
        "Imports sensors from a CSV, XLSX (Amsterdam's bulk template with Dutch headers) or GeoJSON file "
        "into the sensor register (GeoPackage or PostGIS). Rows are matched on owner and reference, so "
        "importing the same file twice changes nothing. Every row is validated; the report lists each "
        "problem by row and field. Choose 'all or nothing' (one bad row: nothing is written) or 'valid "
        "rows only'. Either way the import is one transaction: a failed import writes nothing."
    )
    help_nl = (
        "Importeert sensoren uit een CSV-, XLSX- (het bulksjabloon van Amsterdam met Nederlandse kolomnamen) "
        "of GeoJSON-bestand in het sensorregister (GeoPackage of PostGIS). Rijen worden gekoppeld op "
        "eigenaar en referentie, dus hetzelfde bestand twee keer importeren verandert niets. Elke rij wordt "
        "gecontroleerd; het rapport noemt elke fout per rij en veld. Kies 'alles of niets' (één foute rij: "
        "er wordt niets geschreven) of 'alleen geldige rijen'. De import is altijd één transactie: een "
        "mislukte import schrijft niets."
    )

    INPUT, MODE, OWNER, REPORT = "INPUT", "MODE", "DEFAULT_OWNER", "REPORT"

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(self.INPUT, self.tr("File to import (.csv, .xlsx, .geojson)"))
        )
        self.add_register_parameters()
        self.addParameter(
            QgsProcessingParameterEnum(
                self.MODE,
                self.tr("When rows have errors"),
                [self.tr("All or nothing"), self.tr("Import valid rows only")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.OWNER, self.tr("Owner for rows without one"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.REPORT, self.tr("Error report"), self.tr("CSV files (*.csv)")
            )
        )
        for name, title in (
            ("INSERTED", "Sensors added"),
            ("UPDATED", "Sensors changed"),
            ("UNCHANGED", "Sensors unchanged"),
            ("ERRORS", "Problems found"),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(title)))

    def processAlgorithm(self, parameters, context, feedback):
        register = self.open(parameters, context)
        mode = importers.MODES[self.parameterAsEnum(parameters, self.MODE, context)]
        try:
            report = importers.import_file(
                register,
                self.parameterAsFile(parameters, self.INPUT, context),
                mode=mode,
                default_owner=self.parameterAsString(parameters, self.OWNER, context) or None,
                progress=lambda done, total: feedback.setProgress(100.0 * done / max(total, 1)),
            )
        except (RegisterImportError, RegisterError) as error:
            raise QgsProcessingException(str(error)) from error
        finally:
            register.close()
        path = report.write_csv(self.parameterAsFileOutput(parameters, self.REPORT, context))
        for note in report.notes:
            feedback.pushInfo(note)
        for issue in report.issues[:50]:
            feedback.reportError(str(issue), False)
        feedback.pushInfo(report.summary())
        return {
            "INSERTED": report.inserted,
            "UPDATED": report.updated,
            "UNCHANGED": report.unchanged,
            "ERRORS": len(report.issues),
            self.REPORT: str(path),
        }
