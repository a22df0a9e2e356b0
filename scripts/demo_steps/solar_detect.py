"""Solar panels demo step: detect panels on the sample orthophoto (tiles touching footprints only), write
panels / per-building / per-buurt GeoPackages, add them styled to the project (group "Zonnepanelen")."""

from __future__ import annotations

import time
from pathlib import Path


def run(context) -> list[str]:
    from qgis.core import QgsProject

    from smart_society.plugins.solar_detect.core.pipeline import run_solar, write_outputs
    from smart_society.plugins.solar_detect.core.project_layers import GROUP_NAME, add_results
    from smart_society.plugins.solar_detect.core.vector_io import read_features

    district = context.district
    if district is None or not district.orthophoto:
        raise RuntimeError("the sample district with its orthophoto is needed (foundation step)")
    geoms, attrs, b_wkt = read_features(district.gpkg, "buildings", ["identificatie", "bu_code"])
    buildings = [(a["identificatie"], g) for g, a in zip(geoms, attrs)]
    bu_codes = {a["identificatie"]: a["bu_code"] or "" for a in attrs}
    bgeoms, battrs, _w = read_features(district.gpkg, "buurten", ["bu_code", "bu_naam"])
    buurten = [(a["bu_code"], a["bu_naam"], g) for g, a in zip(bgeoms, battrs)]
    started = time.perf_counter()
    run = run_solar(
        str(district.orthophoto), buildings, buildings_crs=b_wkt, buurten=buurten, bu_codes=bu_codes
    )
    seconds = time.perf_counter() - started
    files = write_outputs(run, Path(context.out_dir) / "solar")
    project = QgsProject.instance()
    project_path = Path(context.project_path)
    if project_path.exists():
        project.read(str(project_path))
    add_results(project, files)
    project.write(str(project_path))
    totals = run.totals()
    stats = run.detection.stats
    context.results["solar_detect"] = {"files": {k: str(v) for k, v in files.items()}, "totals": totals}
    lines = [
        f"model: {run.detection.plan.card.name}; {stats['tiles_processed']} of {stats['tiles_total']} tiles "
        f"(touching footprints), {stats['pixels'] / 1e6:.0f} Mpx in {seconds:.0f} s "
        f"({stats['mpx_per_s']:.2f} Mpx/s)",
        f"{totals['panels']} panel polygons, {totals['panel_area_m2']:.0f} m2, {totals['kwp']:.1f} kWp, "
        f"{totals['kwh_year'] / 1000:.0f} MWh/year on {totals['buildings_with_solar']} of "
        f"{totals['buildings']} buildings",
    ]
    for b in sorted(run.buurten, key=lambda b: -b.kwp):
        lines.append(
            f"buurt {b.bu_code} {b.bu_naam}: {b.buildings_with_solar} buildings with panels, "
            f"{b.kwp:.1f} kWp, {b.kwh_year / 1000:.1f} MWh/year"
        )
    top = sorted(run.buildings, key=lambda b: -b.kwp)[:3]
    for b in top:
        lines.append(
            f"top building {b.building_id}: {b.panel_count} panels, {b.kwp:.1f} kWp, "
            f"{b.roof_share:.0%} of the roof"
        )
    lines.append(
        f"layers in group '{GROUP_NAME}' of {project_path.name}: "
        + ", ".join(Path(p).name for p in files.values())
    )
    return lines
