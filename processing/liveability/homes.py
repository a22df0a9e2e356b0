"""Homes (one point per dwelling) from buildings and addresses, and tree counts near buildings.

``make_homes``: every residential address point inside a building is a home; a residential building with
``woningen`` greater than its number of address points (e.g. a planned building, or no address layer at
all) gets the missing homes at its representative point (flag ``generated`` = 1). Residents come from
the address field ``inwoners`` when present, else from the buurt's ``aant_inw`` spread evenly over its
homes, else they are unknown (NaN, reported).
"""

from __future__ import annotations

import numpy as np
from scipy.spatial import cKDTree

from .data import Table, info, warn
from .errors import layer_error
from .geom import points_wkb

RESIDENTIAL = "woonfunctie"


def inside_ring(ring: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """Crossing-number point-in-polygon test of points against one closed ring (numpy, no shapely)."""
    x, y = xy[:, 0][:, None], xy[:, 1][:, None]
    x1, y1 = ring[:-1, 0][None, :], ring[:-1, 1][None, :]
    x2, y2 = ring[1:, 0][None, :], ring[1:, 1][None, :]
    straddles = (y1 > y) != (y2 > y)
    with np.errstate(invalid="ignore", divide="ignore"):
        crossing_x = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
    return (np.sum(straddles & (x < crossing_x), axis=1) % 2) == 1


def ring_distance(ring: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """Distance of points to the ring's segments."""
    a = ring[:-1][None, :, :]
    d = (ring[1:] - ring[:-1])[None, :, :]
    p = xy[:, None, :]
    length2 = np.sum(d * d, axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        s = np.clip(np.sum((p - a) * d, axis=2) / np.where(length2 > 0, length2, 1.0), 0.0, 1.0)
    nearest = a + d * s[..., None]
    return np.sqrt(np.sum((p - nearest) ** 2, axis=2)).min(axis=1)


def _ring_boxes(rings_per_feature: list):
    centres = np.empty((len(rings_per_feature), 2))
    radii = np.empty(len(rings_per_feature))
    for i, rings in enumerate(rings_per_feature):
        allxy = np.vstack(rings) if rings else np.zeros((1, 2))
        lo, hi = allxy.min(axis=0), allxy.max(axis=0)
        centres[i] = (lo + hi) / 2
        radii[i] = np.hypot(*(hi - lo)) / 2
    return centres, radii


def points_in_polygons(rings_per_feature: list, xy: np.ndarray) -> np.ndarray:
    """Index of the (first) polygon (given as its exterior rings; holes ignored) containing each point."""
    result = np.full(len(xy), -1, dtype=np.int64)
    if len(xy) == 0 or not rings_per_feature:
        return result
    tree = cKDTree(xy)
    centres, radii = _ring_boxes(rings_per_feature)
    candidates = tree.query_ball_point(centres, radii + 1e-6)
    for index, near in enumerate(candidates):
        if not near:
            continue
        near = np.asarray(near)
        near = near[result[near] < 0]
        if len(near) == 0:
            continue
        inside = np.zeros(len(near), dtype=bool)
        for ring in rings_per_feature[index]:
            inside |= inside_ring(ring, xy[near])
        result[near[inside]] = index
    return result


def count_within(rings_per_feature: list, xy: np.ndarray, distance: float) -> np.ndarray:
    """For each polygon (exterior rings), the number of points within ``distance`` metres (inside counts)."""
    counts = np.zeros(len(rings_per_feature), dtype=np.int64)
    if len(xy) == 0 or not rings_per_feature:
        return counts
    tree = cKDTree(xy)
    centres, radii = _ring_boxes(rings_per_feature)
    candidates = tree.query_ball_point(centres, radii + distance + 1e-6)
    for index, near in enumerate(candidates):
        if not near:
            continue
        points = xy[np.asarray(near)]
        ok = np.zeros(len(points), dtype=bool)
        for ring in rings_per_feature[index]:
            ok |= inside_ring(ring, points) | (ring_distance(ring, points) <= distance)
        counts[index] = int(ok.sum())
    return counts


def residential_mask(buildings: Table) -> np.ndarray:
    if buildings.has("woningen"):
        homes = np.nan_to_num(buildings.col("woningen").astype(float))
        return homes > 0
    if buildings.has("gebruiksdoel"):
        return np.array([RESIDENTIAL in str(v) for v in buildings.col("gebruiksdoel")])
    raise layer_error(
        buildings.name,
        "neither 'woningen' (homes per building) nor 'gebruiksdoel' is present; "
        "expected one of them to find residential buildings",
        "woningen",
    )


def make_homes(buildings: Table, addresses: Table | None = None, feedback=None) -> Table:
    """Home points with fields home_id, building (index into ``buildings``), inwoners, generated."""
    residential = residential_mask(buildings)
    wanted = (
        np.nan_to_num(buildings.col("woningen").astype(float)).astype(np.int64)
        if buildings.has("woningen")
        else residential.astype(np.int64)
    )
    xy_list, building_list, residents, ids, generated = [], [], [], [], []
    linked = np.zeros(len(buildings), dtype=np.int64)
    if addresses is not None and len(addresses):
        axy = addresses.xy()
        keep = np.ones(len(addresses), dtype=bool)
        if addresses.has("gebruiksdoel"):
            keep = np.array([RESIDENTIAL in str(v) for v in addresses.col("gebruiksdoel")])
        owner = points_in_polygons(buildings.rings(), axy)
        outside = keep & (owner < 0)
        if outside.any():
            info(
                feedback,
                f"{addresses.name}: {int(outside.sum())} residential addresses lie in no building "
                "(e.g. demolished) and are not counted as homes",
            )
        keep &= owner >= 0
        keep &= residential[np.maximum(owner, 0)]
        index = np.flatnonzero(keep)
        xy_list.append(axy[index])
        building_list.append(owner[index])
        if addresses.has("inwoners"):
            residents.append(addresses.col("inwoners").astype(float)[index])
        else:
            residents.append(np.full(len(index), np.nan))
        ids += [
            str(v)
            for v in (addresses.col("identificatie")[index] if addresses.has("identificatie") else index)
        ]
        generated.append(np.zeros(len(index), dtype=np.int64))
        linked = np.bincount(owner[index], minlength=len(buildings))
    missing = np.where(residential, np.maximum(wanted - linked, 0), 0)
    if missing.sum():
        owners = np.repeat(np.arange(len(buildings)), missing)
        points = np.array(
            [buildings.geoms[i].representative_point().coords[0] for i in np.flatnonzero(missing)]
        )
        xy_list.append(np.repeat(points, missing[missing > 0], axis=0))
        building_list.append(owners)
        residents.append(np.full(len(owners), np.nan))
        ids += [f"gen{i}" for i in range(len(owners))]
        generated.append(np.ones(len(owners), dtype=np.int64))
        info(
            feedback,
            f"{buildings.name}: {int(missing.sum())} homes placed at their building's centre "
            "(field 'woningen' exceeds the address points)",
        )
    if not xy_list or sum(len(x) for x in xy_list) == 0:
        raise layer_error(
            buildings.name,
            "no residential buildings or addresses found; expected buildings with "
            "woningen > 0 or addresses with gebruiksdoel 'woonfunctie'",
            "woningen",
        )
    xy = np.concatenate(xy_list)
    columns = {
        "home_id": np.array(ids, dtype=object),
        "building": np.concatenate(building_list).astype(np.int64),
        "inwoners": np.concatenate(residents).astype(float),
        "generated": np.concatenate(generated),
    }
    if buildings.has("identificatie"):
        columns["pand_id"] = np.array(
            [str(buildings.col("identificatie")[i]) for i in columns["building"]], dtype=object
        )
    return Table("homes", None, columns, "Point", wkbs=points_wkb(xy), xy=xy)


def fill_residents(homes: Table, area_index: np.ndarray, area_population: np.ndarray | None, feedback=None):
    """Give homes without a resident count the buurt population spread evenly over the buurt's homes."""
    residents = homes.columns["inwoners"]
    unknown = np.isnan(residents)
    if not unknown.any() or area_population is None:
        if unknown.any():
            warn(
                feedback,
                f"{int(unknown.sum())} homes have no resident count (no 'inwoners' and no buurt "
                "population 'aant_inw'): residents are left unknown",
            )
        return
    n = len(area_population)
    known = np.bincount(
        area_index[(area_index >= 0) & ~unknown], weights=residents[(area_index >= 0) & ~unknown], minlength=n
    )
    count_unknown = np.bincount(area_index[(area_index >= 0) & unknown], minlength=n)
    population = np.where(np.asarray(area_population, float) < 0, np.nan, np.asarray(area_population, float))
    with np.errstate(invalid="ignore", divide="ignore"):
        per_home = np.maximum(population - known, 0) / np.where(count_unknown > 0, count_unknown, 1)
    fill = unknown & (area_index >= 0)
    residents[fill] = per_home[area_index[fill]]
    homes.columns["inwoners"] = residents
