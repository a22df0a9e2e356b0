"""Errors of the sensor register: each names the row, field or URL and what was expected."""

from __future__ import annotations

from ....core.errors import SmartSocietyError


class RegisterError(SmartSocietyError):
    """The register (GeoPackage or PostGIS) refused an operation or has an unexpected schema."""


class StaleVersionError(RegisterError):
    """Optimistic locking: the sensor was changed by someone else since it was read."""


class RegisterImportError(SmartSocietyError):
    """A CSV, XLSX or GeoJSON import file cannot be read or has errors (see ``report``)."""

    def __init__(self, message: str, report=None):
        super().__init__(message)
        self.report = report


class SensorThingsError(SmartSocietyError):
    """A SensorThings API request failed or returned something unexpected (message names the URL)."""

    def __init__(self, message: str, url: str = "", status: int | None = None):
        super().__init__(message)
        self.url = url
        self.status = status


class LmlError(SmartSocietyError):
    """An RIVM LML XML file cannot be read (message names the file and element)."""
