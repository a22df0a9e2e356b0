"""Solar panels component: registers its dock and actions with the suite."""

from __future__ import annotations

from ..component import SuiteComponent


class SolarDetectComponent(SuiteComponent):
    key = "solar_detect"
    title = "Solar panels"
    icon_name = "solar"

    def create_dock_widget(self, parent):
        from .gui.dock import SolarDetectDock

        return SolarDetectDock(self.iface, parent)
