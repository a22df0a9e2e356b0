"""The Smart Society Processing provider: the one explicit list of the suite's algorithms."""

from __future__ import annotations

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..core.i18n import tr
from ..core.paths import icon_path

PROVIDER_ID = "smartsociety"


def algorithm_classes() -> list:
    """Every algorithm of the suite, grouped by component (each block is owned by that component)."""
    classes = []
    # --- foundation ---
    from .algorithms.generate_sample_district import GenerateSampleDistrictAlgorithm

    classes += [GenerateSampleDistrictAlgorithm]
    # --- end foundation ---
    # --- smart_twin ---
    # --- end smart_twin ---
    # --- sensor_register ---
    # --- end sensor_register ---
    # --- solar_detect ---
    # --- end solar_detect ---
    # --- liveability ---
    # --- end liveability ---
    # --- opendata ---
    # --- end opendata ---
    return classes


class SmartSocietyProvider(QgsProcessingProvider):
    def id(self):
        return PROVIDER_ID

    def name(self):
        return tr("Dordrecht Smart Twin")

    def longName(self):
        return tr("Dordrecht Smart Twin: twin layers, sensor register, solar panels, liveability, open data")

    def icon(self):
        return QIcon(icon_path("suite"))

    def loadAlgorithms(self):
        for algorithm_class in algorithm_classes():
            self.addAlgorithm(algorithm_class())
