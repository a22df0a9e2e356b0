"""Noise exposure: Lden at every home, homes and residents per EU 5 dB band, share above 53 dB (WHO).

Lden comes from an Lden raster, or from Ld, Le and Ln rasters with the EU formula (Directive 2002/49/EC,
day 12 h, evening 4 h + 5 dB, night 8 h + 10 dB):

    Lden = 10 * log10( (12 * 10^(Ld/10) + 4 * 10^((Le+5)/10) + 8 * 10^((Ln+10)/10)) / 24 )

Bands: < 45, 45-49, 50-54, 55-59, 60-64, 65-69, 70-74, >= 75 dB (the END reporting bands from 55 dB,
extended downwards). ``share_above53``: homes with Lden > 53 dB, the WHO 2018 road-traffic guideline.
Homes outside the raster or on nodata get no Lden (NULL, reported), never 0.
"""

from __future__ import annotations

import math

import numpy as np

from .areas import aggregate_count, aggregate_mean
from .data import warn
from .errors import LiveabilityError
from .geom import wkb_lines
from .study import Outcome, Study

BAND_EDGES = (45, 50, 55, 60, 65, 70, 75)
BAND_NAMES = ("lt45", "45_49", "50_54", "55_59", "60_64", "65_69", "70_74", "ge75")
WHO_ROAD_LDEN = 53.0


def lden_from_components(ld, le, ln) -> np.ndarray:
    ld, le, ln = (np.asarray(x, dtype=float) for x in (ld, le, ln))
    energy = 12 * 10 ** (ld / 10) + 4 * 10 ** ((le + 5) / 10) + 8 * 10 ** ((ln + 10) / 10)
    return 10 * np.log10(energy / 24)


def sample_raster(path: str, xy: np.ndarray, label: str) -> np.ndarray:
    """Values of band 1 at points (EPSG:28992); NaN outside the raster or on nodata."""
    from osgeo import gdal, osr

    dataset = gdal.Open(str(path))
    if dataset is None:
        raise LiveabilityError(f"raster '{label}' ({path}): cannot be opened; expected a GeoTIFF in dB")
    points = np.asarray(xy, dtype=float)
    wkt = dataset.GetProjection()
    if wkt:
        source = osr.SpatialReference()
        source.ImportFromEPSG(28992)
        target = osr.SpatialReference(wkt=wkt)
        for srs in (source, target):
            srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        if not source.IsSame(target):
            transform = osr.CoordinateTransformation(source, target)
            points = np.array([transform.TransformPoint(float(x), float(y))[:2] for x, y in points]).reshape(
                -1, 2
            )
    x0, dx, _, y0, _, dy = dataset.GetGeoTransform()
    band = dataset.GetRasterBand(1)
    array = band.ReadAsArray().astype(float)
    nodata = band.GetNoDataValue()
    if nodata is not None:
        array[array == nodata] = np.nan
    col = np.floor((points[:, 0] - x0) / dx).astype(np.int64)
    row = np.floor((points[:, 1] - y0) / dy).astype(np.int64)
    inside = (col >= 0) & (col < array.shape[1]) & (row >= 0) & (row < array.shape[0])
    values = np.full(len(points), np.nan)
    values[inside] = array[row[inside], col[inside]]
    return values


def band_index(lden: np.ndarray) -> np.ndarray:
    """0..7 for the bands in BAND_NAMES, -1 for NaN."""
    result = np.digitize(np.nan_to_num(lden, nan=-math.inf), BAND_EDGES)
    return np.where(np.isnan(lden), -1, result)


