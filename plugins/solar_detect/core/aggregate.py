"""Panels per building and per buurt: panel area, count, share of the roof, kWp and yearly kWh.

Inputs are plain shapely geometries with attribute dicts (one CRS, in metres), so the same code serves the
Processing algorithms, the dock, the demo and the tests.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

from .vectorise import PanelParams


@dataclass
class BuildingSolar:
    building_id: str
    geometry: object
    roof_area_m2: float
    panel_area_m2: float = 0.0
    panel_count: int = 0
    n_installations: int = 0
    kwp: float = 0.0
    kwh_year: float = 0.0
    confidence: float = 0.0
    bu_code: str = ""

    @property
    def roof_share(self) -> float:
        return self.panel_area_m2 / self.roof_area_m2 if self.roof_area_m2 > 0 else 0.0

    def attributes(self) -> dict:
        return {
            "building_id": self.building_id,
            "bu_code": self.bu_code,
            "roof_area_m2": round(self.roof_area_m2, 1),
            "panel_area_m2": round(self.panel_area_m2, 2),
            "panel_count": self.panel_count,
            "installations": self.n_installations,
            "roof_share": round(self.roof_share, 4),
            "kwp": round(self.kwp, 2),
            "kwh_year": round(self.kwh_year, 0),
            "confidence": round(self.confidence, 3),
            "has_solar": int(self.panel_area_m2 > 0),
        }


@dataclass
class BuurtSolar:
    bu_code: str
    bu_naam: str
    geometry: object
    buildings: int = 0
    buildings_with_solar: int = 0
    panel_area_m2: float = 0.0
    panel_count: int = 0
    kwp: float = 0.0
    kwh_year: float = 0.0
    roof_area_m2: float = 0.0
    extra: dict = field(default_factory=dict)

    def attributes(self) -> dict:
        return {
            "bu_code": self.bu_code,
            "bu_naam": self.bu_naam,
            "buildings": self.buildings,
            "buildings_with_solar": self.buildings_with_solar,
            "share_buildings_solar": round(self.buildings_with_solar / self.buildings, 4)
            if self.buildings
            else 0.0,
            "panel_area_m2": round(self.panel_area_m2, 1),
            "panel_count": self.panel_count,
            "kwp": round(self.kwp, 1),
            "kwh_year": round(self.kwh_year, 0),
            "roof_area_m2": round(self.roof_area_m2, 0),
        }


class _Index:
    def __init__(self, geoms):
        from shapely.strtree import STRtree

        self.geoms = list(geoms)
        with warnings.catch_warnings():  # shapely 1.8 warns about its 2.0 API
            warnings.simplefilter("ignore")
            self.tree = STRtree(self.geoms) if self.geoms else None
        self.ids = {id(g): i for i, g in enumerate(self.geoms)}

    def candidates(self, geom) -> list[int]:
        if self.tree is None:
            return []
        out = []
        for h in self.tree.query(geom):
            out.append(int(h) if not hasattr(h, "geom_type") else self.ids[id(h)])
        return out


def assign_panels(panels: list, buildings: list[tuple[str, object]]) -> list[str | None]:
    """Building id for each panel geometry: the footprint it overlaps most (None = none)."""
    index = _Index([g for _i, g in buildings])
    out = []
    for panel in panels:
        geom = panel.geometry if hasattr(panel, "geometry") else panel
        best, best_area = None, 0.0
        for j in index.candidates(geom):
            area = geom.intersection(buildings[j][1]).area
            if area > best_area:
                best, best_area = buildings[j][0], area
        out.append(best)
    return out


def aggregate_buildings(
    panels: list,
    buildings: list[tuple[str, object]],
    params: PanelParams | None = None,
    bu_codes: dict | None = None,
) -> list[BuildingSolar]:
    """Per building: the area of panels inside its footprint, count, share, kWp and kWh.

    ``panels``: objects with ``.geometry`` and ``.confidence`` (or bare geometries); ``buildings``:
    (building id, footprint polygon) pairs in the same metric CRS. Panel area is clipped to the footprint
    (a panel spanning two buildings is split between them).
    """
    params = params or PanelParams()
    bu_codes = bu_codes or {}
    rows = {
        bid: BuildingSolar(bid, geom, geom.area, bu_code=bu_codes.get(bid, "")) for bid, geom in buildings
    }
    index = _Index([g for _i, g in buildings])
    weights: dict[str, float] = {}
    for panel in panels:
        geom = panel.geometry if hasattr(panel, "geometry") else panel
        conf = getattr(panel, "confidence", 1.0)
        touched = False
        for j in index.candidates(geom):
            bid, footprint = buildings[j]
            inter = geom.intersection(footprint).area
            if inter <= 0:
                continue
            row = rows[bid]
            row.panel_area_m2 += inter
            if not touched or inter > 0.5 * geom.area:
                row.n_installations += 1
            touched = True
            weights[bid] = weights.get(bid, 0.0) + inter
            row.confidence += conf * inter
    for bid, row in rows.items():
        if row.panel_area_m2 > 0:
            row.confidence /= weights[bid]
            row.panel_count = max(1, int(round(row.panel_area_m2 / params.panel_area_m2)))
            row.kwp = row.panel_area_m2 * params.wp_per_m2 / 1000.0
            row.kwh_year = row.kwp * params.kwh_per_kwp
    return [rows[bid] for bid, _g in buildings]


def aggregate_buurten(
    building_rows: list[BuildingSolar], buurten: list[tuple[str, str, object]]
) -> list[BuurtSolar]:
    """Totals per buurt (bu_code, bu_naam, polygon); a building counts where its inside point falls."""
    out = [BuurtSolar(code, name, geom) for code, name, geom in buurten]
    index = _Index([g for _c, _n, g in buurten])
    for row in building_rows:
        pt = row.geometry.representative_point()
        cands = index.candidates(row.geometry)
        inside = [j for j in cands if out[j].geometry.contains(pt)]
        if not inside and cands:  # the inside point lies on a border: the buurt holding most of the building
            inside = [max(cands, key=lambda j: out[j].geometry.intersection(row.geometry).area)]
        for j in inside[:1]:
            b = out[j]
            b.buildings += 1
            b.buildings_with_solar += int(row.panel_area_m2 > 0)
            b.panel_area_m2 += row.panel_area_m2
            b.panel_count += row.panel_count
            b.kwp += row.kwp
            b.kwh_year += row.kwh_year
            b.roof_area_m2 += row.roof_area_m2
            if not row.bu_code:
                row.bu_code = b.bu_code
    return out
