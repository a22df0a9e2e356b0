"""Solar-panel detection on aerial photos, per building and per buurt."""

from __future__ import annotations
