"""GUI-free core of solar detection: raster reads, tiling engine, models, vectors, aggregates."""

from __future__ import annotations
