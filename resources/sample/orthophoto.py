"""Renders the sample district's 8 cm RGB orthophoto, strip by strip, straight into a JPEG-in-TIFF.

Memory stays bounded: only one strip of rows (and the objects that intersect it) is in memory at a time.
Per strip, vector objects are rasterised with the strip's transform into id rasters; colours and textures
are then computed per pixel from lookup tables indexed by those ids, using the local (u, v) frame
coordinates of each pixel (roofs, panels and tracks are aligned with that frame, see layout.py).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Callable

import numpy as np
import rasterio
from rasterio.crs import CRS
from rasterio.enums import Resampling
from rasterio.features import rasterize
from rasterio.transform import from_origin
from rasterio.windows import Window
from scipy.ndimage import gaussian_filter, zoom
from shapely.geometry import mapping

from .district import GROUND_FEATURES
from .layout import (
    CENTRE_X,
    CENTRE_Y,
    RAIL_TRACK_OFFSETS,
    RC_ASPHALT,
    RC_CONCRETE,
    RC_CYCLEWAY,
    RC_GARDEN_GRAVEL,
    RC_GARDEN_LAWN,
    RC_GARDEN_TILES,
    RC_GRASS,
    RC_PARKING,
    RC_PARKING_LOT,
    RC_PATH,
    RC_PLAZA,
    RC_RAIL,
    RC_ROUGH_GRASS,
    RC_SAND,
    RC_SHRUBS,
    RC_SIDEWALK,
    RC_WATER,
    RENDER_CLASS_COUNT,
    SUN_AZIMUTH_DEG,
    SUN_ELEVATION_DEG,
)
from .roofs import render_material

STRIP_ROWS = 512
BLOCK_SIZE = 512

# Ground palette and texture amplitudes (fine, medium, coarse noise) per render class.
GROUND = {
    RC_ASPHALT: ((82, 84, 86), (0.07, 0.04, 0.05)),
    RC_CYCLEWAY: ((140, 76, 66), (0.07, 0.04, 0.04)),
    RC_SIDEWALK: ((152, 148, 142), (0.07, 0.04, 0.05)),
    RC_PARKING: ((122, 110, 102), (0.11, 0.05, 0.05)),
    RC_GRASS: ((90, 108, 62), (0.09, 0.08, 0.04)),
    RC_ROUGH_GRASS: ((106, 110, 74), (0.11, 0.09, 0.05)),
    RC_WATER: ((46, 64, 62), (0.02, 0.03, 0.06)),
    RC_RAIL: ((104, 96, 88), (0.12, 0.05, 0.05)),
    RC_GARDEN_LAWN: ((86, 106, 58), (0.09, 0.10, 0.05)),
    RC_GARDEN_TILES: ((146, 140, 132), (0.07, 0.05, 0.04)),
    RC_GARDEN_GRAVEL: ((170, 162, 148), (0.16, 0.05, 0.04)),
    RC_CONCRETE: ((170, 168, 162), (0.05, 0.04, 0.06)),
    RC_SAND: ((198, 182, 148), (0.08, 0.05, 0.04)),
    RC_PLAZA: ((164, 158, 148), (0.06, 0.04, 0.05)),
    RC_PATH: ((178, 166, 142), (0.09, 0.05, 0.04)),
    RC_SHRUBS: ((52, 78, 40), (0.14, 0.25, 0.08)),
    RC_PARKING_LOT: ((92, 94, 96), (0.06, 0.04, 0.05)),
}
GREEN_CLASSES = (RC_GRASS, RC_ROUGH_GRASS, RC_GARDEN_LAWN, RC_SHRUBS)
# Paving laid in tiles (metres per tile): the joints show at 8 cm.
TILE_SIZES = {RC_GARDEN_TILES: 0.5, RC_SIDEWALK: 0.6, RC_PLAZA: 0.6}

MATERIAL_CODES = {
    "red_tiles": 0,
    "grey_tiles": 1,
    "black_tiles": 2,
    "bitumen": 3,
    "gravel": 4,
    "green_roof": 5,
    "metal": 6,
    "dark_metal": 7,
    "concrete": 8,
}
TILED = (0, 1, 2)
FEATURE_CODES = {
    "chimney": 1,
    "dormer": 2,
    "roof_window": 3,
    "skylight": 4,
    "installation": 5,
    "shed": 6,
    "car": 7,
    "row_shadow": 8,
    "fence": 9,
    "hedge": 10,
    "collector": 3,  # a solar water heater looks like a big roof window
}
# Texture strength per roof material (same order as MATERIAL_CODES): fine grain and larger blotches.
ROOF_FINE_NOISE = np.array([0.10, 0.08, 0.07, 0.05, 0.20, 0.22, 0.04, 0.05, 0.07], np.float32)
ROOF_MEDIUM_NOISE = np.array([0.05, 0.05, 0.04, 0.08, 0.06, 0.20, 0.03, 0.03, 0.07], np.float32)
SHADOW_DARKNESS = 0.40
SHADOW_TINT = np.array([7.0, 10.0, 18.0], dtype=np.float32)


SHAPE_LISTS = (
    "land",
    "buildings",
    "trees",
    "features",
    "panels",
    "markings",
    "ground_shadows",
    "roof_shadows",
)


def _frac(values: np.ndarray) -> np.ndarray:
    """The fractional part (much faster than np.mod for floats)."""
    return values - np.floor(values)


def _convex_hull(points: np.ndarray) -> np.ndarray:
    """Andrew's monotone chain; a few points per call, so plain Python is fast enough."""
    pts = sorted(set(map(tuple, points.tolist())))
    if len(pts) <= 2:
        return np.array(pts)

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return np.array(lower[:-1] + upper[:-1])


