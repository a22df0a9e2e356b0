"""Windowed, resampled RGB reads of any GDAL raster (GeoTIFF, VRT, JPEG, saved WMTS/WMS layers).

The raster is never read whole: :class:`RasterSource` describes it (bands, scaling, nodata, CRS, ground
resolution) and :meth:`RasterSource.read_model_window` reads one window of the *model grid* (the raster's
extent at the model's resolution) through a virtual GDAL dataset that resamples on the fly.
1-band (grey), 2-band (grey + alpha), 3-band RGB, 4-band RGBA/RGBI, paletted, 16-bit/12-bit/float rasters
and nodata are handled; a raster without CRS, a rotated raster or an unreadable file raise SolarDetectError.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import SolarDetectError


def _gdal():
    from osgeo import gdal

    gdal.UseExceptions()
    return gdal


@dataclass(frozen=True)
class RasterInfo:
    """A picklable description of a raster for tile jobs (workers reopen the file themselves)."""

    path: str
    width: int
    height: int
    geotransform: tuple
    crs_wkt: str
    bands: tuple  # 1-based band numbers giving R, G, B (the same band three times for grey)
    alpha_band: int  # 0 = none
    palette: tuple | None  # ((r, g, b), ...) for paletted rasters
    scale: float  # multiply raw values by this to get 0..255
    nodata: tuple  # per used band, None where absent
    ground_gsd: float  # metres per pixel on the ground
    model_gsd: float  # metres per pixel of the model grid
    model_width: int
    model_height: int

    @property
    def pixel_size(self) -> float:
        return abs(self.geotransform[1])

    @property
    def model_geotransform(self) -> tuple:
        gt = self.geotransform
        sx = gt[1] * self.width / self.model_width
        sy = gt[5] * self.height / self.model_height
        return (gt[0], sx, 0.0, gt[3], 0.0, sy)

    @property
    def extent(self) -> tuple:
        gt = self.geotransform
        x0, y0 = gt[0], gt[3]
        x1, y1 = gt[0] + gt[1] * self.width, gt[3] + gt[5] * self.height
        return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _ground_gsd(ds, srs) -> float:
    """Metres on the ground per pixel at the raster's centre (handles degrees and Web Mercator)."""
    from osgeo import osr

    gt = ds.GetGeoTransform()
    if srs.IsProjected():
        unit = srs.GetLinearUnits() or 1.0
        size = abs(gt[1]) * unit
        name = (srs.GetAttrValue("PROJECTION") or "").lower()
        if "mercator" in name and "transverse" not in name:
            # Web Mercator: scale by cos(latitude) at the centre
            geo = osr.SpatialReference()
            geo.ImportFromEPSG(4326)
            geo.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            srs2 = srs.Clone()
            srs2.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            ct = osr.CoordinateTransformation(srs2, geo)
            cx = gt[0] + gt[1] * ds.RasterXSize / 2
            cy = gt[3] + gt[5] * ds.RasterYSize / 2
            _lon, lat, _ = ct.TransformPoint(cx, cy)
            size *= math.cos(math.radians(lat))
        return size
    # geographic: degrees
    cy = gt[3] + gt[5] * ds.RasterYSize / 2
    return abs(gt[1]) * 111_320.0 * math.cos(math.radians(cy))


def describe_raster(path: str | Path, model_gsd: float, gsd_override: float | None = None) -> RasterInfo:
    """Check a raster and describe how to read it as 8-bit RGB on the model's grid."""
    gdal = _gdal()
    path = str(path)
    if not Path(path).exists() and not path.startswith(("/vsi", "<")):
        raise SolarDetectError(f"Raster {path} does not exist; expected a GDAL-readable aerial photo")
    try:
        ds = gdal.Open(path)
    except RuntimeError as error:
        raise SolarDetectError(
            f"Raster {path} cannot be opened ({error}); expected a GDAL-readable aerial "
            "photo (GeoTIFF, VRT, JPEG2000, ...)"
        ) from error
    if ds is None or ds.RasterCount == 0:
        raise SolarDetectError(f"Raster {path} has no bands; expected an RGB aerial photo")
    wkt = ds.GetProjection()
    if not wkt:
        raise SolarDetectError(
            f"Raster {path} has no coordinate reference system; expected a georeferenced "
            "aerial photo (e.g. EPSG:28992). Assign a CRS (Raster > Projections) first."
        )
    gt = ds.GetGeoTransform()
    if gt[2] != 0 or gt[4] != 0:
        raise SolarDetectError(
            f"Raster {path} is rotated (geotransform {gt}); expected a north-up raster (warp it first)"
        )
    from osgeo import osr

    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    n = ds.RasterCount
    interps = [ds.GetRasterBand(i + 1).GetColorInterpretation() for i in range(n)]
    alpha = 0
    for i, ci in enumerate(interps):
        if ci == gdal.GCI_AlphaBand:
            alpha = i + 1
    palette = None
    band1 = ds.GetRasterBand(1)
    if band1.GetColorTable() is not None and band1.GetColorInterpretation() == gdal.GCI_PaletteIndex:
        table = band1.GetColorTable()
        palette = tuple(tuple(table.GetColorEntry(i)[:3]) for i in range(table.GetCount()))
        bands = (1, 1, 1)
    elif n == 1 or (n == 2 and alpha == 2):
        bands = (1, 1, 1)
    else:
        by_interp = {ci: i + 1 for i, ci in enumerate(interps)}
        if all(c in by_interp for c in (gdal.GCI_RedBand, gdal.GCI_GreenBand, gdal.GCI_BlueBand)):
            bands = (by_interp[gdal.GCI_RedBand], by_interp[gdal.GCI_GreenBand], by_interp[gdal.GCI_BlueBand])
        else:
            colour = [i + 1 for i in range(n) if i + 1 != alpha]
            if len(colour) < 3:
                raise SolarDetectError(
                    f"Raster {path} has {n} bands "
                    f"({', '.join(gdal.GetColorInterpretationName(c) for c in interps)}); "
                    "expected 1 (grey), 3 (RGB) or 4 (RGBA/RGBI) bands"
                )
            bands = tuple(colour[:3])
    dtype = gdal.GetDataTypeName(ds.GetRasterBand(bands[0]).DataType)
    scale = 1.0
    if palette is None and dtype != "Byte":
        band = ds.GetRasterBand(bands[0])
        try:
            _mn, mx = band.ComputeRasterMinMax(True)  # approximate, from overviews/sample
        except RuntimeError:
            mx = 255.0
        if dtype.startswith("Float"):
            scale = 255.0 if mx <= 1.0 else (1.0 if mx <= 255.0 else 255.0 / mx)
        elif mx > 255.0:
            nd = band.GetNoDataValue()
            if nd is not None and mx == nd:
                mx = 255.0
            bits = max(8, int(math.ceil(math.log2(mx + 1))))
            scale = 255.0 / (2**bits - 1) if bits > 8 else 1.0
    nodata = tuple(ds.GetRasterBand(b).GetNoDataValue() for b in bands)
    ground = float(gsd_override) if gsd_override else _ground_gsd(ds, srs)
    factor = ground / model_gsd
    mw = max(1, int(round(ds.RasterXSize * factor)))
    mh = max(1, int(round(ds.RasterYSize * factor)))
    info = RasterInfo(
        path=path,
        width=ds.RasterXSize,
        height=ds.RasterYSize,
        geotransform=tuple(gt),
        crs_wkt=wkt,
        bands=bands,
        alpha_band=alpha,
        palette=palette,
        scale=scale,
        nodata=nodata,
        ground_gsd=ground,
        model_gsd=model_gsd,
        model_width=mw,
        model_height=mh,
    )
    ds = None
    return info


