"""GeoPackage/vector reading and writing with OGR (no QGIS needed) and CRS helpers."""

from __future__ import annotations

from pathlib import Path

from shapely import wkb

from .errors import SolarDetectError


def _ogr():
    from osgeo import ogr

    ogr.UseExceptions()
    return ogr


def srs_from(crs) -> object:
    """osr.SpatialReference from WKT, 'EPSG:n' or an int, with x/y (traditional GIS) axis order."""
    from osgeo import osr

    srs = osr.SpatialReference()
    if isinstance(crs, int):
        srs.ImportFromEPSG(crs)
    elif isinstance(crs, str) and crs.upper().startswith("EPSG:"):
        srs.ImportFromEPSG(int(crs.split(":")[1]))
    else:
        srs.ImportFromWkt(str(crs))
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def same_crs(a, b) -> bool:
    return bool(srs_from(a).IsSame(srs_from(b)))


def reproject(geoms: list, src, dst) -> list:
    """Shapely geometries from CRS ``src`` to ``dst`` (WKT / 'EPSG:n'); unchanged when they are the same."""
    if same_crs(src, dst):
        return list(geoms)
    from osgeo import osr

    ogr = _ogr()
    ct = osr.CoordinateTransformation(srs_from(src), srs_from(dst))
    out = []
    for g in geoms:
        og = ogr.CreateGeometryFromWkb(g.wkb)
        og.Transform(ct)
        out.append(wkb.loads(bytes(og.ExportToWkb())))
    return out


def read_features(path: str | Path, layer: str | None = None, fields: list[str] | None = None):
    """(geometries, attribute dicts, CRS WKT) of a vector layer; polygons made valid."""
    ogr = _ogr()
    try:
        ds = ogr.Open(str(path))
    except RuntimeError as error:
        raise SolarDetectError(
            f"Vector file {path} cannot be opened ({error}); expected a GeoPackage or other OGR vector file"
        ) from error
    if ds is None:
        raise SolarDetectError(f"Vector file {path} cannot be opened; expected a GeoPackage")
    lyr = ds.GetLayerByName(layer) if layer else ds.GetLayer(0)
    if lyr is None:
        names = [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())]
        raise SolarDetectError(f"Vector file {path} has no layer {layer!r}; expected one of {names}")
    defn = lyr.GetLayerDefn()
    names = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
    for f in fields or []:
        if f not in names:
            raise SolarDetectError(
                f"Layer {lyr.GetName()} of {path} has no field {f!r}; expected one of {names}"
            )
    srs = lyr.GetSpatialRef()
    wkt = srs.ExportToWkt() if srs is not None else ""
    geoms, attrs = [], []
    for feat in lyr:
        g = feat.GetGeometryRef()
        if g is None:
            continue
        shp = wkb.loads(bytes(g.ExportToWkb()))
        if not shp.is_valid:
            shp = shp.buffer(0)
        geoms.append(shp)
        attrs.append({n: feat.GetField(n) for n in (fields if fields is not None else names)})
    return geoms, attrs, wkt


_TYPES = {int: "OFTInteger64", float: "OFTReal", str: "OFTString"}


def write_gpkg(
    path: str | Path,
    layer: str,
    crs,
    rows: list[tuple[object, dict]],
    geometry_type: str = "Polygon",
    field_types: dict | None = None,
) -> Path:
    """Write (geometry, attributes) rows as ``layer`` of GeoPackage ``path`` (the layer is replaced)."""
    ogr = _ogr()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    driver = ogr.GetDriverByName("GPKG")
    ds = driver.Open(str(path), 1) if path.exists() else driver.CreateDataSource(str(path))
    if ds.GetLayerByName(layer) is not None:
        ds.DeleteLayer(layer)
    gtype = {"Polygon": ogr.wkbPolygon, "MultiPolygon": ogr.wkbMultiPolygon, "Point": ogr.wkbPoint}[
        geometry_type
    ]
    lyr = ds.CreateLayer(layer, srs_from(crs), gtype, options=["SPATIAL_INDEX=YES"])
    types = dict(field_types or {})
    if rows:
        for k, v in rows[0][1].items():
            types.setdefault(k, type(v) if type(v) in _TYPES else str)
    for name, t in types.items():
        lyr.CreateField(ogr.FieldDefn(name, getattr(ogr, _TYPES.get(t, "OFTString"))))
    lyr.StartTransaction()
    defn = lyr.GetLayerDefn()
    for geom, attrs in rows:
        feat = ogr.Feature(defn)
        if geom is not None:
            g = geom
            if geometry_type == "MultiPolygon" and g.geom_type == "Polygon":
                from shapely.geometry import MultiPolygon

                g = MultiPolygon([g])
            feat.SetGeometry(ogr.CreateGeometryFromWkb(g.wkb))
        for k, v in attrs.items():
            if v is not None:
                feat.SetField(k, v)
        lyr.CreateFeature(feat)
    lyr.CommitTransaction()
    ds = None
    return path
