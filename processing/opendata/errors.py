"""The open-data component's errors: one base class, one subclass per concern."""

from __future__ import annotations

from ...core.errors import SmartSocietyError


class OpenDataError(SmartSocietyError):
    """Exporting an open-data package failed; the message names the layer, field or file and what is
    expected."""


class MetadataValidationError(OpenDataError):
    """The dataset metadata does not satisfy DCAT-AP-DONL 2.0; ``issues`` lists every field that is wrong."""

    def __init__(self, issues):
        self.issues = list(issues)
        lines = [f"{issue.field}: {issue.message}" for issue in self.issues]
        super().__init__("Metadata is not valid DCAT-AP-DONL 2.0:\n" + "\n".join(lines))


class PrivacyGateError(OpenDataError):
    """A field may not be released (personal, never releasable, or released without a reason)."""


class CkanPublishError(OpenDataError):
    """Publishing to a CKAN portal failed; the message is Dutch and names the action, field or URL."""

    def __init__(self, message: str, action: str = "", field: str = "", status: int | None = None):
        super().__init__(message)
        self.action = action
        self.field = field
        self.status = status
