"""The whole liveability chain on tables: 3-30-300, heat, proximity, noise, air, index (and scenarios).

Used by the scenario algorithm, the demo and the benchmark; the shipped Processing model chains the
individual algorithms instead, with the same core functions underneath.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from .air import air_quality
from .data import Table, info
from .green import green_330300
from .heat import heat_risk
from .index import compute_index, join_layers, read_indicator_table
from .noise import noise_exposure
from .proximity import DEFAULT_CATEGORIES, network_for_mode, proximity
from .study import make_study


@dataclass
class ChainInputs:
    buildings: Table
    network: Table
    green: Table
    amenities: Table
    land_cover: Table
    addresses: Table | None = None
    trees: Table | None = None
    crowns: Table | None = None
    buurten: Table | None = None
    observations: Table | None = None
    canopy_raster: str | None = None
    lden_raster: str | None = None
    ld_le_ln: tuple | None = None


@dataclass
class ChainOptions:
    grid_size: float = 100.0
    resolution: float = 1.0
    tolerance: float = 100.0
    categories: tuple = DEFAULT_CATEGORIES
    min_green_m2: float = 5000.0
    min_cool_m2: float = 5000.0
    component: str = "NO2"
    air_method: str = "idw"
    air_start: object = None
    air_end: object = None
    averaging: str = "annual"
    indicator_table: str | None = None


@dataclass
class ChainResult:
    study: object
    outcomes: dict
    areas: dict  # kind -> joined Table of all indicators
    index: dict  # kind -> Table with index fields
    stats: dict  # kind -> IndexStats
    air: dict | None
    timings: dict = field(default_factory=dict)
    skipped: list = field(default_factory=list)
    messages: list = field(default_factory=list)


def run_chain(
    inputs: ChainInputs, options: ChainOptions | None = None, feedback=None, stats=None
) -> ChainResult:
    options = options or ChainOptions()
    timings = {}
    clock = time.perf_counter()

    def lap(name):
        nonlocal clock
        now = time.perf_counter()
        timings[name] = now - clock
        clock = now

    study = make_study(
        inputs.buildings, inputs.addresses, inputs.buurten, options.grid_size, options.resolution, feedback
    )
    walk = network_for_mode(inputs.network, "walk", "walking")
    same = not inputs.network.has("bike") or (
        inputs.network.has("walk")
        and np.array_equal(
            np.nan_to_num(inputs.network.col("walk").astype(float)),
            np.nan_to_num(inputs.network.col("bike").astype(float)),
        )
    )
    bike = walk if same else network_for_mode(inputs.network, "bike", "cycling")
    lap("study and networks")
    outcomes = {}
    outcomes["green"] = green_330300(
        study,
        walk,
        inputs.trees,
        inputs.green,
        crowns=inputs.crowns,
        canopy_raster=inputs.canopy_raster,
        min_green_m2=options.min_green_m2,
        tolerance=options.tolerance,
        feedback=feedback,
    )
    lap("3-30-300")
    outcomes["heat"] = heat_risk(
        study,
        walk,
        inputs.land_cover,
        inputs.green,
        outcomes["green"].extra["canopy_mask"],
        min_cool_m2=options.min_cool_m2,
        tolerance=options.tolerance,
        feedback=feedback,
    )
    lap("heat")
    outcomes["proximity"] = proximity(
        study,
        {"walk": walk, "bike": bike},
        inputs.amenities,
        categories=options.categories,
        tolerance=options.tolerance,
        feedback=feedback,
    )
    lap("proximity")
    if inputs.lden_raster or inputs.ld_le_ln:
        ld, le, ln = inputs.ld_le_ln or (None, None, None)
        outcomes["noise"] = noise_exposure(
            study, lden_raster=inputs.lden_raster, ld_raster=ld, le_raster=le, ln_raster=ln, feedback=feedback
        )
        lap("noise")
    air = None
    if inputs.observations is not None:
        air = air_quality(
            study.area_sets,
            inputs.observations,
            options.component,
            method=options.air_method,
            start=options.air_start,
            end=options.air_end,
            averaging=options.averaging,
            feedback=feedback,
        )
        lap("air quality")
    indicators = read_indicator_table(options.indicator_table)
    areas, index, used_stats, skipped = {}, {}, {}, []
    for area_set in study.area_sets:
        kind = area_set.kind
        layers = []
        for name, outcome in outcomes.items():
            layers.append(outcome.area_table(study, kind, name))
        if air is not None:
            layers.append(area_set.table("air", air["areas"][kind]))
        joined = join_layers(layers, area_set.id_field)
        areas[kind] = joined
        index[kind], used_stats[kind], skipped_here = compute_index(
            joined, indicators, None if stats is None else stats.get(kind), feedback
        )
        skipped += [f"{kind}: {s}" for s in skipped_here]
    lap("index")
    messages = [m for o in outcomes.values() for m in o.messages]
    info(feedback, "chain timings: " + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items()))
    return ChainResult(study, outcomes, areas, index, used_stats, air, timings, skipped, messages)


def difference(base: Table, scenario: Table, id_field: str) -> Table:
    """Per area: base, scenario and difference of every numeric field present in both."""
    ids = [str(v) for v in base.col(id_field)]
    position = {v: i for i, v in enumerate(str(x) for x in scenario.col(id_field))}
    rows = np.array([position.get(v, -1) for v in ids])
    columns = {id_field: base.col(id_field)}
    for keep in ("bu_naam",):
        if base.has(keep):
            columns[keep] = base.col(keep)
    for name, values in base.columns.items():
        if name == id_field or name not in scenario.columns:
            continue
        values = np.asarray(values)
        other = np.asarray(scenario.columns[name])
        if values.dtype.kind not in "iuf" or other.dtype.kind not in "iuf":
            continue
        if not (
            name in ("total", "total_z", "class", "homes", "dev_mean") or name.startswith(("dim_", "ind_"))
        ):
            continue
        after = np.where(rows >= 0, other[np.maximum(rows, 0)].astype(float), np.nan)
        columns[f"base_{name}"] = values.astype(float)
        columns[f"scen_{name}"] = after
        columns[f"d_{name}"] = after - values.astype(float)
    for label in ("label",):
        if base.has(label) and scenario.has(label):
            columns[f"base_{label}"] = base.col(label)
            columns[f"scen_{label}"] = np.array(
                [scenario.col(label)[r] if r >= 0 else "" for r in rows], dtype=object
            )
    return Table("scenario_difference", None, columns, base.geometry_type, wkbs=base.wkbs)
