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

    def unload(self):
        if self.dock is not None and getattr(self.dock, "register", None) is not None:
            self.dock.register.close()  # release the GeoPackage / PostGIS connection
            self.dock.register = None
        super().unload()
