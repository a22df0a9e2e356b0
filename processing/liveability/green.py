"""The 3-30-300 green rule (Konijnendijk): 3 trees seen from every home, 30 % canopy, a park within 300 m.

- **3**: the number of trees (points) within ``tree_distance`` (15 m) of each residential building;
  a home meets "3" when its building has at least 3 such trees.
- **30**: canopy share of each area: tree crowns (discs of ``crown_diameter_m`` around tree points),
  crown polygons and/or a canopy raster (value > 0), merged (overlaps count once), on a raster of
  ``Study.resolution`` metres; an area meets "30" when its share is at least 0.30.
- **300**: walking network distance from each home to the nearest entrance of a public green space of
  at least ``min_green_m2`` (0.5 ha); entrances are where a 20 m buffer of the green meets the network.
  A home meets "300" at a distance of at most ``green_distance`` (300 m).
- per area: the share of homes meeting "3" and "300", the canopy share, and ``conditions_met`` 0-3:
  "3" and "300" count as met when at least ``home_share`` (50 %) of the area's homes meet them.
"""

from __future__ import annotations

import numpy as np

from .areas import aggregate_count, aggregate_mean
from .data import Table, info, require_numeric, warn
from .errors import layer_error
from .homes import count_within, residential_mask
from .network import Network, concat_snaps, entrances, nearest_distances
from .study import Outcome, Study


def crown_radii(trees: Table, crown_field: str = "crown_diameter_m") -> np.ndarray:
    """Crown radii (m); every tree needs a crown diameter greater than 0 (error naming layer and field)."""
    return require_numeric(trees, crown_field, positive=True) / 2.0


def canopy_mask(
    study: Study,
    trees: Table | None = None,
    crown_field: str = "crown_diameter_m",
    crowns: Table | None = None,
    canopy_raster: str | None = None,
) -> np.ndarray:
    """Raster mask (1 = canopy) over the study's coverage grid from any combination of sources."""
    coverage = study.coverage
    mask = np.zeros((coverage.height, coverage.width), dtype=np.uint8)
    sources = 0
    if trees is not None and len(trees):
        mask |= coverage.burn_discs(trees.xy(), crown_radii(trees, crown_field))
        sources += 1
    if crowns is not None and len(crowns):
        mask |= coverage.burn(crowns.wkbs)
        sources += 1
    if canopy_raster:
        mask |= coverage.burn_raster(canopy_raster)
        sources += 1
    if not sources:
        raise layer_error(
            "trees",
            "no canopy source given; expected tree points with a crown diameter, crown "
            "polygons or a canopy raster",
            crown_field,
        )
    return mask


def public_green(green: Table, min_area_m2: float, public_field: str = "is_public") -> list:
    areas = np.array([g.area for g in green.geoms])
    keep = areas >= min_area_m2
    if green.has(public_field):
        keep &= np.nan_to_num(green.col(public_field).astype(float)) == 1
    return [green.geoms[i] for i in np.flatnonzero(keep)]


def distance_to_polygons(
    network: Network,
    study: Study,
    polygons: list,
    tolerance: float,
    label: str,
    feedback=None,
    home_snap=None,
) -> tuple:
    """Network distance from each home to the nearest entrance of ``polygons``; returns (dist, snap)."""
    snap = home_snap if home_snap is not None else network.snap(study.homes.xy(), tolerance)
    gates = entrances(network, polygons)
    without = sum(1 for g in gates if len(g) == 0)
    if without:
        warn(
            feedback,
            f"{label}: {without} of {len(polygons)} areas have no entrance on the network "
            "(their 20 m buffer meets no street) and cannot be reached",
        )
    distance = nearest_distances(network, snap, {"d": concat_snaps(gates)})["d"]
    return distance, snap


def report_unreached(feedback, label: str, snap, distance) -> list:
    messages = []
    off = int((~snap.ok).sum())
    if off:
        messages.append(f"{off} homes lie farther than the snapping tolerance from the network: no {label}")
    unreached = int((snap.ok & np.isnan(distance)).sum())
    if unreached:
        messages.append(f"{unreached} homes cannot reach any {label} over the network")
    for message in messages:
        warn(feedback, message)
    return messages


def green_330300(
    study: Study,
    network: Network,
    trees: Table | None,
    green: Table,
    *,
    crown_field: str = "crown_diameter_m",
    crowns: Table | None = None,
    canopy_raster: str | None = None,
    tree_distance: float = 15.0,
    min_trees: int = 3,
    min_canopy: float = 0.30,
    min_green_m2: float = 5000.0,
    green_distance: float = 300.0,
    home_share: float = 0.5,
    tolerance: float = 100.0,
    feedback=None,
) -> Outcome:
    outcome = Outcome()
    buildings = study.buildings
    residential = residential_mask(buildings)
    tree_xy = trees.xy() if trees is not None and len(trees) else np.zeros((0, 2))
    counts = np.full(len(buildings), np.nan)
    index = np.flatnonzero(residential)
    rings = buildings.rings()
    counts[index] = count_within([rings[i] for i in index], tree_xy, tree_distance)
    outcome.buildings = {
        "trees_15m": counts,
        "rule3": np.where(np.isnan(counts), np.nan, (counts >= min_trees).astype(float)),
    }
    home_trees = counts[study.homes.col("building")]
    rule3 = (home_trees >= min_trees).astype(float)
    mask = canopy_mask(study, trees, crown_field, crowns, canopy_raster)
    parks = public_green(green, min_green_m2)
    if not parks:
        raise layer_error(
            green.name,
            f"no public green space of at least {min_green_m2:g} m2; expected at least "
            "one (field 'is_public' = 1 when present)",
            "is_public",
        )
    info(feedback, f"{len(parks)} public green spaces of at least {min_green_m2:g} m2")
    distance, snap = distance_to_polygons(network, study, parks, tolerance, green.name, feedback)
    outcome.messages += report_unreached(feedback, "public green space", snap, distance)
    rule300 = np.where(np.isnan(distance), np.nan, (distance <= green_distance).astype(float))
    outcome.homes = {
        "trees_15m": home_trees,
        "rule3": rule3,
        "green_dist_m": distance,
        "rule300": rule300,
        "snap_m": snap.dist,
    }
    for area_set, area_index in zip(study.area_sets, study.home_area):
        n = len(area_set)
        share3 = aggregate_mean(area_index, rule3, n)
        share300 = aggregate_mean(area_index, rule300, n)
        canopy = study.coverage.code_shares(area_set, (mask > 0).astype(np.uint8), 2)[:, 1]
        met3 = np.where(np.isnan(share3), 0, share3 >= home_share).astype(np.int64)
        met30 = np.where(np.isnan(canopy), 0, canopy >= min_canopy).astype(np.int64)
        met300 = np.where(np.isnan(share300), 0, share300 >= home_share).astype(np.int64)
        outcome.areas[area_set.kind] = {
            "homes": aggregate_count(area_index, n),
            "share_3": share3,
            "canopy_share": canopy,
            "share_300": share300,
            "mean_green_dist_m": aggregate_mean(area_index, distance, n),
            "met_3": met3,
            "met_30": met30,
            "met_300": met300,
            "conditions_met": met3 + met30 + met300,
        }
    outcome.extra["canopy_mask"] = mask
    return outcome
