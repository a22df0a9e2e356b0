"""GUI-free core of the liveability analyses: network distances, 3-30-300, heat, proximity, air, noise, index.

Every function takes plain data (``Table``/``AreaSet`` objects, numpy arrays, paths) and an optional
Processing-like ``feedback`` and returns data; nothing here touches ``iface``, widgets or the project.
"""

from __future__ import annotations
