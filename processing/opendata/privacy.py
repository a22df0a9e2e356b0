"""The privacy gate: personal fields stay out of open data unless released field by field, with a reason.

"Open data, tenzij": everything is published unless there is a reason not to, and personal data is the main
reason. A field is

* ``never``: in the sensor register's ``NEVER_RELEASABLE_FIELDS`` (personal and non-public contact fields);
  it can not be released, whatever the user asks;
* ``personal``: its name looks personal (naam, email, telefoon, adres, geboortedatum, bsn, kenteken, ...);
  blocked by default, released only field by field with a written reason, and every release is logged;
* ``free``: published.

The release log is JSON Lines: one object per release with the UTC time, the user, the layer, the field,
why it was flagged and the reason given. It names fields, never values.
"""

from __future__ import annotations

import datetime as _dt
import getpass
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ...plugins.sensor_register.core.privacy import NEVER_RELEASABLE_FIELDS
from .errors import PrivacyGateError

FREE = "free"
PERSONAL = "personal"
NEVER = "never"

#: Parts of field names that mark a field as personal (matched anywhere in the lower-case name).
PERSONAL_NAME_PARTS: tuple[str, ...] = (
    "naam",
    "name",
    "email",
    "e_mail",
    "e-mail",
    "mail",
    "telefoon",
    "phone",
    "mobiel",
    "mobile",
    "adres",
    "address",
    "straat",
    "huisnummer",
    "postcode",
    "woonplaats",
    "geboortedatum",
    "geboorte",
    "birth",
    "bsn",
    "burgerservicenummer",
    "kenteken",
    "license_plate",
    "licence_plate",
    "iban",
    "persoon",
    "person",
)
#: Short words that mark a field as personal only as a whole word (``tel`` but not ``hotel``).
PERSONAL_NAME_WORDS: tuple[str, ...] = ("tel", "gsm", "dob", "ip", "ip_adres", "initialen", "voorletters")

#: Prefixes of yes/no flag fields (``contains_personal_data``, ``is_public``): about a record, not personal.
FLAG_PREFIXES: tuple[str, ...] = ("contains_", "is_", "has_", "heeft_")

MIN_REASON_LENGTH = 10


def classify_field(name: str) -> tuple[str, str]:
    """``(status, why)`` for one field name: status is ``free``, ``personal`` or ``never``."""
    lower = name.lower()
    if lower in NEVER_RELEASABLE_FIELDS:
        return NEVER, "sensor register: never releasable (personal or non-public contact field)"
    if lower.startswith(FLAG_PREFIXES):
        return FREE, ""
    for part in PERSONAL_NAME_PARTS:
        if part in lower:
            return PERSONAL, f"name contains '{part}'"
    words = [w for w in re.split(r"[^a-z]+", lower) if w]
    for word in PERSONAL_NAME_WORDS:
        if word in words:
            return PERSONAL, f"name contains the word '{word}'"
    return FREE, ""


@dataclass
class FieldReview:
    """The gate's verdict on one field of one layer."""

    layer: str
    field: str
    status: str
    why: str = ""
    released: bool = False
    release_reason: str = ""

    @property
    def publishable(self) -> bool:
        return self.status == FREE or (self.status == PERSONAL and self.released)


@dataclass
class PrivacyGate:
    """Blocks personal fields by default; ``release`` lets one through with a reason and logs it.

    ``log_path``: JSON Lines file every release is appended to (created when needed); None keeps the log
    in memory only (``releases``) until ``write_log``.
    """

    log_path: Path | None = None
    user: str = ""
    releases: list[dict] = field(default_factory=list)
    _released: dict[tuple[str, str], str] = field(default_factory=dict)

    def __post_init__(self):
        if not self.user:
            try:
                self.user = getpass.getuser()
            except Exception:  # no login name (service account, container): still log something
                self.user = "unknown"

    def review(self, layer: str, field_names) -> list[FieldReview]:
        """The verdict for every field of ``layer``, in field order."""
        reviews = []
        for name in field_names:
            status, why = classify_field(name)
            reason = self._released.get((layer, name.lower()), "")
            reviews.append(FieldReview(layer, name, status, why, bool(reason) and status == PERSONAL, reason))
        return reviews

    def release(self, layer: str, field_name: str, reason: str) -> FieldReview:
        """Release one personal field of one layer for publication; the release is logged.

        Raises PrivacyGateError for a never-releasable field or a missing/too short reason.
        """
        status, why = classify_field(field_name)
        if status == NEVER:
            raise PrivacyGateError(
                f"Field '{field_name}' of layer '{layer}' can never be published: it is one of the sensor "
                "register's personal or non-public contact fields (NEVER_RELEASABLE_FIELDS)."
            )
        reason = (reason or "").strip()
        if len(reason) < MIN_REASON_LENGTH:
            raise PrivacyGateError(
                f"Releasing field '{field_name}' of layer '{layer}' needs a reason of at least "
                f"{MIN_REASON_LENGTH} characters (why publishing it is lawful and necessary); got {reason!r}."
            )
        if status == FREE:
            return FieldReview(layer, field_name, FREE)
        self._released[(layer, field_name.lower())] = reason
        entry = {
            "time": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
            "user": self.user,
            "layer": layer,
            "field": field_name,
            "flagged_because": why,
            "reason": reason,
        }
        self.releases.append(entry)
        if self.log_path is not None:
            self._append(Path(self.log_path), [entry])
        return FieldReview(layer, field_name, PERSONAL, why, True, reason)

    def publishable_fields(self, layer: str, field_names) -> list[str]:
        """The fields of ``layer`` that may be published, in field order."""
        return [r.field for r in self.review(layer, field_names) if r.publishable]

    def blocked_fields(self, layer: str, field_names) -> list[FieldReview]:
        """The fields of ``layer`` that stay out."""
        return [r for r in self.review(layer, field_names) if not r.publishable]

    def write_log(self, path: Path) -> Path | None:
        """Append the releases made so far to ``path`` (JSON Lines); None when there were none."""
        if not self.releases:
            return None
        self._append(Path(path), self.releases)
        return Path(path)

    @staticmethod
    def _append(path: Path, entries: list[dict]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as stream:
            for entry in entries:
                stream.write(json.dumps(entry, ensure_ascii=False) + "\n")


def read_release_log(path: Path) -> list[dict]:
    """The entries of a release log."""
    path = Path(path)
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def review_as_dicts(reviews: list[FieldReview]) -> list[dict]:
    return [asdict(r) for r in reviews]
