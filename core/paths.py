"""Locations of the suite's shipped resources."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
RESOURCES_DIR = PACKAGE_DIR / "resources"
ICONS_DIR = RESOURCES_DIR / "icons"
STYLES_DIR = RESOURCES_DIR / "styles"


def icon_path(name: str) -> str:
    """Path of a shipped SVG icon, e.g. ``icon_path("twin")``."""
    return str(ICONS_DIR / f"{name}.svg")


def style_path(name: str) -> str:
    """Path of a shipped QML style, e.g. ``style_path("buildings")``."""
    return str(STYLES_DIR / f"{name}.qml")
