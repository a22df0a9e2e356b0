"""Fixtures of these tests; the helpers live in solar_testkit (a unique module name, so the tests of
other areas, each with their own conftest, never shadow them)."""

from solar_testkit import shipped_model, solar_scene  # noqa: F401
