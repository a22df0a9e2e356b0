"""The Sensor register dock."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QDockWidget, QLabel, QVBoxLayout, QWidget

from ....core.i18n import tr


class SensorRegisterDock(QDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("Sensor register"), parent)
        self.iface = iface
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel(tr("Register of sensors in public space: where, whose, what, why and under which legal ground."), body))
        layout.addStretch(1)
        self.setWidget(body)
