"""Twin layers component: registers its dock and actions with the suite."""

from __future__ import annotations

from ..component import SuiteComponent


class SmartTwinComponent(SuiteComponent):
    key = "smart_twin"
    title = "Twin layers"
    icon_name = "twin"

    def create_dock_widget(self, parent):
        from .gui.dock import SmartTwinDock

        return SmartTwinDock(self.iface, parent)
