"""The fixed, documented splits of the real evaluation data (shared by training, tests and evaluation).

PV01 (../shared/data/solar_pv01_jiang2021): pairs sorted by name; every 5th pair (index 0, 5, 10, ...)
is held out for evaluation (16 of 80), the other 64 may be used for training.
nl_luchtfoto_8cm_dev: never used for training; class in the file name (``<n>_<class>.tif``).
"""

from __future__ import annotations

from pathlib import Path

PV01_GSD = 0.10  # metres per pixel, approximately (UAV orthophotos)
PV01_HOLDOUT_EVERY = 5
PV01_FOLDER = "solar_pv01_jiang2021"
NL_FOLDER = "nl_luchtfoto_8cm_dev"


def pv01_names(root: Path) -> list[str]:
    return sorted(p.stem for p in (Path(root) / "images").glob("*.bmp"))


def pv01_split(root: Path) -> tuple[list[str], list[str]]:
    """(train names, held-out names) of the PV01 pairs under ``root``."""
    names = pv01_names(root)
    held = [n for i, n in enumerate(names) if i % PV01_HOLDOUT_EVERY == 0]
    train = [n for i, n in enumerate(names) if i % PV01_HOLDOUT_EVERY != 0]
    return train, held


def pv01_split_names() -> tuple[list[str], list[str]]:
    """The split for the default shared-data location (empty lists where the data is absent)."""
    root = Path(__file__).resolve().parents[4] / "shared" / "data" / PV01_FOLDER
    if not root.is_dir():
        return [], []
    return pv01_split(root)


def nl_roofs(root: Path) -> list[tuple[Path, str]]:
    """(path, class) of the Dutch 8 cm roof crops; class ``solar`` carries panels."""
    out = []
    for path in sorted(Path(root).glob("*.tif")):
        cls = path.stem.split("_", 1)[1] if "_" in path.stem else path.stem
        out.append((path, cls))
    return out
