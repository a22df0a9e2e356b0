"""GUI-free core of the sensor register: model, storage, validation, import, SensorThings, export."""

from __future__ import annotations
