"""15-minute city: walking and cycling minutes from every home to the nearest amenity of each category.

Speeds: walking 5 km/h, cycling 15 km/h (parameters). Walking uses the network edges with ``walk`` = 1
and cycling those with ``bike`` = 1 when those fields exist, else every edge. One multi-source Dijkstra
pass per category and mode over the whole network. Per home: ``walk_<category>`` and ``bike_<category>``
minutes, ``walk_avg``/``walk_max`` and ``bike_avg``/``bike_max`` over the categories and ``n_within15``,
the number of categories within ``threshold_min`` (15) walking minutes. A category no home can reach
gives NULL minutes (reported), never 0.
"""

from __future__ import annotations

import numpy as np

from .areas import aggregate_mean
from .data import Table, text_column, warn
from .errors import layer_error
from .network import Network, nearest_distances
from .study import Outcome, Study

DEFAULT_CATEGORIES = ("supermarket", "gp", "primary_school", "playground", "park", "pt_stop")
WALK_KMH = 5.0
BIKE_KMH = 15.0


def network_for_mode(lines: Table, mode_field: str | None, label: str) -> Network:
    if mode_field and lines.has(mode_field):
        keep = np.nan_to_num(lines.col(mode_field).astype(float)) == 1
        if not keep.any():
            raise layer_error(
                lines.name, "no edge has the value 1; expected edges usable for " + label, mode_field
            )
        return Network(lines.subset(keep), lines.name)
    return Network(lines, lines.name)


def parse_categories(text) -> list:
    if isinstance(text, (list, tuple)):
        return [str(c).strip() for c in text if str(c).strip()]
    return [c.strip() for c in str(text or "").split(",") if c.strip()]


def proximity(
    study: Study,
    networks: dict,
    amenities: Table,
    *,
    categories=DEFAULT_CATEGORIES,
    category_field: str = "category",
    walk_kmh: float = WALK_KMH,
    bike_kmh: float = BIKE_KMH,
    threshold_min: float = 15.0,
    tolerance: float = 100.0,
    feedback=None,
) -> Outcome:
    """``networks`` maps 'walk' and 'bike' to a ``Network``."""
    categories = parse_categories(categories)
    if not categories:
        raise layer_error(
            amenities.name,
            "no categories given; expected e.g. " + ",".join(DEFAULT_CATEGORIES),
            category_field,
        )
    values = text_column(amenities, category_field)
    present = set(values)
    absent = [c for c in categories if c not in present]
    if absent:
        raise layer_error(
            amenities.name,
            f"no amenity of category {', '.join(absent)}; expected the field to "
            f"hold these values (found: {', '.join(sorted(present))})",
            category_field,
        )
    for speed, name in ((walk_kmh, "walking"), (bike_kmh, "cycling")):
        if speed <= 0:
            raise layer_error(amenities.name, f"{name} speed must be greater than 0 km/h, got {speed}")
    outcome = Outcome()
    home_xy = study.homes.xy()
    amenity_xy = amenities.xy()
    minutes = {}
    for mode, speed in (("walk", walk_kmh), ("bike", bike_kmh)):
        network = networks[mode]
        homes = network.snap(home_xy, tolerance)
        sources = {}
        for category in categories:
            snap = network.snap(amenity_xy[values == category], tolerance)
            if not snap.ok.any():
                warn(
                    feedback,
                    f"{amenities.name}: no '{category}' amenity within {tolerance:g} m of the {mode} network",
                )
            sources[category] = snap
        distances = nearest_distances(network, homes, sources)
        metres_per_minute = speed * 1000.0 / 60.0
        for category in categories:
            minutes[(mode, category)] = distances[category] / metres_per_minute
            outcome.homes[f"{mode}_{category}"] = minutes[(mode, category)]
        stack = np.stack([minutes[(mode, c)] for c in categories], axis=1)
        complete = ~np.isnan(stack).any(axis=1)
        outcome.homes[f"{mode}_avg"] = np.where(
            complete, np.nanmean(np.where(complete[:, None], stack, 0), axis=1), np.nan
        )
        outcome.homes[f"{mode}_max"] = np.where(
            complete, np.max(np.where(complete[:, None], stack, 0), axis=1), np.nan
        )
        off = int((~homes.ok).sum())
        if off:
            message = (
                f"{off} homes lie farther than {tolerance:g} m from the {mode} network: no {mode} minutes"
            )
            outcome.messages.append(message)
            warn(feedback, message)
        incomplete = int((homes.ok & ~complete).sum())
        if incomplete:
            message = (
                f"{incomplete} homes cannot reach every category by {mode}: average and maximum left empty"
            )
            outcome.messages.append(message)
            warn(feedback, message)
    walk_stack = np.stack([minutes[("walk", c)] for c in categories], axis=1)
    within = np.where(np.isnan(walk_stack), False, walk_stack <= threshold_min).sum(axis=1).astype(float)
    within[np.isnan(walk_stack).all(axis=1)] = np.nan
    outcome.homes["n_within15"] = within
    for area_set, area_index in zip(study.area_sets, study.home_area):
        n = len(area_set)
        result = {}
        for key in ("walk_avg", "walk_max", "bike_avg", "bike_max", "n_within15"):
            result[key] = aggregate_mean(area_index, outcome.homes[key], n)
        for category in categories:
            result[f"walk_{category}"] = aggregate_mean(area_index, outcome.homes[f"walk_{category}"], n)
        complete15 = np.where(np.isnan(within), np.nan, (within >= len(categories)).astype(float))
        result["share_all15"] = aggregate_mean(area_index, complete15, n)
        outcome.areas[area_set.kind] = result
    outcome.extra["categories"] = categories
    return outcome
