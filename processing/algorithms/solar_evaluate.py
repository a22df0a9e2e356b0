"""Processing: evaluate solar detections against reference polygons or a mask (thin shell)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)

from ...plugins.solar_detect.core import qgis_io
from ...plugins.solar_detect.core.evaluate import evaluate, mask_raster_polygons
from ...plugins.solar_detect.core.vector_io import reproject
from . import solar_common as common
from .base import SmartSocietyAlgorithm

METRICS = ("pixel_iou", "pixel_f1", "object_precision", "object_recall", "object_f1")


class EvaluateSolarDetectionAlgorithm(SmartSocietyAlgorithm):
    algorithm_id = "evaluatesolardetection"
    display_name = "Evaluate solar detection"
    group_id = "solar"
    group_name = "Solar panels"
    icon_name = "solar"
    help_en = (
        "Compares detected panel polygons with reference polygons (or a reference mask raster, non-zero = "
        "panel). Pixel measures (IoU, F1, precision, recall) use exact areas; objects match one to one by "
        "IoU "
        "(default at least 0.5) giving object precision, recall and F1. With building footprints each "
        "building "
        "is TP/FP/FN/TN (holding at least 1 m2 of panels). Outputs a layer of matches (TP, FP, FN with "
        "IoU), a "
        "metrics table and, optionally, the per-building confusion."
    )
    help_nl = (
        "Vergelijkt gedetecteerde paneelpolygonen met referentiepolygonen (of een referentiemasker, "
        "niet-nul = "
        "paneel). Pixelmaten (IoU, F1, precisie, recall) gebruiken exacte oppervlaktes; objecten worden "
        "een-op-een "
        "gekoppeld op IoU (standaard minstens 0,5) voor objectprecisie, -recall en F1. Met pandcontouren "
        "krijgt "
        "elk pand TP/FP/FN/TN (minstens 1 m2 panelen). Uitvoer: een laag met koppelingen (TP, FP, FN met "
        "IoU), "
        "een tabel met maten en naar keuze de verwarringsmatrix per pand."
    )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "DETECTED", self.tr("Detected panels"), [QgsProcessing.TypeVectorPolygon]
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "REFERENCE", self.tr("Reference panels"), [QgsProcessing.TypeVectorPolygon], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                "REFERENCE_MASK", self.tr("Reference mask raster"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                "BUILDINGS", self.tr("Building footprints"), [QgsProcessing.TypeVectorPolygon], optional=True
            )
        )
        from qgis.core import QgsProcessingParameterField

        self.addParameter(
            QgsProcessingParameterField(
                "ID_FIELD", self.tr("Building id field"), "identificatie", "BUILDINGS", optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "IOU_THRESHOLD",
                self.tr("Object match IoU threshold"),
                QgsProcessingParameterNumber.Double,
                0.5,
                minValue=0.01,
                maxValue=1.0,
            )
        )
        common.add_output_crs(self)
        common.add_sink(self, "OUTPUT", self.tr("Matches (TP/FP/FN)"))
        common.add_sink(self, "TABLE", self.tr("Evaluation metrics"), geometry=QgsProcessing.TypeVector)
        common.add_sink(self, "BUILDINGS_OUTPUT", self.tr("Per-building confusion"), optional=True)
        for name in METRICS:
            self.addOutput(QgsProcessingOutputNumber(name.upper(), name))

    def processAlgorithm(self, parameters, context, feedback):
        crs = common.output_crs(self, parameters, context)
        wkt = qgis_io.crs_wkt(crs)
        detected = [
            g
            for _i, g in qgis_io.source_to_shapely(
                self.parameterAsSource(parameters, "DETECTED", context), None, crs
            )
        ]
        ref_source = self.parameterAsSource(parameters, "REFERENCE", context)
        mask_layer = self.parameterAsRasterLayer(parameters, "REFERENCE_MASK", context)
        if ref_source is not None:
            reference = [g for _i, g in qgis_io.source_to_shapely(ref_source, None, crs)]
        elif mask_layer is not None:
            polys, mask_wkt = common.run_core(mask_raster_polygons, qgis_io.raster_path(mask_layer))
            reference = reproject(polys, mask_wkt, wkt)
        else:
            raise QgsProcessingException(self.tr("Give reference panels or a reference mask raster"))
        buildings = None
        if self.parameterAsSource(parameters, "BUILDINGS", context) is not None:
            buildings, _codes = common.buildings(self, parameters, context, crs)
        result = common.run_core(
            evaluate,
            detected,
            reference,
            buildings,
            self.parameterAsDouble(parameters, "IOU_THRESHOLD", context),
        )
        summary = result.summary()
        for key, value in summary.items():
            feedback.pushInfo(f"{key}: {value}")
        rows = [
            (
                m.geometry,
                {
                    "match": m.kind,
                    "iou": round(m.iou, 4),
                    "detected_index": -1 if m.detected_index is None else m.detected_index,
                    "reference_index": -1 if m.reference_index is None else m.reference_index,
                },
            )
            for m in result.matches
        ]
        results = {name.upper(): summary[name] for name in METRICS}
        results["OUTPUT"] = common.sink(
            self,
            parameters,
            context,
            "OUTPUT",
            rows,
            crs,
            fallback_fields={"match": str, "iou": float, "detected_index": int, "reference_index": int},
        )
        table = [(None, {"metric": k, "value": float(v)}) for k, v in summary.items()]
        results["TABLE"] = common.sink(self, parameters, context, "TABLE", table, crs, QgsWkbTypes.NoGeometry)
        if buildings:
            geoms = dict(buildings)
            b_rows = [
                (
                    geoms[bid],
                    {
                        "building_id": bid,
                        "status": status,
                        "detected_m2": round(d, 2),
                        "reference_m2": round(r, 2),
                    },
                )
                for bid, status, d, r in result.buildings
            ]
            results["BUILDINGS_OUTPUT"] = common.sink(
                self, parameters, context, "BUILDINGS_OUTPUT", b_rows, crs, QgsWkbTypes.MultiPolygon
            )
        return results
