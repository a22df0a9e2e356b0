"""The one error type of the solar detection component (rasters, models, reference data)."""

from __future__ import annotations

from ....core.errors import SmartSocietyError


class SolarDetectError(SmartSocietyError):
    """A raster, model file or vector input for solar detection is unusable.

    The message names the file (or layer) and says what was expected.
    """
