"""The liveability analyses' one error type."""

from __future__ import annotations

from ...core.errors import SmartSocietyError


class LiveabilityError(SmartSocietyError):
    """An input of a liveability analysis is unusable; the message names the layer, the field and what is
    expected (e.g. ``layer 'amenities': field 'category' is missing; expected a text field ...``)."""


def layer_error(layer: str, what: str, field: str | None = None) -> LiveabilityError:
    """A ``LiveabilityError`` whose message starts with the layer (and field) it is about."""
    where = f"layer '{layer}'" + (f", field '{field}'" if field else "")
    return LiveabilityError(f"{where}: {what}")
