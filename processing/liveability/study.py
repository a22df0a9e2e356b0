"""The study: homes, buildings, the aggregation areas (buurten and a 100 m grid) and a coverage raster.

Every analysis takes a ``Study`` and returns an ``Outcome``: columns for homes, for buildings and for
each area set (``"buurt"``, ``"grid"``) plus messages, so the algorithms, the chain, the demo and the
benchmark share one implementation.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .areas import AreaSet, Coverage, assign, buurten_from_table, grid_for_points
from .data import Table, info
from .homes import fill_residents, make_homes


@dataclass
class Study:
    homes: Table
    buildings: Table
    area_sets: list
    home_area: list
    resolution: float = 1.0
    _coverage: Coverage | None = None

    @property
    def coverage(self) -> Coverage:
        if self._coverage is None:
            extents = [a.extent() for a in self.area_sets] + [self.buildings.extent()]
            extent = (
                min(e[0] for e in extents),
                min(e[1] for e in extents),
                max(e[2] for e in extents),
                max(e[3] for e in extents),
            )
            self._coverage = Coverage(extent, self.resolution)
        return self._coverage

    def area_set(self, kind: str) -> AreaSet:
        for area_set in self.area_sets:
            if area_set.kind == kind:
                return area_set
        raise KeyError(kind)


@dataclass
class Outcome:
    homes: dict = field(default_factory=dict)
    buildings: dict = field(default_factory=dict)
    areas: dict = field(default_factory=dict)  # kind -> {field: values}
    messages: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    def home_table(self, study: Study, name: str = "homes", keep=("home_id", "pand_id", "inwoners")) -> Table:
        columns = {k: study.homes.columns[k] for k in keep if k in study.homes.columns}
        for area_set, index in zip(study.area_sets, study.home_area):
            columns[area_set.id_field] = np.array(
                [area_set.ids[i] if i >= 0 else "" for i in index], dtype=object
            )
        columns.update(self.homes)
        return Table(name, None, columns, "Point", wkbs=study.homes.wkbs, xy=study.homes.xy())

    def area_table(self, study: Study, kind: str, name: str) -> Table:
        return study.area_set(kind).table(name, self.areas.get(kind, {}))


def make_study(
    buildings: Table,
    addresses: Table | None,
    buurten: Table | None,
    grid_size: float = 100.0,
    resolution: float = 1.0,
    feedback=None,
) -> Study:
    homes = make_homes(buildings, addresses, feedback)
    xy = homes.xy()
    area_sets, home_area = [], []
    if buurten is not None:
        buurt_set = buurten_from_table(buurten)
        index = assign(buurt_set, xy)
        outside = int((index < 0).sum())
        if outside:
            info(feedback, f"{outside} of {len(index)} homes lie outside every buurt of '{buurten.name}'")
        population = buurt_set.columns.get("aant_inw")
        fill_residents(homes, index, population, feedback)
        area_sets.append(buurt_set)
        home_area.append(index)
    else:
        fill_residents(homes, np.full(len(homes), -1), None, feedback)
    if grid_size and grid_size > 0:
        grid = grid_for_points(xy, grid_size)
        area_sets.append(grid)
        home_area.append(assign(grid, xy))
    return Study(homes, buildings, area_sets, home_area, resolution)
