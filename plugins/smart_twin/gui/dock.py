"""The Twin layers dock."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QDockWidget, QLabel, QVBoxLayout, QWidget

from ....core.i18n import tr


class SmartTwinDock(QDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("Twin layers"), parent)
        self.iface = iface
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel(tr("Digital twin of the city: catalogue, 3D buildings, twin projects and scenarios."), body))
        layout.addStretch(1)
        self.setWidget(body)
