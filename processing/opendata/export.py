"""Writers for the files of an open-data package: GeoJSON (RFC 7946), GeoPackage, CSV with WKT, Shapefile zip.

Every writer takes a *public copy* of a layer (only the fields the privacy gate lets through, see
``public_copy``) and a target path, writes exactly one deliverable and returns what it wrote.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsMemoryProviderUtils,
    QgsProject,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QVariant

from .crs import RD_NEW, WgsTransform, wgs84_transform
from .errors import OpenDataError

#: format key -> (file suffix, IANA media type, EU file-type URI used by DONL)
FORMATS = {
    "geojson": (
        ".geojson",
        "application/geo+json",
        "http://publications.europa.eu/resource/authority/file-type/GEOJSON",
    ),
    "gpkg": (
        ".gpkg",
        "application/geopackage+sqlite3",
        "http://publications.europa.eu/resource/authority/file-type/GPKG",
    ),
    "csv": (".csv", "text/csv", "http://publications.europa.eu/resource/authority/file-type/CSV"),
    "shp": ("_shp.zip", "application/zip", "http://publications.europa.eu/resource/authority/file-type/SHP"),
}
SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")
SHAPEFILE_MAX_FIELD_NAME = 10
SHAPEFILE_MAX_STRING = 254


@dataclass
class ExportedFile:
    """One written deliverable."""

    path: Path
    layer: str
    format: str
    crs: str
    feature_count: int
    warnings: list[str] = field(default_factory=list)

    @property
    def media_type(self) -> str:
        return FORMATS[self.format][1]

    @property
    def file_type_uri(self) -> str:
        return FORMATS[self.format][2]

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    def sha256(self) -> str:
        return file_sha256(self.path)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def safe_name(text: str) -> str:
    """A lower-case ASCII file name: letters and digits joined by single ``_``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    return name or "layer"


def public_copy(
    layer: QgsVectorLayer, field_names: list[str], name: str | None = None, keep=None
) -> QgsVectorLayer:
    """A memory copy of ``layer`` with only ``field_names`` (in layer order), same geometry type and CRS.

    ``keep``: optional ``feature -> bool``; features for which it is false are left out.
    """
    if layer is None or not layer.isValid():
        raise OpenDataError(f"Layer '{getattr(layer, 'name', lambda: '?')()}' is not a valid vector layer.")
    source_fields = layer.fields()
    missing = [n for n in field_names if source_fields.indexFromName(n) < 0]
    if missing:
        raise OpenDataError(f"Layer '{layer.name()}' has no field(s) {', '.join(missing)}.")
    indexes = [i for i in range(source_fields.count()) if source_fields.at(i).name() in set(field_names)]
    fields = QgsFields()
    for i in indexes:
        fields.append(QgsField(source_fields.at(i)))
    copy = QgsMemoryProviderUtils.createMemoryLayer(
        name or layer.name(), fields, layer.wkbType(), layer.crs()
    )
    features = []
    for source in layer.getFeatures():
        if keep is not None and not keep(source):
            continue
        feature = QgsFeature(fields)
        feature.setGeometry(source.geometry())
        feature.setAttributes([source.attribute(i) for i in indexes])
        features.append(feature)
    copy.dataProvider().addFeatures(features)
    copy.updateExtents()
    return copy


def _write(layer: QgsVectorLayer, path: Path, options: QgsVectorFileWriter.SaveVectorOptions) -> None:
    options.fileEncoding = "UTF-8"
    context = QgsProject.instance().transformContext()
    if hasattr(QgsVectorFileWriter, "writeAsVectorFormatV3"):
        result = QgsVectorFileWriter.writeAsVectorFormatV3(layer, str(path), context, options)
    else:  # QGIS < 3.20
        result = QgsVectorFileWriter.writeAsVectorFormatV2(layer, str(path), context, options)
    error, message = result[0], result[1]
    if error != QgsVectorFileWriter.NoError:
        raise OpenDataError(
            f"Could not write layer '{layer.name()}' to {path} ({options.driverName}): {message}"
        )


def write_geojson(
    layer: QgsVectorLayer, path: Path, wgs: WgsTransform | None = None, decimals: int = 7
) -> ExportedFile:
    """RFC 7946 GeoJSON: WGS84 lon/lat, ``decimals`` decimals, right-hand-rule rings, UTF-8."""
    path = Path(path)
    wgs = wgs or wgs84_transform(layer.crs())
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GeoJSON"
    options.ct = wgs.transform
    options.layerOptions = ["RFC7946=YES", f"COORDINATE_PRECISION={int(decimals)}", "WRITE_NAME=NO"]
    if path.exists():
        path.unlink()
    _write(layer, path, options)
    warnings = [wgs.warning] if wgs.warning and layer.crs().authid() == RD_NEW else []
    return ExportedFile(path, layer.name(), "geojson", "OGC:CRS84", layer.featureCount(), warnings)


