"""The quality figures of the issue, computed the same way by ``scripts/eval_solar.py`` and the tests.

- sample district: detection on the orthophoto with the building footprints vs ``solar_panels_truth``
  (pixel IoU and F1 on exact areas, object F1 at IoU >= 0.5);
- PV01 held-out pairs (every 5th pair, see datasets.py): pixel IoU pooled over the 16 pairs, predicted at the
  model's 8 cm and compared on the original 256 x 256 masks;
- nl_luchtfoto_8cm_dev: per roof crop the detected panel area and the largest panel polygon.
One model and its own threshold for all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import datasets
from .engine import DetectionParams, detect_panels
from .evaluate import Evaluation, evaluate, mask_scores
from .model import load_model
from .vector_io import read_features

GOALS = {"sample_pixel_iou": 0.90, "sample_object_f1": 0.95, "pv01_pixel_iou": 0.75, "nl_max_false_m2": 1.0}


@dataclass
class SampleQuality:
    evaluation: Evaluation
    seconds: float
    megapixels: float
    tiles: int
    tiles_total: int


def sample_paths(directory: str | Path) -> tuple[Path, Path, Path]:
    directory = Path(directory)
    return (
        directory / "orthophoto_8cm.tif",
        directory / "sample_district.gpkg",
        directory / "orthophoto_solar_truth.gpkg",
    )


def evaluate_sample(
    directory: str | Path,
    model: str = "",
    window: tuple | None = None,
    params: DetectionParams | None = None,
    progress=None,
) -> SampleQuality:
    """Detect on the sample orthophoto (tiles touching footprints) and compare with the true panels.

    ``window`` (xmin, ymin, xmax, ymax) restricts buildings and truth to that part (faster tests).
    """
    from shapely.geometry import box

    ortho, gpkg, truth_path = sample_paths(directory)
    geoms, attrs, _wkt = read_features(gpkg, "buildings", ["identificatie"])
    truth, _a, _w = read_features(truth_path, "solar_panels_truth")
    buildings = [(a["identificatie"], g) for g, a in zip(geoms, attrs)]
    if window is not None:
        frame = box(*window)
        buildings = [(i, g) for i, g in buildings if frame.contains(g.representative_point())]
        keep = box(*window).buffer(0)
        truth = [t for t in truth if keep.contains(t.representative_point())]
    params = params or DetectionParams(model=model)
    result = detect_panels(str(ortho), [g for _i, g in buildings], params, progress=progress)
    detected = [p.geometry for p in result.panels]
    ev = evaluate(detected, truth, buildings)
    return SampleQuality(
        ev,
        result.seconds,
        result.stats["pixels"] / 1e6,
        result.stats["tiles_processed"],
        result.stats["tiles_total"],
    )


def _resize(array: np.ndarray, size: tuple[int, int], nearest: bool = False) -> np.ndarray:
    from PIL import Image

    img = Image.fromarray(array)
    return np.asarray(img.resize(size, Image.NEAREST if nearest else Image.BILINEAR))


def predict_image(model, rgb: np.ndarray, gsd: float) -> np.ndarray:
    """Panel probability of a whole small image (no CRS) at the model's resolution, back on its own grid."""
    h, w = rgb.shape[:2]
    factor = gsd / (model.cm_per_px / 100.0)
    mh, mw = max(16, int(round(h * factor))), max(16, int(round(w * factor)))
    resized = _resize(rgb, (mw, mh)) if (mh, mw) != (h, w) else rgb
    ph, pw = (-mh) % 16, (-mw) % 16
    padded = np.pad(resized, ((0, ph), (0, pw), (0, 0)), mode="reflect")
    prob = model.predict(padded[None])[0][:mh, :mw]
    if (mh, mw) != (h, w):
        prob = _resize(prob.astype(np.float32), (w, h))
    return prob


def evaluate_pv01(root: str | Path, model: str = "") -> dict:
    """Pooled pixel IoU (and F1) on the held-out PV01 pairs; also the mean per-image IoU."""
    from PIL import Image

    m = load_model(model or None)
    _train, held = datasets.pv01_split(Path(root))
    preds, truths, ious = [], [], []
    for name in held:
        rgb = np.asarray(Image.open(Path(root) / "images" / f"{name}.bmp").convert("RGB"))
        truth = np.asarray(Image.open(Path(root) / "masks" / f"{name}.bmp")) > 0
        pred = predict_image(m, rgb, datasets.PV01_GSD) >= m.threshold
        preds.append(pred)
        truths.append(truth)
        ious.append(mask_scores(pred, truth)[0])
    iou, f1, precision, recall = mask_scores(np.stack(preds), np.stack(truths))
    return {
        "pairs": len(held),
        "pixel_iou": iou,
        "pixel_f1": f1,
        "precision": precision,
        "recall": recall,
        "mean_image_iou": float(np.mean(ious)),
    }


def evaluate_nl(root: str | Path, model: str = "") -> list[dict]:
    """Per Dutch roof crop: class, detected panel area, largest polygon (m2)."""
    rows = []
    for path, cls in datasets.nl_roofs(Path(root)):
        result = detect_panels(str(path), None, DetectionParams(model=model))
        areas = [p.area_m2 for p in result.panels]
        rows.append(
            {
                "file": path.name,
                "class": cls,
                "solar": cls == "solar",
                "panels": len(areas),
                "area_m2": float(sum(areas)),
                "largest_m2": float(max(areas, default=0.0)),
            }
        )
    return rows


def nl_verdict(rows: list[dict]) -> dict:
    solar = [r for r in rows if r["solar"]]
    other = [r for r in rows if not r["solar"]]
    found = sum(1 for r in solar if r["largest_m2"] >= GOALS["nl_max_false_m2"])
    clean = sum(1 for r in other if r["largest_m2"] <= GOALS["nl_max_false_m2"])
    return {
        "solar_roofs": len(solar),
        "solar_found": found,
        "other_roofs": len(other),
        "other_clean": clean,
        "ok": found == len(solar) and clean == len(other),
    }