def noise_exposure(
    study: Study,
    *,
    lden_raster: str | None = None,
    ld_raster: str | None = None,
    le_raster: str | None = None,
    ln_raster: str | None = None,
    threshold: float = WHO_ROAD_LDEN,
    feedback=None,
) -> Outcome:
    xy = study.homes.xy()
    if lden_raster:
        lden = sample_raster(lden_raster, xy, "Lden")
        source = "Lden raster"
    elif ld_raster and le_raster and ln_raster:
        lden = lden_from_components(
            sample_raster(ld_raster, xy, "Ld"),
            sample_raster(le_raster, xy, "Le"),
            sample_raster(ln_raster, xy, "Ln"),
        )
        source = "Ld, Le, Ln rasters (EU formula)"
    else:
        raise LiveabilityError(
            "noise: no input; expected an Lden raster or all three of Ld, Le and Ln rasters"
        )
    outcome = Outcome()
    missing = int(np.isnan(lden).sum())
    if missing == len(lden):
        raise LiveabilityError(
            f"noise ({source}): no home lies on a valid raster cell; expected the raster to "
            "cover the homes (EPSG:28992)"
        )
    if missing:
        message = f"{missing} homes lie outside the noise raster or on nodata: no Lden"
        outcome.messages.append(message)
        warn(feedback, message)
    bands = band_index(lden)
    above = np.where(np.isnan(lden), np.nan, (lden > threshold).astype(float))
    residents = study.homes.col("inwoners")
    outcome.homes = {
        "lden": lden,
        "lden_band": np.array([BAND_NAMES[b] if b >= 0 else "" for b in bands], dtype=object),
        "above53": above,
    }
    for area_set, area_index in zip(study.area_sets, study.home_area):
        n = len(area_set)
        values = {}
        for b, name in enumerate(BAND_NAMES):
            in_band = area_index.copy()
            in_band[bands != b] = -1
            values[f"homes_{name}"] = aggregate_count(in_band, n)
            values[f"res_{name}"] = aggregate_count(in_band, n, weights=np.nan_to_num(residents))
        values["mean_lden"] = aggregate_mean(area_index, lden, n)
        values["share_above53"] = aggregate_mean(area_index, above, n)
        values["res_share_above53"] = aggregate_mean(area_index, above, n, weights=np.nan_to_num(residents))
        outcome.areas[area_set.kind] = values
    outcome.extra["source"] = source
    return outcome


def road_noise_raster(network_lines, out_path: str, extent, *, cell: float = 10.0, road_types=None) -> str:
    """A SCREENING Lden raster generated from road centre lines (for demos where no noise map exists).

    Per road type the level at 10 m from a long straight road; the road is modelled as point sources every
    10 m with spherical spreading (6 dB per doubling, so a long road falls 3 dB per doubling), sources add
    energetically, background 40 dB; no screening by buildings. Not a CNOSSOS-EU calculation.
    """
    from osgeo import gdal, osr

    levels = road_types or {
        "primary": 66.0,
        "residential": 42.0,
        "bridge": 62.0,
        "cycleway": 0.0,
        "footway": 0.0,
        "path": 0.0,
    }
    xmin, ymin, xmax, ymax = extent
    width = int(math.ceil((xmax - xmin) / cell))
    height = int(math.ceil((ymax - ymin) / cell))
    cx = xmin + (np.arange(width) + 0.5) * cell
    cy = ymax - (np.arange(height) + 0.5) * cell
    gx, gy = np.meshgrid(cx, cy)
    energy = np.full(gx.shape, 10 ** (40.0 / 10))
    geoms, types = network_lines
    sources = []  # (x, y, weight * 10^(emission/10)) of point sources at most 10 m apart
    for geometry, road_type in zip(geoms, types):
        level = levels.get(str(road_type), 0.0)
        if level <= 0:
            continue
        parts = wkb_lines(geometry) if isinstance(geometry, (bytes, bytearray)) else [
            np.asarray(geometry.coords)[:, :2]]
        for coords in parts:
            for a, b in zip(coords[:-1], coords[1:]):
                length = float(np.hypot(*(b - a)))
                if length == 0:
                    continue
                n = max(1, math.ceil(length / 10.0))
                fractions = (np.arange(n) + 0.5) / n
                points = a + (b - a) * fractions[:, None]
                # an infinite row of such sources gives ``level`` at 10 m (pi ~ +5 dB from the integral)
                power = (length / n / 10.0) * 10 ** ((level - 5.0) / 10)
                sources += [(x, y, power) for x, y in points]
    for x, y, power in sources:
        distance2 = np.maximum((gx - x) ** 2 + (gy - y) ** 2, 25.0)
        energy += power * 100.0 / distance2
    lden = 10 * np.log10(energy)
    driver = gdal.GetDriverByName("GTiff")
    dataset = driver.Create(str(out_path), width, height, 1, gdal.GDT_Float32, ["COMPRESS=DEFLATE"])
    dataset.SetGeoTransform((xmin, cell, 0, ymax, 0, -cell))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(28992)
    dataset.SetProjection(srs.ExportToWkt())
    band = dataset.GetRasterBand(1)
    band.SetNoDataValue(-9999)
    band.WriteArray(lden.astype(np.float32))
    dataset = None
    return str(out_path)
