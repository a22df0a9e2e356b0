"""scripts/sample_training_pool.py: scenes from other-seed sample districts, never the evaluated one."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pool_script():
    spec = importlib.util.spec_from_file_location(
        "sample_training_pool", REPO_ROOT / "scripts" / "sample_training_pool.py"
    )
    module = importlib.util.module_from_spec(spec)
    saved = list(sys.path)
    try:
        spec.loader.exec_module(module)  # a script: it sets up sys.path for itself
    finally:
        sys.path[:] = saved
    return module


def test_the_evaluated_seed_is_refused(pool_script, monkeypatch, tmp_path):
    from smart_society.resources.sample.generator import DEFAULT_SEED

    argv = ["sample_training_pool.py", "--seeds", str(DEFAULT_SEED), "--out", str(tmp_path / "p.npz")]
    monkeypatch.setattr("sys.argv", argv)
    with pytest.raises(SystemExit) as stop:
        pool_script.main()
    assert stop.value.code == 2
    assert not (tmp_path / "p.npz").exists()


def test_scenes_carry_their_panels_labels(pool_script, sample_district):
    rng = np.random.default_rng(1)
    images, labels, positives, negatives = pool_script.scenes_from_district(
        Path(sample_district.directory), 128, rng, negatives_per_positive=1.0
    )
    assert positives > 100 and negatives == positives
    assert len(images) == len(labels) == positives + negatives
    assert images[0].shape == (128, 128, 3) and images[0].dtype == np.uint8
    # the scenes cut around roofs with panels show them, and the labelled pixels are the blue-black panel
    # pixels (blue above red), unlike the roofs, streets and gardens around them
    labelled = [(img, lab) for img, lab in zip(images[:positives], labels[:positives]) if lab.any()]
    assert len(labelled) >= 0.9 * positives
    blueness = [img[..., 2].astype(float) - img[..., 0] for img, _lab in labelled]
    inside = np.concatenate([b[lab > 0] for b, (_img, lab) in zip(blueness, labelled)])
    outside = np.concatenate([b[lab == 0] for b, (_img, lab) in zip(blueness, labelled)])
    assert np.median(inside) > np.median(outside) + 5
    # most negatives show no panel at all (a neighbour's array may reach into the scene)
    assert sum(1 for lab in labels[positives:] if not lab.any()) >= 0.7 * negatives


def test_dark_roofs_are_told_from_their_colour(pool_script):
    assert pool_script._is_dark("#2a2a2e") and not pool_script._is_dark("#b04a32")
    assert not pool_script._is_dark(None) and not pool_script._is_dark("zz")
