"""Register dock and plot widgets."""

from __future__ import annotations
