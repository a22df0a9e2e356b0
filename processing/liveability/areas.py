"""Aggregation areas (buurten and a 100 m grid), point-in-area assignment and land-cover shares.

- ``AreaSet``: ids, polygons and extra columns of the areas results are aggregated to.
- ``grid_for_points``: the inhabited cells of a regular grid (Leefbaarometer practice: only cells with
  homes), ids like ``E10470N42380`` (lower-left corner in metres / 10).
- ``assign``: the area index of each point (-1 outside every area), exact point-in-polygon.
- ``Coverage``: a raster (default 1 m) over the study extent; ``share`` gives, per area, the fraction of
  its pixels covered by a set of polygons (overlapping polygons count once).
"""

from __future__ import annotations

import math

import numpy as np

from .data import Table
from .errors import LiveabilityError
from .geom import box_wkb, polygon_wkb


class AreaSet:
    """Areas results are aggregated to: ids, geometries (shapely, or WKB for the grid) and extra columns."""

    def __init__(
        self,
        kind: str,
        id_field: str,
        ids,
        geoms=None,
        columns=None,
        cell_size: float = 0.0,
        wkbs=None,
        keys=None,
    ):
        self.kind = kind
        self.id_field = id_field
        self.ids = np.asarray(ids, dtype=object)
        self._geoms = list(geoms) if geoms is not None else None
        self._wkbs = list(wkbs) if wkbs is not None else None
        self.columns = columns or {}
        self.cell_size = cell_size
        self.keys = keys  # (n, 2) integer cell indices of a grid
        if keys is not None:
            self._keys = {(int(x), int(y)): i for i, (x, y) in enumerate(keys)}

    @property
    def geoms(self) -> list:
        if self._geoms is None:
            from shapely import wkb

            self._geoms = [wkb.loads(b) for b in self._wkbs]
        return self._geoms

    @property
    def wkbs(self) -> list:
        if self._wkbs is None:
            self._wkbs = [g.wkb for g in self._geoms]
        return self._wkbs

    def __len__(self) -> int:
        return len(self.ids)

    def centres(self) -> np.ndarray:
        """Cell centres of a grid, interior (representative) points of other areas."""
        if self.keys is not None:
            return (self.keys + 0.5) * self.cell_size
        return np.array([g.representative_point().coords[0] for g in self.geoms], dtype=float)

    def extent(self) -> tuple:
        if self.keys is not None:
            lo = self.keys.min(axis=0) * self.cell_size
            hi = (self.keys.max(axis=0) + 1) * self.cell_size
            return float(lo[0]), float(lo[1]), float(hi[0]), float(hi[1])
        return union_extent(self.geoms)

    def table(self, name: str, values: dict) -> Table:
        columns = {self.id_field: self.ids}
        columns.update(self.columns)
        columns.update(values)
        geometry_type = "Polygon" if self.kind == "grid" else "MultiPolygon"
        return Table(name, None, columns, geometry_type, wkbs=self.wkbs)

    def areas_m2(self) -> np.ndarray:
        return np.array([g.area for g in self.geoms], dtype=float)


BUURT_KEEP = (
    "bu_naam",
    "wk_code",
    "gm_naam",
    "aant_inw",
    "aantal_hh",
    "gem_hh_gr",
    "p_00_14_jr",
    "p_65_eo_jr",
)


def buurten_from_table(table: Table, id_field: str = "bu_code", keep=BUURT_KEEP) -> AreaSet:
    """Areas from a polygon table with an id field (e.g. CBS buurten with ``bu_code``)."""
    ids = table.col(id_field)
    ids = np.array([str(v) for v in ids], dtype=object)
    if len(set(ids)) != len(ids):
        raise LiveabilityError(f"layer '{table.name}', field '{id_field}': values must be unique per area")
    columns = {k: table.columns[k] for k in keep if k in table.columns}
    return AreaSet("buurt", id_field, ids, list(table.geoms), columns)


