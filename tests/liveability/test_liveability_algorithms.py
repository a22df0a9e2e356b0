"""The air-quality, index, scenario and report algorithms through Processing on the tiny town."""

from __future__ import annotations

import numpy as np
import pytest
from liveability_testkit import X0, Y0, features, run_alg


def layer(path, name):
    return f"{path}|layername={name}"


def test_airquality_algorithm_reports_rmse(tiny_gpkg, live_registry):
    path, _ = tiny_gpkg
    result = run_alg(
        "airquality",
        {
            "OBSERVATIONS": layer(path, "observations"),
            "COMPONENT": "NO2",
            "BUURTEN": layer(path, "buurten"),
            "GRID_SIZE": 100,
            "BUURT_OUT": "TEMPORARY_OUTPUT",
            "GRID_OUT": "TEMPORARY_OUTPUT",
            "STATIONS_OUT": "TEMPORARY_OUTPUT",
        },
    )
    # four stations 1 km W, E, N, S of (X0, Y0) with 20, 30, 25, 15: leaving one out, the three others are at
    # sqrt(2) km, 2 km, sqrt(2) km -> weights 1/2, 1/4, 1/2
    values = {"W": 20.0, "E": 30.0, "N": 25.0, "S": 15.0}
    opposite = {"W": "E", "E": "W", "N": "S", "S": "N"}
    errors = []
    for key, value in values.items():
        others = {k: v for k, v in values.items() if k != key}
        weights = {k: (0.25 if k == opposite[key] else 0.5) for k in others}
        predicted = sum(weights[k] * others[k] for k in others) / sum(weights.values())
        errors.append(predicted - value)
    assert result["RMSE"] == pytest.approx(np.sqrt(np.mean(np.square(errors))))
    buurt = features(result["BUURT_OUT"], "bu_code")
    assert buurt["BU1"]["loo_rmse"] == pytest.approx(result["RMSE"])
    assert buurt["BU1"]["who_limit"] == 10 and buurt["BU1"]["exceeds_who"] == 1
    assert len(features(result["STATIONS_OUT"])) == 4
    # 100 m cells whose centre lies inside the buurten (x -150..250, y -100..250): 3 x 3
    assert len(features(result["GRID_OUT"])) == 9


def test_index_algorithm_with_default_table(tiny_gpkg, live_registry, tmp_path):
    path, _ = tiny_gpkg
    green = run_alg(
        "green330300",
        {
            "BUILDINGS": layer(path, "buildings"),
            "ADDRESSES": layer(path, "addresses"),
            "BUURTEN": layer(path, "buurten"),
            "NETWORK": layer(path, "walking_network"),
            "GREEN": layer(path, "green_spaces"),
            "TREES": layer(path, "trees"),
            "CROWNS": layer(path, "crowns"),
            "MIN_GREEN_M2": 3000,
            "HOMES_OUT": "TEMPORARY_OUTPUT",
            "BUURT_OUT": str(tmp_path / "green.gpkg"),
            "GRID_OUT": "TEMPORARY_OUTPUT",
            "BUILDINGS_OUT": "TEMPORARY_OUTPUT",
        },
    )
    result = run_alg(
        "liveabilityindex",
        {"LAYERS": [green["BUURT_OUT"], layer(path, "buurten")], "OUTPUT": str(tmp_path / "index.gpkg")},
    )
    rows = features(result["OUTPUT"], "bu_code")
    # two areas: z = +-1. BU1 has more canopy (+1), fewer homes within 300 m (-1), more "3" (+1 x 0.5),
    # a larger household size (+1, social): physical 0.5, social 1.0 -> total 1.5; BU2 the opposite
    assert rows["BU1"]["c_share_3"] == pytest.approx(0.5)
    assert rows["BU1"]["dim_physical"] == pytest.approx(0.5)
    assert rows["BU1"]["total"] == pytest.approx(1.5)
    assert rows["BU2"]["total"] == pytest.approx(-1.5)
    assert rows["BU1"]["label"] == "goed" and rows["BU2"]["label"] == "onvoldoende"
    assert rows["BU2"]["weakest"] in ("physical", "social")


def test_scenario_algorithm(tiny_gpkg, live_registry, tmp_path):
    from smart_society.plugins.smart_twin.core.scenario import add_scenario_trees, create_scenario

    path, rasters = tiny_gpkg
    scenario = create_scenario(tmp_path / "plan.gpkg")
    add_scenario_trees(
        scenario, [{"geometry": f"POINT ({X0 + x} {Y0 - 15})", "crown_diameter_m": 4.0} for x in (152, 168)]
    )
    result = run_alg(
        "liveabilityscenario",
        {
            "BUILDINGS": layer(path, "buildings"),
            "ADDRESSES": layer(path, "addresses"),
            "BUURTEN": layer(path, "buurten"),
            "NETWORK": layer(path, "walking_network"),
            "GREEN": layer(path, "green_spaces"),
            "TREES": layer(path, "trees"),
            "LAND_COVER": layer(path, "land_cover"),
            "AMENITIES": layer(path, "amenities"),
            "CATEGORIES": "supermarket,gp",
            "LDEN": rasters["lden"],
            "CROWNS": layer(path, "crowns"),
            "MIN_GREEN_M2": 3000,
            "SCENARIO": str(scenario),
            "OUTPUT": "TEMPORARY_OUTPUT",
            "GRID_OUT": "TEMPORARY_OUTPUT",
        },
    )
    rows = features(result["OUTPUT"], "bu_code")
    assert rows["BU2"]["d_ind_share_3"] == pytest.approx(1.0)
    assert rows["BU1"]["d_ind_share_3"] == pytest.approx(0.0)


def test_report_algorithm(tiny_gpkg, live_registry, tmp_path):
    path, _ = tiny_gpkg
    green = run_alg(
        "green330300",
        {
            "BUILDINGS": layer(path, "buildings"),
            "ADDRESSES": layer(path, "addresses"),
            "BUURTEN": layer(path, "buurten"),
            "NETWORK": layer(path, "walking_network"),
            "GREEN": layer(path, "green_spaces"),
            "CROWNS": layer(path, "crowns"),
            "MIN_GREEN_M2": 3000,
            "HOMES_OUT": "TEMPORARY_OUTPUT",
            "BUURT_OUT": str(tmp_path / "green.gpkg"),
            "GRID_OUT": "TEMPORARY_OUTPUT",
            "BUILDINGS_OUT": "TEMPORARY_OUTPUT",
        },
    )
    index = run_alg(
        "liveabilityindex",
        {"LAYERS": [green["BUURT_OUT"], layer(path, "buurten")], "OUTPUT": str(tmp_path / "index.gpkg")},
    )
    result = run_alg(
        "liveabilityreport",
        {
            "INDEX": index["OUTPUT"],
            "TITLE": "Tiny town",
            "OUTPUT_HTML": str(tmp_path / "r.html"),
            "OUTPUT_PDF": str(tmp_path / "r.pdf"),
        },
    )
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Tiny town" in html and "West (BU1)" in html and "c +" in html
    assert (tmp_path / "r_files" / "index_map.png").stat().st_size > 1000
    assert (tmp_path / "r.pdf").read_bytes()[:4] == b"%PDF"
    assert result["OUTPUT_HTML"] == str(tmp_path / "r.html")
    with pytest.raises(Exception, match="field 'total'"):
        run_alg("liveabilityreport", {"INDEX": green["BUURT_OUT"], "OUTPUT_HTML": str(tmp_path / "x.html")})
