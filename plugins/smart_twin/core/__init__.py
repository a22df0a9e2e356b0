"""GUI-free core of the Twin layers component: catalogue, 3DBAG, area, project builder, 3D, scenarios."""

from __future__ import annotations