class _ShapeList:
    """GeoJSON-like polygons for rasterize, made once, with their vertical extent to pick those of a strip.

    Building the mappings directly from coordinates avoids shapely's slow per-geometry conversion, and
    full-width strips only need the y range (no spatial tree).
    """

    def __init__(self):
        self.shapes: list = []
        self._low: list[float] = []
        self._high: list[float] = []

    def add_ring(self, ring: np.ndarray) -> None:
        coords = [tuple(p) for p in ring.tolist()]
        coords.append(coords[0])
        self.shapes.append({"type": "Polygon", "coordinates": [coords]})
        self._low.append(float(ring[:, 1].min()))
        self._high.append(float(ring[:, 1].max()))

    def add_geometry(self, geometry) -> None:
        self.shapes.append(mapping(geometry))
        _, low, _, high = geometry.bounds
        self._low.append(low)
        self._high.append(high)

    def add_none(self) -> None:
        self.shapes.append(None)
        self._low.append(math.inf)
        self._high.append(-math.inf)

    def freeze(self) -> None:
        self.low = np.array(self._low, dtype=np.float64)
        self.high = np.array(self._high, dtype=np.float64)

    def in_strip(self, y_low: float, y_high: float) -> np.ndarray:
        return np.nonzero((self.high >= y_low) & (self.low <= y_high))[0]


class _Noise:
    """Seeded noise tiles of co-prime sizes, so their sum does not visibly repeat."""

    def __init__(self, seed: int):
        rng = np.random.default_rng(seed + 7919)
        self.fine = rng.standard_normal((509, 509)).astype(np.float32)
        medium = gaussian_filter(rng.standard_normal((521, 521)), 2.5, mode="wrap")
        self.medium = (medium / medium.std()).astype(np.float32)
        # Coarse noise made small and enlarged: filtering a large tile with a wide kernel costs seconds.
        coarse = zoom(
            gaussian_filter(rng.standard_normal((128, 128)), 3.5, mode="wrap"), 8, order=1, mode="grid-wrap"
        )
        self.coarse = (coarse / coarse.std()).astype(np.float32)
        speckle = rng.standard_normal((499, 499)).astype(np.float32)
        self.speckle = speckle

    @staticmethod
    def strip(tile: np.ndarray, row0: int, rows: int, width: int, column_shift: int = 0) -> np.ndarray:
        period_r, period_c = tile.shape
        band = np.take(tile, np.arange(row0, row0 + rows) % period_r, axis=0)
        repeats = (width + column_shift) // period_c + 2
        return np.ascontiguousarray(np.tile(band, (1, repeats))[:, column_shift : column_shift + width])