def grid_for_points(xy: np.ndarray, size: float = 100.0) -> AreaSet:
    """The grid cells of ``size`` metres (aligned to multiples of size) that hold at least one point."""
    if size <= 0:
        raise LiveabilityError(f"grid cell size must be greater than 0 m, got {size}")
    if len(xy) == 0:
        raise LiveabilityError("no homes to build the grid from; expected at least one home point")
    cx = np.floor(xy[:, 0] / size).astype(np.int64)
    cy = np.floor(xy[:, 1] / size).astype(np.int64)
    keys = np.unique(np.stack([cx, cy], axis=1), axis=0)
    scale = size / 10.0
    ids = np.array([f"E{int(x * scale):05d}N{int(y * scale):05d}" for x, y in keys], dtype=object)
    wkbs = [box_wkb(x * size, y * size, (x + 1) * size, (y + 1) * size) for x, y in keys]
    return AreaSet("grid", "cell_id", ids, None, {}, size, wkbs=wkbs, keys=keys)


def assign(areas: AreaSet, xy: np.ndarray) -> np.ndarray:
    """Index of the area containing each point, -1 where none does (first area wins on shared edges)."""
    result = np.full(len(xy), -1, dtype=np.int64)
    if len(xy) == 0:
        return result
    if areas.keys is not None:
        cx = np.floor(xy[:, 0] / areas.cell_size).astype(np.int64)
        cy = np.floor(xy[:, 1] / areas.cell_size).astype(np.int64)
        keys = areas._keys
        return np.array([keys.get((int(a), int(b)), -1) for a, b in zip(cx, cy)], dtype=np.int64)
    from shapely import vectorized

    for index, geometry in enumerate(areas.geoms):
        xmin, ymin, xmax, ymax = geometry.bounds
        candidates = np.flatnonzero(
            (result < 0) & (xy[:, 0] >= xmin) & (xy[:, 0] <= xmax) & (xy[:, 1] >= ymin) & (xy[:, 1] <= ymax)
        )
        if len(candidates) == 0:
            continue
        inside = vectorized.contains(geometry, xy[candidates, 0], xy[candidates, 1])
        result[candidates[inside]] = index
    return result


def aggregate_mean(area_index: np.ndarray, values: np.ndarray, n_areas: int, weights=None) -> np.ndarray:
    """Mean of ``values`` per area (NaN values ignored; NaN for areas without any value)."""
    values = np.asarray(values, dtype=float)
    ok = (area_index >= 0) & ~np.isnan(values)
    w = np.ones(len(values)) if weights is None else np.asarray(weights, dtype=float)
    total = np.bincount(area_index[ok], weights=values[ok] * w[ok], minlength=n_areas)
    count = np.bincount(area_index[ok], weights=w[ok], minlength=n_areas)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.where(count > 0, count, 1), np.nan)


def aggregate_max(area_index: np.ndarray, values: np.ndarray, n_areas: int) -> np.ndarray:
    result = np.full(n_areas, -np.inf)
    values = np.asarray(values, dtype=float)
    ok = (area_index >= 0) & ~np.isnan(values)
    np.maximum.at(result, area_index[ok], values[ok])
    return np.where(np.isinf(result), np.nan, result)


def aggregate_count(area_index: np.ndarray, n_areas: int, weights=None) -> np.ndarray:
    ok = area_index >= 0
    w = None if weights is None else np.asarray(weights, dtype=float)[ok]
    counts = np.bincount(area_index[ok], weights=w, minlength=n_areas)
    return counts if weights is not None else counts.astype(np.int64)


# ----------------------------------------------------------------------------------------------- coverage
MAX_PIXELS = 40_000_000


