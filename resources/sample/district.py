"""Turns the local-frame layout into the contract's layers (EPSG:28992 records, see dev/SAMPLE_SCHEMA.md)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
from shapely.geometry import LineString, MultiPolygon, Point, box
from shapely.ops import unary_union

from .layout import (
    CANAL_SLOT_HALF,
    LAND_COVER_CLASSES,
    RC_GARDEN_TILES,
    LandPiece,
    Layout,
    build_layout,
    roof_colour_hex,
)
from .roofs import furnish_roofs

MAX_EDGE_LENGTH_M = 30.0
GROUND_FEATURES = ("shed", "car", "fence", "hedge")  # objects standing on the ground, not on roofs
BUURTEN = [
    # code, name, side of the railway, side of the crossing main road
    ("BU05059001", "Stationsbuurt", "north", "east"),
    ("BU05059002", "Bleijenhoek", "north", "west"),
    ("BU05059003", "Oud-Krispijn", "south", "west"),
    ("BU05059004", "Spoorzone-Zuid", "south", "east"),
]
WIJK_CODE = "WK050590"


@dataclass
class Record:
    geometry: object  # shapely geometry in EPSG:28992
    attributes: dict


@dataclass
class District:
    """The generated layers (records per layer) plus the layout the orthophoto renderer needs."""

    layout: Layout
    layers: dict[str, list[Record]] = field(default_factory=dict)
    land_render_classes: list[int] = field(default_factory=list)


def _buurt_of(layout: Layout, u: float, v: float) -> str:
    north = v >= layout.v_rail
    east = u >= layout.u_main
    for code, _, side, direction in BUURTEN:
        if (side == "north") == north and (direction == "east") == east:
            return code
    raise AssertionError("unreachable")


def _keep_inside(layout: Layout) -> None:
    """Drop buildings not wholly inside the extent (with their roof furniture), and trees and cars outside."""
    extent = layout.extent_local()
    kept = [b for b in layout.buildings if extent.contains(b.rect.polygon())]
    layout.buildings = kept
    layout.trees = [t for t in layout.trees if extent.contains(Point(t.u, t.v))]
    bounds = np.array([[b.rect.u0, b.rect.v0, b.rect.u1, b.rect.v1] for b in kept]).reshape(-1, 4)
    features = []
    for feature in layout.features:
        r = feature.rect
        if feature.kind in GROUND_FEATURES:
            keep = extent.contains(Point(*r.centre))
        else:  # roof furniture stays only on a kept building
            keep = bool(
                np.any(
                    (bounds[:, 0] < r.u1)
                    & (r.u0 < bounds[:, 2])
                    & (bounds[:, 1] < r.v1)
                    & (r.v0 < bounds[:, 3])
                )
            )
        if keep:
            features.append(feature)
    layout.features = features


def _drop_conflicts(layout: Layout) -> None:
    """Trees never hide panels (the truth must stay visible) nor stand inside buildings; features that are
    on the ground (sheds, cars) never overlap buildings."""
    panel_bounds = np.array([[p.rect.u0, p.rect.v0, p.rect.u1, p.rect.v1] for p in layout.panels]).reshape(
        -1, 4
    )
    building_bounds = np.array(
        [[b.rect.u0, b.rect.v0, b.rect.u1, b.rect.v1] for b in layout.buildings]
    ).reshape(-1, 4)

    def distance_to_rects(u: float, v: float, bounds: np.ndarray) -> np.ndarray:
        du = np.maximum(np.maximum(bounds[:, 0] - u, u - bounds[:, 2]), 0.0)
        dv = np.maximum(np.maximum(bounds[:, 1] - v, v - bounds[:, 3]), 0.0)
        return np.hypot(du, dv)

    trees = []
    for tree in layout.trees:
        radius = tree.crown_diameter / 2.0
        if panel_bounds.size and distance_to_rects(tree.u, tree.v, panel_bounds).min() < radius + 0.5:
            continue
        # A crown may overhang a roof a little, but a tree never stands on one.
        if building_bounds.size and distance_to_rects(tree.u, tree.v, building_bounds).min() < max(
            1.0, 0.6 * radius
        ):
            continue
        trees.append(tree)
    layout.trees = trees
    features = []
    for feature in layout.features:
        if feature.kind in GROUND_FEATURES and building_bounds.size:
            r = feature.rect
            overlap = ~(
                (building_bounds[:, 2] <= r.u0)
                | (r.u1 <= building_bounds[:, 0])
                | (building_bounds[:, 3] <= r.v0)
                | (r.v1 <= building_bounds[:, 1])
            )
            if overlap.any():
                continue
        features.append(feature)
    layout.features = features


def _heights(building) -> tuple[float, float, float, float]:
    ground = round(building.maaiveld, 2)
    if building.dak_type == "slanted":
        eave, ridge = building.eave_height, building.ridge_height
        h50 = eave + 0.5 * (ridge - eave)
        h70 = eave + 0.7 * (ridge - eave)
        top = ridge + building.roof_max_extra
    elif building.dak_type == "multiple horizontal":
        h50 = building.eave_height
        h70 = building.eave_height + 0.35 * (building.multi_part_height - building.eave_height)
        top = building.multi_part_height + building.roof_max_extra
    else:
        h50 = building.eave_height
        h70 = building.eave_height + 0.05
        top = building.eave_height + building.roof_max_extra
    values = [round(ground + h, 2) for h in (h50, h70, top)]
    values = sorted(values)  # rounding never breaks 50p <= 70p <= max
    return ground, values[0], values[1], values[2]


def _buildings_layer(layout: Layout) -> list[Record]:
    records = []
    for number, building in enumerate(layout.buildings, start=1):
        building.identificatie = f"NL.IMBAG.Pand.0505100000{number:06d}"
        building.bu_code = _buurt_of(layout, *building.rect.centre)
        ground, h50, h70, top = _heights(building)
        records.append(
            Record(
                layout.to_rd(building.rect.polygon()),
                {
                    "identificatie": building.identificatie,
                    "gebruiksdoel": building.gebruiksdoel,
                    "bouwjaar": int(building.bouwjaar),
                    "b3_h_maaiveld": ground,
                    "b3_h_50p": h50,
                    "b3_h_70p": h70,
                    "b3_h_max": top,
                    "b3_dak_type": building.dak_type,
                    "roof_material": building.roof_material,
                    "roof_colour": roof_colour_hex(building),
                    "has_solar": int(building.has_solar),
                    "woningen": int(building.woningen),
                    "bu_code": building.bu_code,
                },
            )
        )
    return records


def _addresses_layer(layout: Layout, rng: np.random.Generator) -> list[Record]:
    records = []
    number = 0
    household_sizes = np.array([1, 2, 3, 4, 5])
    household_weights = np.array([0.37, 0.32, 0.12, 0.13, 0.06])
    for building in layout.buildings:
        if building.woningen <= 0:
            continue
        rect = building.rect
        if building.woningen == 1:
            # The front door: 1 m inside the street-side facade.
            points = [(rect.centre[0], rect.v1 - 1.0 if building.front_high else rect.v0 + 1.0)]
        else:
            # Flats: homes spread over the footprint (several floors share a point pattern).
            columns = max(1, int(math.ceil(math.sqrt(building.woningen * rect.width_u / rect.width_v))))
            rows = int(math.ceil(building.woningen / columns))
            points = []
            for i in range(building.woningen):
                c, r = i % columns, i // columns
                points.append(
                    (rect.u0 + (c + 0.5) * rect.width_u / columns, rect.v0 + (r + 0.5) * rect.width_v / rows)
                )
        for u, v in points:
            number += 1
            residents = int(rng.choice(household_sizes, p=household_weights))
            if rng.random() < 0.03:
                residents = 0  # a vacant home
            x, y = layout.point_to_rd(u, v)
            records.append(
                Record(
                    Point(x, y),
                    {
                        "identificatie": f"0505010000{number:06d}",
                        "pand_id": building.identificatie,
                        "gebruiksdoel": building.gebruiksdoel,
                        "bu_code": _buurt_of(layout, u, v),
                        "inwoners": residents,
                    },
                )
            )
    return records


def _land_cover_layer(layout: Layout, district: District) -> list[Record]:
    extent = layout.extent_local()
    building_bounds = np.array(
        [[b.rect.u0, b.rect.v0, b.rect.u1, b.rect.v1] for b in layout.buildings]
    ).reshape(-1, 4)
    building_polys = [b.rect.polygon() for b in layout.buildings]
    pieces: list[LandPiece] = []
    for piece in layout.land:
        geometry = piece.geometry.intersection(extent)
        if geometry.is_empty:
            continue
        minx, miny, maxx, maxy = geometry.bounds
        hits = np.nonzero(
            ~(
                (building_bounds[:, 2] <= minx)
                | (maxx <= building_bounds[:, 0])
                | (building_bounds[:, 3] <= miny)
                | (maxy <= building_bounds[:, 1])
            )
        )[0]
        if hits.size:
            geometry = geometry.difference(unary_union([building_polys[i] for i in hits]))
        pieces.append(LandPiece(geometry, piece.render_class))
    covered = unary_union([p.geometry for p in pieces] + building_polys)
    gaps = extent.difference(covered)
    if not gaps.is_empty:
        pieces.append(LandPiece(gaps, RC_GARDEN_TILES))
    records = []
    for piece in pieces:
        bgt_type, fysiek, cover = LAND_COVER_CLASSES[piece.render_class]
        for part in getattr(piece.geometry, "geoms", [piece.geometry]):
            if part.geom_type != "Polygon" or part.area < 0.01:
                continue
            records.append(
                Record(layout.to_rd(part), {"bgt_type": bgt_type, "fysiek_voorkomen": fysiek, "cover": cover})
            )
            district.land_render_classes.append(piece.render_class)
    return records


def _network_layer(layout: Layout) -> list[Record]:
    """Axis-aligned lines are noded analytically (exact shared end points), split into short edges, clipped
    to the extent and reduced to the largest connected component."""
    u_lines, v_lines = [], []  # (fixed coordinate, start, end, line)
    for line in layout.network:
        (a_u, a_v), (b_u, b_v) = line.geometry.coords
        if abs(a_v - b_v) < 1e-9:
            u_lines.append((a_v, min(a_u, b_u), max(a_u, b_u), line))
        else:
            v_lines.append((a_u, min(a_v, b_v), max(a_v, b_v), line))
    extent = box(*layout.extent)
    canal = layout.canal
    edges = []
    for own, others, along_u in ((u_lines, v_lines, True), (v_lines, u_lines, False)):
        for fixed, start, end, line in own:
            cuts = {start, end}
            for other_fixed, other_start, other_end, _ in others:
                if start <= other_fixed <= end and other_start <= fixed <= other_end:
                    cuts.add(other_fixed)
            cuts = sorted(cuts)
            for a, b in zip(cuts[:-1], cuts[1:]):
                pieces = max(1, int(math.ceil((b - a) / MAX_EDGE_LENGTH_M)))
                steps = [a + (b - a) * k / pieces for k in range(pieces)] + [b]
                for p, q in zip(steps[:-1], steps[1:]):
                    if along_u:
                        coords = [layout.point_to_rd(p, fixed), layout.point_to_rd(q, fixed)]
                        mid_u, mid_v = (p + q) / 2, fixed
                    else:
                        coords = [layout.point_to_rd(fixed, p), layout.point_to_rd(fixed, q)]
                        mid_u, mid_v = fixed, (p + q) / 2
                    road_type = line.road_type
                    if canal is not None and along_u:
                        centre, c_start, c_end = canal
                        if abs(mid_u - centre) < CANAL_SLOT_HALF - 8 and c_start <= mid_v <= c_end:
                            road_type = "bridge"
                    edges.append((coords, road_type, line.walk, line.bike))
    graph = nx.Graph()
    clipped = []
    for coords, road_type, walk, bike in edges:
        geometry = LineString(coords)
        if not extent.contains(geometry):
            geometry = geometry.intersection(extent)
            if geometry.is_empty or geometry.geom_type != "LineString" or geometry.length < 0.5:
                continue
        start, end = geometry.coords[0], geometry.coords[-1]
        key = len(clipped)
        clipped.append((geometry, road_type, walk, bike))
        graph.add_edge(_node(start), _node(end), key=key)
    if not clipped:
        return []
    largest = max(nx.connected_components(graph), key=len)
    records = []
    for geometry, road_type, walk, bike in clipped:
        if _node(geometry.coords[0]) not in largest:
            continue
        records.append(
            Record(
                geometry,
                {
                    "edge_id": len(records) + 1,
                    "road_type": road_type,
                    "walk": walk,
                    "bike": bike,
                    "length_m": round(geometry.length, 3),
                },
            )
        )
    return records


def _node(coord) -> tuple[float, float]:
    return round(coord[0], 4), round(coord[1], 4)


def _trees_layer(layout: Layout) -> list[Record]:
    records = []
    for number, tree in enumerate(layout.trees, start=1):
        records.append(
            Record(
                Point(*layout.point_to_rd(tree.u, tree.v)),
                {
                    "boom_id": f"DDT-BOOM-{number:05d}",
                    "soort": tree.soort,
                    "crown_diameter_m": tree.crown_diameter,
                    "height_m": tree.height,
                    "planting_year": tree.planting_year,
                },
            )
        )
    return records


def _green_spaces_layer(layout: Layout) -> list[Record]:
    extent = layout.extent_local()
    records = []
    items = [(name, rect.polygon(), 1) for name, rect, _ in layout.parks] + list(layout.green_strips)
    for name, polygon, public in items:
        geometry = polygon.intersection(extent)
        if geometry.is_empty or geometry.area < 50.0 or geometry.geom_type != "Polygon":
            continue
        records.append(
            Record(
                layout.to_rd(geometry),
                {"name": name, "area_m2": round(geometry.area, 1), "is_public": int(public)},
            )
        )
    return records


def _amenities_layer(layout: Layout) -> list[Record]:
    near = layout.extent_local().buffer(100.0)
    records = []
    for name, category, u, v in layout.amenities:
        if near.contains(Point(u, v)):
            records.append(Record(Point(*layout.point_to_rd(u, v)), {"name": name, "category": category}))
    return records


def _sensors_layer(layout: Layout) -> list[Record]:
    records = []
    for sensor in layout.sensors:
        attributes = {k: v for k, v in sensor.items() if k not in ("u", "v")}
        records.append(Record(Point(*layout.point_to_rd(sensor["u"], sensor["v"])), attributes))
    return records


def _buurten_layer(layout: Layout, addresses: list[Record], land: list[Record], rng) -> list[Record]:
    extent = layout.extent_local()
    half = layout.size_m * 2
    quadrants = {
        ("north", "east"): box(layout.u_main, layout.v_rail, half, half),
        ("north", "west"): box(-half, layout.v_rail, layout.u_main, half),
        ("south", "west"): box(-half, -half, layout.u_main, layout.v_rail),
        ("south", "east"): box(layout.u_main, -half, half, layout.v_rail),
    }
    water_area: dict[str, float] = {}
    records = []
    for code, name, side, direction in BUURTEN:
        polygon = quadrants[(side, direction)].intersection(extent)
        geometry = layout.to_rd(polygon)
        residents = sum(a.attributes["inwoners"] for a in addresses if a.attributes["bu_code"] == code)
        households = sum(
            1 for a in addresses if a.attributes["bu_code"] == code and a.attributes["inwoners"] > 0
        )
        water_area[code] = sum(
            r.geometry.intersection(geometry).area
            for r in land
            if r.attributes["cover"] == "water" and r.geometry.intersects(geometry)
        )
        land_km2 = max(geometry.area - water_area[code], 1.0) / 1e6
        shares = rng.dirichlet([16, 12, 28, 25, 19])
        percentages = [int(round(100 * s)) for s in shares]
        percentages[2] += 100 - sum(percentages)
        men = int(round(residents * rng.uniform(0.48, 0.51)))
        if not isinstance(geometry, MultiPolygon):
            geometry = MultiPolygon([geometry])
        records.append(
            Record(
                geometry,
                {
                    "bu_code": code,
                    "bu_naam": name,
                    "wk_code": WIJK_CODE,
                    "gm_code": "GM0505",
                    "gm_naam": "Dordrecht",
                    "aant_inw": int(residents),
                    "aant_man": men,
                    "aant_vrouw": int(residents - men),
                    "p_00_14_jr": percentages[0],
                    "p_15_24_jr": percentages[1],
                    "p_25_44_jr": percentages[2],
                    "p_45_64_jr": percentages[3],
                    "p_65_eo_jr": percentages[4],
                    "aantal_hh": int(households),
                    "gem_hh_gr": round(residents / households, 1) if households else 0.0,
                    "bev_dichth": int(round(residents / land_km2)),
                },
            )
        )
    return records


def _solar_layer(layout: Layout) -> list[Record]:
    records = []
    for array in layout.panels:
        building = layout.buildings[array.building_index]
        geometry = layout.to_rd(array.rect.polygon())
        records.append(
            Record(
                geometry,
                {
                    "building_id": building.identificatie,
                    "panel_type": array.panel_type,
                    "panel_count": int(array.panel_count),
                    "area_m2": round(geometry.area, 2),
                },
            )
        )
    return records


def build_district(rng: np.random.Generator, size_m: float) -> District:
    layout = build_layout(rng, size_m)
    _keep_inside(layout)
    furnish_roofs(layout, rng)
    _drop_conflicts(layout)
    district = District(layout)
    layers = district.layers
    layers["buildings"] = _buildings_layer(layout)
    layers["addresses"] = _addresses_layer(layout, rng)
    layers["land_cover"] = _land_cover_layer(layout, district)
    layers["trees"] = _trees_layer(layout)
    layers["green_spaces"] = _green_spaces_layer(layout)
    layers["amenities"] = _amenities_layer(layout)
    layers["walking_network"] = _network_layer(layout)
    layers["buurten"] = _buurten_layer(layout, layers["addresses"], layers["land_cover"], rng)
    layers["sensors"] = _sensors_layer(layout)
    layers["solar_panels_truth"] = _solar_layer(layout)
    return district