class _Scene:
    """Per-object lookup tables and geometries, prepared once for all strips."""

    def __init__(self, district, seed: int):
        layout = district.layout
        self.layout = layout
        rng = np.random.default_rng(seed + 104729)
        cos_a, sin_a = math.cos(layout.angle_rad), math.sin(layout.angle_rad)
        self.cos_a, self.sin_a = cos_a, sin_a
        azimuth = math.radians(SUN_AZIMUTH_DEG)
        elevation = math.radians(SUN_ELEVATION_DEG)
        sun = np.array(
            [
                math.sin(azimuth) * math.cos(elevation),
                math.cos(azimuth) * math.cos(elevation),
                math.sin(elevation),
            ]
        )
        self.sun_horizontal = sun[:2] / np.linalg.norm(sun[:2])
        shadow_length = 1.0 / math.tan(elevation)
        self.shadow_length = shadow_length
        self.shadow_unit = (-sun[0] / math.cos(elevation), -sun[1] / math.cos(elevation))
        self.shadow_step = (
            -sun[0] / math.cos(elevation) * shadow_length,
            -sun[1] / math.cos(elevation) * shadow_length,
        )

        # Ground: one id per land-cover polygon, with its class and a brightness/hue jitter.
        land = district.layers["land_cover"]
        classes = np.array(district.land_render_classes, dtype=np.int16)
        self.land_class = np.concatenate([[RC_PLAZA], classes]).astype(np.int16)
        # Mostly a brightness change per polygon with a slight tint; private gardens vary most.
        jitter = rng.normal(1.0, 0.05, size=(len(land) + 1, 1)) * rng.normal(
            1.0, 0.015, size=(len(land) + 1, 3)
        )
        gardens = np.isin(self.land_class, (RC_GARDEN_LAWN, RC_GARDEN_TILES, RC_GARDEN_GRAVEL))
        count = int(gardens.sum())
        jitter[gardens] = rng.normal(1.0, 0.09, size=(count, 1)) * rng.normal(1.0, 0.03, size=(count, 3))
        jitter = jitter.astype(np.float32)
        palette = np.zeros((RENDER_CLASS_COUNT, 3), np.float32)
        amplitudes = np.zeros((RENDER_CLASS_COUNT, 3), np.float32)
        for render_class, (colour, amps) in GROUND.items():
            palette[render_class] = colour
            amplitudes[render_class] = amps
        self.land_colour = np.ascontiguousarray(palette[self.land_class] * jitter, dtype=np.float32)
        amp = amplitudes[self.land_class]
        self.amp_fine, self.amp_medium, self.amp_coarse = (np.ascontiguousarray(amp[:, k]) for k in range(3))
        self.green_hue = np.isin(self.land_class, GREEN_CLASSES).astype(np.float32)
        self.tiled_ground = np.zeros(RENDER_CLASS_COUNT, bool)
        self.tile_size = np.ones(RENDER_CLASS_COUNT, np.float32)
        for render_class, size in TILE_SIZES.items():
            self.tiled_ground[render_class] = True
            self.tile_size[render_class] = size

        # Buildings.
        buildings = layout.buildings
        self.shapes = {name: _ShapeList() for name in SHAPE_LISTS}
        for record in land:
            self.shapes["land"].add_geometry(record.geometry)
        n = len(buildings) + 1
        self.b_rect = np.zeros((n, 4), np.float32)
        self.b_slanted = np.zeros(n, bool)
        self.b_material = np.zeros(n, np.int16)
        self.b_colour = np.zeros((n, 3), np.float32)
        self.b_face = np.ones((n, 2), np.float32)
        for i, building in enumerate(buildings, start=1):
            r = building.rect
            self.b_rect[i] = (r.u0, r.v0, r.u1, r.v1)
            self.b_slanted[i] = building.dak_type == "slanted"
            self.b_material[i] = MATERIAL_CODES[render_material(building)]
            self.b_colour[i] = building.roof_colour
            if building.dak_type == "slanted":
                self.b_face[i] = self._face_brightness(building.pitch_deg, sun)
                height = (building.eave_height + building.ridge_height) / 2.0
            else:
                height = max(building.eave_height, building.multi_part_height)
            corners = self._corners(r)
            self.shapes["buildings"].add_ring(corners)
            self.shapes["ground_shadows"].add_ring(self._sweep(corners, height))
        self.t_centre = np.zeros((len(layout.trees) + 1, 2), np.float64)
        self.t_radius = np.ones(len(layout.trees) + 1, np.float32)
        self.t_colour = np.zeros((len(layout.trees) + 1, 3), np.float32)
        circle = np.linspace(0.0, 2.0 * math.pi, 33)[:-1]
        direction = math.atan2(self.shadow_unit[1], self.shadow_unit[0])
        half = np.linspace(-math.pi / 2, math.pi / 2, 13)
        for i, tree in enumerate(layout.trees, start=1):
            x, y = layout.point_to_rd(tree.u, tree.v)
            radius = tree.crown_diameter / 2.0
            self.t_centre[i] = (x, y)
            self.t_radius[i] = radius
            self.t_colour[i] = tree.colour
            crown = radius * 1.1
            self.shapes["trees"].add_ring(
                np.column_stack([x + crown * np.cos(circle), y + crown * np.sin(circle)])
            )
            # A round crown's shadow is an ellipse stretched along the sun by 1/sin(elevation) (drawn as a
            # capsule), centred where the sun ray through the crown's centre meets the ground.
            centre_offset = (tree.height - radius) * self.shadow_length
            stretch = radius * (1.0 / math.sin(elevation) - 1.0)
            ux, uy = self.shadow_unit
            r = radius * 0.95
            far = (x + ux * (centre_offset + stretch), y + uy * (centre_offset + stretch))
            near = (x + ux * (centre_offset - stretch), y + uy * (centre_offset - stretch))
            capsule = np.concatenate(
                [
                    np.column_stack(
                        [far[0] + r * np.cos(direction + half), far[1] + r * np.sin(direction + half)]
                    ),
                    np.column_stack(
                        [
                            near[0] + r * np.cos(direction + math.pi + half),
                            near[1] + r * np.sin(direction + math.pi + half),
                        ]
                    ),
                ]
            )
            self.shapes["ground_shadows"].add_ring(capsule)
            # The trunk's shadow joins the crown's shadow to the foot of the tree.
            across = np.array([-uy, ux]) * 0.18
            reach = np.array([ux, uy]) * centre_offset
            base = np.array([x, y])
            self.shapes["ground_shadows"].add_ring(
                np.array([base - across, base + across, base + reach + across, base + reach - across])
            )
        # Roof furniture, sheds and cars.
        features = layout.features
        self.f_kind = np.zeros(len(features) + 1, np.int16)
        self.f_rect = np.zeros((len(features) + 1, 4), np.float32)
        self.f_colour = np.zeros((len(features) + 1, 3), np.float32)
        self.f_axis_v = np.zeros(len(features) + 1, bool)
        self.f_outer_high = np.zeros(len(features) + 1, bool)
        for i, feature in enumerate(features, start=1):
            r = feature.rect
            corners = self._corners(r)
            self.f_kind[i] = FEATURE_CODES[feature.kind]
            self.f_rect[i] = (r.u0, r.v0, r.u1, r.v1)
            self.f_colour[i] = feature.colour
            self.f_axis_v[i] = feature.axis == "v"
            self.f_outer_high[i] = feature.axis == "north"  # a dormer's front faces away from the ridge
            on_ground = feature.kind in GROUND_FEATURES
            shadows = self.shapes["ground_shadows" if on_ground else "roof_shadows"]
            if feature.kind == "row_shadow":
                self.shapes["features"].add_none()
                shadows.add_ring(corners)
                continue
            self.shapes["features"].add_ring(corners)
            shadows.add_ring(self._sweep(corners, feature.height))
        # Panels.
        panels = layout.panels
        self.p_rect = np.zeros((len(panels) + 1, 4), np.float32)
        self.p_pitch = np.ones((len(panels) + 1, 2), np.float32)
        self.p_mono = np.zeros(len(panels) + 1, bool)
        self.p_bright = np.ones(len(panels) + 1, np.float32)
        self.p_black_frame = np.zeros(len(panels) + 1, bool)
        for i, array in enumerate(panels, start=1):
            r = array.rect
            self.p_rect[i] = (r.u0, r.v0, r.u1, r.v1)
            self.p_pitch[i] = (array.panel_pitch_along, array.panel_pitch_across)
            self.p_mono[i] = array.panel_type == "mono"
            self.p_bright[i] = array.brightness
            self.p_black_frame[i] = array.black_frame
            self.shapes["panels"].add_ring(self._corners(r))
        for marking in layout.markings:
            self.shapes["markings"].add_ring(self._corners(marking))
        for shape_list in self.shapes.values():
            shape_list.freeze()

    def _face_brightness(self, pitch_deg: float, sun: np.ndarray) -> tuple[float, float]:
        pitch = math.radians(pitch_deg)
        low_down = np.array([self.sin_a, -self.cos_a])  # downslope of the face on the low-v side
        values = []
        for down in (low_down, -low_down):
            normal = np.array([math.sin(pitch) * down[0], math.sin(pitch) * down[1], math.cos(pitch)])
            lambert = max(0.0, float(normal @ sun))
            values.append(0.55 + 0.45 * lambert / sun[2])
        return values[0], values[1]

    def _corners(self, rect) -> np.ndarray:
        u = np.array([rect.u0, rect.u1, rect.u1, rect.u0])
        v = np.array([rect.v0, rect.v0, rect.v1, rect.v1])
        return np.column_stack(
            [CENTRE_X + u * self.cos_a - v * self.sin_a, CENTRE_Y + u * self.sin_a + v * self.cos_a]
        )

    def _sweep(self, corners: np.ndarray, height: float) -> np.ndarray:
        """The area a convex footprint's shadow covers: the hull of the footprint and its shifted copy."""
        shifted = corners + np.array([self.shadow_step[0] * height, self.shadow_step[1] * height])
        return _convex_hull(np.concatenate([corners, shifted]))


