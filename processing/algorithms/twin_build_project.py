"""Processing: build the twin project (``buildtwinproject``) and import 3DBAG tiles (``importthreedbag``)."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorDestination,
)

from ...core.errors import SmartSocietyError
from .base import SmartSocietyAlgorithm

COLOUR_OPTIONS = ["use", "age"]


def _paths(text: str) -> list[str]:
    return [p.strip() for p in str(text or "").replace("\n", ";").split(";") if p.strip()]


class BuildTwinProjectAlgorithm(SmartSocietyAlgorithm):
    algorithm_id = "buildtwinproject"
    display_name = "Build twin project"
    group_id = "smarttwin"
    group_name = "Twin layers"
    icon_name = "twin"
    help_en = (
        "Builds a digital twin project (.qgz) of an area: buildings in 3D (extruded by roof height minus "
        "ground "
        "height, coloured by use or age), land cover, walking network, trees, green spaces, buurten with "
        "statistics, amenities, sensors, the aerial photo and an optional scenario, in the groups Gebouwen "
        "3D, "
        "BGT/ondergrond, Groen en bomen, Buurten, Sensoren, Luchtfoto and Analyses. Styles and metadata come "
        "from the suite's catalogue, paths are stored relative to the project, every buurt gets a spatial "
        "bookmark and the project keeps a 3D map view. The area is one or more buurten (names or codes, "
        "comma "
        "separated) or an extent; only features in its bounding box are read (filter at the data provider). "
        "3DBAG CityJSON tiles or GeoPackages (files or a folder, separated by ;) replace the district's "
        "buildings. Layers that cannot be read are reported; the rest is built."
    )
    help_nl = (
        "Bouwt een digital-twinproject (.qgz) van een gebied: gebouwen in 3D (geëxtrudeerd tot dakhoogte min "
        "maaiveld, gekleurd naar gebruiksdoel of bouwjaar), bodembedekking, loopnetwerk, bomen, groen, "
        "buurten "
        "met statistiek, voorzieningen, sensoren, de luchtfoto en eventueel een scenario, in de groepen "
        "Gebouwen "
        "3D, BGT/ondergrond, Groen en bomen, Buurten, Sensoren, Luchtfoto en Analyses. Stijlen en metadata "
        "komen "
        "uit de catalogus van de suite, paden zijn relatief, elke buurt krijgt een ruimtelijke bladwijzer "
        "en het "
        "project bewaart een 3D-kaartbeeld. Het gebied is een of meer buurten (namen of codes, gescheiden "
        "door "
        "komma's) of een extent; alleen objecten binnen de omhullende worden gelezen (filter bij de "
        "dataprovider). 3DBAG CityJSON-tegels of GeoPackages (bestanden of een map, gescheiden door ;) "
        "vervangen "
        "de gebouwen van de wijk. Lagen die niet gelezen kunnen worden, worden gemeld; de rest wordt gebouwd."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                "DISTRICT", self.tr("District GeoPackage (sample schema)"), extension="gpkg", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "THREEDBAG",
                self.tr("3DBAG CityJSON tiles or GeoPackages (files or folder, separated by ;)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile("ORTHOPHOTO", self.tr("Aerial photo (GeoTIFF)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterString(
                "BUURTEN", self.tr("Area: buurten (names or codes, comma separated)"), optional=True
            )
        )
        self.addParameter(QgsProcessingParameterExtent("EXTENT", self.tr("Area: extent"), optional=True))
        self.addParameter(
            QgsProcessingParameterFile(
                "SCENARIO", self.tr("Scenario GeoPackage"), extension="gpkg", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "COLOUR_BY",
                self.tr("Colour buildings by"),
                [self.tr("use"), self.tr("construction year")],
                defaultValue=0,
            )
        )
        self.addParameter(QgsProcessingParameterBoolean("WITH_3D", self.tr("3D renderers and 3D view"), True))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "OUTPUT", self.tr("Twin project"), self.tr("QGIS project (*.qgz)")
            )
        )
        self.addOutput(QgsProcessingOutputNumber("BUILDINGS", self.tr("Buildings in the area")))
        self.addOutput(QgsProcessingOutputString("PROBLEMS", self.tr("Reported problems")))

    def processAlgorithm(self, parameters, context, feedback):
        from ...plugins.smart_twin.core import area as area_module
        from ...plugins.smart_twin.core import project as project_module
        from ...plugins.smart_twin.core import threedbag

        output = Path(self.parameterAsFileOutput(parameters, "OUTPUT", context))
        if output.suffix.lower() != ".qgz":
            output = output.with_suffix(".qgz")
        district = self.parameterAsFile(parameters, "DISTRICT", context) or None
        buurten = [t for t in self.parameterAsString(parameters, "BUURTEN", context).split(",") if t.strip()]
        try:
            area = None
            if buurten:
                if not district:
                    raise QgsProcessingException(self.tr("Selecting buurten needs the district GeoPackage"))
                area = area_module.area_from_buurten(district, buurten)
            elif parameters.get("EXTENT"):
                rectangle = self.parameterAsExtent(parameters, "EXTENT", context)
                if not rectangle.isNull() and not rectangle.isEmpty():
                    area = area_module.AreaOfInterest.from_extent(rectangle)
            buildings_gpkg = None
            sources = _paths(self.parameterAsString(parameters, "THREEDBAG", context))
            if sources:
                buildings_gpkg = output.with_name(output.stem + "_3dbag.gpkg")
                report = threedbag.import_3dbag(
                    sources,
                    buildings_gpkg,
                    extent=area.extent if area else None,
                    feedback=feedback.pushInfo,
                    is_cancelled=feedback.isCanceled,
                )
                for problem in report.problems:
                    feedback.reportError(problem, False)
            params = project_module.TwinProjectParams(
                output=output,
                district_gpkg=Path(district) if district else None,
                orthophoto=self.parameterAsFile(parameters, "ORTHOPHOTO", context) or None,
                buildings_gpkg=buildings_gpkg,
                area=area,
                scenario=self.parameterAsFile(parameters, "SCENARIO", context) or None,
                colour_by=COLOUR_OPTIONS[self.parameterAsEnum(parameters, "COLOUR_BY", context)],
                with_3d=self.parameterAsBool(parameters, "WITH_3D", context),
            )
            result = project_module.build_twin_project(
                params, feedback.pushInfo, feedback.setProgress, feedback.isCanceled
            )
        except SmartSocietyError as error:
            raise QgsProcessingException(str(error)) from error
        for problem in result.problems:
            feedback.reportError(problem, False)
        feedback.pushInfo(result.summary())
        return {
            "OUTPUT": str(result.project_path),
            "BUILDINGS": result.layers.get("buildings", 0),
            "PROBLEMS": "\n".join(result.problems),
        }


class ImportThreeDBagAlgorithm(SmartSocietyAlgorithm):
    algorithm_id = "importthreedbag"
    display_name = "Import 3DBAG buildings"
    group_id = "smarttwin"
    group_name = "Twin layers"
    icon_name = "twin"
    help_en = (
        "Reads 3DBAG CityJSON tiles (EPSG:7415) and 3DBAG GeoPackages (files or folders, separated by ;) "
        "into "
        "one building layer (EPSG:28992): LoD0 footprint, b3_h_maaiveld, roof heights b3_h_50p/70p/max/min "
        "(older tiles' b3_h_dak_* names are converted) and hoogte_rel = roof 70th percentile minus ground. "
        "Buildings in several tiles are kept once. Files that cannot be read are reported."
    )
    help_nl = (
        "Leest 3DBAG CityJSON-tegels (EPSG:7415) en 3DBAG-GeoPackages (bestanden of mappen, gescheiden door "
        ";) "
        "in tot één gebouwenlaag (EPSG:28992): LoD0-footprint, b3_h_maaiveld, dakhoogtes "
        "b3_h_50p/70p/max/min "
        "(de oudere namen b3_h_dak_* worden omgezet) en hoogte_rel = 70e percentiel van het dak min "
        "maaiveld. "
        "Gebouwen die in meer tegels staan, komen één keer in de laag. Onleesbare bestanden worden gemeld."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterString(
                "INPUT", self.tr("3DBAG CityJSON tiles or GeoPackages (files or folder, separated by ;)")
            )
        )
        self.addParameter(
            QgsProcessingParameterExtent("EXTENT", self.tr("Only buildings in extent"), optional=True)
        )
        self.addParameter(QgsProcessingParameterVectorDestination("OUTPUT", self.tr("Buildings")))
        self.addOutput(QgsProcessingOutputNumber("COUNT", self.tr("Buildings read")))

    def processAlgorithm(self, parameters, context, feedback):
        from ...plugins.smart_twin.core import threedbag

        output = self.parameterAsOutputLayer(parameters, "OUTPUT", context)
        path = output.split("|")[0]
        if not path.lower().endswith(".gpkg"):
            path = str(Path(path).with_suffix(".gpkg"))
        extent = None
        if parameters.get("EXTENT"):
            rectangle = self.parameterAsExtent(parameters, "EXTENT", context)
            if not rectangle.isNull() and not rectangle.isEmpty():
                extent = (
                    rectangle.xMinimum(),
                    rectangle.yMinimum(),
                    rectangle.xMaximum(),
                    rectangle.yMaximum(),
                )
        try:
            report = threedbag.import_3dbag(
                _paths(self.parameterAsString(parameters, "INPUT", context)),
                path,
                extent=extent,
                feedback=feedback.pushInfo,
                is_cancelled=feedback.isCanceled,
            )
        except SmartSocietyError as error:
            raise QgsProcessingException(str(error)) from error
        for problem in report.problems:
            feedback.reportError(problem, False)
        feedback.pushInfo(report.summary())
        return {"OUTPUT": f"{path}|layername=buildings", "COUNT": report.buildings}
