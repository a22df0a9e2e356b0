"""Tables of features for the analyses: reading QGIS layers, sources and paths, checking fields,
writing GeoPackages.

A ``Table`` holds shapely geometries (EPSG:28992) and numpy columns. Reading reprojects other CRSs to
EPSG:28992, skips features without geometry (counted in ``Table.skipped``) and raises a
``LiveabilityError`` naming the layer and field for an empty layer or a missing field.
"""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import numpy as np
from shapely import wkb as shapely_wkb

from .errors import LiveabilityError, layer_error
from .geom import wkb_lines, wkb_points_xy, wkb_rings

CRS_ID = "EPSG:28992"
GEOMETRY_KINDS = {"point": 0, "line": 1, "polygon": 2}


class Table:
    """Features plus numpy columns (float columns use NaN for missing values).

    Geometries are held as WKB (``wkbs``, fast for bulk work) and/or shapely objects (``geoms``, made
    lazily); either may be given. ``xy()`` of a point table is parsed from the WKB with numpy and cached.
    """

    def __init__(
        self,
        name: str,
        geoms=None,
        columns=None,
        geometry_type: str = "Point",
        skipped: int = 0,
        reprojected_from: str = "",
        wkbs=None,
        xy=None,
    ):
        self.name = name
        self._geoms = list(geoms) if geoms is not None else None
        self._wkbs = list(wkbs) if wkbs is not None else None
        self.columns = columns if columns is not None else {}
        self.geometry_type = geometry_type
        self.skipped = skipped
        self.reprojected_from = reprojected_from
        self._xy = None if xy is None else np.asarray(xy, dtype=float).reshape(-1, 2)

    @property
    def geoms(self) -> list:
        if self._geoms is None:
            self._geoms = [shapely_wkb.loads(b) for b in (self._wkbs or [])]
        return self._geoms

    @geoms.setter
    def geoms(self, value) -> None:
        self._geoms = list(value)
        self._wkbs = None
        self._xy = None

    @property
    def wkbs(self) -> list:
        if self._wkbs is None:
            self._wkbs = [g.wkb for g in (self._geoms or [])]
        return self._wkbs

    def geom(self, index: int):
        """One shapely geometry (without making all of them)."""
        if self._geoms is not None:
            return self._geoms[index]
        return shapely_wkb.loads(self._wkbs[index])

    def __len__(self) -> int:
        if self._wkbs is not None:
            return len(self._wkbs)
        if self._geoms is not None:
            return len(self._geoms)
        return len(self._xy) if self._xy is not None else 0

    def col(self, name: str) -> np.ndarray:
        if name not in self.columns:
            raise layer_error(
                self.name, f"the field is missing; available fields: {', '.join(self.columns)}", name
            )
        return self.columns[name]

    def has(self, name: str) -> bool:
        return name in self.columns

    def subset(self, mask_or_index) -> Table:
        index = np.asarray(mask_or_index)
        if index.dtype == bool:
            index = np.flatnonzero(index)
        wkbs = None if self._wkbs is None else [self._wkbs[i] for i in index]
        geoms = None if self._geoms is None else [self._geoms[i] for i in index]
        xy = None if self._xy is None else self._xy[index]
        return Table(
            self.name,
            geoms,
            {k: np.asarray(v)[index] for k, v in self.columns.items()},
            self.geometry_type,
            wkbs=wkbs,
            xy=xy,
        )

    def xy(self) -> np.ndarray:
        """(n, 2) coordinates of point geometries (representative points for other geometries)."""
        if self._xy is None:
            if len(self) == 0:
                self._xy = np.zeros((0, 2))
            elif self.geometry_type == "Point":
                self._xy = wkb_points_xy(self.wkbs)
            else:
                self._xy = np.array([g.representative_point().coords[0] for g in self.geoms], dtype=float)
        return self._xy

    def rings(self) -> list:
        """Exterior rings (list of (k, 2) arrays, all parts) per polygon feature."""
        if getattr(self, "_rings", None) is None or len(self._rings) != len(self):
            self._rings = [wkb_rings(b) for b in self.wkbs]
        return self._rings

    def extent(self) -> tuple:
        if self.geometry_type == "Point":
            xy = self.xy()
            return float(xy[:, 0].min()), float(xy[:, 1].min()), float(xy[:, 0].max()), float(xy[:, 1].max())
        xmin = ymin = np.inf
        xmax = ymax = -np.inf
        for rings in (
            self.rings()
            if self.geometry_type in ("Polygon", "MultiPolygon")
            else [wkb_lines(b) for b in self.wkbs]
        ):
            for ring in rings:
                xmin, ymin = min(xmin, ring[:, 0].min()), min(ymin, ring[:, 1].min())
                xmax, ymax = max(xmax, ring[:, 0].max()), max(ymax, ring[:, 1].max())
        return float(xmin), float(ymin), float(xmax), float(ymax)


