"""Processing: write an open-data package (GeoJSON/GeoPackage/CSV/Shapefile, README, DCAT-AP-DONL, ISO)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterString,
)

from ...core.errors import SmartSocietyError
from .base import SmartSocietyAlgorithm

FORMAT_KEYS = ["geojson", "gpkg", "csv", "shp"]
FORMAT_NAMES = [
    "GeoJSON (RFC 7946, WGS84)",
    "GeoPackage (EPSG:28992)",
    "CSV with WKT (UTF-8)",
    "Shapefile (zip)",
]


def parse_releases(text: str) -> list[tuple[str, str, str]]:
    """``layer.field: reason`` per line (or ``;``-separated) -> ``[(layer, field, reason)]``."""
    releases = []
    for line in (text or "").replace(";", "\n").splitlines():
        if not line.strip():
            continue
        target, _, reason = line.partition(":")
        layer, dot, field = target.strip().rpartition(".")
        if not dot or not layer or not field:
            raise QgsProcessingException(
                f"Release '{line.strip()}' must be written as 'layer.field: reason'."
            )
        releases.append((layer.strip(), field.strip(), reason.strip()))
    return releases


class ExportOpenDataPackageAlgorithm(SmartSocietyAlgorithm):
    algorithm_id = "exportopendatapackage"
    display_name = "Export open-data package"
    group_id = "opendata"
    group_name = "Open data"
    help_en = (
        "Writes an open-data package of the chosen layers: GeoJSON following RFC 7946 (WGS84, 7 decimals; "
        "RD New through RDNAPTRANS2018 when PROJ has the grid, otherwise with a warning), one GeoPackage in "
        "EPSG:28992, CSV in UTF-8 with WKT and a .csvt, and on request a zipped Shapefile. It adds a README "
        "with licence and attribution, DCAT-AP-DONL 2.0 metadata (JSON-LD and the CKAN dictionary), "
        "ISO 19115 "
        "(Dutch profile 2.1.0) XML and a DCAT catalogue. The metadata is validated against the DONL value "
        "lists first. Fields whose names look personal (naam, email, telefoon, adres, geboortedatum, bsn, "
        "kenteken, ...) are left out unless released below as 'layer.field: reason', one per line; each "
        "release is logged. The sensor register's personal and non-public contact fields are never written."
    )
    help_nl = (
        "Schrijft een open-datapakket van de gekozen lagen: GeoJSON volgens RFC 7946 (WGS84, 7 decimalen; "
        "RD New via RDNAPTRANS2018 als PROJ het grid heeft, anders met een waarschuwing), één GeoPackage in "
        "EPSG:28992, CSV in UTF-8 met WKT en een .csvt, en op verzoek een gezipte Shapefile. Met een README "
        "met licentie en naamsvermelding, DCAT-AP-DONL 2.0-metadata (JSON-LD en het CKAN-record), ISO 19115-"
        "XML (Nederlands profiel 2.1.0) en een DCAT-catalogus. De metadata wordt eerst gecontroleerd "
        "tegen de "
        "DONL-waardelijsten. Velden met een persoonlijke naam (naam, email, telefoon, adres, geboortedatum, "
        "bsn, kenteken, ...) blijven weg tenzij hieronder vrijgegeven als 'laag.veld: reden', één per regel; "
        "elke vrijgave wordt gelogd. Persoonlijke en niet-openbare contactvelden van het sensorregister "
        "worden "
        "nooit geschreven."
    )

    def initAlgorithm(self, config=None):
        from ..opendata.valuelists import value_list

        self._licences = value_list("license").uris
        self._themes = value_list("theme").uris
        self._organisations = value_list("organisation").uris
        self.addParameter(
            QgsProcessingParameterMultipleLayers(
                "LAYERS", self.tr("Layers"), QgsProcessing.TypeVectorAnyGeometry
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "TITLE", self.tr("Title (empty: from the layer metadata)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "DESCRIPTION",
                self.tr("Description (empty: from the layer metadata)"),
                multiLine=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString("KEYWORDS", self.tr("Keywords (comma-separated)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "LICENCE",
                self.tr("Licence"),
                [value_list("license").label(u) for u in self._licences],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "THEMES",
                self.tr("Themes"),
                [value_list("theme").label(u) for u in self._themes],
                allowMultiple=True,
                defaultValue=[
                    self._themes.index("http://standaarden.overheid.nl/owms/terms/Ruimte_en_infrastructuur")
                ],
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "ORGANISATION",
                self.tr("Organisation (authority and publisher)"),
                [value_list("organisation").label(u) for u in self._organisations],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "CONTACT_NAME",
                self.tr("Contact point (department)"),
                defaultValue="Gemeente Dordrecht, Team Geo-informatie",
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "CONTACT_EMAIL", self.tr("Contact e-mail"), defaultValue="geo-informatie@dordrecht.nl"
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "CKAN_ORGANISATION",
                self.tr("CKAN organisation (owner_org)"),
                defaultValue="gemeente-dordrecht",
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "FORMATS",
                self.tr("Formats"),
                [self.tr(n) for n in FORMAT_NAMES],
                allowMultiple=True,
                defaultValue=[0, 1, 2],
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                "RELEASES",
                self.tr("Released personal fields ('layer.field: reason', one per line)"),
                multiLine=True,
                optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT_FOLDER", self.tr("Output folder")))
        self.addOutput(QgsProcessingOutputString("PACKAGE", self.tr("Package folder")))
        self.addOutput(QgsProcessingOutputString("README", self.tr("README")))
        self.addOutput(QgsProcessingOutputNumber("FILE_COUNT", self.tr("Files written")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..opendata.metadata import DatasetMetadata, from_layer
        from ..opendata.package import PackageOptions, export_package
        from ..opendata.privacy import PrivacyGate

        layers = self.parameterAsLayerList(parameters, "LAYERS", context)
        out_dir = self.parameterAsString(parameters, "OUTPUT_FOLDER", context)
        organisation = self._organisations[self.parameterAsEnum(parameters, "ORGANISATION", context)]
        keywords = [
            k.strip() for k in self.parameterAsString(parameters, "KEYWORDS", context).split(",") if k.strip()
        ]
        # the layer's own QGIS metadata (first layer) fills what the parameters leave empty
        prefill = from_layer(layers[0]) if layers else DatasetMetadata()
        metadata = DatasetMetadata(
            title=self.parameterAsString(parameters, "TITLE", context) or prefill.title,
            description=self.parameterAsString(parameters, "DESCRIPTION", context) or prefill.description,
            keywords=keywords or prefill.keywords,
            licence=self._licences[self.parameterAsEnum(parameters, "LICENCE", context)],
            themes=[self._themes[i] for i in self.parameterAsEnums(parameters, "THEMES", context)],
            authority=organisation,
            publisher=organisation,
            contact_name=self.parameterAsString(parameters, "CONTACT_NAME", context),
            contact_email=self.parameterAsString(parameters, "CONTACT_EMAIL", context),
            ckan_organisation=self.parameterAsString(parameters, "CKAN_ORGANISATION", context),
        )
        formats = tuple(FORMAT_KEYS[i] for i in self.parameterAsEnums(parameters, "FORMATS", context))
        gate = PrivacyGate()
        try:
            for layer_name, field_name, reason in parse_releases(
                self.parameterAsString(parameters, "RELEASES", context)
            ):
                gate.release(layer_name, field_name, reason)
                feedback.pushWarning(f"Released {layer_name}.{field_name}: {reason}")
            result = export_package(
                layers,
                out_dir,
                metadata,
                gate,
                PackageOptions(formats=formats),
                progress=lambda fraction, message: (
                    feedback.setProgress(100 * fraction),
                    feedback.pushInfo(message),
                ),
                is_canceled=feedback.isCanceled,
            )
        except SmartSocietyError as error:
            raise QgsProcessingException(str(error)) from error
        for warning in result.warnings:
            feedback.pushWarning(warning)
        for line in result.summary_lines():
            feedback.pushInfo(line)
        return {
            "OUTPUT_FOLDER": out_dir,
            "PACKAGE": str(result.directory),
            "README": str(result.readme),
            "FILE_COUNT": len({f.path for f in result.files}),
        }
