"""Twin layers dock and its background tasks."""

from __future__ import annotations