def _burn(
    scene: _Scene,
    name: str,
    transform,
    shape,
    y_low: float,
    y_high: float,
    dtype="uint16",
    values: str = "index",
) -> np.ndarray:
    """Rasterise the shapes of list ``name`` that reach into the strip: their index + 1, or 1 for a mask."""
    shape_list = scene.shapes[name]
    selected = shape_list.in_strip(y_low, y_high)
    if selected.size == 0:
        return np.zeros(shape, dtype=dtype)
    if values == "index":
        shapes = [(shape_list.shapes[i], int(i) + 1) for i in selected]
    else:
        shapes = [(shape_list.shapes[i], 1) for i in selected]
    return rasterize(shapes, out_shape=shape, transform=transform, fill=0, dtype=dtype)


def _blur(image: np.ndarray) -> np.ndarray:
    """A light [1 2 1] blur in both directions (planar uint8): the softness of a real camera."""
    work = image.astype(np.uint16)
    pairs = work[:, :, :-1] + work[:, :, 1:]
    work[:, :, 1:-1] = (pairs[:, :, :-1] + pairs[:, :, 1:] + 2) >> 2
    pairs = work[:, :-1] + work[:, 1:]
    work[:, 1:-1] = (pairs[:, :-1] + pairs[:, 1:] + 2) >> 2
    return work.astype(np.uint8)


