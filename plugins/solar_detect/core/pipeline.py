"""End-to-end runs used by the dock, the demo and the scripts: footprints in any CRS -> panels per building.

Footprints are reprojected to the raster's CRS for tiling/masking; panels come back in ``out_crs``
(EPSG:28992 by default) with building ids, and the per-building and per-buurt tables are computed there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .aggregate import BuildingSolar, BuurtSolar, aggregate_buildings, aggregate_buurten, assign_panels
from .engine import DetectionParams, DetectionResult, detect_panels
from .raster import describe_raster
from .vector_io import reproject, write_gpkg
from .vectorise import Panel

OUT_CRS = "EPSG:28992"


@dataclass
class SolarRun:
    panels: list  # Panel, geometry in out_crs
    panel_buildings: list  # building id per panel (or None)
    buildings: list  # BuildingSolar
    buurten: list  # BuurtSolar
    detection: DetectionResult
    out_crs: str
    files: dict = field(default_factory=dict)

    def totals(self) -> dict:
        return {
            "panels": len(self.panels),
            "panel_area_m2": sum(p.area_m2 for p in self.panels),
            "kwp": sum(p.kwp for p in self.panels),
            "kwh_year": sum(p.kwh_year for p in self.panels),
            "buildings_with_solar": sum(1 for b in self.buildings if b.panel_area_m2 > 0),
            "buildings": len(self.buildings),
        }


def run_solar(
    raster: str,
    buildings: list[tuple[str, object]] | None,
    buildings_crs=OUT_CRS,
    params: DetectionParams | None = None,
    buurten: list[tuple[str, str, object]] | None = None,
    buurten_crs=OUT_CRS,
    out_crs=OUT_CRS,
    bu_codes: dict | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> SolarRun:
    """Detect panels on ``raster`` (only tiles touching ``buildings`` when given) and aggregate."""
    params = params or DetectionParams()
    from .model import load_model

    model = load_model(params.model or None, params.threads)
    info = describe_raster(raster, model.cm_per_px / 100.0, params.gsd_override)
    footprints = None
    if buildings is not None:
        footprints = reproject([g for _i, g in buildings], buildings_crs, info.crs_wkt)
    result = detect_panels(raster, footprints, params, progress=progress, cancel=cancel)
    geoms = reproject([p.geometry for p in result.panels], info.crs_wkt, out_crs)
    panels = [
        Panel(g, p.area_m2, p.confidence, p.panel_count, p.kwp, p.kwh_year, p.pixels)
        for g, p in zip(geoms, result.panels)
    ]
    rows: list[BuildingSolar] = []
    owners: list = [None] * len(panels)
    buurt_rows: list[BuurtSolar] = []
    if buildings is not None:
        b_out = list(
            zip([i for i, _g in buildings], reproject([g for _i, g in buildings], buildings_crs, out_crs))
        )
        owners = assign_panels(panels, b_out)
        rows = aggregate_buildings(panels, b_out, params.panel, bu_codes)
        if buurten:
            bu = list(
                zip(
                    [c for c, _n, _g in buurten],
                    [n for _c, n, _g in buurten],
                    reproject([g for _c, _n, g in buurten], buurten_crs, out_crs),
                )
            )
            buurt_rows = aggregate_buurten(rows, bu)
    return SolarRun(
        panels=panels,
        panel_buildings=owners,
        buildings=rows,
        buurten=buurt_rows,
        detection=result,
        out_crs=out_crs,
    )


def panel_rows(run: SolarRun) -> list[tuple[object, dict]]:
    rows = []
    for i, (p, bid) in enumerate(zip(run.panels, run.panel_buildings)):
        rows.append((p.geometry, {"panel_id": i + 1, "building_id": bid or "", **p.attributes()}))
    return rows


def write_outputs(run: SolarRun, out_dir: str | Path, prefix: str = "solar") -> dict:
    """GeoPackages of panels, per-building and per-buurt results; returns {kind: path}."""
    out_dir = Path(out_dir)
    files = {
        "panels": write_gpkg(
            out_dir / f"{prefix}_panels.gpkg",
            "solar_panels",
            run.out_crs,
            panel_rows(run),
            field_types=PANEL_FIELDS,
        )
    }
    if run.buildings:
        files["buildings"] = write_gpkg(
            out_dir / f"{prefix}_buildings.gpkg",
            "solar_buildings",
            run.out_crs,
            [(b.geometry, b.attributes()) for b in run.buildings],
            geometry_type="MultiPolygon",
        )
    if run.buurten:
        files["buurten"] = write_gpkg(
            out_dir / f"{prefix}_buurten.gpkg",
            "solar_buurten",
            run.out_crs,
            [(b.geometry, b.attributes()) for b in run.buurten],
            geometry_type="MultiPolygon",
        )
    run.files = files
    return files


PANEL_FIELDS = {
    "panel_id": int,
    "building_id": str,
    "area_m2": float,
    "confidence": float,
    "panel_count": int,
    "kwp": float,
    "kwh_year": float,
}
