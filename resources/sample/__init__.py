"""The embedded sample district: a generated piece of Dordrecht's Spoorzone (see generator.py)."""

from __future__ import annotations
