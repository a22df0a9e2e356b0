"""Small shapely helpers that work on shapely 1.8 (Debian 12) and shapely 2."""

from __future__ import annotations

import warnings


def strtree(geoms):
    from shapely.strtree import STRtree

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return STRtree(list(geoms))


def query_indices(tree, geometry) -> list:
    """Indices of the tree's geometries whose envelopes intersect ``geometry``'s envelope."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if hasattr(tree, "query_items"):
            return [int(i) for i in tree.query_items(geometry)]
        return [int(i) for i in tree.query(geometry)]
