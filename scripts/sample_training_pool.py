"""Training scenes cut from sample districts of *other* seeds than the evaluated one (issue 6).

    PYTHONPATH=.build/pypath .venv/bin/python scripts/sample_training_pool.py \
        --seeds 20260506 20260507 --out /tmp/solar_sample_pool.npz

The sample generator (``resources/sample``) renders whole districts with their true panel polygons. The
evaluated district is the default seed (20260505); this script generates districts of other seeds (cached
in ``.build/solar_train_districts/seed_<seed>``) and cuts square scenes around their buildings: every
building with panels and as many buildings without (dark roofs first, as they are the hard negatives),
each scene with its label mask rasterised from ``solar_panels_truth``. The output has the same layout as
the synthetic pool of ``train_solar_model.py`` (``images`` N x S x S x 3 uint8, ``labels`` N x S x S uint8)
and is passed to it with ``--extra-pool``. The evaluated seed is refused, so the sample figure of
``make eval`` stays a measurement on an unseen district.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if p not in ("", ".") and Path(p).resolve() != REPO_ROOT]
sys.path.insert(0, str(REPO_ROOT / ".build" / "pypath"))


def scenes_from_district(directory: Path, size: int, rng: np.random.Generator, negatives_per_positive: float):
    from osgeo import gdal
    from rasterio import features
    from rasterio.transform import Affine

    from smart_society.plugins.solar_detect.core.vector_io import read_features

    ortho = gdal.Open(str(directory / "orthophoto_8cm.tif"))
    gt = ortho.GetGeoTransform()
    width, height = ortho.RasterXSize, ortho.RasterYSize
    truth, _a, _w = read_features(directory / "orthophoto_solar_truth.gpkg", "solar_panels_truth")
    buildings, attrs, _w = read_features(directory / "sample_district.gpkg", "buildings", ["roof_colour"])
    has_panels = [any(b.intersects(t) for t in truth) for b in buildings]
    with_panels = [b for b, panels in zip(buildings, has_panels) if panels]
    without = [(b, a) for b, a, panels in zip(buildings, attrs, has_panels) if not panels]
    dark = [b for b, a in without if _is_dark(a.get("roof_colour"))]
    light = [b for b, a in without if not _is_dark(a.get("roof_colour"))]
    n_negative = int(round(len(with_panels) * negatives_per_positive))
    picks = list(with_panels)
    dark_share = min(len(dark), n_negative * 2 // 3)
    picks += [dark[i] for i in rng.choice(len(dark), dark_share, replace=False)] if dark_share else []
    rest = min(len(light), n_negative - dark_share)
    picks += [light[i] for i in rng.choice(len(light), rest, replace=False)] if rest else []
    images, labels = [], []
    for building in picks:
        centre = building.representative_point()
        col = int((centre.x - gt[0]) / gt[1] + rng.integers(-size // 4, size // 4 + 1)) - size // 2
        row = int((centre.y - gt[3]) / gt[5] + rng.integers(-size // 4, size // 4 + 1)) - size // 2
        col = min(max(col, 0), width - size)
        row = min(max(row, 0), height - size)
        rgb = np.stack([ortho.GetRasterBand(b).ReadAsArray(col, row, size, size) for b in (1, 2, 3)], -1)
        x0, y0 = gt[0] + col * gt[1], gt[3] + row * gt[5]
        transform = Affine(gt[1], 0, x0, 0, gt[5], y0)
        label = features.rasterize(
            ((t, 1) for t in truth), out_shape=(size, size), transform=transform, dtype="uint8"
        )
        images.append(rgb.astype(np.uint8))
        labels.append(label)
    return images, labels, len(with_panels), len(picks) - len(with_panels)


def _is_dark(colour_hex) -> bool:
    """Dark roofs (luma below 90 of 255) are where black panels hide and roof windows look like panels."""
    text = str(colour_hex or "").lstrip("#")
    if len(text) != 6:
        return False
    r, g, b = (int(text[i : i + 2], 16) for i in (0, 2, 4))
    return 0.299 * r + 0.587 * g + 0.114 * b < 90


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seeds", type=int, nargs="+", default=[20260506, 20260507])
    parser.add_argument("--size", type=int, default=192, help="scene edge in px (the synthetic pool's size)")
    parser.add_argument("--negatives", type=float, default=1.0, help="scenes without panels per scene with")
    parser.add_argument("--out", default="/tmp/solar_sample_pool.npz")
    args = parser.parse_args()

    from smart_society.resources.sample.generator import DEFAULT_SEED, cached_sample_district

    if DEFAULT_SEED in args.seeds:
        parser.error(f"seed {DEFAULT_SEED} is the evaluated sample district; train on other seeds")
    rng = np.random.default_rng(min(args.seeds))
    images, labels = [], []
    for seed in args.seeds:
        cache_root = REPO_ROOT / ".build" / "solar_train_districts" / f"seed_{seed}"
        district = cached_sample_district(cache_root, seed)
        imgs, labs, positives, negatives = scenes_from_district(
            Path(district.directory), args.size, rng, args.negatives
        )
        images += imgs
        labels += labs
        print(f"seed {seed}: {positives} scenes with panels, {negatives} without", flush=True)
    description = (
        "scenes cut from sample districts of seeds "
        + ", ".join(str(seed) for seed in args.seeds)
        + f" (the evaluated district is seed {DEFAULT_SEED})"
    )
    np.savez(args.out, images=np.stack(images), labels=np.stack(labels), description=np.array(description))
    print(f"wrote {args.out}: {len(images)} scenes of {args.size} px", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