class _Pixels:
    """Flat indices of a set of strip pixels and gathers of per-pixel arrays over them."""

    def __init__(self, mask: np.ndarray):
        self.index = np.flatnonzero(mask)

    def __len__(self) -> int:
        return int(self.index.size)

    def take(self, array: np.ndarray) -> np.ndarray:
        return array.reshape(-1)[self.index]

    def get(self, image: np.ndarray) -> np.ndarray:
        return image.reshape(3, -1)[:, self.index]

    def put(self, image: np.ndarray, values: np.ndarray) -> None:
        image.reshape(3, -1)[:, self.index] = values


def _render_strip(
    scene: _Scene, noise: _Noise, row0: int, rows: int, width: int, x0: float, y_top: float, resolution: float
) -> np.ndarray:
    """One strip as a planar (3, rows, width) uint8 array."""
    layout = scene.layout
    transform = from_origin(x0, y_top - row0 * resolution, resolution, resolution)
    shape = (rows, width)
    y_high = y_top - row0 * resolution
    y_low = y_high - rows * resolution
    xs = (x0 + (np.arange(width) + 0.5) * resolution - CENTRE_X).astype(np.float32)
    ys = (y_high - (np.arange(rows) + 0.5) * resolution - CENTRE_Y).astype(np.float32)
    U = scene.cos_a * xs[None, :] + scene.sin_a * ys[:, None]
    V = -scene.sin_a * xs[None, :] + scene.cos_a * ys[:, None]
    fine = noise.strip(noise.fine, row0, rows, width)
    medium = noise.strip(noise.medium, row0, rows, width, 97)
    coarse = noise.strip(noise.coarse, row0, rows, width, 311)

    # Ground.
    land_id = _burn(scene, "land", transform, shape, y_low, y_high)
    texture = (
        1.0
        + scene.amp_fine[land_id] * fine
        + scene.amp_medium[land_id] * medium
        + scene.amp_coarse[land_id] * coarse
    )
    image = np.empty((3, rows, width), np.float32)
    for channel in range(3):
        np.multiply(scene.land_colour[:, channel][land_id], texture, out=image[channel])
    del texture
    classes = scene.land_class[land_id]
    hue = scene.green_hue[land_id]
    image[0] += hue * (4.0 * coarse + 3.0 * medium)
    image[1] += hue * (3.0 * coarse)
    del hue
    rail = _Pixels(classes == RC_RAIL)
    if len(rail):
        _tracks(image, rail, rail.take(U), rail.take(V) - np.float32(layout.v_rail), rail.take(fine))
    tiles = _Pixels(scene.tiled_ground[classes])
    if len(tiles):
        u, v = tiles.take(U), tiles.take(V)
        size = scene.tile_size[tiles.take(classes)]
        column = u / size
        column_index = np.floor(column)
        # Stretcher bond: every other column of tiles is shifted by half a tile.
        row = v / size + 0.5 * (column_index - 2.0 * np.floor(column_index * 0.5))
        joint = (column - column_index < 0.07 / size) | (row - np.floor(row) < 0.07 / size)
        tiles.index = tiles.index[joint]
        tiles.put(image, tiles.get(image) * np.float32(0.88))
    lot = _Pixels(classes == RC_PARKING_LOT)
    if len(lot):
        stall = _frac(lot.take(U) * np.float32(1 / 2.5)) < 0.04
        lot.put(image, np.where(stall, np.float32(200.0), lot.get(image)))
    markings = _burn(scene, "markings", transform, shape, y_low, y_high, "uint8", "mask")
    paint = _Pixels((markings > 0) & (classes == RC_ASPHALT))
    if len(paint):
        paint.put(image, paint.get(image) * 0.2 + np.float32(176.0))
    del classes, markings, land_id

    # Shadows on the ground (buildings, trees, sheds, cars), then roofs over them.
    building_id = _burn(scene, "buildings", transform, shape, y_low, y_high)
    shadow_mask = _burn(scene, "ground_shadows", transform, shape, y_low, y_high, "uint8", "mask")
    shadow = _Pixels((shadow_mask > 0) & (building_id == 0))
    if len(shadow):
        shadow.put(image, shadow.get(image) * SHADOW_DARKNESS + SHADOW_TINT[:, None])
    roof = _Pixels(building_id > 0)
    if len(roof):
        roof.put(
            image,
            _roof_pixels(
                scene, roof.take(building_id), roof.take(U), roof.take(V), roof.take(fine), roof.take(medium)
            ).T,
        )

    # Roof furniture and ground objects (cars, sheds), then the shadows they cast on roofs.
    feature_id = _burn(scene, "features", transform, shape, y_low, y_high)
    roof_shadow_mask = _burn(scene, "roof_shadows", transform, shape, y_low, y_high, "uint8", "mask")
    roof_shadow = _Pixels((roof_shadow_mask > 0) & (building_id > 0) & (feature_id == 0))
    if len(roof_shadow):
        roof_shadow.put(image, roof_shadow.get(image) * 0.55 + SHADOW_TINT[:, None] * 0.5)
    furniture = _Pixels(feature_id > 0)
    if len(furniture):
        furniture.put(
            image,
            _feature_pixels(
                scene,
                furniture.take(feature_id),
                furniture.take(U),
                furniture.take(V),
                furniture.take(fine),
                furniture.get(image).T,
            ).T,
        )
    del feature_id, roof_shadow_mask, shadow_mask

    # Solar panels.
    panel_id = _burn(scene, "panels", transform, shape, y_low, y_high)
    panels = _Pixels(panel_id > 0)
    if len(panels):
        speckle = noise.strip(noise.speckle, row0, rows, width)
        panels.put(
            image,
            _panel_pixels(
                scene, panels.take(panel_id), panels.take(U), panels.take(V), panels.take(speckle)
            ).T,
        )

    # Tree crowns, over everything.
    tree_id = _burn(scene, "trees", transform, shape, y_low, y_high)
    crown = _Pixels(tree_id > 0)
    if len(crown):
        ids = crown.take(tree_id)
        rows_idx, cols_idx = np.divmod(crown.index, width)
        px = (x0 + (cols_idx + 0.5) * resolution) - scene.t_centre[ids, 0]
        py = (y_high - (rows_idx + 0.5) * resolution) - scene.t_centre[ids, 1]
        radius = scene.t_radius[ids]
        r = np.sqrt(px * px + py * py).astype(np.float32) / radius
        lumpy = crown.take(medium)
        inside = r < 0.94 + 0.12 * lumpy
        sunward = ((px * scene.sun_horizontal[0] + py * scene.sun_horizontal[1]) / radius).astype(np.float32)
        shade = (1.0 + 0.28 * sunward) * (1.0 - 0.38 * r * r) * (1.0 + 0.24 * lumpy + 0.14 * crown.take(fine))
        colour = (scene.t_colour[ids] * shade[:, None]).T
        crown.put(image, np.where(inside[None, :], colour, crown.get(image)))

    np.clip(image, 0, 255, out=image)
    return _blur(image.astype(np.uint8))


