"""Processing glue shared by the liveability algorithms: common parameters, reading them into tables,
writing tables to feature sinks (EPSG:28992, GeoPackage by default)."""

from __future__ import annotations

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ...core.i18n import tr
from .data import Table, field_kind, read_table
from .errors import LiveabilityError

CRS = "EPSG:28992"
POINT = [QgsProcessing.TypeVectorPoint]
LINE = [QgsProcessing.TypeVectorLine]
POLYGON = [QgsProcessing.TypeVectorPolygon]


def add_source(alg, name: str, label: str, types, optional: bool = False):
    alg.addParameter(QgsProcessingParameterFeatureSource(name, label, types, optional=optional))


def add_number(alg, name: str, label: str, default: float, minimum: float = 0.0, integer: bool = False):
    kind = QgsProcessingParameterNumber.Integer if integer else QgsProcessingParameterNumber.Double
    alg.addParameter(QgsProcessingParameterNumber(name, label, kind, default, False, minimum))


def add_field(alg, name: str, label: str, default: str, parent: str, numeric: bool = False):
    """A field parameter; optional so that its default (the contract's field name) applies when left empty."""
    kind = QgsProcessingParameterField.Numeric if numeric else QgsProcessingParameterField.Any
    alg.addParameter(QgsProcessingParameterField(name, label, default, parent, kind, optional=True))


def add_sink(alg, name: str, label: str, kind=QgsProcessing.TypeVectorAnyGeometry, optional: bool = False):
    parameter = QgsProcessingParameterFeatureSink(name, label, kind, optional=optional, createByDefault=True)
    alg.addParameter(parameter)


def add_study_parameters(alg, buurten_optional: bool = True):
    add_source(alg, "BUILDINGS", tr("Buildings (woningen or gebruiksdoel)"), POLYGON)
    add_source(alg, "ADDRESSES", tr("Addresses (one point per home, optional)"), POINT, optional=True)
    add_source(alg, "BUURTEN", tr("Buurten (bu_code)"), POLYGON, optional=buurten_optional)
    add_number(alg, "GRID_SIZE", tr("Grid cell size (m)"), 100.0, 1.0)


def add_area_outputs(alg, homes: bool = True):
    if homes:
        add_sink(alg, "HOMES_OUT", tr("Homes"), QgsProcessing.TypeVectorPoint)
    add_sink(alg, "BUURT_OUT", tr("Buurten"), QgsProcessing.TypeVectorPolygon)
    add_sink(alg, "GRID_OUT", tr("Grid cells"), QgsProcessing.TypeVectorPolygon)


def source_table(
    alg,
    parameters,
    name: str,
    context,
    label: str,
    kind: str | None = None,
    fields=(),
    feedback=None,
    required: bool = True,
) -> Table | None:
    source = alg.parameterAsSource(parameters, name, context)
    if source is None:
        if required:
            raise QgsProcessingException(
                f"layer '{label}' ({name}): no layer given; expected a {kind or ''} layer".replace("  ", " ")
            )
        return None
    try:
        return read_table(source, label, kind=kind, fields=fields, feedback=feedback)
    except LiveabilityError as error:
        raise QgsProcessingException(str(error)) from None


def raster_path(alg, parameters, name: str, context) -> str | None:
    layer = alg.parameterAsRasterLayer(parameters, name, context)
    return layer.source() if layer is not None else None


def add_raster(alg, name: str, label: str, optional: bool = True):
    alg.addParameter(QgsProcessingParameterRasterLayer(name, label, optional=optional))


def study_from_parameters(alg, parameters, context, feedback, buurten_required: bool = False):
    from .study import make_study

    buildings = source_table(alg, parameters, "BUILDINGS", context, "buildings", "polygon", feedback=feedback)
    addresses = source_table(
        alg, parameters, "ADDRESSES", context, "addresses", "point", feedback=feedback, required=False
    )
    buurten = source_table(
        alg,
        parameters,
        "BUURTEN",
        context,
        "buurten",
        "polygon",
        ("bu_code",),
        feedback=feedback,
        required=buurten_required,
    )
    grid = alg.parameterAsDouble(parameters, "GRID_SIZE", context)
    return run_core(make_study, buildings, addresses, buurten, grid, 1.0, feedback)