def _plain(value):
    """A QVariant/Qt attribute value as a plain Python value (None for NULL)."""
    if value is None:
        return None
    type_name = type(value).__name__
    if type_name == "QVariant":
        return None if value.isNull() else value.value()
    if type_name == "QDateTime":
        return value.toPyDateTime() if value.isValid() else None
    if type_name == "QDate":
        return value.toPyDate() if value.isValid() else None
    return value


CBS_NODATA = -99999990  # CBS codes -99999999 (unknown/secret) .. -99999990 become missing values


def _column(values: list, name: str, layer: str) -> np.ndarray:
    kinds = {type(v) for v in values if v is not None}
    if kinds and kinds <= {int, float, bool}:
        values = [None if (v is not None and v <= CBS_NODATA) else v for v in values]
    if kinds and kinds <= {int, bool}:
        if any(v is None for v in values):
            return np.array([np.nan if v is None else float(v) for v in values], dtype=float)
        return np.array(values, dtype=np.int64)
    if kinds and kinds <= {int, float, bool}:
        return np.array([np.nan if v is None else float(v) for v in values], dtype=float)
    if kinds and all(issubclass(k, (_dt.datetime, _dt.date)) for k in kinds):
        return np.array(values, dtype=object)
    return np.array(["" if v is None else str(v) for v in values], dtype=object)


def _as_vector_layer(source, label: str):
    from qgis.core import QgsVectorLayer

    if isinstance(source, (str, Path)):
        text = str(source)
        layer = QgsVectorLayer(text, label, "ogr")
        if not layer.isValid():
            raise layer_error(
                label, f"cannot open '{text}'; expected a vector file such as 'file.gpkg|layername=name'"
            )
        return layer
    return source


