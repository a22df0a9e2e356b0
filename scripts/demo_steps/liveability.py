"""Liveability demo step: the whole chain on the sample district (and the real Dordrecht buurten and RIVM
air-quality stations when ../shared/data exists), a scenario comparison, the HTML/PDF report, and an
"Analyses" group with the styled index in the demo project."""

from __future__ import annotations

import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared" / "data"
BUURTEN_GPKG = SHARED / "dordrecht_cbs_buurten_2020" / "dordrecht_cbs_buurten_2020.gpkg"
AIR_GPKG = SHARED / "rivm_lml_airquality_sospilot" / "lml_stations_observations_2014-07-07.gpkg"
GROUP = "Analyses"


def _inputs(district_gpkg: Path, out_dir: Path, provenance: list):
    import numpy as np

    from smart_society.processing.liveability.areas import assign, buurten_from_table
    from smart_society.processing.liveability.chain import ChainInputs
    from smart_society.processing.liveability.data import read_table
    from smart_society.processing.liveability.noise import road_noise_raster

    def layer(name, kind):
        return read_table(f"{district_gpkg}|layername={name}", name, kind=kind)

    tables = {
        name: layer(name, kind)
        for name, kind in (
            ("buildings", "polygon"),
            ("addresses", "point"),
            ("trees", "point"),
            ("green_spaces", "polygon"),
            ("amenities", "point"),
            ("land_cover", "polygon"),
            ("walking_network", "line"),
            ("buurten", "polygon"),
        )
    }
    generated = "generated (sample district, seeded)"
    for name in (
        "buildings",
        "addresses",
        "trees",
        "green_spaces",
        "amenities",
        "land_cover",
        "walking_network",
    ):
        provenance.append(f"{name}: {generated}, {len(tables[name])} features")
    buurten = tables["buurten"]
    if BUURTEN_GPKG.is_file():
        real = read_table(f"{BUURTEN_GPKG}|layername=buurten_2020", "buurten_2020", kind="polygon")
        inhabited = np.unique(assign(buurten_from_table(real), tables["addresses"].xy()))
        buurten = real.subset(inhabited[inhabited >= 0])
        provenance.append(
            f"buurten: REAL, CBS Wijk- en Buurtkaart 2020 (CBS/Kadaster, CC BY 4.0): {len(buurten)} of "
            f"{len(real)} Dordrecht buurten hold sample homes; population (aant_inw) and household "
            "size (gem_hh_gr) from that file"
        )
    else:
        provenance.append(f"buurten: {generated} ({len(buurten)}); ../shared/data not found")
    observations = None
    if AIR_GPKG.is_file():
        observations = read_table(
            f"{AIR_GPKG}|layername=observations_hourly", "observations_hourly", kind="point"
        )
        provenance.append(
            "air quality: REAL, RIVM Landelijk Meetnet Luchtkwaliteit, NO2 2014-07-07 08:00-09:00 "
            "(RIVM open data), interpolated with IDW (power 2)"
        )
    else:
        provenance.append("air quality: not computed (no RIVM observations found)")
    network = tables["walking_network"]
    lden = road_noise_raster(
        (
            network.geoms,
            network.col("road_type") if network.has("road_type") else ["residential"] * len(network),
        ),
        out_dir / "lden_screening.tif",
        _extent(tables["buildings"].geoms, 200),
    )
    provenance.append(
        "noise: GENERATED screening Lden raster from the road network (not a CNOSSOS-EU noise map)"
    )
    inputs = ChainInputs(
        buildings=tables["buildings"],
        network=network,
        green=tables["green_spaces"],
        amenities=tables["amenities"],
        land_cover=tables["land_cover"],
        addresses=tables["addresses"],
        trees=tables["trees"],
        buurten=buurten,
        observations=observations,
        lden_raster=lden,
    )
    return inputs


def _extent(geoms, margin):
    from smart_society.processing.liveability.areas import union_extent

    return union_extent(geoms, margin=margin)


