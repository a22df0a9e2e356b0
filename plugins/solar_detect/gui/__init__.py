"""The Solar panels dock and its background task."""

from __future__ import annotations
