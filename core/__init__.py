"""Shared GUI-free helpers used by every component of the suite."""
