"""3-30-300 and heat on the tiny town (see conftest.py for the drawing), core and Processing algorithm.

Hand computation, network distances to the park entrance at (150,110) (F + 10 m on the footway F-G):
home a1 snapped at (15,0): 85 + 100 (B-D) + 50 (D-F) + 10 = 245; a2 at (25,0): 235;
R2's home at (160,0): 40 (to C) + 100 (C-E) + 50 (E-F) + 10 = 200; R3's home at (-90,0): 90 + 100 + 100 + 50
+ 10 = 350 (> 300). Trees within 15 m: R1 3 (t1 5 m, t2 10 m, t3 10 m; t4 is 20 m away), R2 1, R3 0.
"""

from __future__ import annotations

import numpy as np
import pytest

from smart_society.processing.liveability.green import green_330300
from smart_society.processing.liveability.heat import heat_risk
from smart_society.processing.liveability.network import Network
from smart_society.processing.liveability.study import make_study

DISC = np.pi * 2.0**2  # a 4 m crown


@pytest.fixture()
def study(tiny, qgis_app):
    return make_study(tiny["buildings"], tiny["addresses"], tiny["buurten"], 100.0, 1.0)


def test_homes_and_residents(study):
    homes = study.homes
    assert list(homes.col("home_id")[:2]) == ["a1", "a2"]
    assert list(homes.col("generated")) == [0, 0, 1, 1]
    # B1 has 10 inhabitants: a1 2, a2 3, so R3's generated home gets the remaining 5; B2's home gets 4
    assert list(homes.col("inwoners")) == [2, 3, 4, 5]
    assert list(study.home_area[0]) == [0, 0, 1, 0]


def test_330300_core_by_hand(tiny, study):
    network = Network(tiny["walking_network"].geoms)
    outcome = green_330300(
        study, network, tiny["trees"], tiny["green_spaces"], crowns=tiny["crowns"], min_green_m2=3000
    )
    assert np.allclose(outcome.homes["green_dist_m"], [245, 235, 200, 350])
    assert list(outcome.homes["rule300"]) == [1, 1, 1, 0]
    assert list(outcome.homes["trees_15m"]) == [3, 3, 1, 0]
    assert np.allclose(outcome.homes["snap_m"], [15, 25, 30, 30])
    buurt = outcome.areas["buurt"]
    assert np.allclose(buurt["share_3"], [2 / 3, 0])
    assert np.allclose(buurt["share_300"], [2 / 3, 1])
    # canopy: crown square 2,500 m2 + four 4 m discs in B1 (250 x 350 m);
    # 400 m2 + one disc in B2 (150 x 350 m)
    assert buurt["canopy_share"][0] == pytest.approx((2500 + 4 * DISC) / 87500, abs=3e-4)
    assert buurt["canopy_share"][1] == pytest.approx((400 + DISC) / 52500, abs=3e-4)
    assert list(buurt["conditions_met"]) == [2, 1]
    grid = outcome.areas["grid"]
    assert sorted(grid["homes"]) == [1, 1, 2]


def test_330300_park_too_small_is_an_error(tiny, study):
    from smart_society.processing.liveability.errors import LiveabilityError

    network = Network(tiny["walking_network"].geoms)
    with pytest.raises(LiveabilityError, match="green_spaces.*is_public"):
        green_330300(study, network, tiny["trees"], tiny["green_spaces"], min_green_m2=5000)