def _add_to_project(project_path: Path, layers: list) -> None:
    from qgis.core import QgsCoordinateReferenceSystem, QgsProject, QgsVectorLayer

    from smart_society.processing.liveability.report import style_index_layer

    project = QgsProject()
    if project_path.exists():
        project.read(str(project_path))
    else:
        project.setCrs(QgsCoordinateReferenceSystem("EPSG:28992"))
    root = project.layerTreeRoot()
    old = root.findGroup(GROUP)
    if old is not None:
        for layer_id in old.findLayerIds():
            project.removeMapLayer(layer_id)
        root.removeChildNode(old)
    group = root.insertGroup(0, GROUP)
    for uri, name, style in layers:
        layer = QgsVectorLayer(uri, name, "ogr")
        if not layer.isValid():
            continue
        if style == "index":
            style_index_layer(layer)
        else:
            layer.loadNamedStyle(str(REPO_ROOT / "resources" / "styles" / f"{style}.qml"))
        project.addMapLayer(layer, False)
        node = group.addLayer(layer)
        if style != "index" or "grid" in uri:
            node.setItemVisibilityChecked(False)
    project.write(str(project_path))


def run(context) -> list:
    from smart_society.processing.liveability.chain import ChainOptions, run_chain
    from smart_society.processing.liveability.data import write_gpkg
    from smart_society.processing.liveability.scenario import run_scenario

    started = time.perf_counter()
    district = context.district
    out_dir = Path(context.out_dir) / "liveability"
    out_dir.mkdir(parents=True, exist_ok=True)
    provenance: list = []
    inputs = _inputs(Path(district.gpkg), out_dir, provenance)
    options = ChainOptions(air_start="2014-07-07 08:00", air_end="2014-07-07 09:00", averaging="hourly")
    result = run_chain(inputs, options)
    gpkg = out_dir / "liveability.gpkg"
    uris = {}
    for key, outcome in result.outcomes.items():
        write_gpkg(
            outcome.home_table(result.study, f"{key}_homes"),
            gpkg,
            f"{key}_homes",
            overwrite_file=(key == "green"),
        )
    for kind, table in result.index.items():
        table.name = f"index_{kind}"
        uris[kind] = write_gpkg(table, gpkg, f"liveability_index_{kind}")
    lines = [
        f"chain on {len(result.study.homes)} homes: "
        + ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items())
    ]
    if result.air is not None:
        lines.append(
            f"air quality NO2: {result.air['n_stations']} RIVM stations, leave-one-out RMSE "
            f"{result.air['rmse']:.1f} ug/m3"
        )
    scenario_path = context.results.get("twin_scenario")
    if scenario_path is None:
        from smart_society.plugins.smart_twin.core.scenario import sample_scenario

        scenario_path = sample_scenario(district, out_dir / "scenario.gpkg")
    scenario = run_scenario(inputs, scenario_path, options, workdir=out_dir)
    for kind, table in scenario["difference"].items():
        uris[f"scenario_{kind}"] = write_gpkg(table, gpkg, f"scenario_difference_{kind}")
    d_total = scenario["difference"]["buurt"].col("d_total")
    lines.append(
        f"scenario {Path(str(scenario_path)).name}: total index change per buurt "
        f"{d_total.min():+.2f} .. {d_total.max():+.2f}"
    )
    from qgis.core import QgsVectorLayer

    from smart_society.processing.liveability.report import write_report

    index_layer = QgsVectorLayer(uris["buurt"], "Liveability index (buurten)", "ogr")
    notes = result.messages + [f"indicator skipped: {s}" for s in result.skipped]
    report = write_report(
        index_layer,
        out_dir / "liveability_report.html",
        out_dir / "liveability_report.pdf",
        title="Leefbaarheid Spoorzone Dordrecht / Liveability report",
        provenance=provenance,
        notes=notes,
    )
    _add_to_project(
        Path(context.project_path),
        [
            (uris["buurt"], "Liveability index (buurten)", "index"),
            (uris["grid"], "Liveability index (100 m grid)", "index"),
            (uris["scenario_buurt"], "Scenario difference (buurten)", "liveability_scenario"),
        ],
    )
    context.results["liveability_index"] = uris["buurt"]
    context.results["liveability_report"] = report["html"]
    lines += [f"inputs: {p}" for p in provenance]
    lines.append(f"outputs: {gpkg}, {report['html']}, {report['pdf']}")
    lines.append(f"liveability step {time.perf_counter() - started:.1f} s")
    return lines
