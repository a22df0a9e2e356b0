"""Shared parameters and output helpers of the solar Processing algorithms (thin: no detection logic)."""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ...plugins.solar_detect.core import qgis_io
from ...plugins.solar_detect.core.engine import DetectionParams
from ...plugins.solar_detect.core.errors import SolarDetectError
from ...plugins.solar_detect.core.vectorise import PanelParams

MODEL_CHOICES = ["Shipped model (ONNX)", "Classical baseline", "My own ONNX model file"]
EXECUTORS = ["local", "processes", "dask"]


def add_building_inputs(alg, optional=False, with_buurten=True):
    alg.addParameter(
        QgsProcessingParameterFeatureSource(
            "BUILDINGS", alg.tr("Building footprints"), [QgsProcessing.TypeVectorPolygon], optional=optional
        )
    )
    alg.addParameter(
        QgsProcessingParameterField(
            "ID_FIELD", alg.tr("Building id field"), "identificatie", "BUILDINGS", optional=True
        )
    )
    if with_buurten:
        alg.addParameter(
            QgsProcessingParameterFeatureSource(
                "BUURTEN",
                alg.tr("Buurten (bu_code, bu_naam) for totals"),
                [QgsProcessing.TypeVectorPolygon],
                optional=True,
            )
        )


# every default comes from the engine's parameter dataclasses, as in the dock
PANEL_DEFAULTS = PanelParams()
DETECTION_DEFAULTS = DetectionParams()


def add_panel_parameters(alg):
    alg.addParameter(
        QgsProcessingParameterNumber(
            "PANEL_AREA",
            alg.tr("Area of one panel (m2)"),
            QgsProcessingParameterNumber.Double,
            PANEL_DEFAULTS.panel_area_m2,
            minValue=0.1,
        )
    )
    alg.addParameter(
        QgsProcessingParameterNumber(
            "WP_PER_M2",
            alg.tr("Peak power per m2 of panel (Wp/m2)"),
            QgsProcessingParameterNumber.Double,
            PANEL_DEFAULTS.wp_per_m2,
            minValue=1.0,
        )
    )
    alg.addParameter(
        QgsProcessingParameterNumber(
            "KWH_PER_KWP",
            alg.tr("Yearly yield (kWh per kWp)"),
            QgsProcessingParameterNumber.Double,
            PANEL_DEFAULTS.kwh_per_kwp,
            minValue=1.0,
        )
    )


def add_model_parameters(alg):
    alg.addParameter(
        QgsProcessingParameterEnum(
            "MODEL", alg.tr("Model"), [alg.tr(c) for c in MODEL_CHOICES], defaultValue=0
        )
    )
    alg.addParameter(
        QgsProcessingParameterFile(
            "MODEL_FILE", alg.tr("Own ONNX model file"), extension="onnx", optional=True
        )
    )
    alg.addParameter(
        QgsProcessingParameterNumber(
            "THRESHOLD",
            alg.tr("Probability threshold (empty = the model's own)"),
            QgsProcessingParameterNumber.Double,
            None,
            optional=True,
            minValue=0.01,
            maxValue=0.99,
        )
    )
    alg.addParameter(
        QgsProcessingParameterNumber(
            "MIN_AREA",
            alg.tr("Minimum panel area (m2)"),
            QgsProcessingParameterNumber.Double,
            PANEL_DEFAULTS.min_area_m2,
            minValue=0.0,
        )
    )
    alg.addParameter(
        QgsProcessingParameterBoolean(
            "REGULARISE", alg.tr("Regularise to rotated rectangles"), PANEL_DEFAULTS.regularise
        )
    )
    alg.addParameter(
        QgsProcessingParameterNumber(
            "BUFFER",
            alg.tr("Footprint buffer (m)"),
            QgsProcessingParameterNumber.Double,
            DETECTION_DEFAULTS.footprint_buffer_m,
            minValue=0.0,
        )
    )
    add_panel_parameters(alg)
    alg.addParameter(
        QgsProcessingParameterEnum(
            "EXECUTOR",
            alg.tr("Run tiles on"),
            [alg.tr("this process"), alg.tr("local process pool"), alg.tr("Dask cluster")],
            defaultValue=0,
        )
    )
    alg.addParameter(
        QgsProcessingParameterNumber(
            "WORKERS",
            alg.tr("Workers (process pool / local Dask)"),
            QgsProcessingParameterNumber.Integer,
            2,
            minValue=1,
        )
    )
    alg.addParameter(
        QgsProcessingParameterString(
            "SCHEDULER", alg.tr("Dask scheduler address (empty = local)"), "", optional=True
        )
    )