class Coverage:
    """A north-up raster over an extent in which polygons are burnt to measure shares per area."""

    def __init__(self, extent, resolution: float = 1.0):
        xmin, ymin, xmax, ymax = extent
        resolution = float(resolution)
        while math.ceil((xmax - xmin) / resolution) * math.ceil((ymax - ymin) / resolution) > MAX_PIXELS:
            resolution *= 2.0
        self.resolution = resolution
        self.xmin = math.floor(xmin / resolution) * resolution
        self.ymax = math.ceil(ymax / resolution) * resolution
        self.width = max(1, int(math.ceil((xmax - self.xmin) / resolution)))
        self.height = max(1, int(math.ceil((self.ymax - ymin) / resolution)))
        self._zones: dict = {}

    def _dataset(self, dtype_code):
        from osgeo import gdal, osr

        driver = gdal.GetDriverByName("MEM")
        dataset = driver.Create("", self.width, self.height, 1, dtype_code)
        dataset.SetGeoTransform((self.xmin, self.resolution, 0, self.ymax, 0, -self.resolution))
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(28992)
        dataset.SetProjection(srs.ExportToWkt())
        return dataset

    def burn(self, geoms, values=None, dtype: str = "uint8") -> np.ndarray:
        """Rasterise polygons (pixel centres inside); ``values`` per polygon (default 1)."""
        from osgeo import gdal, ogr

        code = {"uint8": gdal.GDT_Byte, "int32": gdal.GDT_Int32}[dtype]
        dataset = self._dataset(code)
        if dtype == "int32":
            dataset.GetRasterBand(1).Fill(-1)
        if len(geoms):
            from osgeo import osr

            srs = osr.SpatialReference()
            srs.ImportFromEPSG(28992)
            memory = ogr.GetDriverByName("Memory").CreateDataSource("")
            layer = memory.CreateLayer("burn", srs, ogr.wkbUnknown)
            layer.CreateField(ogr.FieldDefn("v", ogr.OFTInteger))
            definition = layer.GetLayerDefn()
            for i, geometry in enumerate(geoms):
                if geometry is None:
                    continue
                data = geometry if isinstance(geometry, (bytes, bytearray)) else geometry.wkb
                feature = ogr.Feature(definition)
                feature.SetField(0, 1 if values is None else int(values[i]))
                feature.SetGeometry(ogr.CreateGeometryFromWkb(bytes(data)))
                layer.CreateFeature(feature)
            gdal.RasterizeLayer(dataset, [1], layer, options=["ATTRIBUTE=v"])
        return dataset.GetRasterBand(1).ReadAsArray()

    def burn_raster(self, path: str, threshold: float = 0.0) -> np.ndarray:
        """A raster file resampled (nearest) onto this grid; 1 where value > threshold."""
        from osgeo import gdal

        source = gdal.Open(str(path))
        if source is None:
            raise LiveabilityError(f"raster '{path}': cannot be opened; expected a GDAL raster (GeoTIFF)")
        dataset = self._dataset(gdal.GDT_Float32)
        band = dataset.GetRasterBand(1)
        band.SetNoDataValue(-9999)
        band.Fill(-9999)
        gdal.ReprojectImage(source, dataset, None, None, gdal.GRA_NearestNeighbour)
        array = band.ReadAsArray()
        return ((array > threshold) & (array != -9999)).astype(np.uint8)

    def burn_discs(self, xy: np.ndarray, radii: np.ndarray) -> np.ndarray:
        """Discs (tree crowns): pixels whose centre lies within the radius of a point."""
        xy = np.asarray(xy, float).reshape(-1, 2)
        radii = np.asarray(radii, float)
        angles = np.linspace(0, 2 * np.pi, 33)
        ring_x = xy[:, 0:1] + radii[:, None] * np.cos(angles)[None, :]
        ring_y = xy[:, 1:2] + radii[:, None] * np.sin(angles)[None, :]
        rings = np.stack([ring_x, ring_y], axis=2)
        return self.burn([polygon_wkb(ring) for ring in rings])

    def zones(self, areas: AreaSet) -> np.ndarray:
        key = id(areas)
        if key not in self._zones:
            if areas.keys is not None:
                self._zones[key] = self._grid_zones(areas)
            else:
                self._zones[key] = self.burn(areas.wkbs, values=np.arange(len(areas)), dtype="int32")
        return self._zones[key]

    def _grid_zones(self, areas: AreaSet) -> np.ndarray:
        size = areas.cell_size
        x = self.xmin + (np.arange(self.width) + 0.5) * self.resolution
        y = self.ymax - (np.arange(self.height) + 0.5) * self.resolution
        cx = np.floor(x / size).astype(np.int64)
        cy = np.floor(y / size).astype(np.int64)
        x0, y0 = areas.keys.min(axis=0)
        x1, y1 = areas.keys.max(axis=0)
        lut = np.full((y1 - y0 + 1, x1 - x0 + 1), -1, dtype=np.int32)
        lut[areas.keys[:, 1] - y0, areas.keys[:, 0] - x0] = np.arange(len(areas), dtype=np.int32)
        col_ok = (cx >= x0) & (cx <= x1)
        row_ok = (cy >= y0) & (cy <= y1)
        zones = np.full((self.height, self.width), -1, dtype=np.int32)
        rows = np.flatnonzero(row_ok)
        cols = np.flatnonzero(col_ok)
        zones[np.ix_(rows, cols)] = lut[(cy[rows] - y0)[:, None], (cx[cols] - x0)[None, :]]
        return zones

    def code_shares(self, areas: AreaSet, codes: np.ndarray, n_codes: int) -> np.ndarray:
        """(n_areas, n_codes) fractions of each area's pixels per code value (one pass over the raster)."""
        zones = self.zones(areas).ravel()
        inside = np.flatnonzero(zones >= 0)
        combined = zones[inside].astype(np.int64) * n_codes + codes.ravel()[inside]
        table = (
            np.bincount(combined, minlength=len(areas) * n_codes).reshape(len(areas), n_codes).astype(float)
        )
        total = table.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(total > 0, table / np.where(total > 0, total, 1), np.nan)

    def share(self, areas: AreaSet, mask: np.ndarray) -> np.ndarray:
        """Fraction of each area's pixels where ``mask`` is set (NaN for an area smaller than a pixel)."""
        zones = self.zones(areas)
        inside = zones >= 0
        total = np.bincount(zones[inside], minlength=len(areas)).astype(float)
        covered = np.bincount(zones[inside & (mask > 0)], minlength=len(areas)).astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(total > 0, covered / np.where(total > 0, total, 1), np.nan)


def union_extent(*tables_or_geoms, margin: float = 0.0):
    xmin = ymin = math.inf
    xmax = ymax = -math.inf
    for geoms in tables_or_geoms:
        for geometry in geoms:
            a, b, c, d = geometry.bounds
            xmin, ymin, xmax, ymax = min(xmin, a), min(ymin, b), max(xmax, c), max(ymax, d)
    if math.isinf(xmin):
        raise LiveabilityError("no geometries to derive the study extent from")
    return xmin - margin, ymin - margin, xmax + margin, ymax + margin


def grid_over_areas(areas: AreaSet, size: float = 100.0) -> AreaSet:
    """Grid cells whose centre lies in one of ``areas`` (for analyses without homes, e.g. air quality)."""
    xmin, ymin, xmax, ymax = union_extent(areas.geoms)
    xs = (np.arange(math.floor(xmin / size), math.ceil(xmax / size)) + 0.5) * size
    ys = (np.arange(math.floor(ymin / size), math.ceil(ymax / size)) + 0.5) * size
    gx, gy = np.meshgrid(xs, ys)
    centres = np.stack([gx.ravel(), gy.ravel()], axis=1)
    inside = assign(areas, centres) >= 0
    return grid_for_points(centres[inside], size)
