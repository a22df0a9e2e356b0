"""The sample district's urban layout, designed in a local frame aligned with the railway.

Everything is laid out in a local (u, v) frame: u runs along the railway (WSW-ENE), v across it. Streets,
blocks, buildings, roof parts and panels are axis-aligned rectangles in that frame, which keeps the design
simple and lets the orthophoto renderer compute roof textures from two coordinates per pixel. The frame is
rotated into EPSG:28992 (RD New) only when records are emitted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from shapely import affinity
from shapely.geometry import LineString, Polygon, box
from shapely.ops import unary_union

CENTRE_X = 105200.0
CENTRE_Y = 424300.0
# The railway through Dordrecht's Spoorzone runs roughly WSW-ENE; the street grid follows it.
GRID_ANGLE_DEG = 20.0

RAIL_HALF_WIDTH = 16.0
RAIL_TRACK_OFFSETS = (-9.0, -4.5, 4.5, 9.0)
EMBANKMENT_WIDTH = 7.0
MAIN_ROAD_HALF = 10.0
STREET_HALF = 6.5
CANAL_SLOT_HALF = 17.0

# Sun for shading and shadows: a summer afternoon sun in the SSW, so shadows fall to the NNE.
SUN_AZIMUTH_DEG = 200.0
SUN_ELEVATION_DEG = 45.0

# Render classes of ground surfaces (the renderer's palette is indexed by these).
RC_ASPHALT, RC_CYCLEWAY, RC_SIDEWALK, RC_PARKING, RC_GRASS, RC_ROUGH_GRASS, RC_WATER, RC_RAIL = range(8)
RC_GARDEN_LAWN, RC_GARDEN_TILES, RC_GARDEN_GRAVEL, RC_CONCRETE, RC_SAND, RC_PLAZA, RC_PATH, RC_SHRUBS = range(
    8, 16
)
RC_PARKING_LOT = 16
RENDER_CLASS_COUNT = 17

# BGT-like classification of each render class: (bgt_type, fysiek_voorkomen, cover).
LAND_COVER_CLASSES = {
    RC_ASPHALT: ("wegdeel", "gesloten verharding", "road"),
    RC_CYCLEWAY: ("wegdeel", "gesloten verharding", "road"),
    RC_SIDEWALK: ("wegdeel", "open verharding", "pavement"),
    RC_PARKING: ("wegdeel", "open verharding", "pavement"),
    RC_PARKING_LOT: ("wegdeel", "gesloten verharding", "pavement"),
    RC_GRASS: ("begroeidterreindeel", "groenvoorziening", "green"),
    RC_ROUGH_GRASS: ("begroeidterreindeel", "grasland overig", "green"),
    RC_SHRUBS: ("begroeidterreindeel", "groenvoorziening", "green"),
    RC_WATER: ("waterdeel", "water", "water"),
    RC_RAIL: ("spoor", "spoorbaan", "rail"),
    RC_GARDEN_LAWN: ("onbegroeidterreindeel", "erf", "bare"),
    RC_GARDEN_TILES: ("onbegroeidterreindeel", "erf", "bare"),
    RC_GARDEN_GRAVEL: ("onbegroeidterreindeel", "erf", "bare"),
    RC_CONCRETE: ("onbegroeidterreindeel", "gesloten verharding", "pavement"),
    RC_SAND: ("onbegroeidterreindeel", "zand", "bare"),
    RC_PLAZA: ("onbegroeidterreindeel", "gesloten verharding", "pavement"),
    RC_PATH: ("wegdeel", "open verharding", "pavement"),
}

ROOF_MATERIAL_COLOURS = {
    "red_tiles": [(150, 66, 48), (160, 82, 58), (135, 58, 44), (170, 92, 66)],
    "grey_tiles": [(98, 98, 100), (112, 110, 108), (86, 88, 92)],
    "black_tiles": [(40, 40, 43), (48, 46, 47), (34, 35, 38)],
    "bitumen": [(52, 52, 54), (62, 61, 60), (44, 45, 48)],
    "gravel": [(150, 144, 134), (165, 160, 150), (138, 132, 124)],
    "green_roof": [(92, 104, 60), (104, 96, 62)],
    "metal": [(170, 174, 176), (150, 156, 160), (120, 124, 128)],
    "dark_metal": [(58, 62, 66), (50, 54, 60)],
    "concrete": [(176, 174, 168), (190, 188, 182)],
}
DARK_MATERIALS = frozenset({"black_tiles", "bitumen", "dark_metal"})

TREE_SPECIES = [
    ("Linde (Tilia x europaea)", (54, 82, 40)),
    ("Plataan (Platanus x hispanica)", (66, 90, 46)),
    ("Esdoorn (Acer pseudoplatanus)", (50, 78, 38)),
    ("Es (Fraxinus excelsior)", (62, 86, 44)),
    ("Iep (Ulmus 'Lobel')", (52, 76, 40)),
    ("Zomereik (Quercus robur)", (46, 70, 34)),
    ("Sierpeer (Pyrus calleryana 'Chanticleer')", (70, 92, 52)),
    ("Haagbeuk (Carpinus betulus)", (56, 84, 42)),
]


@dataclass
class Rect:
    """An axis-aligned rectangle in the local frame."""

    u0: float
    v0: float
    u1: float
    v1: float

    @property
    def width_u(self) -> float:
        return self.u1 - self.u0

    @property
    def width_v(self) -> float:
        return self.v1 - self.v0

    @property
    def centre(self) -> tuple[float, float]:
        return (self.u0 + self.u1) / 2.0, (self.v0 + self.v1) / 2.0

    def polygon(self) -> Polygon:
        return box(self.u0, self.v0, self.u1, self.v1)

    def overlaps(self, other: Rect, margin: float = 0.0) -> bool:
        return not (
            self.u1 + margin <= other.u0
            or other.u1 + margin <= self.u0
            or self.v1 + margin <= other.v0
            or other.v1 + margin <= self.v0
        )


@dataclass
class Building:
    rect: Rect
    gebruiksdoel: str
    bouwjaar: int
    maaiveld: float
    eave_height: float  # relative to ground
    ridge_height: float  # relative to ground (equal to eave_height for horizontal roofs)
    dak_type: str
    roof_material: str
    roof_colour: tuple[int, int, int]
    woningen: int = 0
    ridge_axis: str = ""  # "u" or "v" for slanted roofs: the direction the ridge runs
    pitch_deg: float = 0.0
    roof_max_extra: float = 0.0  # installations/parapets above the main roof
    multi_part_height: float = 0.0  # height of the higher part for "multiple horizontal"
    identificatie: str = ""
    bu_code: str = ""
    has_solar: bool = False
    front_high: bool = True  # the street-side facade is the one at the high v coordinate
    # The look of the roof when it differs from the schema's material (dark metal is "metal" in the data).
    render_material: str = ""


@dataclass
class PanelArray:
    building_index: int
    rect: Rect
    panel_type: str  # mono / poly
    rows_axis: str  # "u": panel rows run along u
    panel_pitch_along: float  # plan size of one panel along the rows
    panel_pitch_across: float  # plan size of one panel across the rows
    panel_count: int
    tilted_row: bool  # a tilted row on a flat roof (casts a shadow strip behind it)
    brightness: float = 1.0
    black_frame: bool = False


@dataclass
class RoofFeature:
    kind: str  # chimney, dormer, roof_window, skylight, installation, shed, car, row_shadow
    rect: Rect
    height: float
    colour: tuple[int, int, int]
    axis: str = "u"


@dataclass
class Tree:
    u: float
    v: float
    crown_diameter: float
    height: float
    soort: str
    colour: tuple[int, int, int]
    planting_year: int


@dataclass
class LandPiece:
    geometry: Polygon  # local frame
    render_class: int


@dataclass
class NetworkLine:
    geometry: LineString  # local frame
    road_type: str
    walk: int
    bike: int


@dataclass
class Block:
    rect: Rect
    side: str  # "north" or "south" of the railway
    band: int  # 0 = the band along the main road next to the railway
    zone: str = ""


@dataclass
class Layout:
    """Everything the district is made of, in the local frame (see module docstring)."""

    size_m: float
    extent: tuple[float, float, float, float]
    angle_rad: float
    v_rail: float
    u_main: float
    u_station: float
    u_canal: float
    buildings: list[Building] = field(default_factory=list)
    panels: list[PanelArray] = field(default_factory=list)
    features: list[RoofFeature] = field(default_factory=list)
    trees: list[Tree] = field(default_factory=list)
    land: list[LandPiece] = field(default_factory=list)
    network: list[NetworkLine] = field(default_factory=list)
    markings: list[Rect] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    parks: list[tuple[str, Rect, bool]] = field(default_factory=list)  # name, rect, has canopy
    green_strips: list[tuple[str, Polygon, int]] = field(default_factory=list)  # name, local polygon, public
    amenities: list[tuple[str, str, float, float]] = field(default_factory=list)  # name, category, u, v
    sensors: list[dict] = field(default_factory=list)
    platform: Rect | None = None
    canal: tuple[float, float, float] | None = None  # centre u, start v, end v

    @property
    def affine(self) -> list[float]:
        """Shapely affine matrix local -> RD."""
        cos_a, sin_a = math.cos(self.angle_rad), math.sin(self.angle_rad)
        return [cos_a, -sin_a, sin_a, cos_a, CENTRE_X, CENTRE_Y]

    def to_rd(self, geometry):
        return affinity.affine_transform(geometry, self.affine)

    def point_to_rd(self, u: float, v: float) -> tuple[float, float]:
        cos_a, sin_a = math.cos(self.angle_rad), math.sin(self.angle_rad)
        return CENTRE_X + u * cos_a - v * sin_a, CENTRE_Y + u * sin_a + v * cos_a

    def extent_local(self) -> Polygon:
        cos_a, sin_a = math.cos(self.angle_rad), math.sin(self.angle_rad)
        inverse = [cos_a, sin_a, -sin_a, cos_a, 0.0, 0.0]
        shifted = affinity.translate(box(*self.extent), -CENTRE_X, -CENTRE_Y)
        return affinity.affine_transform(shifted, inverse)


def district_extent(size_m: float) -> tuple[float, float, float, float]:
    half = size_m / 2.0
    return (CENTRE_X - half, CENTRE_Y - half, CENTRE_X + half, CENTRE_Y + half)


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def roof_colour_hex(building: Building) -> str:
    return _hex(building.roof_colour)


class LayoutBuilder:
    """Designs the district from a seeded random generator; call ``build()`` once."""

    def __init__(self, rng: np.random.Generator, size_m: float):
        self.rng = rng
        self.size = size_m
        extent = district_extent(size_m)
        angle = math.radians(GRID_ANGLE_DEG)
        self.half = size_m / 2.0 * (math.cos(angle) + math.sin(angle)) + 30.0
        self.layout = Layout(
            size_m=size_m,
            extent=extent,
            angle_rad=angle,
            v_rail=round(0.04 * size_m, 2),
            u_main=round(-0.12 * size_m, 2),
            u_station=round(0.08 * size_m, 2),
            u_canal=round(0.27 * size_m, 2),
        )
        self.extent_local = self.layout.extent_local()
        self.road_rects: dict[int, list[Rect]] = {}
        self.streets: list[tuple[str, float, float, float]] = []  # axis, centre, start, end
        self.main_roads: list[tuple[str, float]] = []  # axis, centre
        # (axis, centre, half width) of everything a street can cross; the railway runs along u.
        self.crossings: list[tuple[str, float, float]] = [
            ("u", self.layout.v_rail, RAIL_HALF_WIDTH + EMBANKMENT_WIDTH)
        ]

    # ---------------------------------------------------------------- helpers
    def uniform(self, low: float, high: float) -> float:
        return float(self.rng.uniform(low, high))

    def chance(self, probability: float) -> bool:
        return bool(self.rng.random() < probability)

    def pick(self, options):
        return options[int(self.rng.integers(len(options)))]

    def add_ground(self, render_class: int, rect: Rect | Polygon) -> None:
        geometry = rect.polygon() if isinstance(rect, Rect) else rect
        self.road_rects.setdefault(render_class, []).append(geometry)

    def add_line(self, coords, road_type: str, walk: int = 1, bike: int = 1) -> None:
        self.layout.network.append(NetworkLine(LineString(coords), road_type, walk, bike))

    def colour_for(self, material: str) -> tuple[int, int, int]:
        base = self.pick(ROOF_MATERIAL_COLOURS[material])
        # Mostly brighter or darker; a per-channel shift would turn dark greys purple or green.
        jitter = int(self.rng.integers(-7, 8)) + self.rng.integers(-1, 2, size=3)
        return tuple(min(255, max(0, int(c + j))) for c, j in zip(base, jitter))

    # ---------------------------------------------------------------- build
    def build(self) -> Layout:
        self._streets_and_blocks()
        self._assign_zones()
        for block in self.layout.blocks:
            getattr(self, f"_block_{block.zone}")(block)
        self._street_trees()
        self._parked_cars()
        self._land_cover()
        self._amenities_and_sensors()
        return self.layout

    def _streets_and_blocks(self) -> None:
        layout, half = self.layout, self.half
        v_rail = layout.v_rail
        # Railway corridor with a green embankment on both sides and an island platform at the station.
        self.add_ground(RC_RAIL, Rect(-half, v_rail - RAIL_HALF_WIDTH, half, v_rail + RAIL_HALF_WIDTH))
        layout.platform = Rect(layout.u_station - 130, v_rail - 2.6, layout.u_station + 130, v_rail + 2.6)
        self.add_ground(RC_PLAZA, layout.platform)
        for sign in (1, -1):
            near = v_rail + sign * RAIL_HALF_WIDTH
            far = near + sign * EMBANKMENT_WIDTH
            strip = Rect(-half, min(near, far), half, max(near, far))
            self.add_ground(RC_ROUGH_GRASS, strip)
            layout.green_strips.append(
                (f"Spoorzone groenstrook {'noord' if sign > 0 else 'zuid'}", strip.polygon(), 1)
            )
        # Two main roads along the railway and one main road crossing it (through an underpass).
        offset = RAIL_HALF_WIDTH + EMBANKMENT_WIDTH + MAIN_ROAD_HALF
        self.main_road_vs = (v_rail + offset, v_rail - offset)
        for v_main in self.main_road_vs:
            self._main_road("u", v_main, -half, half)
        self._main_road("v", layout.u_main, -half, half)
        # Pedestrian and cycle tunnel at the station.
        self.add_line(
            [(layout.u_station, self.main_road_vs[1]), (layout.u_station, self.main_road_vs[0])],
            "footway",
            1,
            1,
        )

        # Bands of blocks across v, separated by residential streets along u.
        bands = {"north": [], "south": []}
        for side, sign in (("north", 1), ("south", -1)):
            edge = self.main_road_vs[0 if sign > 0 else 1] + sign * MAIN_ROAD_HALF
            while abs(edge) < half:
                depth = self.uniform(56.0, 74.0)
                far = edge + sign * depth
                bands[side].append((min(edge, far), max(edge, far)))
                street_v = far + sign * STREET_HALF
                self._street("u", street_v, -half, half)
                edge = street_v + sign * STREET_HALF
        # Residential streets along v (one per side replaced by the canal in the south).
        for side, sign in (("north", 1), ("south", -1)):
            start = self.main_road_vs[0 if sign > 0 else 1] + sign * MAIN_ROAD_HALF
            for direction in (1, -1):
                u = layout.u_main + direction * MAIN_ROAD_HALF
                lines = []
                while abs(u) < half:
                    length = self.uniform(72.0, 118.0)
                    block_end = u + direction * length
                    canal_here = (
                        side == "south"
                        and direction > 0
                        and block_end >= layout.u_canal - 45
                        and not any(kind == "canal" for _, kind in lines)
                    )
                    slot_half = CANAL_SLOT_HALF if canal_here else STREET_HALF
                    centre = block_end + direction * slot_half
                    if canal_here:
                        layout.u_canal = centre
                    lines.append((centre, "canal" if canal_here else "street"))
                    for v0, v1 in bands[side]:
                        lo, hi = sorted((u, block_end))
                        self.layout.blocks.append(Block(Rect(lo, v0, hi, v1), side, 0))
                    u = centre + direction * slot_half
                for centre, kind in lines:
                    far = sign * half
                    if kind == "canal":
                        self._canal(centre, min(start, far), max(start, far))
                    else:
                        self._street("v", centre, min(start, far), max(start, far))
        for block in self.layout.blocks:
            band_list = bands[block.side]
            block.band = next(i for i, (v0, v1) in enumerate(band_list) if v0 == block.rect.v0)

    def _main_road(self, axis: str, centre: float, start: float, end: float) -> None:
        def rect(lo: float, hi: float) -> Rect:
            return (
                Rect(start, centre + lo, end, centre + hi)
                if axis == "u"
                else Rect(centre + lo, start, centre + hi, end)
            )

        def line(offset: float):
            if axis == "u":
                return [(start, centre + offset), (end, centre + offset)]
            return [(centre + offset, start), (centre + offset, end)]

        self.add_ground(RC_ASPHALT, rect(-4.0, 4.0))
        for sign in (1, -1):
            self.add_ground(RC_GRASS, rect(*sorted((sign * 4.0, sign * 5.0))))
            self.add_ground(RC_CYCLEWAY, rect(*sorted((sign * 5.0, sign * 7.5))))
            self.add_ground(RC_SIDEWALK, rect(*sorted((sign * 7.5, sign * 10.0))))
            self.add_line(line(sign * 6.25), "cycleway", 0, 1)
            self.add_line(line(sign * 8.75), "footway", 1, 0)
        self.add_line(line(0.0), "primary", 0, 0)
        # Dashed centre line and edge lines, for the orthophoto.
        step = 9.0
        position = start
        while position < end:
            if axis == "u":
                self.layout.markings.append(Rect(position, centre - 0.07, position + 3.0, centre + 0.07))
            else:
                self.layout.markings.append(Rect(centre - 0.07, position, centre + 0.07, position + 3.0))
            position += step
        self.main_roads.append((axis, centre))
        self.crossings.append((axis, centre, MAIN_ROAD_HALF))

    def _street(self, axis: str, centre: float, start: float, end: float) -> None:
        def rect(lo: float, hi: float) -> Rect:
            return (
                Rect(start, centre + lo, end, centre + hi)
                if axis == "u"
                else Rect(centre + lo, start, centre + hi, end)
            )

        self.add_ground(RC_ASPHALT if self.chance(0.6) else RC_PARKING, rect(-2.75, 2.75))
        for sign in (1, -1):
            self.add_ground(RC_PARKING, rect(*sorted((sign * 2.75, sign * 4.75))))
            self.add_ground(RC_SIDEWALK, rect(*sorted((sign * 4.75, sign * STREET_HALF))))
        coords = [(start, centre), (end, centre)] if axis == "u" else [(centre, start), (centre, end)]
        self.add_line(coords, "residential")
        self.streets.append((axis, centre, start, end))
        self.crossings.append((axis, centre, STREET_HALF))

    def _canal(self, centre: float, start: float, end: float) -> None:
        layout = self.layout
        self.add_ground(RC_WATER, Rect(centre - 7.0, start, centre + 7.0, end))
        for sign in (1, -1):
            bank = Rect(
                min(centre + sign * 7.0, centre + sign * 10.0),
                start,
                max(centre + sign * 7.0, centre + sign * 10.0),
                end,
            )
            self.add_ground(RC_GRASS, bank)
            layout.green_strips.append((f"Singeloever {'oost' if sign > 0 else 'west'}", bank.polygon(), 1))
            lo, hi = sorted((centre + sign * 10.0, centre + sign * 14.5))
            self.add_ground(RC_ASPHALT, Rect(lo, start, hi, end))
            lo, hi = sorted((centre + sign * 14.5, centre + sign * CANAL_SLOT_HALF))
            self.add_ground(RC_SIDEWALK, Rect(lo, start, hi, end))
            self.add_line([(centre + sign * 12.25, start), (centre + sign * 12.25, end)], "residential")
        layout.canal = (centre, start, end)
        self.crossings.append(("v", centre, CANAL_SLOT_HALF))

    def _assign_zones(self) -> None:
        layout, size = self.layout, self.size
        inside = [b for b in layout.blocks if self.extent_local.contains(b.rect.polygon())]
        candidates = inside or layout.blocks
        taken: set[int] = set()

        def nearest(u: float, v: float, min_area: float = 0.0) -> Block | None:
            options = [
                b for b in candidates if id(b) not in taken and b.rect.width_u * b.rect.width_v >= min_area
            ]
            if not options:
                options = [b for b in candidates if id(b) not in taken]
            if not options:
                return None
            best = min(options, key=lambda b: (b.rect.centre[0] - u) ** 2 + (b.rect.centre[1] - v) ** 2)
            taken.add(id(best))
            return best

        specials = [
            ("station", layout.u_station, self.main_road_vs[0] + 35, 0.0),
            ("park_canopy", 0.05 * size, -0.28 * size, 6000.0),
            ("park", -0.33 * size, 0.3 * size, 5500.0),
            ("school", -0.3 * size, -0.22 * size, 0.0),
            ("services", 0.22 * size, 0.25 * size, 0.0),
            ("church", -0.05 * size, 0.22 * size, 0.0),
        ]
        for zone, u, v, min_area in specials:
            block = nearest(u, v, min_area)
            if block is not None:
                block.zone = zone
        for block in layout.blocks:
            if block.zone:
                continue
            u, _ = block.rect.centre
            if block.side == "north" and block.band == 0 and abs(u - layout.u_station) < 0.25 * size:
                block.zone = "offices"
            elif block.side == "south" and u > layout.u_canal and block.band <= 1:
                block.zone = "industrial"
            elif block.band == 0:
                block.zone = "mixed"
            else:
                block.zone = self.pick(
                    ["flats", "flats", "terraced", "terraced", "green_court", "green_court"]
                )

    # ---------------------------------------------------------------- buildings
    def _add_building(self, building: Building) -> int:
        self.layout.buildings.append(building)
        return len(self.layout.buildings) - 1

    def _ground_level(self) -> float:
        return min(0.5, max(-0.5, float(self.rng.normal(0.05, 0.18))))

    def _terrace_row(
        self,
        block: Block,
        u_start: float,
        u_end: float,
        front_v: float,
        back_sign: int,
        use: str = "woonfunctie",
    ) -> list[int]:
        """A row of terraced houses whose front facade lies at ``front_v``; the house extends to
        ``back_sign`` (+1: towards +v). Returns the building indices."""
        indices = []
        u = u_start
        ground = self._ground_level()
        depth = self.uniform(8.5, 10.5)
        v_lo, v_hi = sorted((front_v, front_v + back_sign * depth))
        while u < u_end - 4.5:
            count = int(self.rng.integers(4, 12))
            width = self.uniform(5.4, 7.2) if use == "woonfunctie" else self.uniform(7.0, 11.0)
            era = self.pick([(1905, 1935), (1925, 1940), (1950, 1968), (1975, 1995)])
            year = int(self.rng.integers(*era))
            material = self.pick(["red_tiles", "red_tiles", "grey_tiles", "grey_tiles", "black_tiles"])
            eave = self.uniform(5.6, 6.6) + (2.8 if self.chance(0.15) else 0.0)
            pitch = self.uniform(38.0, 48.0)
            colour = self.colour_for(material)
            for _ in range(count):
                if u + width > u_end:
                    break
                own_material, own_colour = material, colour
                if self.chance(0.08):  # a renovated roof breaks the row's uniformity
                    own_material = self.pick(["red_tiles", "grey_tiles", "black_tiles"])
                    own_colour = self.colour_for(own_material)
                ridge = eave + depth / 2.0 * math.tan(math.radians(pitch))
                indices.append(
                    self._add_building(
                        Building(
                            rect=Rect(u, v_lo, u + width, v_hi),
                            gebruiksdoel=use,
                            bouwjaar=year,
                            maaiveld=ground + self.uniform(-0.04, 0.04),
                            eave_height=eave,
                            ridge_height=ridge,
                            dak_type="slanted",
                            roof_material=own_material,
                            roof_colour=own_colour,
                            woningen=1 if use == "woonfunctie" else 0,
                            ridge_axis="u",
                            pitch_deg=pitch,
                            roof_max_extra=0.6 if self.chance(0.3) else 0.0,
                            front_high=back_sign < 0,
                        )
                    )
                )
                u += width
            u += self.pick([0.0, 0.0, 1.2, 2.5, 4.0])
        return indices

    def _gardens(self, block: Block, houses: list[int], towards_v: float, front_v: float) -> None:
        """Back gardens from each house to ``towards_v`` and front gardens to ``front_v``."""
        for index in houses:
            rect = self.layout.buildings[index].rect
            if towards_v > rect.v1:
                back = Rect(rect.u0, rect.v1, rect.u1, towards_v)
                front = Rect(rect.u0, front_v, rect.u1, rect.v0) if front_v < rect.v0 - 0.01 else None
            else:
                back = Rect(rect.u0, towards_v, rect.u1, rect.v0)
                front = Rect(rect.u0, rect.v1, rect.u1, front_v) if front_v > rect.v1 + 0.01 else None
            kind = self.pick(
                [RC_GARDEN_LAWN, RC_GARDEN_LAWN, RC_GARDEN_TILES, RC_GARDEN_TILES, RC_GARDEN_GRAVEL]
            )
            if back.width_v > 0.5:
                away = 1 if towards_v > rect.v1 else -1
                self.block_pieces.append(LandPiece(back.polygon(), kind))
                if kind != RC_GARDEN_TILES and back.width_v > 6:
                    # A paved terrace behind the house (a later piece lies on top of the garden).
                    near_v = rect.v1 if away > 0 else rect.v0
                    low, high = sorted((near_v, near_v + away * self.uniform(2.0, 4.0)))
                    self.block_pieces.append(
                        LandPiece(Rect(rect.u0, low, rect.u1, high).polygon(), RC_GARDEN_TILES)
                    )
                self._garden_boundaries(rect, back, away)
                if back.width_v > 7 and self.chance(0.55):
                    # A garden shed at the far end of the garden.
                    far_v = back.v1 if towards_v > rect.v1 else back.v0
                    shed_depth = self.uniform(2.0, 3.0)
                    shed_w = min(rect.width_u - 1.0, self.uniform(2.0, 3.2))
                    lo, hi = sorted(
                        (
                            far_v - np.sign(towards_v - rect.v1) * 0.3,
                            far_v - np.sign(towards_v - rect.v1) * (0.3 + shed_depth),
                        )
                    )
                    material = self.pick(["bitumen", "metal", "red_tiles", "green_roof"])
                    self.layout.features.append(
                        RoofFeature(
                            "shed",
                            Rect(rect.u0 + 0.6, lo, rect.u0 + 0.6 + shed_w, hi),
                            2.4,
                            self.colour_for(material),
                        )
                    )
                if self.chance(0.25):
                    tree_v = back.centre[1]
                    self._tree(rect.centre[0], tree_v, self.uniform(3.0, 6.0))
            if front is not None:
                self.block_pieces.append(
                    LandPiece(front.polygon(), self.pick([RC_GARDEN_LAWN, RC_GARDEN_TILES]))
                )

    def _garden_boundaries(self, house: Rect, garden: Rect, away: int) -> None:
        """A fence or hedge between neighbouring gardens and, mostly, one at the back of the garden."""
        features = self.layout.features
        if self.chance(0.3):
            features.append(
                RoofFeature(
                    "hedge",
                    Rect(house.u0, garden.v0, house.u0 + 0.5, garden.v1),
                    1.5,
                    self.pick([(46, 70, 36), (52, 76, 40), (42, 62, 34)]),
                )
            )
        else:
            features.append(
                RoofFeature(
                    "fence",
                    Rect(house.u0, garden.v0, house.u0 + 0.12, garden.v1),
                    1.8,
                    self.pick([(112, 92, 70), (96, 90, 84), (84, 66, 50)]),
                )
            )
        if self.chance(0.7):
            far = garden.v1 if away > 0 else garden.v0
            low, high = sorted((far, far - away * 0.12))
            features.append(RoofFeature("fence", Rect(house.u0, low, house.u1, high), 1.8, (100, 84, 66)))

    def _block_terraced(self, block: Block, front_row_use: str = "woonfunctie") -> None:
        rect = block.rect
        middle = (rect.v0 + rect.v1) / 2.0 + self.uniform(-2.0, 2.0)
        self.block_pieces = []
        for front_v, back_sign, use in ((rect.v1, -1, "woonfunctie"), (rect.v0, 1, front_row_use)):
            front_garden = self.pick([0.0, 0.0, 1.5, 2.5, 3.5])
            facade = front_v + back_sign * front_garden
            corner = self.pick([0.0, 2.0, 6.0])
            houses = self._terrace_row(block, rect.u0 + corner, rect.u1 - corner, facade, back_sign, use)
            self._gardens(block, houses, middle, front_v)
        self._finish_block(block, RC_GARDEN_TILES)

    def _block_green_court(self, block: Block) -> None:
        """One row of houses facing a public green court (a 'hofje') with a few trees."""
        rect = block.rect
        self.block_pieces = []
        middle = rect.v0 + rect.width_v * 0.55
        houses = self._terrace_row(
            block, rect.u0 + 2.0, rect.u1 - 2.0, rect.v1 - self.pick([0.0, 1.5, 2.5]), -1
        )
        self._gardens(block, houses, middle, rect.v1)
        court = Rect(rect.u0 + 1.0, rect.v0 + 1.0, rect.u1 - 1.0, middle - 1.0)
        self.layout.green_strips.append((f"Hofje {len(self.layout.green_strips) + 1}", court.polygon(), 1))
        for _ in range(int(self.rng.integers(3, 8))):
            self._tree(
                self.uniform(court.u0 + 3, court.u1 - 3),
                self.uniform(court.v0 + 3, court.v1 - 3),
                self.uniform(5.0, 11.0),
            )
        self.block_pieces.append(
            LandPiece(Rect(court.u0, court.v0, court.u1, court.v0 + 2.0).polygon(), RC_PATH)
        )
        self._finish_block(block, RC_GRASS)

    def _block_mixed(self, block: Block) -> None:
        # Shops with homes above line the main roads; houses behind.
        first = len(self.layout.buildings)
        self._block_terraced(block, front_row_use="winkelfunctie")
        for building in self.layout.buildings[first:]:
            if (
                building.gebruiksdoel == "winkelfunctie"
                and building.dak_type == "slanted"
                and self.chance(0.5)
            ):
                building.dak_type = "horizontal"
                building.ridge_axis = ""
                building.eave_height = building.ridge_height = self.uniform(7.5, 10.5)
                building.roof_material = self.pick(["bitumen", "gravel", "bitumen"])
                building.roof_colour = self.colour_for(building.roof_material)
                building.roof_max_extra = self.uniform(0.3, 1.2)

    def _flat(
        self,
        rect: Rect,
        use: str,
        floors: int,
        material: str,
        year: int,
        homes_per_floor: int = 0,
        floor_height: float = 3.0,
    ) -> int:
        height = floors * floor_height + self.uniform(0.3, 1.0)
        return self._add_building(
            Building(
                rect=rect,
                gebruiksdoel=use,
                bouwjaar=year,
                maaiveld=self._ground_level(),
                eave_height=height,
                ridge_height=height,
                dak_type="horizontal",
                roof_material=material,
                roof_colour=self.colour_for(material),
                woningen=floors * homes_per_floor,
                roof_max_extra=self.uniform(0.4, 2.5),
            )
        )

    def _block_flats(self, block: Block) -> None:
        rect = block.rect
        self.block_pieces = []
        year = int(self.rng.integers(1955, 1975))
        tall = self.chance(0.35)
        for lo_side in (True, False):
            depth = self.uniform(10.0, 12.0)
            v_lo = rect.v0 + 7.0 if lo_side else rect.v1 - 7.0 - depth
            margin = self.uniform(6.0, 14.0)
            length = rect.width_u - 2 * margin
            segments = 2 if length > 60 else 1
            seg_len = (length - (segments - 1) * 4.0) / segments
            for s in range(segments):
                u0 = rect.u0 + margin + s * (seg_len + 4.0)
                floors = int(self.rng.integers(8, 11)) if tall else int(self.rng.integers(3, 5))
                material = self.pick(["bitumen", "gravel", "bitumen", "gravel", "green_roof"])
                self._flat(
                    Rect(u0, v_lo, u0 + seg_len, v_lo + depth),
                    "woonfunctie",
                    floors,
                    material,
                    year,
                    homes_per_floor=max(2, int(seg_len / 7.5)),
                )
            parking = (
                Rect(rect.u0, rect.v0, rect.u1, rect.v0 + 5.0)
                if lo_side
                else Rect(rect.u0, rect.v1 - 5.0, rect.u1, rect.v1)
            )
            self.block_pieces.append(LandPiece(parking.polygon(), RC_PARKING_LOT))
            self._cars_in(parking, axis="v")
        inner = Rect(rect.u0 + 3, rect.v0 + 20, rect.u1 - 3, rect.v1 - 20)
        if inner.width_v > 4:
            for _ in range(int(self.rng.integers(2, 6))):
                self._tree(
                    self.uniform(inner.u0, inner.u1), self.uniform(inner.v0, inner.v1), self.uniform(5, 10)
                )
        self.layout.green_strips.append(
            (f"Plantsoen {len(self.layout.green_strips) + 1}", inner.polygon(), 1)
        )
        self._finish_block(block, RC_GRASS)

    def _block_offices(self, block: Block) -> None:
        rect = block.rect
        self.block_pieces = []
        u = rect.u0 + 4.0
        while u < rect.u1 - 20:
            width = min(self.uniform(22.0, 42.0), rect.u1 - 4.0 - u)
            if width < 15:
                break
            depth = min(self.uniform(15.0, 26.0), rect.width_v - 8.0)
            v0 = rect.v0 + self.uniform(3.0, rect.width_v - depth - 3.0)
            floors = int(self.rng.integers(4, 12))
            material = self.pick(["gravel", "bitumen", "concrete", "green_roof", "bitumen"])
            index = self._flat(
                Rect(u, v0, u + width, v0 + depth),
                "kantoorfunctie",
                floors,
                material,
                int(self.rng.integers(1985, 2020)),
                floor_height=3.6,
            )
            building = self.layout.buildings[index]
            building.dak_type = "multiple horizontal"
            building.multi_part_height = building.eave_height + self.uniform(2.5, 4.5)
            self.layout.features.append(
                RoofFeature(
                    "installation",
                    Rect(u + width * 0.3, v0 + depth * 0.3, u + width * 0.6, v0 + depth * 0.65),
                    building.multi_part_height - building.eave_height,
                    self.colour_for("concrete"),
                )
            )
            u += width + self.uniform(6.0, 14.0)
        self._finish_block(block, RC_PLAZA)

    def _block_station(self, block: Block) -> None:
        rect, layout = block.rect, self.layout
        self.block_pieces = []
        width = min(70.0, rect.width_u - 10)
        u0 = layout.u_station - width / 2
        u0 = min(max(u0, rect.u0 + 4), rect.u1 - 4 - width)
        station = self._flat(
            Rect(u0, rect.v0 + 6, u0 + width, rect.v0 + 24),
            "overige gebruiksfunctie",
            2,
            "metal",
            1950,
            floor_height=5.0,
        )
        layout.buildings[station].roof_colour = (150, 152, 150)
        layout.amenities.append(("Station Dordrecht", "pt_stop", u0 + width / 2, rect.v0 + 2))
        # Platform canopy over the island platform.
        platform = layout.platform
        layout.buildings.append(
            Building(
                rect=Rect(platform.u0 + 20, platform.v0 + 0.4, platform.u1 - 20, platform.v1 - 0.4),
                gebruiksdoel="overige gebruiksfunctie",
                bouwjaar=1985,
                maaiveld=self._ground_level(),
                eave_height=4.2,
                ridge_height=4.2,
                dak_type="horizontal",
                roof_material="metal",
                roof_colour=(178, 180, 178),
                roof_max_extra=0.2,
            )
        )
        office_u = u0 + width + 8 if rect.u1 - (u0 + width + 8) > 24 else rect.u0 + 4
        office_w = min(30.0, rect.u1 - 4 - office_u)
        if office_w > 15:
            index = self._flat(
                Rect(office_u, rect.v1 - 26, office_u + office_w, rect.v1 - 4),
                "kantoorfunctie",
                9,
                "gravel",
                2008,
                floor_height=3.6,
            )
            layout.buildings[index].dak_type = "multiple horizontal"
            layout.buildings[index].multi_part_height = layout.buildings[index].eave_height + 3.5
        bike_parking = Rect(rect.u0 + 2, rect.v0 + 2, u0 - 4, rect.v0 + 12)
        if bike_parking.width_u > 4:
            self.block_pieces.append(LandPiece(bike_parking.polygon(), RC_PARKING_LOT))
        self._finish_block(block, RC_PLAZA)

    def _block_industrial(self, block: Block) -> None:
        rect = block.rect
        self.block_pieces = []
        u = rect.u0 + 5.0
        while u < rect.u1 - 25:
            width = min(self.uniform(28.0, 55.0), rect.u1 - 5.0 - u)
            if width < 20:
                break
            depth = min(self.uniform(22.0, 40.0), rect.width_v - 10.0)
            v0 = rect.v0 + self.uniform(4.0, rect.width_v - depth - 4.0)
            material = self.pick(["metal", "metal", "dark_metal"])
            index = self._flat(
                Rect(u, v0, u + width, v0 + depth),
                "industriefunctie",
                1,
                material,
                int(self.rng.integers(1960, 2010)),
                floor_height=self.uniform(7.0, 11.0),
            )
            self.layout.buildings[index].roof_material = "metal"  # dark metal is still metal in the schema
            self.layout.buildings[index].roof_max_extra = self.uniform(0.2, 0.8)
            self.layout.buildings[index].render_material = material
            u += width + self.uniform(8.0, 16.0)
        self._finish_block(block, RC_CONCRETE)

    def _block_school(self, block: Block) -> None:
        rect, layout = block.rect, self.layout
        self.block_pieces = []
        main = Rect(rect.u0 + 8, rect.v1 - 22, min(rect.u1 - 8, rect.u0 + 68), rect.v1 - 8)
        self._flat(main, "onderwijsfunctie", 2, "gravel", 1972, floor_height=3.8)
        wing = Rect(main.u0, rect.v0 + 10, main.u0 + 14, main.v0 - 0.0)
        if wing.width_v > 8:
            self._flat(wing, "onderwijsfunctie", 1, "bitumen", 1998, floor_height=4.0)
        yard = Rect(wing.u1 + 2, rect.v0 + 4, rect.u1 - 4, main.v0 - 3)
        if yard.width_u > 6 and yard.width_v > 6:
            self.block_pieces.append(LandPiece(yard.polygon(), RC_PLAZA))
            sand = Rect(yard.u1 - 12, yard.v0 + 2, yard.u1 - 2, yard.v0 + 10)
            self.block_pieces.append(LandPiece(sand.polygon(), RC_SAND))
            layout.amenities.append(("Speelplaats De Spoorzoeker", "playground", *sand.centre))
        layout.amenities.append(("Basisschool De Spoorzoeker", "primary_school", *main.centre))
        layout.green_strips.append(
            (
                "Schooltuin De Spoorzoeker",
                Rect(rect.u0 + 1, rect.v0 + 1, wing.u0 - 0.5, rect.v1 - 1).polygon(),
                0,
            )
        )
        self._finish_block(block, RC_GRASS)

    def _block_services(self, block: Block) -> None:
        rect, layout = block.rect, self.layout
        self.block_pieces = []
        market = Rect(rect.u0 + 6, rect.v1 - 34, rect.u0 + 6 + min(48.0, rect.width_u * 0.55), rect.v1 - 4)
        self._flat(market, "winkelfunctie", 1, "bitumen", 2003, floor_height=6.0)
        layout.amenities.append(("Supermarkt Spoorzone", "supermarket", *market.centre))
        gp = Rect(market.u1 + 6, rect.v1 - 20, min(market.u1 + 28, rect.u1 - 4), rect.v1 - 5)
        if gp.width_u > 10:
            self._flat(gp, "gezondheidszorgfunctie", 2, "gravel", 2011, floor_height=3.4)
            layout.amenities.append(("Huisartsenpraktijk Spoorzone", "gp", *gp.centre))
        else:
            layout.amenities.append(("Huisartsenpraktijk Spoorzone", "gp", *market.centre))
        lot = Rect(rect.u0 + 4, rect.v0 + 4, rect.u1 - 4, market.v0 - 3)
        if lot.width_v > 5:
            self.block_pieces.append(LandPiece(lot.polygon(), RC_PARKING_LOT))
            self._cars_in(lot, axis="v", occupancy=0.6)
        self._finish_block(block, RC_PLAZA)

    def _block_church(self, block: Block) -> None:
        rect, layout = block.rect, self.layout
        self.block_pieces = []
        u0 = rect.centre[0] - 18
        church = Rect(u0, rect.centre[1] - 8, u0 + 36, rect.centre[1] + 8)
        layout.buildings.append(
            Building(
                rect=church,
                gebruiksdoel="bijeenkomstfunctie",
                bouwjaar=1928,
                maaiveld=self._ground_level(),
                eave_height=8.5,
                ridge_height=8.5 + 8 * math.tan(math.radians(50)),
                dak_type="slanted",
                roof_material="grey_tiles",
                roof_colour=(88, 90, 96),
                ridge_axis="u",
                pitch_deg=50.0,
                roof_max_extra=12.0,
            )
        )
        self._finish_block(block, RC_GRASS)
        layout.green_strips.append(
            ("Kerkplein", Rect(rect.u0 + 1, rect.v0 + 1, rect.u1 - 1, church.v0 - 1).polygon(), 1)
        )

    def _block_park(self, block: Block, name: str = "Vogelplantsoen", canopy: bool = False) -> None:
        rect, layout = block.rect, self.layout
        self.block_pieces = []
        layout.parks.append((name, rect, canopy))
        uc, vc = rect.centre
        # Paths crossing the park, linked to the street centre lines around it.
        self.block_pieces.append(LandPiece(Rect(uc - 1.5, rect.v0, uc + 1.5, rect.v1).polygon(), RC_PATH))
        self.block_pieces.append(LandPiece(Rect(rect.u0, vc - 1.5, rect.u1, vc + 1.5).polygon(), RC_PATH))
        self.add_line([(uc, rect.v0 - STREET_HALF - 4), (uc, rect.v1 + STREET_HALF + 4)], "path")
        self.add_line([(rect.u0 - STREET_HALF - 4, vc), (rect.u1 + STREET_HALF + 4, vc)], "path")
        play = Rect(uc + 6, vc + 5, uc + 18, vc + 15)
        self.block_pieces.append(LandPiece(play.polygon(), RC_SAND))
        layout.amenities.append((f"Speeltuin {name}", "playground", *play.centre))
        layout.amenities.append((name, "park", uc, vc))
        shrubs = Rect(rect.u0 + 2, rect.v0 + 2, rect.u0 + 12, rect.v0 + 9)
        self.block_pieces.append(LandPiece(shrubs.polygon(), RC_SHRUBS))
        trees = 34 if canopy else 12
        placed = 0
        for _ in range(trees * 4):
            if placed >= trees:
                break
            u = self.uniform(rect.u0 + 4, rect.u1 - 4)
            v = self.uniform(rect.v0 + 4, rect.v1 - 4)
            if abs(u - uc) < 4 or abs(v - vc) < 4 or play.overlaps(Rect(u - 3, v - 3, u + 3, v + 3)):
                continue
            if any((t.u - u) ** 2 + (t.v - v) ** 2 < 36 for t in layout.trees[-placed:] if placed):
                continue
            self._tree(u, v, self.uniform(7.0, 14.0) if canopy else self.uniform(4.0, 10.0))
            placed += 1
        if canopy:
            pond = Rect(rect.u0 + 6, vc + 5, uc - 6, min(vc + 16, rect.v1 - 5))
            if pond.width_u > 6:
                self.block_pieces.append(LandPiece(pond.polygon(), RC_WATER))
        self._finish_block(block, RC_GRASS)

    def _block_park_canopy(self, block: Block) -> None:
        self._block_park(block, name="Weizigtpark", canopy=True)

    def _finish_block(self, block: Block, rest_class: int) -> None:
        """Land cover of a block: its explicit pieces, the rest of the block in ``rest_class``."""
        rect_poly = block.rect.polygon()
        claimed = None
        # Later pieces lie on top of earlier ones (a sandpit in a schoolyard): subtract what comes after.
        for piece in reversed(self.block_pieces):
            geometry = piece.geometry.intersection(rect_poly)
            if claimed is not None:
                geometry = geometry.difference(claimed)
            claimed = piece.geometry if claimed is None else claimed.union(piece.geometry)
            if not geometry.is_empty and geometry.area > 1e-6:
                self.layout.land.append(LandPiece(geometry, piece.render_class))
        rest = rect_poly.difference(claimed) if claimed is not None else rect_poly
        if not rest.is_empty:
            self.layout.land.append(LandPiece(rest, rest_class))
        self.block_pieces = []

    # ---------------------------------------------------------------- trees and cars
    def _tree(self, u: float, v: float, crown: float) -> None:
        name, colour = self.pick(TREE_SPECIES)
        jitter = self.rng.integers(-8, 9, size=3)
        colour = tuple(min(255, max(0, int(c + j))) for c, j in zip(colour, jitter))
        height = crown * self.uniform(1.1, 1.6) + 1.5
        age = int(min(90.0, max(3.0, crown * 4.5 + float(self.rng.normal(0, 5)))))
        self.layout.trees.append(Tree(u, v, round(crown, 2), round(height, 2), name, colour, 2020 - age))

    def _street_trees(self) -> None:
        for axis, centre, start, end in self.streets:
            if not self.chance(0.45):
                continue
            spacing = self.uniform(11.0, 16.0)
            crown = self.uniform(4.0, 8.0)
            for sign in (1, -1):
                position = start + self.uniform(2.0, spacing)
                while position < end:
                    offset = centre + sign * 3.75
                    u, v = (position, offset) if axis == "u" else (offset, position)
                    if not self._in_crossing(axis, position, 2.0):
                        self._tree(u, v, crown * self.uniform(0.85, 1.15))
                    position += spacing
        for axis, centre in self.main_roads:
            start, end = -self.half, self.half
            for sign in (1, -1):
                position = start + 5
                while position < end:
                    offset = centre + sign * 4.5
                    u, v = (position, offset) if axis == "u" else (offset, position)
                    if not self._in_crossing(axis, position, 3.0):
                        self._tree(u, v, self.uniform(6.0, 10.0))
                    position += self.uniform(11.0, 15.0)

    def _in_crossing(self, axis: str, position: float, margin: float) -> bool:
        """Whether ``position`` along a street running along ``axis`` lies where a crossing street, main road,
        the railway or the canal cuts through it (no parked cars or trees there)."""
        return any(
            other_axis != axis and abs(position - centre) < half + margin
            for other_axis, centre, half in self.crossings
        )

    def _cars_in(self, rect: Rect, axis: str, occupancy: float = 0.7) -> None:
        """Parked cars in a lot: stalls 2.5 m wide, cars pointing along ``axis``."""
        stall = 2.5
        if axis == "v":
            count = int(rect.width_u // stall)
            for i in range(count):
                if self.chance(occupancy):
                    u = rect.u0 + i * stall + 0.35
                    length = self.uniform(3.9, 4.8)
                    v = rect.v0 + (rect.width_v - length) / 2
                    self._car(Rect(u, v, u + 1.8, v + length), "v")

    def _car(self, rect: Rect, axis: str) -> None:
        palette = [
            (30, 30, 32),
            (235, 235, 232),
            (140, 142, 146),
            (190, 192, 195),
            (60, 70, 110),
            (150, 30, 30),
            (90, 92, 96),
            (20, 40, 70),
            (210, 210, 205),
        ]
        self.layout.features.append(RoofFeature("car", rect, 1.2, self.pick(palette), axis))

    def _parked_cars(self) -> None:
        trees = self.layout.trees
        tree_points = np.array([(t.u, t.v) for t in trees]) if trees else np.zeros((0, 2))
        for axis, centre, start, end in self.streets:
            for sign in (1, -1):
                lane = centre + sign * 3.75
                position = start + self.uniform(0, 3)
                while position < end - 5:
                    length = self.uniform(3.9, 4.8)
                    if self.chance(0.65):
                        mid = position + length / 2
                        u, v = (mid, lane) if axis == "u" else (lane, mid)
                        near = (
                            tree_points.size
                            and np.min(np.hypot(tree_points[:, 0] - u, tree_points[:, 1] - v)) < 2.8
                        )
                        if not near and not self._in_crossing(axis, mid, length / 2 + 1.0):
                            if axis == "u":
                                self._car(Rect(position, lane - 0.9, position + length, lane + 0.9), "u")
                            else:
                                self._car(Rect(lane - 0.9, position, lane + 0.9, position + length), "v")
                    position += length + self.uniform(0.6, 2.5)

    # ---------------------------------------------------------------- land cover
    def _land_cover(self) -> None:
        """Ground of streets, rail and water, by priority: rail over roads (underpass), roads over water."""
        priority = [
            RC_RAIL,
            RC_PLAZA,
            RC_ASPHALT,
            RC_CYCLEWAY,
            RC_PARKING,
            RC_SIDEWALK,
            RC_WATER,
            RC_GRASS,
            RC_ROUGH_GRASS,
        ]
        claimed = None
        # The platform lies inside the rail corridor: it goes first, then the rail around it.
        order = [RC_PLAZA, RC_RAIL] + [c for c in priority if c not in (RC_PLAZA, RC_RAIL)]
        for render_class in order:
            shapes = self.road_rects.get(render_class, [])
            if not shapes:
                continue
            merged = unary_union(shapes)
            if claimed is not None:
                merged = merged.difference(claimed)
            claimed = merged if claimed is None else claimed.union(merged)
            for part in getattr(merged, "geoms", [merged]):
                if part.area > 1e-6:
                    self.layout.land.append(LandPiece(part, render_class))

    # ---------------------------------------------------------------- amenities, sensors
    def _amenities_and_sensors(self) -> None:
        layout = self.layout
        for v_main in self.main_road_vs:
            for u in (layout.u_main + 40, layout.u_main + 0.45 * self.size):
                layout.amenities.append(
                    (
                        f"Bushalte {'Spoorlaan' if v_main > layout.v_rail else 'Krispijnseweg'}",
                        "pt_stop",
                        u,
                        v_main + (8.0 if v_main > layout.v_rail else -8.0),
                    )
                )
        v_n, v_s = self.main_road_vs
        sensors = [
            (
                "DDT-LKS-001",
                "Luchtmeetpunt Spoorlaan",
                "Gemeente Dordrecht",
                "Luchtkwaliteitsensor",
                "Lucht;Gezondheid",
                0,
                "active",
                layout.u_main + 25,
                v_n + 9.5,
            ),
            (
                "DDT-LKS-002",
                "Luchtmeetpunt Krispijn",
                "RIVM",
                "Luchtkwaliteitsensor",
                "Lucht;Gezondheid",
                0,
                "active",
                0.2 * self.size,
                v_s - 9.5,
            ),
            (
                "DDT-GLS-001",
                "Geluidmeetpunt spoor",
                "ProRail",
                "Geluidsensor",
                "Geluid;Mobiliteit",
                0,
                "active",
                -0.25 * self.size,
                layout.v_rail + RAIL_HALF_WIDTH + 3,
            ),
            (
                "DDT-VKC-001",
                "Verkeerscamera kruispunt Spoorlaan",
                "Gemeente Dordrecht",
                "Verkeerscamera",
                "Mobiliteit;Veiligheid",
                1,
                "active",
                layout.u_main + 11,
                v_n + 11,
            ),
            (
                "DDT-VKC-002",
                "Verkeerscamera onderdoorgang",
                "Gemeente Dordrecht",
                "Verkeerscamera",
                "Mobiliteit",
                1,
                "active",
                layout.u_main - 11,
                v_s - 11,
            ),
            (
                "DDT-AWS-001",
                "Fietsenstalling bezetting",
                "NS Stations",
                "Aanwezigheidsensor",
                "Mobiliteit",
                0,
                "active",
                layout.u_station - 45,
                v_n + 16,
            ),
            (
                "DDT-WS-001",
                "Weerstation Weizigtpark",
                "Gemeente Dordrecht",
                "Weersensor",
                "Weer;Klimaat",
                0,
                "active",
                0.05 * self.size,
                -0.28 * self.size,
            ),
            (
                "DDT-LKS-003",
                "Fijnstof school",
                "Gemeente Dordrecht",
                "Luchtkwaliteitsensor",
                "Lucht;Gezondheid;Onderwijs",
                0,
                "concept",
                -0.3 * self.size,
                -0.22 * self.size,
            ),
        ]
        for ref, name, owner, kind, themes, personal, status, u, v in sensors:
            layout.sensors.append(
                {
                    "reference": ref,
                    "name": name,
                    "owner": owner,
                    "sensor_type": kind,
                    "themes": themes,
                    "contains_personal_data": personal,
                    "status": status,
                    "u": u,
                    "v": v,
                }
            )


def build_layout(rng: np.random.Generator, size_m: float) -> Layout:
    return LayoutBuilder(rng, size_m).build()
