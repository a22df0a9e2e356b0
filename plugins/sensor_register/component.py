"""Sensor register component: registers its dock and actions with the suite."""

from __future__ import annotations

from ..component import SuiteComponent


class SensorRegisterComponent(SuiteComponent):
    key = "sensor_register"
    title = "Sensor register"
    icon_name = "sensor"

    def create_dock_widget(self, parent):
        from .gui.dock import SensorRegisterDock

        return SensorRegisterDock(self.iface, parent)