def _tracks(image: np.ndarray, rail: _Pixels, u: np.ndarray, dv: np.ndarray, fine: np.ndarray) -> None:
    colour = rail.get(image).T
    sleeper_rows = _frac(u * np.float32(1 / 0.6)) < 0.43
    for offset in RAIL_TRACK_OFFSETS:
        d = np.abs(dv - np.float32(offset))
        ballast = d < 1.7
        colour[ballast] = np.float32([128, 120, 110]) * (1.0 + 0.16 * fine[ballast])[:, None]
        sleeper = (d < 1.3) & sleeper_rows
        colour[sleeper] = np.float32([150, 146, 138])
        steel = np.abs(d - 0.7175) < 0.06
        colour[steel] = np.float32([96, 92, 90])
        shine = np.abs(d - 0.7175) < 0.025
        colour[shine] = np.float32([188, 188, 186])
    rail.put(image, colour.T)


def _roof_pixels(
    scene: _Scene, ids: np.ndarray, u: np.ndarray, v: np.ndarray, fine: np.ndarray, medium: np.ndarray
) -> np.ndarray:
    rect = scene.b_rect[ids]
    material = scene.b_material[ids]
    colour = scene.b_colour[ids]
    slanted = scene.b_slanted[ids]
    shade = np.ones(ids.shape, np.float32)
    # Slanted roofs: two faces either side of the ridge (along u), tile courses parallel to the ridge.
    ridge = (rect[:, 1] + rect[:, 3]) * 0.5
    from_ridge = v - ridge
    low_face = from_ridge < 0
    faces = scene.b_face[ids]
    shade = np.where(slanted, np.where(low_face, faces[:, 0], faces[:, 1]), shade)
    distance = np.abs(from_ridge)
    tiled = np.isin(material, TILED) & slanted
    course_position = distance * np.float32(1 / 0.33)
    course = _frac(course_position) < 0.21
    shade = np.where(tiled & course, shade * 0.86, shade)
    joints = _frac((u + 0.11 * np.floor(course_position)) * np.float32(1 / 0.27)) < 0.185
    shade = np.where(tiled & joints, shade * 0.93, shade)
    ridge_cap = slanted & (distance < 0.14)
    shade = np.where(ridge_cap, shade * 0.85, shade)
    half_depth = (rect[:, 3] - rect[:, 1]) * 0.5
    gutter = slanted & (half_depth - distance < 0.14)
    shade = np.where(gutter, shade * 0.7, shade)
    # Flat roofs: a lighter coping along the edge and a dark strip inside it (parapet shadow).
    edge = np.minimum(np.minimum(u - rect[:, 0], rect[:, 2] - u), np.minimum(v - rect[:, 1], rect[:, 3] - v))
    flat = ~slanted
    shade = np.where(flat & (edge < 0.25), shade * 1.25, shade)
    shade = np.where(flat & (edge >= 0.25) & (edge < 0.45), shade * 0.8, shade)
    # Material textures.
    amplitude = ROOF_FINE_NOISE[material]
    blotch = ROOF_MEDIUM_NOISE[material]
    shade = shade * (1.0 + amplitude * fine + blotch * medium)
    metal = (material == 6) | (material == 7)
    ribs = _frac((v - rect[:, 1]) * np.float32(1 / 0.333)) < 0.21
    shade = np.where(metal & ribs, shade * 1.12, shade)
    bitumen = material == 3
    seams = _frac(u - rect[:, 0]) < 0.06
    shade = np.where(bitumen & seams & flat, shade * 1.10, shade)
    return colour * shade[:, None]


