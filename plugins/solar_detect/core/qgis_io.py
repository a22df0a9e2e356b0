"""Bridges between QGIS objects (layers, feature sources, sinks, feedback) and the GUI-free core.

No iface, no widgets: used by the Processing algorithms and the dock's task alike.
"""

from __future__ import annotations

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProject,
)
from qgis.PyQt.QtCore import QVariant
from shapely import wkb

from .errors import SolarDetectError

RD_NEW = "EPSG:28992"


def crs_wkt(crs: QgsCoordinateReferenceSystem) -> str:
    return (
        crs.toWkt(QgsCoordinateReferenceSystem.WKT_PREFERRED_GDAL)
        if hasattr(QgsCoordinateReferenceSystem, "WKT_PREFERRED_GDAL")
        else crs.toWkt()
    )


def source_to_shapely(
    source,
    id_field: str | None,
    dest_crs: QgsCoordinateReferenceSystem | None = None,
    selected_ids=None,
    filter_geometry=None,
    extra_fields: tuple = (),
) -> list[tuple]:
    """(id, shapely geometry[, extra values...]) for each polygon of a layer / feature source.

    ``id_field`` None or missing -> the feature id. Geometries are transformed to ``dest_crs`` when given.
    """
    fields = source.fields()
    if id_field and fields.indexOf(id_field) < 0:
        raise SolarDetectError(
            f"Layer {getattr(source, 'sourceName', lambda: '')()} has no field {id_field!r}; "
            f"expected one of {[f.name() for f in fields]}"
        )
    transform = None
    if dest_crs is not None and dest_crs.isValid() and source.sourceCrs() != dest_crs:
        transform = QgsCoordinateTransform(
            source.sourceCrs(), dest_crs, QgsProject.instance().transformContext()
        )
    request = QgsFeatureRequest()
    if selected_ids is not None:
        request.setFilterFids(list(selected_ids))
    if filter_geometry is not None:
        request.setFilterRect(filter_geometry.boundingBox())
    out = []
    for feat in source.getFeatures(request):
        geom = QgsGeometry(feat.geometry())
        if geom.isNull() or geom.isEmpty():
            continue
        if transform is not None:
            geom.transform(transform)
        if filter_geometry is not None and not geom.intersects(filter_geometry):
            continue
        shp = wkb.loads(bytes(geom.asWkb()))
        if not shp.is_valid:
            shp = shp.buffer(0)
        key = str(feat[id_field]) if id_field else str(feat.id())
        out.append((key, shp, *[feat[f] if fields.indexOf(f) >= 0 else None for f in extra_fields]))
    return out


_QTYPES = {int: QVariant.LongLong, float: QVariant.Double, str: QVariant.String}


def fields_from(spec: dict) -> QgsFields:
    fields = QgsFields()
    for name, typ in spec.items():
        fields.append(QgsField(name, _QTYPES.get(typ, QVariant.String)))
    return fields


def fields_of_rows(rows: list[tuple[object, dict]], fallback: dict | None = None) -> QgsFields:
    if rows:
        return fields_from({k: (type(v) if type(v) in _QTYPES else str) for k, v in rows[0][1].items()})
    return fields_from(fallback or {})


def write_rows(sink, fields: QgsFields, rows: list[tuple[object, dict]], feedback=None) -> int:
    """Add (shapely geometry, attributes) rows to a Processing sink; returns the count written."""
    from qgis.core import QgsFeatureSink

    n = 0
    for geom, attrs in rows:
        if feedback is not None and feedback.isCanceled():
            break
        f = QgsFeature(fields)
        if geom is not None:
            g = QgsGeometry()
            g.fromWkb(geom.wkb)
            f.setGeometry(g)
        f.setAttributes([attrs.get(fields.at(i).name()) for i in range(fields.count())])
        sink.addFeature(f, QgsFeatureSink.FastInsert)
        n += 1
    return n


def feedback_callbacks(feedback):
    """(progress(percent), cancel()) callables for the core from a QgsFeedback (or None)."""
    if feedback is None:
        return None, None
    return feedback.setProgress, feedback.isCanceled


def raster_path(layer) -> str:
    """The GDAL path of a raster layer; WMS/WMTS layers must be saved to a file first."""
    if layer is None:
        raise SolarDetectError("No aerial photo layer given; expected an RGB raster layer")
    provider = layer.dataProvider().name() if layer.dataProvider() else ""
    if provider != "gdal":
        raise SolarDetectError(
            f"Layer {layer.name()} comes from the {provider!r} provider; expected a file "
            "raster (GDAL). Save WMS/WMTS layers to a GeoTIFF or VRT first (Export > Save As)"
        )
    return layer.source().split("|")[0]
