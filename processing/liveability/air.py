"""Air quality: interpolate sensor observations (IDW or ordinary kriging) with a leave-one-out RMSE.

Observations are points with a component, a value (ug/m3) and a time. For the chosen component and
period [start, end) the values are averaged per station (same location). The surface is evaluated at
the areas' representative points (grid cell centres, buurt interior points):

- IDW: ``sum(w_i z_i) / sum(w_i)``, ``w_i = 1 / d_i^power`` (power 2 by default); at a station the
  station's own value.
- Ordinary kriging: an exponential semivariogram ``g(h) = nugget + sill * (1 - exp(-h / range))`` fitted
  by weighted least squares to the empirical semivariogram (10 distance bins up to half the largest
  station distance), then the ordinary-kriging system with a Lagrange multiplier.
- Leave-one-out RMSE: each station predicted from all the others with the same method and settings.

Exceedance: the area value against the WHO 2021 air-quality guideline and the EU limit value
(Directive 2008/50/EC) for the chosen averaging period (annual by default, or daily / hourly).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from scipy.optimize import least_squares

from .data import Table, info, text_column, warn
from .errors import layer_error

# (component, averaging) -> (WHO 2021 guideline, EU limit value) in ug/m3; None where none exists
LIMITS = {
    ("NO2", "annual"): (10.0, 40.0),
    ("NO2", "daily"): (25.0, None),
    ("NO2", "hourly"): (200.0, 200.0),
    ("PM10", "annual"): (15.0, 40.0),
    ("PM10", "daily"): (45.0, 50.0),
    ("PM10", "hourly"): (None, None),
    ("PM2.5", "annual"): (5.0, 25.0),
    ("PM2.5", "daily"): (15.0, None),
    ("PM2.5", "hourly"): (None, None),
    ("O3", "annual"): (60.0, None),
    ("O3", "daily"): (100.0, 120.0),
    ("O3", "hourly"): (None, 180.0),
    ("SO2", "annual"): (None, None),
    ("SO2", "daily"): (40.0, 125.0),
    ("SO2", "hourly"): (None, 350.0),
}
AVERAGING = ("annual", "daily", "hourly")


def _as_datetime(value):
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    text = str(value).strip().replace("/", "-").replace("T", " ").rstrip("Z")
    try:
        return dt.datetime.fromisoformat(text[:19])
    except ValueError:
        return None


def station_means(
    observations: Table,
    component: str,
    *,
    component_field: str = "component",
    value_field: str = "value_ugm3",
    time_field: str | None = "begin_time",
    start=None,
    end=None,
    feedback=None,
):
    """Per-station mean of the component in [start, end); returns (xy (n, 2), values (n,), n_observations)."""
    components = text_column(observations, component_field)
    values = observations.col(value_field)
    try:
        values = np.array([np.nan if v in (None, "") else float(v) for v in values], dtype=float)
    except (TypeError, ValueError):
        raise layer_error(
            observations.name, "holds non-numeric values; expected concentrations in ug/m3", value_field
        ) from None
    keep = np.array([c.upper() == component.upper() for c in components]) & ~np.isnan(values)
    negative = keep & (values < 0)
    if negative.any():
        warn(
            feedback,
            f"{observations.name}: {int(negative.sum())} observations of '{component}' with a negative "
            f"'{value_field}' (nodata codes such as -999) are ignored",
        )
        keep &= ~negative
    if not (np.array([c.upper() == component.upper() for c in components])).any():
        raise layer_error(
            observations.name,
            f"no observation of component '{component}'; expected one of "
            f"{', '.join(sorted(set(components)))}",
            component_field,
        )
    if (start or end) and not time_field:
        raise layer_error(observations.name, "a period was given but no time field; expected the field with "
                          "the observation times (e.g. begin_time)", component_field)
    start, end = _as_datetime(start), _as_datetime(end)
    if (start or end) and time_field:
        times = [_as_datetime(v) for v in observations.col(time_field)]
        in_period = np.array(
            [t is not None and (start is None or t >= start) and (end is None or t < end) for t in times]
        )
        keep &= in_period
    if not keep.any():
        period = f"{start or '...'} to {end or '...'}"
        raise layer_error(
            observations.name,
            f"no observation of '{component}' in the period {period}; expected sensor values in that period",
            time_field or value_field,
        )
    xy = observations.xy()[keep]
    vals = values[keep]
    keys = np.round(xy, 1)
    unique, inverse = np.unique(keys, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    sums = np.bincount(inverse, weights=vals, minlength=len(unique))
    counts = np.bincount(inverse, minlength=len(unique))
    station_xy = np.array([xy[inverse == i][0] for i in range(len(unique))])
    return station_xy, sums / counts, int(keep.sum())


def idw(station_xy, station_values, targets, power: float = 2.0) -> np.ndarray:
    station_xy = np.asarray(station_xy, float)
    targets = np.asarray(targets, float).reshape(-1, 2)
    result = np.empty(len(targets))
    for start in range(0, len(targets), 4096):
        chunk = targets[start : start + 4096]
        d = np.hypot(chunk[:, None, 0] - station_xy[None, :, 0], chunk[:, None, 1] - station_xy[None, :, 1])
        exact = d < 1e-9
        with np.errstate(divide="ignore"):
            w = 1.0 / np.where(exact, 1.0, d) ** power
        w[exact.any(axis=1)] = exact[exact.any(axis=1)].astype(float)
        result[start : start + len(chunk)] = (w @ station_values) / w.sum(axis=1)
    return result


def _pairwise(xy):
    return np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])


def exponential(h, nugget, sill, range_):
    return nugget + sill * (1.0 - np.exp(-np.asarray(h) / range_))


def fit_variogram(xy, values, bins: int = 10) -> tuple:
    """(nugget, partial sill, range) of an exponential model fitted to the empirical semivariogram."""
    d = _pairwise(xy)
    g = 0.5 * (values[:, None] - values[None, :]) ** 2
    iu = np.triu_indices(len(values), 1)
    d, g = d[iu], g[iu]
    max_d = d.max() / 2.0 if d.max() > 0 else 1.0
    edges = np.linspace(0, max_d, bins + 1)
    which = np.digitize(d, edges) - 1
    lags, gammas, counts = [], [], []
    for b in range(bins):
        sel = which == b
        if sel.sum() >= 1:
            lags.append(d[sel].mean())
            gammas.append(g[sel].mean())
            counts.append(sel.sum())
    lags, gammas, counts = map(np.asarray, (lags, gammas, counts))
    variance = float(np.var(values)) or 1e-6
    if len(lags) < 3:
        return 0.0, variance, max_d / 3.0

    def residual(p):
        return np.sqrt(counts) * (exponential(lags, p[0], p[1], p[2]) - gammas)

    fit = least_squares(
        residual,
        x0=[0.1 * variance, variance, max_d / 3.0],
        bounds=([0.0, 1e-9, max_d / 100.0], [10 * variance, 10 * variance, 10 * max_d]),
    )
    return tuple(float(x) for x in fit.x)


def kriging(station_xy, station_values, targets, model=None) -> np.ndarray:
    station_xy = np.asarray(station_xy, float)
    station_values = np.asarray(station_values, float)
    nugget, sill, range_ = model or fit_variogram(station_xy, station_values)
    n = len(station_values)
    a = np.ones((n + 1, n + 1))
    a[:n, :n] = exponential(_pairwise(station_xy), nugget, sill, range_)
    np.fill_diagonal(a[:n, :n], 0.0)
    a[n, n] = 0.0
    targets = np.asarray(targets, float).reshape(-1, 2)
    result = np.empty(len(targets))
    for start in range(0, len(targets), 4096):
        chunk = targets[start : start + 4096]
        d = np.hypot(chunk[:, None, 0] - station_xy[None, :, 0], chunk[:, None, 1] - station_xy[None, :, 1])
        b = np.ones((len(chunk), n + 1))
        b[:, :n] = np.where(d < 1e-9, 0.0, exponential(d, nugget, sill, range_))
        weights = np.linalg.lstsq(a, b.T, rcond=None)[0][:n]
        result[start : start + len(chunk)] = weights.T @ station_values
    return result


def interpolate(method: str, station_xy, station_values, targets, power: float = 2.0, model=None):
    if method == "idw":
        return idw(station_xy, station_values, targets, power)
    if method == "kriging":
        return kriging(station_xy, station_values, targets, model)
    raise ValueError(f"unknown interpolation method '{method}'; expected 'idw' or 'kriging'")


def leave_one_out(method: str, station_xy, station_values, power: float = 2.0) -> tuple:
    """(RMSE, per-station predictions) predicting each station from all others."""
    n = len(station_values)
    model = fit_variogram(station_xy, station_values) if method == "kriging" else None
    predictions = np.empty(n)
    for i in range(n):
        others = np.arange(n) != i
        predictions[i] = interpolate(
            method, station_xy[others], station_values[others], station_xy[i : i + 1], power, model
        )[0]
    return float(np.sqrt(np.mean((predictions - station_values) ** 2))), predictions


def limits_for(component: str, averaging: str) -> tuple:
    if averaging not in AVERAGING:
        raise ValueError(f"averaging must be one of {', '.join(AVERAGING)}, got '{averaging}'")
    for (name, period), value in LIMITS.items():
        if name.upper() == component.upper() and period == averaging:
            return value
    return (None, None)


def air_quality(
    area_sets: list,
    observations: Table,
    component: str = "NO2",
    *,
    method: str = "idw",
    power: float = 2.0,
    start=None,
    end=None,
    averaging: str = "annual",
    component_field: str = "component",
    value_field: str = "value_ugm3",
    time_field: str | None = "begin_time",
    feedback=None,
) -> dict:
    """Returns {'areas': {kind: columns}, 'stations': (xy, values, loo predictions), 'rmse': float, ...}."""
    station_xy, station_values, n_obs = station_means(
        observations,
        component,
        component_field=component_field,
        value_field=value_field,
        time_field=time_field,
        start=start,
        end=end,
        feedback=feedback,
    )
    if len(station_values) < 3:
        raise layer_error(
            observations.name,
            f"only {len(station_values)} stations measured '{component}' in the "
            "period; expected at least 3 for interpolation and leave-one-out",
            value_field,
        )
    rmse, predictions = leave_one_out(method, station_xy, station_values, power)
    info(
        feedback,
        f"{component}: {len(station_values)} stations, {n_obs} observations, {method} leave-one-out "
        f"RMSE {rmse:.2f} ug/m3",
    )
    who, eu = limits_for(component, averaging)
    model = fit_variogram(station_xy, station_values) if method == "kriging" else None
    result = {
        "areas": {},
        "rmse": rmse,
        "n_stations": len(station_values),
        "n_observations": n_obs,
        "stations": (station_xy, station_values, predictions),
        "who": who,
        "eu": eu,
        "model": model,
    }
    for area_set in area_sets:
        targets = area_set.centres()
        values = interpolate(method, station_xy, station_values, targets, power, model)
        n = len(area_set)
        result["areas"][area_set.kind] = {
            "component": np.array([component] * n, dtype=object),
            "method": np.array([method] * n, dtype=object),
            "conc": values,
            "loo_rmse": np.full(n, rmse),
            "n_stations": np.full(n, len(station_values), dtype=np.int64),
            "who_limit": np.full(n, np.nan if who is None else who),
            "eu_limit": np.full(n, np.nan if eu is None else eu),
            "exceeds_who": np.where(who is None, -1, values > (who or 0)).astype(np.int64),
            "exceeds_eu": np.where(eu is None, -1, values > (eu or 0)).astype(np.int64),
        }
    return result