def _feature_pixels(
    scene: _Scene, ids: np.ndarray, u: np.ndarray, v: np.ndarray, fine: np.ndarray, current: np.ndarray
) -> np.ndarray:
    kind = scene.f_kind[ids]
    rect = scene.f_rect[ids]
    colour = scene.f_colour[ids].copy()
    edge = np.minimum(np.minimum(u - rect[:, 0], rect[:, 2] - u), np.minimum(v - rect[:, 1], rect[:, 3] - v))
    width = np.minimum(rect[:, 2] - rect[:, 0], rect[:, 3] - rect[:, 1])
    shade = 1.0 + 0.05 * fine
    # Chimney: dark flue in the middle.
    flue = (kind == 1) & (edge > width * 0.3)
    shade = np.where(flue, shade * 0.45, shade)
    # Dormer: a white fascia on its outer edge.
    outer = np.where(scene.f_outer_high[ids], rect[:, 3] - v, v - rect[:, 1])
    fascia = (kind == 2) & (outer < 0.14)
    colour[fascia] = 215.0
    # Roof window: light frame around dark glass with a soft reflection gradient.
    window = kind == 3
    frame = window & (edge < 0.07)
    colour[frame] = 150.0
    glass = window & ~frame
    shade = np.where(glass, 0.85 + 0.35 * (v - rect[:, 1]) / np.maximum(rect[:, 3] - rect[:, 1], 0.1), shade)
    # Skylight dome: brighter in the middle.
    dome = kind == 4
    shade = np.where(dome, 0.8 + 0.5 * np.clip(edge / np.maximum(width * 0.5, 0.1), 0, 1), shade)
    # Cars: dark windscreen and rear window, a lighter roof.
    car = kind == 7
    along = np.where(
        scene.f_axis_v[ids],
        (v - rect[:, 1]) / np.maximum(rect[:, 3] - rect[:, 1], 0.1),
        (u - rect[:, 0]) / np.maximum(rect[:, 2] - rect[:, 0], 0.1),
    )
    across = np.where(
        scene.f_axis_v[ids],
        (u - rect[:, 0]) / np.maximum(rect[:, 2] - rect[:, 0], 0.1),
        (v - rect[:, 1]) / np.maximum(rect[:, 3] - rect[:, 1], 0.1),
    )
    middle = np.abs(across - 0.5) < 0.36
    windscreen = (along > 0.27) & (along < 0.40)
    rear = (along > 0.74) & (along < 0.83)
    side_windows = (
        (np.abs(across - 0.5) > 0.26) & (np.abs(across - 0.5) < 0.38) & (along > 0.4) & (along < 0.74)
    )
    glass = car & ((middle & (windscreen | rear)) | side_windows)
    colour[glass] = (44.0, 48.0, 54.0)
    # Rounded body: darker towards the long sides.
    shade = np.where(car, shade * (1.0 - 0.5 * np.maximum(np.abs(across - 0.5) - 0.3, 0.0) / 0.2), shade)
    # Hedges: leafy texture.
    shade = np.where(kind == 10, 1.0 + 0.3 * fine, shade)
    # Installations: darker rim.
    shade = np.where((kind == 5) & (edge < 0.1), shade * 0.8, shade)
    result = colour * shade[:, None]
    row_shadow = kind == 8
    result[row_shadow] = current[row_shadow]
    return result


