"""The ONNX model wrapper: metadata read from the file, clear errors for bad files, the baseline."""

from __future__ import annotations

import numpy as np
import pytest

from smart_society.core.errors import SmartSocietyError
from smart_society.plugins.solar_detect.core.errors import SolarDetectError
from smart_society.plugins.solar_detect.core.model import (
    REQUIRED_METADATA,
    ClassicalBaseline,
    OnnxSegmentationModel,
    default_model_path,
    load_model,
    read_onnx_metadata,
    write_onnx_metadata,
)


def test_shipped_model_card_comes_from_the_file(shipped_model):
    meta = read_onnx_metadata(default_model_path())
    card = shipped_model.card
    assert card.cm_per_px == float(meta["cm_per_px"]) == 8.0
    assert card.tile_size == int(meta["tile_size"]) and card.tile_size % 16 == 0
    assert 0 <= card.overlap < card.tile_size // 2
    assert "solar_panel" in card.classes
    assert "PV01" in card.training_data and card.licence
    assert card.metrics, "validation metrics must be stored in the model file"
    assert default_model_path().stat().st_size <= 20 * 1024 * 1024
    text = card.as_text()
    assert "8 cm/px" in text and card.name in text


def test_shipped_model_predicts_probabilities(shipped_model):
    tiles = np.zeros((2, 64, 64, 3), np.uint8)
    tiles[1] = 200
    prob = shipped_model.predict(tiles)
    assert prob.shape == (2, 64, 64)
    assert prob.dtype == np.float32
    assert prob.min() >= 0.0 and prob.max() <= 1.0


@pytest.mark.parametrize("missing", sorted(REQUIRED_METADATA))
def test_model_with_missing_metadata_is_refused(tmp_path, missing):
    meta = read_onnx_metadata(default_model_path())
    del meta[missing]
    bad = write_onnx_metadata(default_model_path(), tmp_path / "no_meta.onnx", meta)
    with pytest.raises(SolarDetectError) as info:
        OnnxSegmentationModel(bad)
    message = str(info.value)
    assert str(bad) in message and missing in message and "Expected" in message
    assert isinstance(info.value, SmartSocietyError)


def test_model_with_wrong_metadata_is_refused(tmp_path):
    meta = read_onnx_metadata(default_model_path())
    meta.update(tile_size="250", threshold="1.5", classes='["background", "roof"]')
    bad = write_onnx_metadata(default_model_path(), tmp_path / "wrong.onnx", meta)
    with pytest.raises(SolarDetectError, match="tile_size 250.*threshold 1.5.*solar_panel"):
        OnnxSegmentationModel(bad)


def test_user_model_with_own_metadata_loads(tmp_path):
    meta = read_onnx_metadata(default_model_path())
    meta.update(name="Municipal retrain", threshold="0.35", cm_per_px="10")
    own = write_onnx_metadata(default_model_path(), tmp_path / "own.onnx", meta)
    model = load_model(own)
    assert model.card.name == "Municipal retrain"
    assert model.threshold == 0.35 and model.cm_per_px == 10.0


def test_corrupt_and_missing_model_files(tmp_path):
    corrupt = tmp_path / "corrupt.onnx"
    corrupt.write_bytes(b"this is not an onnx model" * 10)
    with pytest.raises(SolarDetectError, match="corrupt.onnx.*valid ONNX"):
        OnnxSegmentationModel(corrupt)
    with pytest.raises(SolarDetectError, match="does not exist"):
        load_model(tmp_path / "absent.onnx")


def test_classical_baseline_finds_a_dark_gridded_rectangle_not_a_plain_roof():
    tile = np.full((128, 128, 3), 170, np.uint8)  # light roof
    panel = np.zeros((48, 80, 3), np.uint8)
    panel[:] = (40, 50, 95)
    panel[::12, :] = (150, 150, 160)  # frames every ~1 m
    panel[:, ::20] = (150, 150, 160)
    tile[40:88, 24:104] = panel
    prob = ClassicalBaseline().predict(tile[None])[0]
    inside = prob[48:80, 32:96] >= 0.5
    outside = prob[:30] >= 0.5
    assert inside.mean() > 0.8
    assert outside.mean() < 0.05
    plain = np.full((1, 128, 128, 3), 170, np.uint8)
    assert (ClassicalBaseline().predict(plain) >= 0.5).mean() == 0.0


def test_missing_onnxruntime_gives_a_clear_error(monkeypatch):
    import sys

    from smart_society.plugins.solar_detect.core.errors import SolarDetectError
    from smart_society.plugins.solar_detect.core.model import OnnxSegmentationModel
    from smart_society.plugins.solar_detect.core.model import default_model_path as shipped

    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # what an import sees when the package is absent
    with pytest.raises(SolarDetectError, match="onnxruntime is not installed"):
        OnnxSegmentationModel(shipped())