def write_geopackage(layer: QgsVectorLayer, path: Path, layer_name: str) -> ExportedFile:
    """One layer into the package's GeoPackage, in EPSG:28992 (other layers in the file are kept)."""
    path = Path(path)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = layer_name
    options.actionOnExistingFile = (
        QgsVectorFileWriter.CreateOrOverwriteLayer
        if path.exists()
        else QgsVectorFileWriter.CreateOrOverwriteFile
    )
    rd = QgsCoordinateReferenceSystem(RD_NEW)
    if layer.crs() != rd:
        options.ct = QgsCoordinateTransform(layer.crs(), rd, QgsCoordinateTransformContext())
    _write(layer, path, options)
    return ExportedFile(path, layer_name, "gpkg", RD_NEW, layer.featureCount())


def datetimes_as_text(layer: QgsVectorLayer) -> QgsVectorLayer:
    """``layer`` itself, or a memory copy whose DateTime fields are ISO 8601 text (2024-01-03T10:30:00)."""
    fields = layer.fields()
    datetime_indexes = [i for i in range(fields.count()) if fields.at(i).type() == QVariant.DateTime]
    if not datetime_indexes:
        return layer
    new_fields = QgsFields()
    for i in range(fields.count()):
        if i in datetime_indexes:
            new_fields.append(QgsField(fields.at(i).name(), QVariant.String, "String", 19))
        else:
            new_fields.append(QgsField(fields.at(i)))
    copy = QgsMemoryProviderUtils.createMemoryLayer(layer.name(), new_fields, layer.wkbType(), layer.crs())
    features = []
    for source in layer.getFeatures():
        feature = QgsFeature(new_fields)
        feature.setGeometry(source.geometry())
        values = source.attributes()
        for i in datetime_indexes:
            values[i] = _shapefile_value(values[i], True)
        feature.setAttributes(values)
        features.append(feature)
    copy.dataProvider().addFeatures(features)
    return copy


def write_csv(layer: QgsVectorLayer, path: Path) -> ExportedFile:
    """CSV in UTF-8, comma-separated, geometry as WKT in EPSG:28992 (column ``WKT``), types in ``.csvt``.

    Date-times are written as ISO 8601 text (GDAL's CSV default would be ``2024/01/03 10:30:00``).
    """
    path = Path(path)
    layer = datetimes_as_text(layer)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "CSV"
    options.layerOptions = [
        "GEOMETRY=AS_WKT",
        "CREATE_CSVT=YES",
        "SEPARATOR=COMMA",
        "WRITE_BOM=NO",
        "STRING_QUOTING=IF_NEEDED",
    ]
    rd = QgsCoordinateReferenceSystem(RD_NEW)
    if layer.crs() != rd:
        options.ct = QgsCoordinateTransform(layer.crs(), rd, QgsCoordinateTransformContext())
    for suffix in (".csv", ".csvt", ".prj"):
        path.with_suffix(suffix).unlink(missing_ok=True)
    _write(layer, path, options)
    if not path.with_suffix(".csvt").exists():
        raise OpenDataError(
            f"The CSV writer made no {path.with_suffix('.csvt').name} for layer '{layer.name()}'."
        )
    return ExportedFile(path, layer.name(), "csv", RD_NEW, layer.featureCount())


