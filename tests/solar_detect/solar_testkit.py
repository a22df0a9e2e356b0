"""Small generated fixtures of the solar tests: synthetic georeferenced roof scenes with exact labels."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

X0, Y0 = 105000.0, 424000.0  # top-left corner (EPSG:28992) of the synthetic scenes
GSD = 0.08


@dataclass
class Scene:
    path: Path
    footprints: list  # shapely polygons, EPSG:28992
    truth: list  # true panel polygons, EPSG:28992
    image: np.ndarray
    label: np.ndarray


def write_raster(
    path, array, crs="EPSG:28992", transform=None, nodata=None, dtype=None, colormap=None, photometric=None
):
    """Write a (bands, rows, cols) array as GeoTIFF; ``crs=None`` writes no CRS."""
    import rasterio
    from rasterio.transform import from_origin

    array = np.asarray(array)
    if array.ndim == 2:
        array = array[None]
    kwargs = {}
    if photometric:
        kwargs["photometric"] = photometric
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=array.shape[2],
        height=array.shape[1],
        count=array.shape[0],
        dtype=dtype or array.dtype,
        crs=crs,
        transform=transform or from_origin(X0, Y0, GSD, GSD),
        nodata=nodata,
        **kwargs,
    ) as ds:
        ds.write(array.astype(dtype or array.dtype))
        if colormap is not None:
            ds.write_colormap(1, colormap)
    return Path(path)


def pixel_polygon_to_map(corners, x0=X0, y0=Y0, gsd=GSD):
    from shapely.geometry import Polygon

    return Polygon([(x0 + c * gsd, y0 - r * gsd) for c, r in corners])


def label_polygons(label, x0=X0, y0=Y0, gsd=GSD):
    from rasterio import features
    from rasterio.transform import from_origin
    from shapely.geometry import shape

    mask = label.astype(np.uint8)
    return [
        shape(g)
        for g, v in features.shapes(mask, mask=mask > 0, transform=from_origin(x0, y0, gsd, gsd))
        if v
    ]


def make_scene(directory: Path, seed: int, size: int = 600, name: str = "scene.tif") -> Scene:
    from smart_society.plugins.solar_detect.core.synthetic import render_scene

    rng = np.random.default_rng(seed)
    for _ in range(50):  # a scene with at least one roof and one panel array
        scene = render_scene(rng, size, panel_probability=1.0, degrade=False)
        if scene.roofs and scene.label.sum() > 6000 and len(scene.arrays) >= 2:
            break
    path = write_raster(directory / name, scene.image.transpose(2, 0, 1))
    return Scene(
        path=path,
        footprints=[pixel_polygon_to_map(c) for c in scene.roofs],
        truth=label_polygons(scene.label),
        image=scene.image,
        label=scene.label,
    )


@pytest.fixture(scope="session")
def solar_scene(tmp_path_factory) -> Scene:
    """A 600 x 600 px (48 m) synthetic roof scene with panels, its footprints and true panel polygons."""
    return make_scene(tmp_path_factory.mktemp("solar_scene"), seed=23)


@pytest.fixture(scope="session")
def shipped_model():
    from smart_society.plugins.solar_detect.core.model import default_model_path, load_model

    if not default_model_path().exists():
        pytest.fail(f"the shipped model {default_model_path()} is missing")
    return load_model()
