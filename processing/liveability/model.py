"""Builds the shipped Processing model ``resources/models/liveability_chain.model3`` (the whole chain for
an area: 3-30-300, heat, 15-minute proximity, noise, air quality, the index for buurten and the 100 m
grid, and the report). Run ``python -m smart_society.processing.liveability.model`` to regenerate it."""

from __future__ import annotations

from pathlib import Path

MODEL_PATH = Path(__file__).resolve().parents[2] / "resources" / "models" / "liveability_chain.model3"
PROVIDER = "smartsociety"

INPUTS = [
    # name, description, kind, optional
    ("buildings", "Buildings", "polygon", False),
    ("addresses", "Addresses (homes)", "point", True),
    ("buurten", "Buurten", "polygon", False),
    ("network", "Walking and cycling network", "line", False),
    ("green", "Green spaces", "polygon", False),
    ("trees", "Trees", "point", False),
    ("crowns", "Tree crown polygons", "polygon", True),
    ("landcover", "Land cover", "polygon", False),
    ("amenities", "Amenities", "point", False),
    ("lden", "Lden noise raster", "raster", False),
    ("observations", "Air quality observations", "point", False),
]


def build_model():
    from qgis.core import (
        QgsProcessing,
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterNumber,
        QgsProcessingParameterRasterLayer,
        QgsProcessingParameterString,
    )
    from qgis.PyQt.QtCore import QPointF

    model = QgsProcessingModelAlgorithm("Liveability chain", "Liveability", "smartsociety_liveability")
    model.setHelpContent(
        {
            "ALG_DESC": "The whole liveability chain for an area: 3-30-300, heat risk, "
            "15-minute proximity, noise, "
            "air quality (NO2, IDW), the liveability index per buurt and per 100 m grid cell, and the "
            "HTML/PDF report. Dordrecht Smart Twin.",
        }
    )
    kinds = {
        "point": [QgsProcessing.TypeVectorPoint],
        "line": [QgsProcessing.TypeVectorLine],
        "polygon": [QgsProcessing.TypeVectorPolygon],
    }
    for row, (name, description, kind, optional) in enumerate(INPUTS):
        if kind == "raster":
            parameter = QgsProcessingParameterRasterLayer(name, description, optional=optional)
        else:
            parameter = QgsProcessingParameterFeatureSource(name, description, kinds[kind], optional=optional)
        component = QgsProcessingModelParameter(name)
        component.setPosition(QPointF(120 + (row % 2) * 260, 60 + row * 55))
        model.addModelParameter(parameter, component)
    extra = [
        (
            QgsProcessingParameterString(
                "categories", "Amenity categories", "supermarket,gp,primary_school,playground,park,pt_stop"
            ),
            0,
        ),
        (QgsProcessingParameterString("component", "Air quality component", "NO2"), 1),
        (
            QgsProcessingParameterNumber(
                "gridsize", "Grid cell size (m)", QgsProcessingParameterNumber.Double, 100.0, False, 1.0
            ),
            2,
        ),
        (QgsProcessingParameterString("title", "Report title", "Liveability report"), 3),
        (
            QgsProcessingParameterNumber(
                "mingreen",
                "Minimum park / cool spot area (m2)",
                QgsProcessingParameterNumber.Double,
                5000.0,
                False,
                0.0,
            ),
            4,
        ),
    ]
    for parameter, row in extra:
        component = QgsProcessingModelParameter(parameter.name())
        component.setPosition(QPointF(640, 60 + row * 55))
        model.addModelParameter(parameter, component)

    def src(name):
        return QgsProcessingModelChildParameterSource.fromModelParameter(name)

    def out(child, name):
        return QgsProcessingModelChildParameterSource.fromChildOutput(child, name)

    def child(child_id, algorithm, sources, position, description, outputs=None, extra_sources=None):
        item = QgsProcessingModelChildAlgorithm(f"{PROVIDER}:{algorithm}")
        item.setChildId(child_id)
        item.setDescription(description)
        item.setPosition(QPointF(*position))
        for parameter, source in sources.items():
            item.addParameterSources(parameter, [source])
        for parameter, list_of_sources in (extra_sources or {}).items():
            item.addParameterSources(parameter, list_of_sources)
        model_outputs = {}
        for output_name, (child_output, description_text) in (outputs or {}).items():
            output = QgsProcessingModelOutput(output_name, description_text)
            output.setChildId(child_id)
            output.setChildOutputName(child_output)
            output.setPosition(QPointF(position[0] + 200, position[1] + 40))
            model_outputs[output_name] = output
        item.setModelOutputs(model_outputs)
        model.addChildAlgorithm(item)
        return item

    study = {
        "BUILDINGS": src("buildings"),
        "ADDRESSES": src("addresses"),
        "BUURTEN": src("buurten"),
        "GRID_SIZE": src("gridsize"),
    }
    child(
        "green",
        "green330300",
        dict(
            study,
            NETWORK=src("network"),
            GREEN=src("green"),
            TREES=src("trees"),
            CROWNS=src("crowns"),
            MIN_GREEN_M2=src("mingreen"),
        ),
        (950, 80),
        "3-30-300",
    )
    child(
        "heat",
        "heatrisk",
        dict(
            study,
            LAND_COVER=src("landcover"),
            NETWORK=src("network"),
            GREEN=src("green"),
            TREES=src("trees"),
            CROWNS=src("crowns"),
            MIN_COOL_M2=src("mingreen"),
        ),
        (950, 200),
        "Heat risk",
    )
    child(
        "proximity",
        "proximity15min",
        dict(study, NETWORK=src("network"), AMENITIES=src("amenities"), CATEGORIES=src("categories")),
        (950, 320),
        "15-minute proximity",
    )
    child("noise", "noiseexposure", dict(study, LDEN=src("lden")), (950, 440), "Noise exposure")
    child(
        "air",
        "airquality",
        {
            "OBSERVATIONS": src("observations"),
            "COMPONENT": src("component"),
            "BUURTEN": src("buurten"),
            "GRID_SIZE": src("gridsize"),
        },
        (950, 560),
        "Air quality",
    )
    buurt_layers = [out(c, "BUURT_OUT") for c in ("green", "heat", "proximity", "noise", "air")] + [
        src("buurten")
    ]
    grid_layers = [out(c, "GRID_OUT") for c in ("green", "heat", "proximity", "noise", "air")]
    fixed = QgsProcessingModelChildParameterSource.fromStaticValue
    child(
        "index",
        "liveabilityindex",
        {"ID_FIELD": fixed("bu_code")},
        (1300, 250),
        "Liveability index (buurten)",
        {"buurt_index": ("OUTPUT", "Liveability index per buurt")},
        {"LAYERS": buurt_layers},
    )
    child(
        "indexgrid",
        "liveabilityindex",
        {"ID_FIELD": fixed("cell_id")},
        (1300, 450),
        "Liveability index (grid)",
        {"grid_index": ("OUTPUT", "Liveability index per grid cell")},
        {"LAYERS": grid_layers},
    )
    child(
        "report",
        "liveabilityreport",
        {"INDEX": out("index", "OUTPUT"), "TITLE": src("title"), "ID_FIELD": fixed("bu_code")},
        (1600, 250),
        "Report",
        {"report_html": ("OUTPUT_HTML", "Report (HTML)"), "report_pdf": ("OUTPUT_PDF", "Report (PDF)")},
    )
    return model


def write_model(path=MODEL_PATH) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    model = build_model()
    if not model.toFile(str(path)):
        raise OSError(f"could not write the model to {path}")
    return path


if __name__ == "__main__":
    from qgis.core import QgsApplication

    application = QgsApplication([], False)
    application.initQgis()
    print(write_model())
