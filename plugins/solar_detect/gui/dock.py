"""The Solar panels dock."""

from __future__ import annotations

from qgis.PyQt.QtWidgets import QDockWidget, QLabel, QVBoxLayout, QWidget

from ....core.i18n import tr


class SolarDetectDock(QDockWidget):
    def __init__(self, iface, parent=None):
        super().__init__(tr("Solar panels"), parent)
        self.iface = iface
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel(tr("Solar-panel detection on aerial photos, per building and per buurt."), body))
        layout.addStretch(1)
        self.setWidget(body)