class RasterReader:
    """Per-process reader of one raster on the model grid (opened lazily, reused across tiles)."""

    def __init__(self, info: RasterInfo):
        self.info = info
        self._ds = None

    def _dataset(self):
        if self._ds is None:
            gdal = _gdal()
            info = self.info
            try:
                src = gdal.Open(info.path)
                if info.model_width == info.width and info.model_height == info.height:
                    self._ds = src
                else:
                    # virtual resampled dataset: nothing is read until a window is requested
                    self._ds = gdal.Translate(
                        "",
                        src,
                        format="VRT",
                        width=info.model_width,
                        height=info.model_height,
                        resampleAlg="bilinear",
                    )
                    self._src = src
            except RuntimeError as error:
                raise SolarDetectError(
                    f"Raster {info.path} cannot be read ({error}); expected a readable GDAL raster"
                ) from error
        return self._ds

    def read_model_window(self, x0: int, y0: int, size_x: int, size_y: int) -> tuple[np.ndarray, np.ndarray]:
        """RGB uint8 (size_y, size_x, 3) and a validity mask for a model-grid window (may exceed the raster:
        the outside is returned as invalid, zero-filled)."""
        info = self.info
        ds = self._dataset()
        rgb = np.zeros((size_y, size_x, 3), np.uint8)
        valid = np.zeros((size_y, size_x), bool)
        rx0, ry0 = max(0, x0), max(0, y0)
        rx1, ry1 = min(info.model_width, x0 + size_x), min(info.model_height, y0 + size_y)
        if rx1 <= rx0 or ry1 <= ry0:
            return rgb, valid
        w, h = rx1 - rx0, ry1 - ry0
        ox, oy = rx0 - x0, ry0 - y0
        try:
            raw = []
            for b in dict.fromkeys(info.bands):
                raw.append((b, ds.GetRasterBand(b).ReadAsArray(rx0, ry0, w, h)))
            alpha = ds.GetRasterBand(info.alpha_band).ReadAsArray(rx0, ry0, w, h) if info.alpha_band else None
        except RuntimeError as error:
            raise SolarDetectError(
                f"Raster {info.path} could not be read at window x={rx0} y={ry0} "
                f"({w}x{h} px) ({error}); the file may be corrupt or truncated"
            ) from error
        arrays = dict(raw)
        ok = np.ones((h, w), bool)
        for b, nd in zip(info.bands, info.nodata):
            if nd is not None and not (isinstance(nd, float) and math.isnan(nd)):
                ok &= arrays[b] != nd
            elif nd is not None:
                ok &= ~np.isnan(arrays[b])
        if alpha is not None:
            ok &= alpha > 0
        if info.palette is not None:
            lut = np.zeros((256, 3), np.uint8)
            pal = np.asarray(info.palette, np.uint8)[:256]
            lut[: len(pal)] = pal
            block = lut[np.clip(arrays[info.bands[0]], 0, 255).astype(np.intp)]
        else:
            block = np.empty((h, w, 3), np.uint8)
            for c, b in enumerate(info.bands):
                a = arrays[b]
                if info.scale != 1.0 or a.dtype != np.uint8:
                    a = np.clip(np.nan_to_num(a.astype(np.float32) * info.scale), 0, 255).astype(np.uint8)
                block[..., c] = a
        block[~ok] = 0
        rgb[oy : oy + h, ox : ox + w] = block
        valid[oy : oy + h, ox : ox + w] = ok
        return rgb, valid

    def close(self):
        self._ds = None
        self._src = None