def add_output_crs(alg):
    alg.addParameter(
        QgsProcessingParameterCrs("OUTPUT_CRS", alg.tr("Output CRS"), "EPSG:28992", optional=True)
    )


def output_crs(alg, parameters, context) -> QgsCoordinateReferenceSystem:
    crs = alg.parameterAsCrs(parameters, "OUTPUT_CRS", context)
    return crs if crs.isValid() else QgsCoordinateReferenceSystem("EPSG:28992")


def panel_params(alg, parameters, context) -> PanelParams:
    def num(name, default):
        return (
            alg.parameterAsDouble(parameters, name, context)
            if name in parameters and parameters[name] is not None
            else default
        )

    return PanelParams(
        min_area_m2=num("MIN_AREA", PANEL_DEFAULTS.min_area_m2),
        regularise=alg.parameterAsBool(parameters, "REGULARISE", context)
        if "REGULARISE" in parameters
        else PANEL_DEFAULTS.regularise,
        panel_area_m2=num("PANEL_AREA", PANEL_DEFAULTS.panel_area_m2),
        wp_per_m2=num("WP_PER_M2", PANEL_DEFAULTS.wp_per_m2),
        kwh_per_kwp=num("KWH_PER_KWP", PANEL_DEFAULTS.kwh_per_kwp),
    )


def detection_params(alg, parameters, context) -> DetectionParams:
    choice = alg.parameterAsEnum(parameters, "MODEL", context)
    model = ""
    if choice == 1:
        model = "classical"
    elif choice == 2:
        model = alg.parameterAsFile(parameters, "MODEL_FILE", context)
        if not model:
            raise QgsProcessingException(alg.tr("Choose an ONNX model file or another model"))
    threshold = parameters.get("THRESHOLD")
    threshold = (
        alg.parameterAsDouble(parameters, "THRESHOLD", context) if threshold not in (None, "") else None
    )
    return DetectionParams(
        model=model,
        threshold=threshold,
        footprint_buffer_m=alg.parameterAsDouble(parameters, "BUFFER", context),
        executor=EXECUTORS[alg.parameterAsEnum(parameters, "EXECUTOR", context)],
        workers=alg.parameterAsInt(parameters, "WORKERS", context),
        scheduler=alg.parameterAsString(parameters, "SCHEDULER", context) or "",
        panel=panel_params(alg, parameters, context),
    )


def buildings(alg, parameters, context, dest_crs, required=True):
    """(id, shapely footprint) pairs in ``dest_crs`` plus {id: bu_code}."""
    source = alg.parameterAsSource(parameters, "BUILDINGS", context)
    if source is None:
        if required:
            raise QgsProcessingException(alg.tr("Building footprints are required"))
        return None, {}
    id_field = alg.parameterAsString(parameters, "ID_FIELD", context) or None
    if id_field and source.fields().indexOf(id_field) < 0:
        id_field = None
    rows = qgis_io.source_to_shapely(source, id_field, dest_crs, extra_fields=("bu_code",))
    return [(r[0], r[1]) for r in rows], {r[0]: r[2] or "" for r in rows}


def buurten(alg, parameters, context, dest_crs):
    source = alg.parameterAsSource(parameters, "BUURTEN", context)
    if source is None:
        return None
    rows = qgis_io.source_to_shapely(
        source,
        "bu_code" if source.fields().indexOf("bu_code") >= 0 else None,
        dest_crs,
        extra_fields=("bu_naam",),
    )
    return [(r[0], r[2] or "", r[1]) for r in rows]


def sink(alg, parameters, context, name, rows, crs, geometry=QgsWkbTypes.Polygon, fallback_fields=None):
    """Write rows to the sink ``name`` (skipped when the optional output is not wanted)."""
    if name not in parameters or parameters[name] is None:
        return None
    fields = qgis_io.fields_of_rows(rows, fallback_fields)
    out, dest = alg.parameterAsSink(parameters, name, context, fields, geometry, crs)
    if out is None:
        return None
    qgis_io.write_rows(out, fields, rows)
    return dest


def add_sink(alg, name, description, optional=False, geometry=QgsProcessing.TypeVectorPolygon):
    param = QgsProcessingParameterFeatureSink(
        name, description, geometry, optional=optional, createByDefault=True
    )
    alg.addParameter(param)


def run_core(func, *args, **kwargs):
    """Call the core, turning its errors into Processing errors with the same message."""
    from ...plugins.solar_detect.core.engine import Cancelled

    try:
        return func(*args, **kwargs)
    except SolarDetectError as error:
        raise QgsProcessingException(str(error)) from error
    except Cancelled as error:
        raise QgsProcessingException("Canceled") from error
