"""Heat: land-cover shares, a documented heat-risk score and the distance to a cool spot.

Shares per area (fraction of the area's pixels on a raster of ``Study.resolution`` m):
``paved_share`` (land cover classes road, pavement, rail), ``green_share`` (green), ``water_share``
(water), ``built_share`` (building footprints, drawn over the land cover), ``other_share`` (everything
else, e.g. bare soil or uncovered), ``canopy_share`` (tree canopy, which may lie over any class).

Heat-risk score, 0 (cool) to 100 (hot), a transparent surface-heat-load index in the spirit of UMEP's
land-cover fractions:

    heat_risk = 100 * clip( 1.0*paved + 1.0*built + 0.3*green + 0.0*water + 0.6*other - 0.7*canopy, 0, 1)

so fully paved or built = 100, an open lawn = 30, water = 0, and canopy cools what lies beneath it.

Cool spots: green spaces of at least ``min_cool_m2`` (5,000 m2) whose canopy share is at least
``min_cool_canopy`` (10 %); per home the walking network distance to the nearest cool-spot entrance, per
area its mean and the share of homes within ``cool_distance`` (300 m).
"""

from __future__ import annotations

import numpy as np

from .areas import aggregate_mean
from .data import Table, info, text_column
from .errors import layer_error
from .green import distance_to_polygons, report_unreached
from .network import Network
from .study import Outcome, Study

COVER_CLASSES = {
    "paved": {
        "road",
        "pavement",
        "rail",
        "paved",
        "verhard",
        "gesloten verharding",
        "open verharding",
        "half verhard",
        "spoorbaan",
    },
    "green": {"green", "grass", "groen", "groenvoorziening", "grasland overig", "grasland agrarisch"},
    "water": {"water", "waterloop", "watervlakte"},
}
HEAT_WEIGHTS = {"paved": 1.0, "built": 1.0, "green": 0.3, "water": 0.0, "other": 0.6, "canopy": -0.7}


def heat_risk_score(shares: dict) -> np.ndarray:
    """The documented score from share arrays (paved, built, green, water, other, canopy)."""
    total = sum(HEAT_WEIGHTS[k] * np.asarray(shares[k], dtype=float) for k in HEAT_WEIGHTS)
    return 100.0 * np.clip(total, 0.0, 1.0)


def cover_class_masks(study: Study, land_cover: Table, cover_field: str = "cover", feedback=None) -> dict:
    values = text_column(land_cover, cover_field)
    classes = np.full(len(values), "other", dtype=object)
    lowered = np.array([v.strip().lower() for v in values], dtype=object)
    for name, members in COVER_CLASSES.items():
        classes[np.isin(lowered, list(members))] = name
    unknown = sorted(set(lowered[classes == "other"]))
    if unknown:
        info(
            feedback, f"{land_cover.name}: values of '{cover_field}' counted as 'other': {', '.join(unknown)}"
        )
    coverage = study.coverage
    codes = {"paved": 1, "green": 2, "water": 3, "other": 4}
    raster = coverage.burn(land_cover.wkbs, values=[codes[c] for c in classes])
    masks = {name: (raster == code) for name, code in codes.items()}
    return masks


def heat_risk(
    study: Study,
    network: Network,
    land_cover: Table,
    green: Table,
    canopy: np.ndarray,
    *,
    cover_field: str = "cover",
    min_cool_m2: float = 5000.0,
    min_cool_canopy: float = 0.10,
    cool_distance: float = 300.0,
    tolerance: float = 100.0,
    feedback=None,
) -> Outcome:
    outcome = Outcome()
    coverage = study.coverage
    masks = cover_class_masks(study, land_cover, cover_field, feedback)
    built = coverage.burn(study.buildings.wkbs) > 0
    for name in masks:
        masks[name] = masks[name] & ~built
    covered = built | masks["paved"] | masks["green"] | masks["water"] | masks["other"]
    masks["other"] = masks["other"] | ~covered
    masks["built"] = built
    masks["canopy"] = canopy > 0
    # one code per pixel: land cover class (0-4, built overrides), canopy adds 8
    classes = ("paved", "green", "water", "other", "built")
    codes = np.zeros(built.shape, dtype=np.uint8)
    for number, name in enumerate(classes):
        codes[masks[name]] = number
    codes += (masks["canopy"] * 8).astype(np.uint8)
    # cool spots
    areas = np.array([g.area for g in green.geoms])
    candidates = np.flatnonzero(areas >= min_cool_m2)
    if len(candidates):
        from .areas import AreaSet

        green_set = AreaSet("green", "i", np.arange(len(candidates)), [green.geoms[i] for i in candidates])
        canopy_in = coverage.share(green_set, canopy)
        cool = [green.geoms[i] for i, s in zip(candidates, canopy_in) if s >= min_cool_canopy]
    else:
        cool = []
    if not cool:
        raise layer_error(
            green.name,
            f"no cool spot: expected a green space of at least {min_cool_m2:g} m2 with "
            f"at least {min_cool_canopy:.0%} canopy",
        )
    info(
        feedback, f"{len(cool)} cool spots (green >= {min_cool_m2:g} m2 with >= {min_cool_canopy:.0%} canopy)"
    )
    distance, snap = distance_to_polygons(network, study, cool, tolerance, green.name, feedback)
    outcome.messages += report_unreached(feedback, "cool spot", snap, distance)
    within = np.where(np.isnan(distance), np.nan, (distance <= cool_distance).astype(float))
    outcome.homes = {"cool_dist_m": distance, "cool_300": within}
    year = study.buildings.col("bouwjaar").astype(float) if study.buildings.has("bouwjaar") else None
    for area_set, area_index in zip(study.area_sets, study.home_area):
        n = len(area_set)
        table = coverage.code_shares(area_set, codes, 16)
        shares = {name: table[:, number] + table[:, number + 8] for number, name in enumerate(classes)}
        shares["canopy"] = table[:, 8:].sum(axis=1)
        values = {
            f"{name}_share": shares[name] for name in ("paved", "green", "canopy", "water", "built", "other")
        }
        values["heat_risk"] = heat_risk_score(shares)
        values["mean_cool_dist_m"] = aggregate_mean(area_index, distance, n)
        values["share_cool_300"] = aggregate_mean(area_index, within, n)
        if year is not None:
            values["mean_bouwjaar"] = aggregate_mean(area_index, year[study.homes.col("building")], n)
        outcome.areas[area_set.kind] = values
    return outcome
