"""The solar panel algorithms, in the order the provider lists them."""

from __future__ import annotations

from .solar_aggregate import AggregateSolarPerBuildingAlgorithm
from .solar_changes import SolarChangesAlgorithm
from .solar_detect_panels import DetectSolarPanelsAlgorithm
from .solar_evaluate import EvaluateSolarDetectionAlgorithm

SOLAR_ALGORITHMS = [
    DetectSolarPanelsAlgorithm,
    AggregateSolarPerBuildingAlgorithm,
    EvaluateSolarDetectionAlgorithm,
    SolarChangesAlgorithm,
]
