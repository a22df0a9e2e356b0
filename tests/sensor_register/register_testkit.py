"""Fixtures of the sensor register tests: fresh registers in both backends, a valid raw row."""

from __future__ import annotations

import os
import uuid

import pytest


def valid_row(**overrides) -> dict:
    row = {
        "owner": "Gemeente Dordrecht",
        "reference": "DOR-001",
        "name": "Luchtmeter Spoorzone",
        "sensor_type": "Chemiesensor",
        "observes": "NO2",
        "observation_goal": "Luchtkwaliteit volgen",
        "themes": "Lucht",
        "x": 105200.0,
        "y": 424300.0,
        "contains_personal_data": "nee",
        "public_contact_email": "sensoren@dordrecht.nl",
        "start_date": "2024-01-01",
        "active_until": "2030-12-31",
    }
    row.update(overrides)
    return row


@pytest.fixture
def gpkg_register(tmp_path):
    from smart_society.plugins.sensor_register.core import storage

    register = storage.create_gpkg(tmp_path / "register.gpkg")
    yield register
    register.close()


@pytest.fixture(scope="session")
def pg_database(postgres_dsn):
    """The DSN plus a helper making a fresh schema (dropped at the end of the session)."""
    import psycopg2

    created = []

    def new_schema() -> str:
        name = f"sr_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        created.append(name)
        return name

    yield postgres_dsn, new_schema
    connection = psycopg2.connect(postgres_dsn)
    connection.autocommit = True
    for name in created:
        connection.cursor().execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")
    connection.close()


@pytest.fixture
def pg_register(pg_database):
    from smart_society.plugins.sensor_register.core import storage

    dsn, new_schema = pg_database
    register = storage.open_postgis(dsn, new_schema())
    yield register
    register.close()


@pytest.fixture(params=["gpkg", "pg"])
def register(request):
    """The same test against both backends."""
    return request.getfixturevalue(f"{request.param}_register")
