"""The suite's exception hierarchy: each external format or protocol gets one subclass."""


class SmartSocietyError(Exception):
    """Base class for every error the suite reports to a user.

    The message must say which source (file, layer, URL, row, field) is wrong and what was expected.
    """


class InputError(SmartSocietyError):
    """A user-supplied input (file, layer, field, parameter) is missing or malformed."""