def shapefile_field_names(names: list[str]) -> dict[str, str]:
    """Map each field name to a unique Shapefile name of at most 10 characters (unchanged when it fits)."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        if len(name) <= SHAPEFILE_MAX_FIELD_NAME and name.lower() not in used:
            mapping[name] = name
            used.add(name.lower())
    for name in names:
        if name in mapping:
            continue
        candidate = name[:SHAPEFILE_MAX_FIELD_NAME]
        counter = 1
        while candidate.lower() in used:
            suffix = f"_{counter}"
            candidate = name[: SHAPEFILE_MAX_FIELD_NAME - len(suffix)] + suffix
            counter += 1
        mapping[name] = candidate
        used.add(candidate.lower())
    return mapping


def _shapefile_value(value, datetime_field: bool):
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if datetime_field:
        if isinstance(value, QDateTime):
            return value.toString("yyyy-MM-ddTHH:mm:ss")
        return str(value)
    return value


def write_shapefile_zip(layer: QgsVectorLayer, path: Path) -> ExportedFile:
    """A zipped ESRI Shapefile in EPSG:28992 (UTF-8 with ``.cpg``).

    Checked and reported as warnings: field names over 10 characters (renamed, mapping listed), DateTime
    fields (Shapefile has only dates: written as ISO 8601 text), text over 254 characters (cut). After
    writing, the text values are read back and compared, so an encoding problem is an error, not a
    silent loss.
    """
    path = Path(path)
    warnings: list[str] = []
    fields = layer.fields()
    names = [f.name() for f in fields]
    mapping = shapefile_field_names(names)
    renamed = {old: new for old, new in mapping.items() if old != new}
    if renamed:
        warnings.append(
            f"{layer.name()}: Shapefile field names are at most 10 characters: "
            + ", ".join(f"{old} -> {new}" for old, new in renamed.items())
        )
    datetime_fields = {f.name() for f in fields if f.type() == QVariant.DateTime}
    if datetime_fields:
        warnings.append(
            f"{layer.name()}: Shapefile has no date-time type; written as ISO 8601 text: "
            + ", ".join(sorted(datetime_fields))
        )
    shp_fields = QgsFields()
    for f in fields:
        if f.name() in datetime_fields:
            new_field = QgsField(mapping[f.name()], QVariant.String, "String", 19)
        else:
            new_field = QgsField(f)
            new_field.setName(mapping[f.name()])
        shp_fields.append(new_field)
    string_indexes = [i for i, f in enumerate(fields) if f.type() == QVariant.String]
    too_long: set[str] = set()
    copy = QgsMemoryProviderUtils.createMemoryLayer(layer.name(), shp_fields, layer.wkbType(), layer.crs())
    expected_text: list[list] = []
    features = []
    for source in layer.getFeatures():
        values = [
            _shapefile_value(source.attribute(i), names[i] in datetime_fields) for i in range(len(names))
        ]
        for i in string_indexes:
            if isinstance(values[i], str) and len(values[i]) > SHAPEFILE_MAX_STRING:
                too_long.add(names[i])
                values[i] = values[i][:SHAPEFILE_MAX_STRING]
        feature = QgsFeature(shp_fields)
        feature.setGeometry(source.geometry())
        feature.setAttributes(values)
        features.append(feature)
        expected_text.append([values[i] for i in string_indexes])
    copy.dataProvider().addFeatures(features)
    if too_long:
        warnings.append(
            f"{layer.name()}: Shapefile text is at most {SHAPEFILE_MAX_STRING} characters; cut in: "
            + ", ".join(sorted(too_long))
        )
    with tempfile.TemporaryDirectory(prefix="opendata_shp_") as tmp:
        stem = path.name[: -len("_shp.zip")] if path.name.endswith("_shp.zip") else path.stem
        shp_path = Path(tmp) / f"{stem}.shp"
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName = "ESRI Shapefile"
        options.layerOptions = ["ENCODING=UTF-8"]
        rd = QgsCoordinateReferenceSystem(RD_NEW)
        if copy.crs() != rd:
            options.ct = QgsCoordinateTransform(copy.crs(), rd, QgsCoordinateTransformContext())
        _write(copy, shp_path, options)
        cpg = shp_path.with_suffix(".cpg")
        if not cpg.exists() or "UTF-8" not in cpg.read_text(encoding="ascii", errors="replace").upper():
            raise OpenDataError(
                f"Shapefile {shp_path.name} of layer '{layer.name()}' has no UTF-8 .cpg file."
            )
        _check_shapefile_text(
            shp_path, layer.name(), [mapping[names[i]] for i in string_indexes], expected_text
        )
        path.unlink(missing_ok=True)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for suffix in SHAPEFILE_PARTS:
                part = shp_path.with_suffix(suffix)
                if part.exists():
                    archive.write(part, part.name)
    return ExportedFile(path, layer.name(), "shp", RD_NEW, layer.featureCount(), warnings)


def _check_shapefile_text(
    shp_path: Path, layer_name: str, text_fields: list[str], expected: list[list]
) -> None:
    if not text_fields:
        return
    written = QgsVectorLayer(str(shp_path), "check", "ogr")
    if not written.isValid():
        raise OpenDataError(f"Shapefile {shp_path.name} of layer '{layer_name}' can not be read back.")
    indexes = [written.fields().indexFromName(n) for n in text_fields]
    for row, feature in enumerate(written.getFeatures()):
        for column, index in enumerate(indexes):
            value = feature.attribute(index)
            value = None if value is None or (hasattr(value, "isNull") and value.isNull()) else value
            want = expected[row][column] if row < len(expected) else None
            if (value or None) != (want or None):
                raise OpenDataError(
                    f"Shapefile of layer '{layer_name}': field '{text_fields[column]}' of feature {row + 1} "
                    "reads "
                    f"back as {value!r} instead of {want!r} (encoding problem; UTF-8 expected)."
                )
    del written


def qvariant_to_python(value):
    """Attribute values as plain Python (for JSON, comparisons): QDate/QDateTime as ISO text, NULL as None."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if isinstance(value, QDateTime):
        return value.toString("yyyy-MM-ddTHH:mm:ss")
    if isinstance(value, QDate):
        return value.toString("yyyy-MM-dd")
    if isinstance(value, QTime):
        return value.toString("HH:mm:ss")
    return value
