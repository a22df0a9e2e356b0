"""Liveability report: HTML with maps and charts per buurt, and a PDF through a QGIS print layout."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..liveability.errors import LiveabilityError
from ..liveability.report import write_report
from .base import SmartSocietyAlgorithm


class LiveabilityReportAlgorithm(SmartSocietyAlgorithm):
    algorithm_id = "liveabilityreport"
    display_name = "Liveability report"
    group_id = "liveability"
    group_name = "Liveability"
    help_en = (
        "Writes an HTML report of a liveability index layer (output of the liveability index): the index map "
        "in nine classes, the class counts, a chart of the dimension scores per area, and a table with every "
        "area's total, class, deviation from the mean, weakest dimension and the explanation of its score "
        "(indicator values, z-scores, contributions). Optionally a PDF made with a QGIS print layout (map, "
        "legend, chart, table)."
    )
    help_nl = (
        "Schrijft een HTML-rapport van een leefbaarheidsindexlaag (uitvoer van de leefbaarheidsindex): de "
        "indexkaart in negen klassen, het aantal gebieden per klasse, een grafiek van de dimensiescores per "
        "gebied, en een tabel met per gebied het totaal, de klasse, de afwijking van het "
        "gemiddelde, de zwakste "
        "dimensie en de verklaring van de score (indicatorwaarden, z-scores, bijdragen). "
        "Optioneel een PDF via "
        "een QGIS-afdruklay-out (kaart, legenda, grafiek, tabel)."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                "INDEX", self.tr("Liveability index layer"), [QgsProcessing.TypeVectorPolygon]
            )
        )
        self.addParameter(QgsProcessingParameterString("TITLE", self.tr("Title"), "Liveability report"))
        self.addParameter(QgsProcessingParameterString("ID_FIELD", self.tr("Area id field"), "bu_code"))
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "OUTPUT_HTML", self.tr("HTML report"), "HTML files (*.html)"
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "OUTPUT_PDF", self.tr("PDF report"), "PDF files (*.pdf)", optional=True, createByDefault=True
            )
        )

    def processAlgorithm(self, parameters, context, feedback):
        layer = self.parameterAsVectorLayer(parameters, "INDEX", context)
        if layer is None:
            raise QgsProcessingException(
                "layer 'INDEX': no layer given; expected the liveability index output"
            )
        for name in ("total", "class", "label"):
            if layer.fields().indexOf(name) < 0:
                raise QgsProcessingException(
                    f"layer '{layer.name()}', field '{name}': missing; expected the "
                    "output of the liveability index"
                )
        html_path = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        pdf_path = self.parameterAsFileOutput(parameters, "OUTPUT_PDF", context) or None
        try:
            result = write_report(
                layer,
                html_path,
                pdf_path,
                title=self.parameterAsString(parameters, "TITLE", context),
                id_field=self.parameterAsString(parameters, "ID_FIELD", context) or "bu_code",
            )
        except LiveabilityError as error:
            raise QgsProcessingException(str(error)) from None
        return {"OUTPUT_HTML": result["html"], "OUTPUT_PDF": result["pdf"]}