def _panel_pixels(
    scene: _Scene, ids: np.ndarray, u: np.ndarray, v: np.ndarray, speckle: np.ndarray
) -> np.ndarray:
    rect = scene.p_rect[ids]
    pitch = scene.p_pitch[ids]
    along = u - rect[:, 0]
    across = v - rect[:, 1]
    pa = np.mod(along, pitch[:, 0])
    pc = np.mod(across, pitch[:, 1])
    to_edge = np.minimum(np.minimum(pa, pitch[:, 0] - pa), np.minimum(pc, pitch[:, 1] - pc))
    mono = scene.p_mono[ids]
    base_mono = np.float32([24, 28, 40])
    base_poly = np.float32([44, 66, 118])
    colour = np.where(mono[:, None], base_mono, base_poly) * scene.p_bright[ids][:, None]
    # Cells: 6 across the short side of a panel, 10 along the long side.
    cell_a = pitch[:, 0] / np.where(pitch[:, 0] < pitch[:, 1], 6.0, 10.0)
    cell_c = pitch[:, 1] / np.where(pitch[:, 0] < pitch[:, 1], 10.0, 6.0)
    ca = np.mod(pa, cell_a) / cell_a
    cc = np.mod(pc, cell_c) / cell_c
    cell_line = (np.minimum(ca, 1 - ca) < 0.12) | (np.minimum(cc, 1 - cc) < 0.12)
    corner = (np.minimum(ca, 1 - ca) < 0.2) & (np.minimum(cc, 1 - cc) < 0.2)
    cell_index = np.floor(pa / cell_a) * 7 + np.floor(pc / cell_c) * 13 + ids
    cell_tint = np.sin(cell_index * 12.9898).astype(np.float32)
    shade = np.where(mono, 1.0 + 0.04 * speckle, 1.0 + 0.10 * cell_tint + 0.12 * speckle)
    shade = np.where(cell_line, shade * np.where(mono, 1.5, 1.18), shade)
    shade = np.where(mono & corner, shade * 1.6, shade)
    result = colour * shade[:, None]
    # Aluminium frame around every panel.
    frame = to_edge < 0.055
    frame_colour = np.where(
        scene.p_black_frame[ids][:, None], np.float32([30, 32, 36]), np.float32([150, 154, 160])
    )
    result[frame] = result[frame] * 0.45 + frame_colour[frame] * 0.55
    return result


def render_orthophoto(
    district, path: Path, resolution_m: float, seed: int, progress: Callable[[float], None] | None = None
) -> Path:
    """Render the orthophoto of ``district`` to ``path`` (GeoTIFF, see dev/SAMPLE_SCHEMA.md)."""
    xmin, ymin, xmax, ymax = district.layout.extent
    width = int(round((xmax - xmin) / resolution_m))
    height = int(round((ymax - ymin) / resolution_m))
    scene = _Scene(district, seed)
    noise = _Noise(seed)
    profile = {
        "driver": "GTiff",
        "width": width,
        "height": height,
        "count": 3,
        "dtype": "uint8",
        "crs": CRS.from_epsg(28992),
        "transform": from_origin(xmin, ymax, resolution_m, resolution_m),
        "tiled": True,
        "blockxsize": BLOCK_SIZE,
        "blockysize": BLOCK_SIZE,
        "compress": "JPEG",
        "photometric": "YCBCR",
        "jpeg_quality": 90,
        "interleave": "pixel",
        "BIGTIFF": "IF_SAFER",
    }
    path = Path(path)
    # A small block cache makes GDAL compress and flush finished tiles instead of holding the image.
    with rasterio.Env(GDAL_NUM_THREADS=1, GDAL_CACHEMAX=64), rasterio.open(path, "w", **profile) as target:
        for row0 in range(0, height, STRIP_ROWS):
            rows = min(STRIP_ROWS, height - row0)
            strip = _render_strip(scene, noise, row0, rows, width, xmin, ymax, resolution_m)
            target.write(strip, window=Window(0, row0, width, rows))
            if progress is not None:
                progress(0.9 * (row0 + rows) / height)
    factors = [f for f in (2, 4, 8, 16, 32, 64) if min(width, height) // f >= 128]
    overview_options = {
        "COMPRESS_OVERVIEW": "JPEG",
        "PHOTOMETRIC_OVERVIEW": "YCBCR",
        "JPEG_QUALITY_OVERVIEW": 90,
        "INTERLEAVE_OVERVIEW": "PIXEL",
        "GDAL_TIFF_OVR_BLOCKSIZE": BLOCK_SIZE,
        "GDAL_CACHEMAX": 64,
    }
    if factors:
        with rasterio.Env(**overview_options), rasterio.open(path, "r+") as target:
            target.build_overviews(factors, Resampling.average)
            target.update_tags(ns="rio_overview", resampling="average")
    if progress is not None:
        progress(1.0)
    return path
