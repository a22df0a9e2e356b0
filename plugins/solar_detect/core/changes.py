"""Changes between two years: new and removed installations, and per building what happened."""

from __future__ import annotations

from dataclasses import dataclass

from .aggregate import aggregate_buildings


@dataclass
class InstallationChange:
    change: str  # new / removed
    geometry: object
    area_m2: float
    building_id: str | None


@dataclass
class BuildingChange:
    building_id: str
    geometry: object
    area_before_m2: float
    area_after_m2: float
    status: str  # new / removed / expanded / reduced / unchanged / none

    def attributes(self) -> dict:
        return {
            "building_id": self.building_id,
            "area_before_m2": round(self.area_before_m2, 2),
            "area_after_m2": round(self.area_after_m2, 2),
            "area_change_m2": round(self.area_after_m2 - self.area_before_m2, 2),
            "status": self.status,
        }


def _overlap_fraction(geom, others) -> float:
    covered = 0.0
    for o in others:
        if geom.intersects(o):
            covered += geom.intersection(o).area
    return covered / geom.area if geom.area > 0 else 0.0


def compare_years(
    before: list,
    after: list,
    buildings: list[tuple[str, object]],
    min_overlap: float = 0.3,
    tolerance_m2: float = 2.0,
    relative_tolerance: float = 0.15,
):
    """(installation changes, building changes) between panel geometries of two years.

    An installation is *new* when less than ``min_overlap`` of it is covered by panels of the earlier year,
    *removed* in the mirror case. A building's panel area that grows or shrinks by more than
    ``tolerance_m2`` and ``relative_tolerance`` is *expanded* / *reduced*.
    """
    from .aggregate import assign_panels

    bgeoms = [getattr(p, "geometry", p) for p in before]
    ageoms = [getattr(p, "geometry", p) for p in after]
    installations = []
    new = [g for g in ageoms if _overlap_fraction(g, bgeoms) < min_overlap]
    removed = [g for g in bgeoms if _overlap_fraction(g, ageoms) < min_overlap]
    for kind, geoms in (("new", new), ("removed", removed)):
        for g, bid in zip(geoms, assign_panels(geoms, buildings)):
            installations.append(InstallationChange(kind, g, g.area, bid))
    rows_b = aggregate_buildings(bgeoms, buildings)
    rows_a = aggregate_buildings(ageoms, buildings)
    changes = []
    for rb, ra in zip(rows_b, rows_a):
        b, a = rb.panel_area_m2, ra.panel_area_m2
        if b <= 0 and a <= 0:
            status = "none"
        elif b <= 0:
            status = "new"
        elif a <= 0:
            status = "removed"
        elif a - b > max(tolerance_m2, relative_tolerance * b):
            status = "expanded"
        elif b - a > max(tolerance_m2, relative_tolerance * b):
            status = "reduced"
        else:
            status = "unchanged"
        changes.append(BuildingChange(rb.building_id, rb.geometry, b, a, status))
    return installations, changes
