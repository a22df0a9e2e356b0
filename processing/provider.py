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
    from .algorithms.twin_build_project import BuildTwinProjectAlgorithm, ImportThreeDBagAlgorithm

    classes += [BuildTwinProjectAlgorithm, ImportThreeDBagAlgorithm]
    # --- end smart_twin ---
    # --- sensor_register ---
    from .algorithms.register_algorithms import REGISTER_ALGORITHMS

    classes += REGISTER_ALGORITHMS
    # --- end sensor_register ---
    # --- solar_detect ---
    from .algorithms.solar_register import SOLAR_ALGORITHMS

    classes += SOLAR_ALGORITHMS
    # --- end solar_detect ---
    # --- liveability ---
    from .algorithms.liveability_air import AirQualityAlgorithm
    from .algorithms.liveability_green import Green330300Algorithm
    from .algorithms.liveability_heat import HeatRiskAlgorithm
    from .algorithms.liveability_index import LiveabilityIndexAlgorithm
    from .algorithms.liveability_noise import NoiseExposureAlgorithm
    from .algorithms.liveability_proximity import Proximity15MinAlgorithm
    from .algorithms.liveability_report import LiveabilityReportAlgorithm
    from .algorithms.liveability_scenario import LiveabilityScenarioAlgorithm

    classes += [Green330300Algorithm, HeatRiskAlgorithm, Proximity15MinAlgorithm, AirQualityAlgorithm,
                NoiseExposureAlgorithm, LiveabilityIndexAlgorithm, LiveabilityScenarioAlgorithm,
                LiveabilityReportAlgorithm]
    # --- end liveability ---
    # --- opendata ---
    from .algorithms.opendata_export import ExportOpenDataPackageAlgorithm
    from .algorithms.opendata_publish import PublishCkanAlgorithm

    classes += [ExportOpenDataPackageAlgorithm, PublishCkanAlgorithm]
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
