"""Scenario comparison on the tiny town, and bad input: other CRSs, empty layers, missing "
"fields, far points."""

from __future__ import annotations

import numpy as np
import pytest

from smart_society.processing.liveability.chain import ChainInputs, ChainOptions, run_chain
from smart_society.processing.liveability.errors import LiveabilityError

X0, Y0 = 100000.0, 400000.0


def chain_inputs(tiny):
    return ChainInputs(
        buildings=tiny["buildings"],
        network=tiny["walking_network"],
        green=tiny["green_spaces"],
        amenities=tiny["amenities"],
        land_cover=tiny["land_cover"],
        addresses=tiny["addresses"],
        trees=tiny["trees"],
        crowns=tiny["crowns"],
        buurten=tiny["buurten"],
    )


OPTIONS = ChainOptions(categories=("supermarket", "gp"), min_green_m2=3000, min_cool_m2=3000)


def test_chain_runs_and_index_explains(tiny, qgis_app):
    result = run_chain(chain_inputs(tiny), OPTIONS)
    index = result.index["buurt"]
    assert list(index.col("bu_code")) == ["BU1", "BU2"]
    # two areas: every z-score is +-1, so the total is the signed sum of the used weights
    contributions = [k for k in index.columns if k.startswith("c_")]
    assert np.allclose(index.col("total"), sum(index.col(c) for c in contributions))
    assert set(result.index) == {"buurt", "grid"}


def test_scenario_difference_by_hand(tiny, tmp_path, qgis_app):
    from smart_society.plugins.smart_twin.core.scenario import (
        add_scenario_buildings,
        add_scenario_trees,
        create_scenario,
    )
    from smart_society.processing.liveability.scenario import run_scenario

    scenario = create_scenario(tmp_path / "plan.gpkg")
    # two new street trees 5 m north of R2 give it 3 trees within 15 m; R3 is demolished
    add_scenario_trees(
        scenario,
        [
            {
                "geometry": f"POINT ({X0 + x} {Y0 - 15})",
                "soort": "Tilia",
                "crown_diameter_m": 4.0,
                "height_m": 6.0,
                "planting_year": 2026,
            }
            for x in (152, 168)
        ],
    )
    add_scenario_buildings(scenario, [{"geometry": "POINT (0 0)", "change": "demolish", "target_id": "R3"}])
    result = run_scenario(chain_inputs(tiny), scenario, OPTIONS, workdir=tmp_path)
    diff = {row: i for i, row in enumerate(result["difference"]["buurt"].col("bu_code"))}
    table = result["difference"]["buurt"]
    # BU2: share of homes with 3 trees 0 -> 1; BU1 loses R3's home (350 m from the park): share_300 2/3 -> 1
    assert table.col("d_ind_share_3")[diff["BU2"]] == pytest.approx(1.0)
    assert table.col("d_ind_share_300")[diff["BU1"]] == pytest.approx(1 / 3)
    assert table.col("d_homes")[diff["BU1"]] == -1
    assert table.col("d_total")[diff["BU2"]] > 0
    assert "scen_label" in table.columns


def test_reprojected_layer_gives_the_same_result(tiny_gpkg, qgis_app, tmp_path):
    from osgeo import gdal

    from smart_society.processing.liveability.data import read_table

    path, _ = tiny_gpkg
    wgs = tmp_path / "amenities_4326.gpkg"
    gdal.VectorTranslate(str(wgs), str(path), layers=["amenities"], dstSRS="EPSG:4326")
    table = read_table(str(wgs), "amenities", kind="point")
    assert table.reprojected_from == "EPSG:4326"
    assert table.xy()[0] == pytest.approx([X0 + 100, Y0 + 50], abs=0.01)


def test_empty_layer_and_missing_field(tiny_gpkg, qgis_app, tmp_path):
    from osgeo import gdal

    from smart_society.processing.liveability.data import read_table

    path, _ = tiny_gpkg
    empty = tmp_path / "empty.gpkg"
    gdal.VectorTranslate(str(empty), str(path), layers=["trees"], where="boom_id = 'none'")
    with pytest.raises(LiveabilityError, match="layer 'trees': is empty"):
        read_table(str(empty), "trees", kind="point")
    with pytest.raises(LiveabilityError, match="layer 'amenities', field 'kind'"):
        read_table(f"{path}|layername=amenities", "amenities", kind="point", fields=("kind",))
    with pytest.raises(LiveabilityError, match="expected point geometries"):
        read_table(f"{path}|layername=buurten", "buurten", kind="point")


def test_missing_crown_diameter_is_reported(tiny, qgis_app):
    from smart_society.processing.liveability.green import crown_radii

    trees = tiny["trees"]
    trees.columns["crown_diameter_m"] = np.array([4.0, np.nan, 4.0, 4.0, 0.0])
    with pytest.raises(LiveabilityError, match="trees', field 'crown_diameter_m': 2 of 5"):
        crown_radii(trees)


def test_homes_far_from_the_network_are_reported_not_zero(tiny, qgis_app):
    from smart_society.processing.liveability.green import green_330300
    from smart_society.processing.liveability.network import Network
    from smart_society.processing.liveability.study import make_study

    study = make_study(tiny["buildings"], tiny["addresses"], tiny["buurten"], 100.0)
    network = Network(tiny["walking_network"].geoms)
    outcome = green_330300(
        study,
        network,
        tiny["trees"],
        tiny["green_spaces"],
        crowns=tiny["crowns"],
        min_green_m2=3000,
        tolerance=20,
    )  # a2 (25 m), R2's and R3's homes (30 m) are too far
    distance = outcome.homes["green_dist_m"]
    assert distance[0] == pytest.approx(245)
    assert np.isnan(distance[1:]).all()
    assert any("farther than the snapping tolerance" in m for m in outcome.messages)


def test_algorithm_error_names_layer_and_field(tiny_gpkg, live_registry):
    from liveability_testkit import run_alg
    from qgis.core import QgsProcessingException

    path, _ = tiny_gpkg
    with pytest.raises(QgsProcessingException, match="amenities.*category"):
        run_alg(
            "proximity15min",
            {
                "BUILDINGS": f"{path}|layername=buildings",
                "NETWORK": f"{path}|layername=walking_network",
                "AMENITIES": f"{path}|layername=amenities",
                "CATEGORIES": "supermarket,library",
                "HOMES_OUT": "TEMPORARY_OUTPUT",
                "BUURT_OUT": "TEMPORARY_OUTPUT",
                "GRID_OUT": "TEMPORARY_OUTPUT",
            },
        )
