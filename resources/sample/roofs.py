"""Roof furniture of the sample district: solar-panel arrays, chimneys, dormers, roof windows, skylights.

Panels are what the solar detector must find; the other furniture is there to confuse it (dark glass of roof
windows, dark dormer tops, skylights on flat roofs), just as on real roofs.
"""

from __future__ import annotations

import math

import numpy as np

from .layout import DARK_MATERIALS, Building, Layout, PanelArray, Rect, RoofFeature

PANEL_LONG = 1.70
PANEL_SHORT = 1.02
FLAT_ROW_TILT_DEG = 12.0
FLAT_ROW_PITCH = 2.9
MIN_SOLAR_BUILDINGS = 40
MIN_DARK_NEGATIVES = 20


def render_material(building: Building) -> str:
    """The material the orthophoto shows (dark metal is a look of the schema's "metal")."""
    return building.render_material or building.roof_material


def is_dark_roof(building: Building) -> bool:
    return render_material(building) in DARK_MATERIALS


class RoofFurnisher:
    def __init__(self, layout: Layout, rng: np.random.Generator):
        self.layout = layout
        self.rng = rng
        self.items_by_building: dict[int, list[Rect]] = {}

    def chance(self, p: float) -> bool:
        return bool(self.rng.random() < p)

    def uniform(self, low: float, high: float) -> float:
        return float(self.rng.uniform(low, high))

    def _free(self, index: int, rect: Rect, margin: float = 0.15) -> bool:
        return not any(rect.overlaps(other, margin) for other in self.items_by_building.get(index, []))

    def _claim(self, index: int, rect: Rect) -> None:
        self.items_by_building.setdefault(index, []).append(rect)

    def furnish(self) -> None:
        buildings = self.layout.buildings
        # Existing installations (offices) occupy their roof space first.
        for feature in self.layout.features:
            if feature.kind == "installation":
                for index, building in enumerate(buildings):
                    if building.rect.overlaps(feature.rect, -0.01):
                        self._claim(index, feature.rect)
        probabilities = {
            "woonfunctie": 0.12,
            "winkelfunctie": 0.15,
            "kantoorfunctie": 0.35,
            "industriefunctie": 0.45,
            "onderwijsfunctie": 1.0,
            "gezondheidszorgfunctie": 0.6,
        }
        order = self.rng.permutation(len(buildings))
        chosen = [i for i in order if self.chance(probabilities.get(buildings[i].gebruiksdoel, 0.0))]
        # Top up so the detector always has enough positives, taking the next houses in the shuffled order.
        chosen_set = {int(i) for i in chosen}
        spare = [
            int(i) for i in order if int(i) not in chosen_set and buildings[i].gebruiksdoel == "woonfunctie"
        ]
        for index in sorted(chosen_set):
            self._place_panels(index)
        while sum(b.has_solar for b in buildings) < MIN_SOLAR_BUILDINGS + 5 and spare:
            self._place_panels(spare.pop(0))
        self._ensure_dark_negatives()
        for index, building in enumerate(buildings):
            if building.dak_type == "slanted":
                self._slope_furniture(index, building)
            elif building.gebruiksdoel != "overige gebruiksfunctie":
                self._flat_furniture(index, building)

    # ---------------------------------------------------------------- panels
    def _place_panels(self, index: int) -> None:
        building = self.layout.buildings[index]
        if building.dak_type == "slanted":
            placed = self._panels_on_slope(index, building)
        elif building.gebruiksdoel == "industriefunctie":
            placed = self._panel_field(index, building)
        else:
            placed = self._panel_rows(index, building)
        building.has_solar = placed

    def _panels_on_slope(self, index: int, building: Building) -> bool:
        rect = building.rect
        ridge = (rect.v0 + rect.v1) / 2.0
        cos_pitch = math.cos(math.radians(building.pitch_deg))
        portrait = self.chance(0.7)
        along = PANEL_SHORT if portrait else PANEL_LONG
        across = (PANEL_LONG if portrait else PANEL_SHORT) * cos_pitch
        side_margin = self.uniform(0.25, 0.5)
        top_margin = self.uniform(0.25, 0.5)
        eave_margin = 0.35
        columns = int((rect.width_u - 2 * side_margin) // along)
        max_rows = int((ridge - rect.v0 - top_margin - eave_margin) // across)
        if columns < 1 or max_rows < 1:
            return False
        rows = int(self.rng.integers(max(1, max_rows - 1), max_rows + 1))
        if columns > 2 and self.chance(0.3):
            columns -= 1
        width = columns * along
        u0 = rect.u0 + (rect.width_u - width) / 2.0 + self.uniform(-0.15, 0.15)
        u0 = min(max(u0, rect.u0 + 0.2), rect.u1 - 0.2 - width)
        v1 = ridge - top_margin
        array = Rect(u0, v1 - rows * across, u0 + width, v1)
        self._add_array(index, array, along, across, rows * columns, tilted=False)
        return True

    def _panel_rows(self, index: int, building: Building) -> bool:
        rect = building.rect
        margin = self.uniform(0.8, 1.5)
        depth = PANEL_LONG * math.cos(math.radians(FLAT_ROW_TILT_DEG))
        max_rows = int((rect.width_v - 2 * margin - depth) // FLAT_ROW_PITCH) + 1
        columns = int((rect.width_u - 2 * margin) // PANEL_SHORT)
        if max_rows < 1 or columns < 2:
            return False
        rows = int(self.rng.integers(max(1, max_rows // 2), max_rows + 1))
        rows = min(rows, 14)
        placed = False
        for row in range(rows):
            v0 = rect.v0 + margin + row * FLAT_ROW_PITCH
            row_rect = Rect(rect.u0 + margin, v0, rect.u0 + margin + columns * PANEL_SHORT, v0 + depth)
            if not self._free(index, row_rect, 0.3):
                continue
            self._add_array(index, row_rect, PANEL_SHORT, depth, columns, tilted=True)
            shadow = Rect(row_rect.u0, row_rect.v1, row_rect.u1, min(row_rect.v1 + 0.75, rect.v1 - 0.3))
            self.layout.features.append(RoofFeature("row_shadow", shadow, 0.0, (0, 0, 0)))
            placed = True
        return placed

    def _panel_field(self, index: int, building: Building) -> bool:
        rect = building.rect
        margin = self.uniform(1.2, 2.5)
        columns = int((rect.width_u - 2 * margin) * self.uniform(0.5, 1.0) // PANEL_SHORT)
        rows = int((rect.width_v - 2 * margin) * self.uniform(0.5, 1.0) // PANEL_LONG)
        if columns < 2 or rows < 1:
            return False
        field = Rect(
            rect.u0 + margin,
            rect.v0 + margin,
            rect.u0 + margin + columns * PANEL_SHORT,
            rect.v0 + margin + rows * PANEL_LONG,
        )
        self._add_array(index, field, PANEL_SHORT, PANEL_LONG, rows * columns, tilted=False)
        return True

    def _add_array(
        self, index: int, rect: Rect, along: float, across: float, count: int, tilted: bool
    ) -> None:
        panel_type = "mono" if self.chance(0.55) else "poly"
        # All-black modules (black frames) are common on Dutch houses and harder to see than silver frames.
        black_frame = panel_type == "mono" and self.chance(0.35)
        self.layout.panels.append(
            PanelArray(
                index,
                rect,
                panel_type,
                "u",
                along,
                across,
                count,
                tilted,
                brightness=self.uniform(0.85, 1.2),
                black_frame=black_frame,
            )
        )
        self._claim(index, rect)

    def _ensure_dark_negatives(self) -> None:
        buildings = self.layout.buildings
        dark = [b for b in buildings if is_dark_roof(b) and not b.has_solar]
        if len(dark) >= MIN_DARK_NEGATIVES:
            return
        candidates = [
            b
            for b in buildings
            if not b.has_solar
            and b.dak_type == "slanted"
            and b.gebruiksdoel == "woonfunctie"
            and not is_dark_roof(b)
        ]
        for building in candidates[: MIN_DARK_NEGATIVES - len(dark)]:
            building.roof_material = "black_tiles"
            building.roof_colour = (40, 40, 43)

    # ---------------------------------------------------------------- confusers
    def _slope_furniture(self, index: int, building: Building) -> None:
        rect = building.rect
        ridge = (rect.v0 + rect.v1) / 2.0
        cos_pitch = math.cos(math.radians(building.pitch_deg))
        features = self.layout.features
        if self.chance(0.3) and rect.width_u > 3.5:
            size = self.uniform(0.45, 0.7)
            u0 = rect.u0 + 0.15 if self.chance(0.5) else rect.u1 - 0.15 - size
            v0 = ridge + self.uniform(-1.2, 0.6)
            chimney = Rect(u0, v0, u0 + size, v0 + size)
            if self._free(index, chimney):
                colour = (120, 58, 42) if self.chance(0.5) else (74, 70, 68)
                features.append(RoofFeature("chimney", chimney, 1.0, colour))
                self._claim(index, chimney)
        for face in ("north", "south"):
            if self.chance(0.12) and rect.width_u > 4.5:
                width = min(self.uniform(2.2, 3.8), rect.width_u - 1.2)
                depth = self.uniform(2.0, 2.8) * cos_pitch + 0.6
                u0 = rect.u0 + (rect.width_u - width) / 2.0 + self.uniform(-0.3, 0.3)
                if face == "north":
                    dormer = Rect(u0, ridge + 0.5, u0 + width, min(ridge + 0.5 + depth, rect.v1 - 0.4))
                else:
                    dormer = Rect(u0, max(ridge - 0.5 - depth, rect.v0 + 0.4), u0 + width, ridge - 0.5)
                if self._free(index, dormer):
                    top = (58, 58, 60) if self.chance(0.8) else (140, 140, 136)
                    features.append(RoofFeature("dormer", dormer, 1.0, top, axis=face))
                    self._claim(index, dormer)
        for _ in range(int(self.rng.integers(0, 3))):
            width, depth = 0.78, 1.18 * cos_pitch
            u0 = self.uniform(rect.u0 + 0.4, max(rect.u0 + 0.41, rect.u1 - 0.4 - width))
            north = self.chance(0.5)
            v0 = (
                self.uniform(ridge + 0.4, rect.v1 - 0.5 - depth)
                if north
                else self.uniform(rect.v0 + 0.5, ridge - 0.4 - depth)
            )
            window = Rect(u0, v0, u0 + width, v0 + depth)
            if self._free(index, window, 0.2):
                features.append(RoofFeature("roof_window", window, 0.1, (46, 56, 70)))
                self._claim(index, window)
        if not building.has_solar and self.chance(0.05):
            # A solar water heater: one dark glass collector on the sunny face, a look-alike of a panel.
            depth = 2.0 * cos_pitch
            u0 = self.uniform(rect.u0 + 0.4, max(rect.u0 + 0.41, rect.u1 - 1.5))
            collector = Rect(u0, ridge - 0.5 - depth, u0 + 1.1, ridge - 0.5)
            if collector.v0 > rect.v0 + 0.3 and self._free(index, collector, 0.2):
                features.append(RoofFeature("collector", collector, 0.15, (32, 40, 60)))
                self._claim(index, collector)

    def _flat_furniture(self, index: int, building: Building) -> None:
        rect = building.rect
        features = self.layout.features
        area = rect.width_u * rect.width_v
        for _ in range(int(self.rng.integers(0, 2 + int(area // 250)))):
            size = self.uniform(1.0, 2.4)
            u0 = self.uniform(rect.u0 + 0.8, rect.u1 - 0.8 - size)
            v0 = self.uniform(rect.v0 + 0.8, rect.v1 - 0.8 - size)
            skylight = Rect(u0, v0, u0 + size * self.uniform(1.0, 1.6), v0 + size)
            if skylight.u1 < rect.u1 - 0.5 and self._free(index, skylight, 0.3):
                features.append(RoofFeature("skylight", skylight, 0.45, (205, 210, 212)))
                self._claim(index, skylight)
        for _ in range(int(self.rng.integers(0, 3))):
            w, d = self.uniform(1.2, 3.0), self.uniform(0.8, 2.0)
            u0 = self.uniform(rect.u0 + 0.8, max(rect.u0 + 0.81, rect.u1 - 0.8 - w))
            v0 = self.uniform(rect.v0 + 0.8, max(rect.v0 + 0.81, rect.v1 - 0.8 - d))
            unit = Rect(u0, v0, u0 + w, v0 + d)
            if unit.u1 < rect.u1 - 0.3 and unit.v1 < rect.v1 - 0.3 and self._free(index, unit, 0.3):
                features.append(RoofFeature("installation", unit, 1.1, (176, 178, 180)))
                self._claim(index, unit)


def furnish_roofs(layout: Layout, rng: np.random.Generator) -> None:
    RoofFurnisher(layout, rng).furnish()
