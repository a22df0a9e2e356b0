"""Register of sensors in public space: where, whose, what, why and under which legal ground."""

from __future__ import annotations
