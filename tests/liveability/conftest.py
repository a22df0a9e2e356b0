"""Fixtures of the liveability tests; the helpers live in liveability_testkit (a unique module name, so tests
of other areas with their own conftest never shadow them)."""

from liveability_testkit import live_registry, tiny, tiny_gpkg  # noqa: F401

