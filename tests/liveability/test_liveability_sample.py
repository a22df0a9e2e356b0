"""The whole chain on the generated sample district (the contract of dev/SAMPLE_SCHEMA.md)."""

from __future__ import annotations

import numpy as np
import pytest


@pytest.fixture(scope="module")
def chain_result(sample_district):
    from smart_society.processing.liveability.chain import ChainInputs, ChainOptions, run_chain
    from smart_society.processing.liveability.data import read_table

    gpkg = sample_district.gpkg

    def layer(name, kind):
        return read_table(f"{gpkg}|layername={name}", name, kind=kind)

    inputs = ChainInputs(buildings=layer("buildings", "polygon"), network=layer("walking_network", "line"),
                         green=layer("green_spaces", "polygon"), amenities=layer("amenities", "point"),
                         land_cover=layer("land_cover", "polygon"), addresses=layer("addresses", "point"),
                         trees=layer("trees", "point"), buurten=layer("buurten", "polygon"))
    return inputs, run_chain(inputs, ChainOptions())


def test_sample_district_chain(chain_result):
    inputs, result = chain_result
    homes = result.study.homes
    residential = np.array([v == "woonfunctie" for v in inputs.addresses.col("gebruiksdoel")])
    assert len(homes) >= residential.sum()  # one home per residential address (+ any unaddressed homes)
    index = result.index["buurt"]
    assert len(index) == len(inputs.buurten) == 4
    assert set(index.col("label")) <= {
        "zeer onvoldoende", "ruim onvoldoende", "onvoldoende", "zwak", "voldoende", "ruim voldoende", "goed",
        "zeer goed", "uitstekend"}
    # the buurt population comes from the addresses (contract): residents add up per buurt
    area = result.study.home_area[0]
    residents = np.bincount(area[area >= 0], weights=homes.col("inwoners")[area >= 0], minlength=4)
    assert residents == pytest.approx(inputs.buurten.col("aant_inw").astype(float))
    green = result.outcomes["green"].homes["green_dist_m"]
    assert np.isfinite(green).mean() > 0.95  # one connected network: nearly every home reaches a park
    proximity = result.outcomes["proximity"].homes["walk_max"]
    assert np.nanmax(proximity) < 60
    heat = result.index["buurt"].col("ind_heat_risk")
    assert ((heat >= 0) & (heat <= 100)).all()
    assert len(result.index["grid"]) > 50
