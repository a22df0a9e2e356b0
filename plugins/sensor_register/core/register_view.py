"""What the Register dock shows, GUI-free: filtering sensors and the warnings per sensor."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from . import model
from .validation import validate_record

EXPIRY_WARNING_DAYS = 30


@dataclass
class SensorFilter:
    """Empty/None criteria match everything."""

    sensor_type: str | None = None
    theme: str | None = None
    owner: str | None = None
    personal_data: bool | None = None
    mobile: bool | None = None
    status: str | None = None
    text: str = ""

    def matches(self, sensor: dict) -> bool:
        if self.sensor_type and sensor.get("sensor_type") != self.sensor_type:
            return False
        if self.theme and self.theme not in (sensor.get("themes") or []):
            return False
        if self.owner and sensor.get("owner") != self.owner:
            return False
        if (
            self.personal_data is not None
            and bool(sensor.get("contains_personal_data")) != self.personal_data
        ):
            return False
        if self.mobile is not None and bool(sensor.get("is_mobile")) != self.mobile:
            return False
        if self.status and sensor.get("status") != self.status:
            return False
        if self.text:
            needle = self.text.lower()
            haystack = " ".join(str(sensor.get(k) or "") for k in ("reference", "name", "observes", "owner"))
            if needle not in haystack.lower():
                return False
        return True


def filter_sensors(sensors: list[dict], criteria: SensorFilter) -> list[dict]:
    return [s for s in sensors if criteria.matches(s)]


def sensor_warnings(sensor: dict, today: _dt.date | None = None) -> list[str]:
    """Dutch warnings: expired, expiring within 30 days, missing or invalid required data."""
    today = today or _dt.date.today()
    warnings = []
    until = sensor.get("active_until")
    if until is not None and sensor.get("status") != "removed":
        if until < today:
            warnings.append(f"verlopen sinds {until.isoformat()}")
        elif (until - today).days <= EXPIRY_WARNING_DAYS:
            warnings.append(f"verloopt binnen {EXPIRY_WARNING_DAYS} dagen ({until.isoformat()})")
    record = dict(sensor)
    record.setdefault("owner", sensor.get("owner") or sensor.get("owner_id"))
    for issue in validate_record(record):
        label = (
            model.FIELDS_BY_NAME[issue.field].label_nl if issue.field in model.FIELDS_BY_NAME else issue.field
        )
        warnings.append(f"{label}: {issue.message}")
    return warnings
