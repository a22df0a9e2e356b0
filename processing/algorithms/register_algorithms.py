"""The sensor register's Processing algorithms, in menu order (the provider adds this list)."""

from __future__ import annotations

from .register_export import RegisterExportAlgorithm
from .register_harvest import RegisterHarvestAlgorithm
from .register_import import RegisterImportAlgorithm
from .register_observations import RegisterLmlObservationsAlgorithm
from .register_validate import RegisterValidateAlgorithm

REGISTER_ALGORITHMS = [
    RegisterImportAlgorithm,
    RegisterValidateAlgorithm,
    RegisterExportAlgorithm,
    RegisterHarvestAlgorithm,
    RegisterLmlObservationsAlgorithm,
]
