"""Digital twin of the city: catalogue, 3D buildings, twin projects and scenarios."""

from __future__ import annotations