def test_heat_core_by_hand(tiny, study):
    network = Network(tiny["walking_network"].geoms)
    green = green_330300(
        study, network, tiny["trees"], tiny["green_spaces"], crowns=tiny["crowns"], min_green_m2=3000
    )
    outcome = heat_risk(
        study, network, tiny["land_cover"], tiny["green_spaces"], green.extra["canopy_mask"], min_cool_m2=3000
    )
    buurt = outcome.areas["buurt"]
    built1, built2 = 1200 / 87500, 400 / 52500  # R1, R3 and the shop in B1; R2 in B2
    assert buurt["built_share"] == pytest.approx([built1, built2])
    assert buurt["paved_share"] == pytest.approx([1 - built1, 0])
    green2, water2 = 29600 / 52500, 22500 / 52500
    assert buurt["green_share"] == pytest.approx([0, green2])
    assert buurt["water_share"] == pytest.approx([0, water2])
    canopy1, canopy2 = (2500 + 4 * DISC) / 87500, (400 + DISC) / 52500
    expected = [100 * (1.0 - 0.7 * canopy1), 100 * (built2 + 0.3 * green2 - 0.7 * canopy2)]
    assert buurt["heat_risk"] == pytest.approx(expected, abs=0.05)
    # the park (3,600 m2, 11 % canopy) is the cool spot
    assert np.allclose(outcome.homes["cool_dist_m"], [245, 235, 200, 350])
    assert buurt["mean_bouwjaar"] == pytest.approx([(1930 * 2 + 1970) / 3, 2000])


def test_green_and_heat_algorithms(tiny_gpkg, live_registry, tmp_path):
    from liveability_testkit import features, run_alg

    path, _rasters = tiny_gpkg

    def layer(name):
        return f"{path}|layername={name}"

    common = {
        "BUILDINGS": layer("buildings"),
        "ADDRESSES": layer("addresses"),
        "BUURTEN": layer("buurten"),
        "GRID_SIZE": 100,
        "NETWORK": layer("walking_network"),
        "GREEN": layer("green_spaces"),
        "TREES": layer("trees"),
        "CROWNS": layer("crowns"),
    }
    result = run_alg(
        "green330300",
        dict(
            common,
            MIN_GREEN_M2=3000,
            HOMES_OUT=str(tmp_path / "homes.gpkg"),
            BUURT_OUT=str(tmp_path / "buurt.gpkg"),
            GRID_OUT=str(tmp_path / "grid.gpkg"),
            BUILDINGS_OUT=str(tmp_path / "buildings.gpkg"),
        ),
    )
    buurt = features(result["BUURT_OUT"], "bu_code")
    assert buurt["BU1"]["_crs"] == "EPSG:28992"
    assert buurt["BU1"]["share_300"] == pytest.approx(2 / 3)
    assert buurt["BU2"]["conditions_met"] == 1
    homes = features(result["HOMES_OUT"], "home_id")
    assert homes["a1"]["green_dist_m"] == pytest.approx(245)
    assert homes["a1"]["bu_code"] == "BU1"
    buildings = features(result["BUILDINGS_OUT"], "identificatie")
    assert set(buildings) == {"R1", "R2", "R3"} and buildings["R1"]["trees_15m"] == 3
    assert len(features(result["GRID_OUT"])) == 3
    heat = run_alg(
        "heatrisk",
        dict(
            common,
            LAND_COVER=layer("land_cover"),
            MIN_COOL_M2=3000,
            BUURT_OUT=str(tmp_path / "heat.gpkg"),
            GRID_OUT="TEMPORARY_OUTPUT",
            HOMES_OUT="TEMPORARY_OUTPUT",
        ),
    )
    heat_buurt = features(heat["BUURT_OUT"], "bu_code")
    assert heat_buurt["BU2"]["water_share"] == pytest.approx(22500 / 52500)


def test_canopy_from_a_raster(tiny, study, tmp_path):
    from liveability_testkit import write_raster

    from smart_society.processing.liveability.green import canopy_mask

    # canopy (value 1) west of x = 0, none east: B1 spans x -150..100, so 150 of its 250 m are canopy
    raster = write_raster(tmp_path / "canopy.tif", 1, 0, split_x=0.0)
    mask = canopy_mask(study, canopy_raster=raster)
    shares = study.coverage.code_shares(study.area_set("buurt"), mask, 2)[:, 1]
    assert shares == pytest.approx([150 / 250, 0.0])