def read_table(
    source,
    label: str,
    *,
    kind: str | None = None,
    fields=(),
    optional_fields=(),
    allow_empty: bool = False,
    feedback=None,
) -> Table:
    """Read a QgsVectorLayer, QgsFeatureSource or path into a ``Table`` in EPSG:28992.

    ``kind`` is 'point', 'line' or 'polygon' (checked); ``fields`` must exist (error otherwise);
    ``optional_fields`` are read when present. Every other field is read too.
    """
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsFeatureRequest,
        QgsProject,
        QgsWkbTypes,
    )

    if source is None:
        raise layer_error(label, "no layer given; expected a vector layer")
    layer = _as_vector_layer(source, label)
    names = [f.name() for f in layer.fields()]
    lower = {n.lower(): n for n in names}
    for name in fields:
        if name not in names and name.lower() not in lower:
            raise layer_error(
                label, f"the field is missing; expected it among the fields ({', '.join(names)})", name
            )
    if kind is not None:
        geometry_kind = QgsWkbTypes.geometryType(layer.wkbType())
        expected = {
            "point": QgsWkbTypes.PointGeometry,
            "line": QgsWkbTypes.LineGeometry,
            "polygon": QgsWkbTypes.PolygonGeometry,
        }[kind]
        if geometry_kind != expected:
            raise layer_error(
                label,
                f"has {QgsWkbTypes.displayString(layer.wkbType())} geometries; expected {kind} geometries",
            )
    target = QgsCoordinateReferenceSystem(CRS_ID)
    source_crs = layer.sourceCrs()
    transform = None
    reprojected = ""
    if source_crs.isValid() and source_crs.authid() != CRS_ID:
        transform = QgsCoordinateTransform(source_crs, target, QgsProject.instance().transformContext())
        reprojected = source_crs.authid()
        if feedback is not None:
            feedback.pushInfo(f"{label}: reprojected from {reprojected} to {CRS_ID}")
    geoms, rows, skipped = [], [], 0
    for feature in layer.getFeatures(QgsFeatureRequest()):
        geometry = feature.geometry()
        if geometry is None or geometry.isNull() or geometry.isEmpty():
            skipped += 1
            continue
        if transform is not None:
            geometry.transform(transform)
        if QgsWkbTypes.hasZ(geometry.wkbType()) or QgsWkbTypes.hasM(geometry.wkbType()):
            geometry = geometry.__class__(geometry.constGet().clone())
            geometry.get().dropZValue()
            geometry.get().dropMValue()
        geoms.append(bytes(geometry.asWkb()))
        rows.append([_plain(v) for v in feature.attributes()])
    if not geoms and not allow_empty:
        extra = f" ({skipped} features without geometry)" if skipped else ""
        raise layer_error(
            label, f"is empty{extra}; expected at least one {kind or ''} feature".replace("  ", " ")
        )
    columns = {}
    for i, name in enumerate(names):
        columns[name.lower()] = _column([r[i] for r in rows], name, label)
    if skipped and feedback is not None:
        _warn(feedback, f"{label}: {skipped} features without geometry were skipped")
    geometry_type = QgsWkbTypes.displayString(QgsWkbTypes.flatType(layer.wkbType())) if geoms else "None"
    geometry_type = {"MultiPoint": "Point", "MultiLineString": "LineString"}.get(geometry_type, geometry_type)
    table = Table(label, None, columns, geometry_type, skipped, reprojected, wkbs=geoms)
    return table


def _warn(feedback, message: str) -> None:
    if feedback is None:
        return
    push = getattr(feedback, "pushWarning", None) or getattr(feedback, "reportError", None)
    push(message)


def info(feedback, message: str) -> None:
    if feedback is not None:
        feedback.pushInfo(message)


warn = _warn


def require_numeric(table: Table, name: str, *, positive: bool = False) -> np.ndarray:
    """A numeric column; raises naming layer and field when absent, not numeric or (optionally) not > 0."""
    values = table.col(name)
    if values.dtype == object:
        try:
            values = np.array([np.nan if v in ("", None) else float(v) for v in values], dtype=float)
        except (TypeError, ValueError) as error:
            raise layer_error(
                table.name, f"holds non-numeric values ({error}); expected numbers", name
            ) from None
    values = values.astype(float)
    bad = np.isnan(values) | ((values <= 0) if positive else np.zeros(len(values), bool))
    if bad.any():
        rule = "a number greater than 0" if positive else "a number"
        raise layer_error(
            table.name,
            f"{int(bad.sum())} of {len(values)} features have no usable value; "
            f"expected {rule} for every feature",
            name,
        )
    return values


def text_column(table: Table, name: str) -> np.ndarray:
    values = table.col(name)
    return np.array(["" if v is None else str(v) for v in values], dtype=object)


# ------------------------------------------------------------------------------------------------ writing
_OGR_TYPES = None


