"""The open-data dialog."""

from __future__ import annotations
