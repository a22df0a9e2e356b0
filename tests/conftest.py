"""Shared fixtures: the package import path, real shared data, the generated sample district, Processing."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
PYPATH = REPO_ROOT / ".build" / "pypath"

# The repo root must never be on sys.path: its processing/ folder would shadow QGIS's `processing`.
sys.path[:] = [p for p in sys.path if p not in ("", ".") and Path(p).resolve() != REPO_ROOT]
if not (PYPATH / "smart_society").exists():
    PYPATH.mkdir(parents=True, exist_ok=True)
    (PYPATH / "smart_society").symlink_to(REPO_ROOT)
if str(PYPATH) not in sys.path:
    sys.path.insert(0, str(PYPATH))
QGIS_PYTHON_PLUGINS = "/usr/share/qgis/python/plugins"
if QGIS_PYTHON_PLUGINS not in sys.path:
    sys.path.append(QGIS_PYTHON_PLUGINS)

# Python must keep the provider object alive, or QGIS can lose its algorithms when the wrapper is collected.
_PROVIDERS: list = []

SHARED_DATA = Path(os.environ.get("SMART_SOCIETY_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real open data in ../shared/data (read in place, never copied)."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real open data not found at {SHARED_DATA} (set SMART_SOCIETY_SHARED_DATA)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def sample_district(qgis_app):
    """The embedded sample district, generated once per generator version into .build/ and reused."""
    from smart_society.resources.sample.generator import cached_sample_district

    return cached_sample_district(REPO_ROOT / ".build" / "sample_district")


@pytest.fixture(scope="session")
def processing_registry(qgis_app):
    """QGIS's own Processing framework (native algorithms) plus the suite's provider."""
    from processing.core.Processing import Processing  # QGIS's package, from QGIS_PYTHON_PLUGINS
    from qgis.analysis import QgsNativeAlgorithms
    from qgis.core import QgsApplication

    Processing.initialize()
    registry = QgsApplication.processingRegistry()
    if registry.providerById("native") is None:
        registry.addProvider(QgsNativeAlgorithms())
    from smart_society.processing.provider import PROVIDER_ID, SmartSocietyProvider

    if registry.providerById(PROVIDER_ID) is None:
        provider = SmartSocietyProvider()
        _PROVIDERS.append(provider)
        registry.addProvider(provider)
    return registry


@pytest.fixture(scope="session")
def postgres_dsn() -> str:
    """DSN of the local PostgreSQL/PostGIS started by scripts/start_postgres.sh (make test starts it)."""
    dsn = os.environ.get("SMART_SOCIETY_PG_DSN", "")
    if not dsn:
        if os.environ.get("CI"):
            pytest.fail("SMART_SOCIETY_PG_DSN is not set: .ci/run must start PostgreSQL (make test does)")
        pytest.skip("no PostgreSQL: run through `make test`, which starts one and sets SMART_SOCIETY_PG_DSN")
    return dsn