def write_gpkg(table: Table, path, layer_name: str | None = None, overwrite_file: bool = False) -> str:
    """Write ``table`` as a GeoPackage layer (EPSG:28992) with OGR; returns 'path|layername=name'."""
    from osgeo import ogr, osr

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    layer_name = layer_name or table.name
    if overwrite_file and path.exists():
        path.unlink()
    driver = ogr.GetDriverByName("GPKG")
    data_source = ogr.Open(str(path), 1) if path.exists() else driver.CreateDataSource(str(path))
    if data_source is None:
        raise LiveabilityError(f"cannot write GeoPackage '{path}'")
    if data_source.GetLayerByName(layer_name) is not None:
        data_source.DeleteLayer(layer_name)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(28992)
    geometry_types = {
        "Point": ogr.wkbPoint,
        "LineString": ogr.wkbLineString,
        "Polygon": ogr.wkbPolygon,
        "MultiPolygon": ogr.wkbMultiPolygon,
        "None": ogr.wkbNone,
    }
    geometry_type = geometry_types.get(table.geometry_type, ogr.wkbUnknown)
    if table.geometry_type == "Polygon":
        geometry_type = ogr.wkbMultiPolygon
    layer = data_source.CreateLayer(
        layer_name,
        srs if geometry_type != ogr.wkbNone else None,
        geometry_type,
        ["GEOMETRY_NAME=geom", "FID=fid", "SPATIAL_INDEX=NO"],
    )
    kinds = {}
    for name, values in table.columns.items():
        kind = field_kind(values)
        kinds[name] = kind
        ogr_type = {"int": ogr.OFTInteger64, "float": ogr.OFTReal, "str": ogr.OFTString}[kind]
        layer.CreateField(ogr.FieldDefn(name, ogr_type))
    layer = None
    data_source = None
    _insert_rows(path, layer_name, table, kinds, geometry_type == ogr.wkbMultiPolygon)
    if table.geometry_type != "None" and len(table):
        data_source = ogr.Open(str(path), 1)
        data_source.ExecuteSQL(f"SELECT CreateSpatialIndex('{layer_name}', 'geom')")
        data_source = None
    return f"{path}|layername={layer_name}"


def _insert_rows(path, layer_name: str, table: Table, kinds: dict, multipolygon: bool) -> None:
    """Bulk insert with sqlite3 (GeoPackage binary geometry = 8-byte header + WKB), extent in "
    "gpkg_contents."""
    import sqlite3
    import struct

    header = b"GP" + bytes([0, 1]) + struct.pack("<i", 28992)
    columns = []
    for name, values in table.columns.items():
        kind = kinds[name]
        values = np.asarray(values)
        if kind == "float":
            columns.append([None if v != v else v for v in values.astype(float).tolist()])
        elif kind == "int":
            columns.append(values.astype(np.int64).tolist())
        else:
            columns.append([None if v is None or v == "" else str(v) for v in values.tolist()])
    has_geometry = table.geometry_type != "None"
    names = (["geom"] if has_geometry else []) + list(table.columns)
    if has_geometry:
        blobs = []
        for data in table.wkbs:
            if multipolygon and _wkb_code(data) == 3:
                data = b"\x01" + struct.pack("<II", 6, 1) + data
            blobs.append(header + data)
        rows = zip(blobs, *columns)
    else:
        rows = zip(*columns)
    connection = sqlite3.connect(str(path))
    try:
        quoted = ", ".join(f'"{n}"' for n in names)
        marks = ", ".join("?" for _ in names)
        connection.executemany(f'INSERT INTO "{layer_name}" ({quoted}) VALUES ({marks})', rows)
        if has_geometry and len(table):
            xmin, ymin, xmax, ymax = table.extent()
            connection.execute(
                "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
                (xmin, ymin, xmax, ymax, layer_name),
            )
        connection.commit()
    finally:
        connection.close()


def _wkb_code(data: bytes) -> int:
    import struct

    (code,) = struct.unpack_from("<I" if data[0] == 1 else ">I", data, 1)
    return code % 1000


def field_kind(values) -> str:
    values = np.asarray(values)
    if values.dtype.kind in "iub":
        return "int"
    if values.dtype.kind == "f":
        return "float"
    return "str"
