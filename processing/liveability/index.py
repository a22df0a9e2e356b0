"""A transparent liveability index in the spirit of the Leefbaarometer 3.0.

1. Indicator values per area come from one or more indicator layers joined on the area id
   (``bu_code`` or ``cell_id``); the indicator-to-dimension table (``resources/liveability/indicators.csv``,
   editable) names each indicator's dimension, weight and direction (+1 more is better, -1 worse).
2. z-score per indicator over the areas: ``z = (x - mean) / sd`` (population sd). An area without a value
   gets z = 0 (the mean) and the indicator is listed in its ``imputed`` field; an indicator missing from
   every layer is skipped and reported.
3. contribution ``c_<indicator> = weight * direction * z``; dimension score ``dim_<dimension>`` = the
   sum of its contributions; ``total`` = the sum of the dimension scores.
4. ``total_z`` = (total - mean of totals) / sd of totals; nine classes with the breaks
   -1.75, -1.25, -0.75, -0.25, 0.25, 0.75, 1.25, 1.75 and the Leefbaarometer labels (zeer onvoldoende ...
   uitstekend); ``dev_mean`` = total minus the municipal mean (the mean over all areas);
   ``weakest`` = the dimension with the lowest score per unit weight.
Every row keeps ``ind_``, ``z_`` and ``c_`` fields, so each score can be explained. For scenarios the
baseline's means and sds (``IndexStats``) are reused so both runs share one scale.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .data import Table, warn
from .errors import LiveabilityError, layer_error

DEFAULT_TABLE = Path(__file__).resolve().parents[2] / "resources" / "liveability" / "indicators.csv"
DIMENSIONS = ("housing", "physical", "amenities", "social", "nuisance")
DIMENSION_NL = {
    "housing": "woningvoorraad",
    "physical": "fysieke omgeving",
    "amenities": "voorzieningen",
    "social": "sociale samenhang",
    "nuisance": "overlast en onveiligheid",
}
CLASS_BREAKS = (-1.75, -1.25, -0.75, -0.25, 0.25, 0.75, 1.25, 1.75)
CLASS_LABELS = (
    "zeer onvoldoende",
    "ruim onvoldoende",
    "onvoldoende",
    "zwak",
    "voldoende",
    "ruim voldoende",
    "goed",
    "zeer goed",
    "uitstekend",
)


@dataclass
class Indicator:
    name: str
    dimension: str
    weight: float
    direction: int
    label_en: str = ""
    label_nl: str = ""


@dataclass
class IndexStats:
    means: dict = field(default_factory=dict)
    sds: dict = field(default_factory=dict)
    total_mean: float = 0.0
    total_sd: float = 1.0


def read_indicator_table(path=None) -> list:
    path = Path(path) if path else DEFAULT_TABLE
    if not path.is_file():
        raise LiveabilityError(
            f"indicator table '{path}': file not found; expected a CSV with columns "
            "indicator,dimension,weight,direction"
        )
    indicators = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        needed = {"indicator", "dimension", "weight", "direction"}
        missing = needed - set(reader.fieldnames or [])
        if missing:
            raise LiveabilityError(
                f"indicator table '{path}': column(s) {', '.join(sorted(missing))} missing; "
                "expected indicator,dimension,weight,direction[,label_en,label_nl]"
            )
        for line, row in enumerate(reader, start=2):
            name = (row["indicator"] or "").strip().lower()
            if not name or name.startswith("#"):
                continue
            dimension = (row["dimension"] or "").strip().lower()
            if dimension not in DIMENSIONS:
                raise LiveabilityError(
                    f"indicator table '{path}', row {line}, field 'dimension': "
                    f"'{dimension}'; expected one of {', '.join(DIMENSIONS)}"
                )
            try:
                weight = float(row["weight"])
                direction = int(float(row["direction"]))
            except (TypeError, ValueError):
                raise LiveabilityError(
                    f"indicator table '{path}', row {line}: weight and direction must be "
                    "numbers (weight > 0, direction 1 or -1)"
                ) from None
            if weight <= 0 or direction not in (1, -1):
                raise LiveabilityError(
                    f"indicator table '{path}', row {line}, field 'weight'/'direction': "
                    f"got {weight}/{direction}; expected weight > 0 and direction 1 or -1"
                )
            indicators.append(
                Indicator(
                    name,
                    dimension,
                    weight,
                    direction,
                    row.get("label_en") or name,
                    row.get("label_nl") or name,
                )
            )
    if not indicators:
        raise LiveabilityError(f"indicator table '{path}': no indicator rows")
    return indicators


def join_layers(layers: list, id_field: str) -> Table:
    """The first layer's areas with every other layer's fields joined on ``id_field`` (first value wins)."""
    if not layers:
        raise LiveabilityError("no indicator layers given; expected at least one area layer")
    base = layers[0]
    ids = [str(v) for v in base.col(id_field)]
    position = {v: i for i, v in enumerate(ids)}
    columns = dict(base.columns)
    for layer in layers[1:]:
        other_ids = [str(v) for v in layer.col(id_field)]
        rows = np.array([position.get(v, -1) for v in other_ids])
        for name, values in layer.columns.items():
            if name in columns or name in ("fid",):
                continue
            values = np.asarray(values)
            if values.dtype.kind in "iufb":
                merged = np.full(len(ids), np.nan)
                ok = rows >= 0
                merged[rows[ok]] = values[ok].astype(float)
            else:
                merged = np.array([""] * len(ids), dtype=object)
                ok = rows >= 0
                merged[rows[ok]] = values[ok]
            columns[name] = merged
    return Table(base.name, None, columns, base.geometry_type, wkbs=base.wkbs)


def compute_index(table: Table, indicators: list, stats: IndexStats | None = None, feedback=None) -> tuple:
    """Returns (Table with index fields, IndexStats used, list of skipped indicators)."""
    n = len(table)
    if n == 0:
        raise layer_error(table.name, "has no areas; expected at least one area")
    used, skipped = [], []
    for indicator in indicators:
        if indicator.name in table.columns and np.asarray(table.columns[indicator.name]).dtype.kind in "iufb":
            used.append(indicator)
        else:
            skipped.append(indicator.name)
    if skipped:
        warn(feedback, f"indicators not found in the indicator layers (skipped): {', '.join(skipped)}")
    if not used:
        raise layer_error(
            table.name,
            "none of the indicators of the table is a numeric field; expected e.g. "
            + ", ".join(i.name for i in indicators[:3]),
            indicators[0].name,
        )
    fresh = stats is None
    stats = stats or IndexStats()
    columns = dict(table.columns)
    imputed = [[] for _ in range(n)]
    dims = {}
    dim_weight = {}
    for indicator in used:
        x = np.asarray(table.columns[indicator.name], dtype=float)
        known = ~np.isnan(x)
        if fresh:
            if not known.any():
                stats.means[indicator.name], stats.sds[indicator.name] = np.nan, np.nan
            else:
                stats.means[indicator.name] = float(np.mean(x[known]))
                stats.sds[indicator.name] = float(np.std(x[known]))
        mean, sd = stats.means.get(indicator.name, np.nan), stats.sds.get(indicator.name, np.nan)
        if np.isnan(mean):
            warn(feedback, f"indicator '{indicator.name}' has no value in any area: all areas get z = 0")
        if not np.isnan(sd) and sd == 0:
            warn(feedback, f"indicator '{indicator.name}' has the same value in every area: z = 0")
        with np.errstate(invalid="ignore", divide="ignore"):
            z = np.where(known & (sd > 0), (x - mean) / (sd if sd and sd > 0 else 1.0), 0.0)
        for i in np.flatnonzero(~known):
            imputed[i].append(indicator.name)
        contribution = indicator.weight * indicator.direction * z
        columns[f"ind_{indicator.name}"] = x
        columns[f"z_{indicator.name}"] = z
        columns[f"c_{indicator.name}"] = contribution
        dims[indicator.dimension] = dims.get(indicator.dimension, 0.0) + contribution
        dim_weight[indicator.dimension] = dim_weight.get(indicator.dimension, 0.0) + indicator.weight
    present = [d for d in DIMENSIONS if d in dims]
    total = np.zeros(n)
    for dimension in present:
        columns[f"dim_{dimension}"] = np.asarray(dims[dimension], dtype=float)
        total = total + dims[dimension]
    if fresh:
        stats.total_mean = float(np.mean(total))
        stats.total_sd = float(np.std(total)) or 1.0
    total_z = (total - stats.total_mean) / stats.total_sd
    classes = np.digitize(total_z, CLASS_BREAKS) + 1
    per_weight = np.stack([dims[d] / dim_weight[d] for d in present], axis=1)
    weakest = np.array([present[i] for i in np.argmin(per_weight, axis=1)], dtype=object)
    columns["total"] = total
    columns["total_z"] = total_z
    columns["class"] = classes.astype(np.int64)
    columns["label"] = np.array([CLASS_LABELS[c - 1] for c in classes], dtype=object)
    columns["dev_mean"] = total - stats.total_mean
    columns["weakest"] = weakest
    columns["imputed"] = np.array([",".join(v) for v in imputed], dtype=object)
    return Table(table.name, None, columns, table.geometry_type, wkbs=table.wkbs), stats, skipped


def explain(row: dict, indicators: list) -> str:
    """A one-paragraph explanation of an area's score from its output fields."""
    parts = []
    for indicator in indicators:
        key = f"c_{indicator.name}"
        if key in row:
            parts.append(
                f"{indicator.label_en}: {row.get('ind_' + indicator.name, float('nan')):.3g} "
                f"(z {row.get('z_' + indicator.name, 0):+.2f}, contribution {row[key]:+.2f})"
            )
    return "; ".join(parts)
