"""Which register fields may never be published (the contract with the open-data component).

The register keeps personal data (names, direct e-mail addresses and phone numbers of contact persons,
the user names in the audit trail) and contact details that the owner did not mark as public. None of
these may leave the municipality: the public export, the open-data publisher and any API drop them,
whatever the user asks. Names here are stable: other components import this set.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

#: Field names (in any register table or flattened export) that may never be published.
NEVER_RELEASABLE_FIELDS: frozenset[str] = frozenset(
    {
        # contact persons (table ``contacts`` and the flattened contact columns of the sensor export)
        "contact_name",
        "contact_email",
        "contact_phone",
        "contact_is_public",
        "contact_role",
        # non-public owner contact details (table ``organisations``)
        "org_contact_name",
        "org_contact_email",
        "org_contact_phone",
        # internal notes that may name people or places of residence
        "internal_remarks",
        # who edited the register (user names are personal data)
        "created_by",
        "modified_by",
        "changed_by",
        # the audit trail's value snapshots contain all of the above
        "old_values",
        "new_values",
    }
)

#: Functional public address of the owner: releasable (validated to be info@/sensor@/privacy@-like).
PUBLIC_CONTACT_FIELD = "public_contact_email"


def releasable_fields(field_names: Iterable[str]) -> list[str]:
    """``field_names`` without the never-releasable ones, order kept."""
    return [name for name in field_names if name.lower() not in NEVER_RELEASABLE_FIELDS]


def strip_record(record: Mapping[str, object]) -> dict[str, object]:
    """A copy of ``record`` without never-releasable keys."""
    return {key: value for key, value in record.items() if key.lower() not in NEVER_RELEASABLE_FIELDS}
