"""15-minute proximity and noise on the tiny town.

Walking 5 km/h = 83.33 m/min, cycling 15 km/h = 250 m/min. Supermarket on B-D 50 m from B, GP on C-E 50 m
from C. a1 (15,0): supermarket 85 + 50 = 135 m, GP 85 + 100 + 50 = 235 m. R2's home (160,0): 110 m, 90 m.
R3's home (-90,0): 240 m, 340 m. Noise: Ld 60, Le 55, Ln 50 west of x = 100 -> Lden exactly 60 dB;
Ld 50, Le 45, Ln 40 east -> 50 dB.
"""

from __future__ import annotations

import numpy as np
import pytest

from smart_society.processing.liveability.errors import LiveabilityError
from smart_society.processing.liveability.noise import band_index, lden_from_components, noise_exposure
from smart_society.processing.liveability.proximity import network_for_mode, proximity
from smart_society.processing.liveability.study import make_study

WALK = 5000 / 60
BIKE = 15000 / 60


@pytest.fixture()
def study(tiny, qgis_app):
    return make_study(tiny["buildings"], tiny["addresses"], tiny["buurten"], 100.0, 1.0)


def networks(tiny):
    lines = tiny["walking_network"]
    return {
        "walk": network_for_mode(lines, "walk", "walking"),
        "bike": network_for_mode(lines, "bike", "cycling"),
    }


def test_proximity_core_by_hand(tiny, study):
    outcome = proximity(study, networks(tiny), tiny["amenities"], categories="supermarket,gp")
    homes = outcome.homes
    assert homes["walk_supermarket"] == pytest.approx(np.array([135, 125, 110, 240]) / WALK)
    assert homes["walk_gp"] == pytest.approx(np.array([235, 225, 90, 340]) / WALK)
    assert homes["bike_gp"] == pytest.approx(np.array([235, 225, 90, 340]) / BIKE)
    assert homes["walk_max"] == pytest.approx(np.array([235, 225, 110, 340]) / WALK)
    assert homes["walk_avg"] == pytest.approx(np.array([185, 175, 100, 290]) / WALK)
    assert list(homes["n_within15"]) == [2, 2, 2, 2]
    buurt = outcome.areas["buurt"]
    assert buurt["walk_avg"] == pytest.approx(np.array([(185 + 175 + 290) / 3, 100]) / WALK)


def test_proximity_threshold_counts_categories(tiny, study):
    outcome = proximity(
        study, networks(tiny), tiny["amenities"], categories=["supermarket", "gp"], threshold_min=2.0
    )  # 2 walking minutes = 166.7 m
    assert list(outcome.homes["n_within15"]) == [1, 1, 2, 0]


def test_proximity_unknown_category_names_layer_and_field(tiny, study):
    with pytest.raises(LiveabilityError, match="amenities.*category.*library"):
        proximity(study, networks(tiny), tiny["amenities"], categories="supermarket,library")


def test_proximity_algorithm(tiny_gpkg, live_registry):
    from liveability_testkit import features, run_alg

    path, _ = tiny_gpkg
    result = run_alg(
        "proximity15min",
        {
            "BUILDINGS": f"{path}|layername=buildings",
            "ADDRESSES": f"{path}|layername=addresses",
            "BUURTEN": f"{path}|layername=buurten",
            "NETWORK": f"{path}|layername=walking_network",
            "AMENITIES": f"{path}|layername=amenities",
            "CATEGORIES": "supermarket,gp",
            "HOMES_OUT": "TEMPORARY_OUTPUT",
            "BUURT_OUT": "TEMPORARY_OUTPUT",
            "GRID_OUT": "TEMPORARY_OUTPUT",
        },
    )
    homes = features(result["HOMES_OUT"], "home_id")
    assert homes["a1"]["walk_supermarket"] == pytest.approx(135 / WALK)
    assert homes["a1"]["bike_supermarket"] == pytest.approx(135 / BIKE)
    assert features(result["BUURT_OUT"], "bu_code")["BU2"]["walk_gp"] == pytest.approx(90 / WALK)


def test_lden_formula_and_bands():
    assert lden_from_components(60, 55, 50) == pytest.approx(60.0)
    # night 10 dB louder than day weighs 8 h + 10 dB penalty
    assert lden_from_components(50, 50, 60) == pytest.approx(10 * np.log10((12e5 + 4 * 10**5.5 + 8e7) / 24))
    assert list(band_index(np.array([44.9, 45, 53, 59.9, 75, np.nan]))) == [0, 1, 2, 3, 7, -1]


def test_noise_core_from_components(tiny_gpkg, study):
    _, rasters = tiny_gpkg
    outcome = noise_exposure(study, ld_raster=rasters["ld"], le_raster=rasters["le"], ln_raster=rasters["ln"])
    assert outcome.homes["lden"] == pytest.approx([60, 60, 50, 60])
    buurt = outcome.areas["buurt"]
    assert list(buurt["homes_60_64"]) == [3, 0]
    assert list(buurt["homes_50_54"]) == [0, 1]
    assert list(buurt["res_60_64"]) == [10, 0]  # 2 + 3 + 5 residents
    assert buurt["share_above53"] == pytest.approx([1.0, 0.0])


def test_noise_algorithm_with_lden_raster(tiny_gpkg, live_registry):
    from liveability_testkit import features, run_alg

    path, rasters = tiny_gpkg
    result = run_alg(
        "noiseexposure",
        {
            "BUILDINGS": f"{path}|layername=buildings",
            "ADDRESSES": f"{path}|layername=addresses",
            "BUURTEN": f"{path}|layername=buurten",
            "LDEN": rasters["lden"],
            "HOMES_OUT": "TEMPORARY_OUTPUT",
            "BUURT_OUT": "TEMPORARY_OUTPUT",
            "GRID_OUT": "TEMPORARY_OUTPUT",
        },
    )
    buurt = features(result["BUURT_OUT"], "bu_code")
    assert buurt["BU1"]["res_share_above53"] == pytest.approx(1.0)
    assert buurt["BU2"]["homes_50_54"] == 1


def test_noise_without_input_is_an_error(study):
    with pytest.raises(LiveabilityError, match="Lden raster"):
        noise_exposure(study, ld_raster="x.tif")
