"""Fixtures of these tests; the helpers live in register_testkit (a unique module name, so the tests of
other areas, each with their own conftest, never shadow them)."""

from register_testkit import gpkg_register, pg_database, pg_register, register  # noqa: F401