def _qgs_fields(table: Table) -> tuple:
    fields = QgsFields()
    kinds = []
    for name, values in table.columns.items():
        kind = field_kind(values)
        kinds.append(kind)
        variant = {"int": QVariant.LongLong, "float": QVariant.Double, "str": QVariant.String}[kind]
        fields.append(QgsField(name, variant))
    return fields, kinds


def write_sink(alg, parameters, name: str, context, table: Table, feedback=None):
    """Write ``table`` to the feature sink parameter ``name``; returns the destination id (or None)."""
    if name not in parameters or parameters.get(name) is None:
        return None
    fields, kinds = _qgs_fields(table)
    geometry_type = {
        "Point": QgsWkbTypes.Point,
        "LineString": QgsWkbTypes.LineString,
        "Polygon": QgsWkbTypes.MultiPolygon,
        "MultiPolygon": QgsWkbTypes.MultiPolygon,
        "None": QgsWkbTypes.NoGeometry,
    }.get(table.geometry_type, QgsWkbTypes.Unknown)
    sink, destination = alg.parameterAsSink(
        parameters, name, context, fields, geometry_type, QgsCoordinateReferenceSystem(CRS)
    )
    if sink is None:
        return None
    arrays = [table.columns[n] for n in table.columns]
    features = []
    for row, geometry in enumerate(table.wkbs):
        feature = QgsFeature(fields)
        values = []
        for array, kind in zip(arrays, kinds):
            value = array[row]
            if kind == "float":
                values.append(None if np.isnan(value) else float(value))
            elif kind == "int":
                values.append(int(value))
            else:
                values.append(None if value is None else str(value))
        feature.setAttributes(values)
        if geometry is not None:
            qgs_geometry = QgsGeometry()
            qgs_geometry.fromWkb(geometry)
            if geometry_type == QgsWkbTypes.MultiPolygon:
                qgs_geometry.convertToMultiType()
            feature.setGeometry(qgs_geometry)
        features.append(feature)
    sink.addFeatures(features, QgsFeatureSink.FastInsert)
    return destination


def write_outputs(
    alg,
    parameters,
    context,
    study,
    outcome,
    name: str,
    feedback=None,
    homes_keep=("home_id", "pand_id", "inwoners"),
) -> dict:
    results = {}
    if "HOMES_OUT" in parameters and outcome.homes:
        results["HOMES_OUT"] = write_sink(
            alg, parameters, "HOMES_OUT", context, outcome.home_table(study, f"{name}_homes", homes_keep)
        )
    for kind, key in (("buurt", "BUURT_OUT"), ("grid", "GRID_OUT")):
        if kind in outcome.areas and key in parameters:
            results[key] = write_sink(
                alg, parameters, key, context, outcome.area_table(study, kind, f"{name}_{kind}")
            )
    return results


def building_table(
    buildings: Table,
    values: dict,
    name: str,
    keep=("identificatie", "gebruiksdoel", "woningen", "bouwjaar", "bu_code"),
) -> Table:
    """Residential buildings (rows where the first value column is not NaN) with selected fields."""
    first = np.asarray(next(iter(values.values())), dtype=float)
    index = np.flatnonzero(~np.isnan(first))
    columns = {k: np.asarray(buildings.columns[k])[index] for k in keep if k in buildings.columns}
    columns.update({k: np.asarray(v)[index] for k, v in values.items()})
    return Table(name, None, columns, "MultiPolygon", wkbs=[buildings.wkbs[i] for i in index])


def run_core(callable_, *args, **kwargs):
    """Call a core function and turn its errors into QgsProcessingException with the same message."""
    try:
        return callable_(*args, **kwargs)
    except LiveabilityError as error:
        raise QgsProcessingException(str(error)) from None
