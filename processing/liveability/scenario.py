"""Scenarios: run the chain on the baseline and on a twin scenario (planned buildings, demolitions, new
trees) and compare per area.

The scenario is applied with the twin's ``apply_scenario`` (smart_twin.core.scenario, the scenario
contract in dev/SAMPLE_SCHEMA.md). Homes of new residential buildings are placed at the building's
centre (``woningen`` homes); homes of demolished buildings disappear. The index of the scenario run uses
the baseline's means and standard deviations, so the two totals are on one scale and their difference
means something.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from .chain import ChainInputs, ChainOptions, difference, run_chain
from .data import read_table, write_gpkg
from .errors import LiveabilityError


def scenario_inputs(inputs: ChainInputs, scenario_path, workdir=None, feedback=None) -> ChainInputs:
    """The chain inputs with the scenario's buildings and trees."""
    from ...plugins.smart_twin.core.scenario import apply_scenario

    if not Path(str(scenario_path)).is_file():
        raise LiveabilityError(
            f"scenario '{scenario_path}': file not found; expected a scenario GeoPackage "
            "with layers scenario_buildings and scenario_trees"
        )
    workdir = Path(workdir or tempfile.mkdtemp(prefix="liveability_scenario_"))
    base = workdir / "scenario_base.gpkg"
    buildings_uri = write_gpkg(inputs.buildings, base, "buildings", overwrite_file=True)
    trees_uri = write_gpkg(inputs.trees, base, "trees") if inputs.trees is not None else None
    buildings_after, trees_after = apply_scenario(buildings_uri, trees_uri, scenario_path)
    new_buildings = read_table(buildings_after, "buildings (scenario)", kind="polygon", feedback=feedback)
    new_trees = (
        read_table(trees_after, "trees (scenario)", kind="point", feedback=feedback)
        if trees_after is not None
        else None
    )
    return replace(inputs, buildings=new_buildings, trees=new_trees)


def run_scenario(
    inputs: ChainInputs, scenario_path, options: ChainOptions | None = None, feedback=None, workdir=None
) -> dict:
    """Returns {'base': ChainResult, 'scenario': ChainResult, 'difference': {kind: Table}}."""
    options = options or ChainOptions()
    base = run_chain(inputs, options, feedback)
    after_inputs = scenario_inputs(inputs, scenario_path, workdir, feedback)
    after = run_chain(after_inputs, options, feedback, stats=base.stats)
    differences = {}
    for kind, table in base.index.items():
        id_field = "bu_code" if kind == "buurt" else "cell_id"
        if kind in after.index:
            differences[kind] = difference(table, after.index[kind], id_field)
    return {"base": base, "scenario": after, "difference": differences}
