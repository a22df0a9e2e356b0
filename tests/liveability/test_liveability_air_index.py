"""Air-quality interpolation and the liveability index against hand computation; the real RIVM stations."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from shapely.geometry import Point, box

from smart_society.processing.liveability.air import air_quality, idw, kriging, leave_one_out, station_means
from smart_society.processing.liveability.areas import AreaSet
from smart_society.processing.liveability.data import Table
from smart_society.processing.liveability.errors import LiveabilityError
from smart_society.processing.liveability.index import CLASS_LABELS, Indicator, compute_index

XY = np.array([[0.0, 0.0], [100.0, 0.0], [200.0, 0.0]])
VALUES = np.array([10.0, 20.0, 30.0])


def observations():
    t0 = dt.datetime(2014, 7, 7, 7)
    points = [Point(0, 0), Point(100, 0), Point(200, 0), Point(0, 0), Point(100, 0)]
    return Table(
        "observations",
        points,
        {
            "component": np.array(["NO2", "NO2", "NO2", "NO2", "PM10"], dtype=object),
            "value_ugm3": np.array([10.0, 20.0, 30.0, 14.0, 50.0]),
            "begin_time": np.array([t0, t0, t0, t0 + dt.timedelta(hours=1), t0], dtype=object),
        },
        "Point",
    )


def test_idw_by_hand():
    # at (50, 0): weights 1/50^2, 1/50^2, 1/150^2
    w = np.array([1 / 2500, 1 / 2500, 1 / 22500])
    assert idw(XY, VALUES, [[50, 0]])[0] == pytest.approx((w @ VALUES) / w.sum())
    assert idw(XY, VALUES, [[100, 0]])[0] == pytest.approx(20.0)  # exact at a station


def test_leave_one_out_rmse_by_hand():
    # station 0 from the others: (20/100^2 + 30/200^2) / (1/100^2 + 1/200^2) = 22; station 1: 20;
    # station 2: (20/100^2 + 10/200^2) / (1/100^2 + 1/200^2) = 18
    rmse, predicted = leave_one_out("idw", XY, VALUES)
    assert predicted == pytest.approx([22, 20, 18])
    assert rmse == pytest.approx(np.sqrt((12**2 + 0 + 12**2) / 3))


def test_kriging_properties():
    xy = np.array([[0, 0], [100, 0], [0, 100], [100, 100], [50, 160]], dtype=float)
    values = np.array([10.0, 14.0, 12.0, 18.0, 15.0])
    assert kriging(xy, values, xy) == pytest.approx(values, abs=1e-6)  # exact interpolator
    middle = kriging(xy[:4], values[:4], [[50, 50]], model=(0.0, 10.0, 50.0))[0]
    assert middle == pytest.approx(values[:4].mean())  # symmetric square: equal weights
    rmse, _ = leave_one_out("kriging", xy, values)
    assert np.isfinite(rmse) and rmse > 0


def test_period_and_component_selection():
    table = observations()
    xy, values, n = station_means(table, "NO2")
    assert n == 4 and len(values) == 3
    assert values[np.argmin(xy[:, 0] + xy[:, 1])] == pytest.approx(12.0)  # mean of 10 and 14 at (0, 0)
    _, values, n = station_means(table, "no2", start="2014-07-07 07:00", end="2014-07-07 08:00")
    assert n == 3 and sorted(values) == [10, 20, 30]
    with pytest.raises(LiveabilityError, match="observations.*begin_time"):
        station_means(table, "NO2", start="2015-01-01", end="2015-01-02")
    with pytest.raises(LiveabilityError, match="no time field"):
        station_means(table, "NO2", start="2014-07-07 07:00", time_field=None)
    with pytest.raises(LiveabilityError, match="observations.*component.*CO"):
        station_means(table, "CO")


def test_air_quality_exceedance():
    areas = AreaSet("buurt", "bu_code", np.array(["X"], dtype=object), [box(90, -10, 110, 10)])
    result = air_quality([areas], observations(), "NO2", start="2014-07-07 07:00", end="2014-07-07 08:00")
    row = result["areas"]["buurt"]
    assert row["conc"][0] == pytest.approx(
        idw(XY, VALUES, [box(90, -10, 110, 10).representative_point().coords[0]])[0]
    )
    assert row["who_limit"][0] == 10 and row["eu_limit"][0] == 40
    assert row["exceeds_who"][0] == 1 and row["exceeds_eu"][0] == 0
    assert row["loo_rmse"][0] == pytest.approx(np.sqrt(96))


def test_air_quality_on_real_rivm_stations(shared_data, qgis_app):
    from smart_society.processing.liveability.areas import buurten_from_table
    from smart_society.processing.liveability.data import read_table

    gpkg = shared_data / "rivm_lml_airquality_sospilot" / "lml_stations_observations_2014-07-07.gpkg"
    obs = read_table(f"{gpkg}|layername=observations_hourly", "observations_hourly", kind="point")
    buurten = read_table(
        shared_data / "dordrecht_cbs_buurten_2020" / "dordrecht_cbs_buurten_2020.gpkg",
        "buurten",
        kind="polygon",
    )
    areas = buurten_from_table(buurten)
    result = air_quality(
        [areas], obs, "NO2", start="2014-07-07 08:00", end="2014-07-07 09:00", averaging="hourly"
    )
    conc = result["areas"]["buurt"]["conc"]
    assert len(conc) == 130 and np.isfinite(conc).all()
    assert result["n_stations"] >= 50
    assert 0 < result["rmse"] < 40
    # the Dordrecht stations (Bamendaweg, Frisostraat) bound the city's interpolated values loosely
    assert 5 < conc.mean() < 80
    kriged = air_quality(
        [areas], obs, "NO2", method="kriging", start="2014-07-07 08:00", end="2014-07-07 09:00"
    )
    assert np.isfinite(kriged["rmse"]) and np.isfinite(kriged["areas"]["buurt"]["conc"]).all()


def index_table():
    geoms = [box(0, 0, 1, 1), box(1, 0, 2, 1), box(2, 0, 3, 1)]
    return Table(
        "areas",
        geoms,
        {
            "bu_code": np.array(["A", "B", "C"], dtype=object),
            "green": np.array([0.1, 0.2, 0.3]),
            "noise": np.array([0.5, 0.5, np.nan]),
            "walk": np.array([5.0, 10.0, 15.0]),
        },
        "Polygon",
    )


def test_index_by_hand():
    indicators = [
        Indicator("green", "physical", 2.0, 1),
        Indicator("walk", "amenities", 1.0, -1),
        Indicator("noise", "nuisance", 1.0, -1),
        Indicator("absent", "social", 1.0, 1),
    ]
    table, stats, skipped = compute_index(index_table(), indicators)
    assert skipped == ["absent"]
    z = np.array([-1, 0, 1]) * np.sqrt(3 / 2)  # (x - mean) / population sd for 3 equally spaced values
    assert table.columns["z_green"] == pytest.approx(z)
    assert table.columns["c_green"] == pytest.approx(2 * z)
    assert table.columns["c_walk"] == pytest.approx(-z)
    # noise: A and B equal (sd 0 -> z 0), C missing -> imputed z 0
    assert table.columns["c_noise"] == pytest.approx([0, 0, 0])
    assert list(table.columns["imputed"]) == ["", "", "noise"]
    total = 2 * z - z
    assert table.columns["total"] == pytest.approx(total)
    assert table.columns["dim_physical"] == pytest.approx(2 * z)
    total_z = total / total.std()
    assert table.columns["total_z"] == pytest.approx(total_z)
    expected_class = [
        1 + int(np.sum(np.array([-1.75, -1.25, -0.75, -0.25, 0.25, 0.75, 1.25, 1.75]) <= t)) for t in total_z
    ]
    assert list(table.columns["class"]) == expected_class
    assert list(table.columns["label"]) == [CLASS_LABELS[c - 1] for c in expected_class]
    assert table.columns["dev_mean"] == pytest.approx(total - total.mean())
    # A: physical -1.22 per unit weight, amenities +1.22, nuisance 0 -> weakest physical
    assert table.columns["weakest"][0] == "physical" and table.columns["weakest"][2] == "amenities"
    assert stats.means["green"] == pytest.approx(0.2)


def test_index_reuses_baseline_scale():
    indicators = [Indicator("green", "physical", 1.0, 1)]
    base, stats, _ = compute_index(index_table(), indicators)
    greener = index_table()
    greener.columns["green"] = greener.columns["green"] + 0.1
    after, _, _ = compute_index(greener, indicators, stats)
    assert after.columns["total"] - base.columns["total"] == pytest.approx([0.1 * np.sqrt(3 / 2) / 0.1] * 3)


def test_default_indicator_table_reads():
    from smart_society.processing.liveability.index import DIMENSIONS, read_indicator_table

    indicators = read_indicator_table()
    assert {i.dimension for i in indicators} == set(DIMENSIONS)


def test_bad_indicator_table(tmp_path):
    from smart_society.processing.liveability.index import read_indicator_table

    bad = tmp_path / "t.csv"
    bad.write_text("indicator,dimension,weight,direction\ngreen,beauty,1,1\n", encoding="utf-8")
    with pytest.raises(LiveabilityError, match="row 2, field 'dimension'"):
        read_indicator_table(bad)
