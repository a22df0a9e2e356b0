"""Processing: load RIVM LML XML measurement files into the register's observations."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingException, QgsProcessingOutputNumber, QgsProcessingParameterFile

from ...plugins.sensor_register.core import observations
from ...plugins.sensor_register.core.errors import LmlError, RegisterError
from .register_common import RegisterAlgorithm


class RegisterLmlObservationsAlgorithm(RegisterAlgorithm):
    algorithm_id = "registerlmlobservations"
    display_name = "Load RIVM LML observations"
    help_en = (
        "Loads the RIVM Landelijk Meetnet Luchtkwaliteit XML files of a folder (the 'xml' stream "
        "YYYYMMDDHH.xml and the 'sos' stream YYYYMMDDHH-component.xml) into the register: one entry per "
        "station (located from the stations file), one datastream per component, hourly observations. "
        "Loading the same files again adds nothing."
    )
    help_nl = (
        "Laadt de XML-bestanden van het RIVM Landelijk Meetnet Luchtkwaliteit uit een map (de 'xml'-stroom "
        "JJJJMMDDUU.xml en de 'sos'-stroom JJJJMMDDUU-component.xml) in het register: één regel per "
        "station (locatie uit het stationsbestand), één datastroom per component, waarnemingen per uur. "
        "Dezelfde bestanden opnieuw laden voegt niets toe."
    )

    FOLDER, STATIONS = "FOLDER", "STATIONS"

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                self.FOLDER, self.tr("Folder with LML XML files"), QgsProcessingParameterFile.Folder
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(self.STATIONS, self.tr("Stations (stations.csv or GeoPackage)"))
        )
        self.add_register_parameters()
        self.addOutput(QgsProcessingOutputNumber("STATIONS_ADDED", self.tr("Stations added")))
        self.addOutput(QgsProcessingOutputNumber("OBSERVATIONS", self.tr("Observations read")))

    def processAlgorithm(self, parameters, context, feedback):
        files = sorted(Path(self.parameterAsFile(parameters, self.FOLDER, context)).glob("*.xml"))
        if not files:
            raise QgsProcessingException(self.tr("No .xml files in the folder"))
        register = self.open(parameters, context)
        try:
            result = observations.import_lml(
                register, files, self.parameterAsFile(parameters, self.STATIONS, context)
            )
        except (LmlError, RegisterError) as error:
            raise QgsProcessingException(str(error)) from error
        finally:
            register.close()
        if result["skipped_stations"]:
            feedback.pushInfo(
                "Stations zonder bekende locatie overgeslagen: " + ", ".join(result["skipped_stations"])
            )
        return {"STATIONS_ADDED": result["sensors_inserted"], "OBSERVATIONS": result["observations"]}
