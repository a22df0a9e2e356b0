"""Segmentation models: an ONNX network run by onnxruntime (metadata read from the file) and a classical
baseline with the same interface.

A model takes a batch of RGB tiles ``(N, H, W, 3)`` uint8 at ``cm_per_px`` and returns panel
probabilities ``(N, H, W)`` float32 in 0..1; ``threshold`` turns them into a mask.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import ndimage

from .errors import SolarDetectError

MODELS_DIR = Path(__file__).resolve().parents[3] / "resources" / "models"
DEFAULT_MODEL_NAME = "solar_unet_8cm.onnx"
BASELINE_NAME = "classical"

#: metadata keys a model file must carry, and what each holds
REQUIRED_METADATA = {
    "name": "a human-readable model name",
    "cm_per_px": "ground resolution the model was trained for, in cm per pixel (e.g. 8)",
    "tile_size": "tile edge in pixels (e.g. 256)",
    "overlap": "overlap between tiles in pixels (e.g. 32)",
    "threshold": "probability threshold between 0 and 1 (e.g. 0.5)",
    "classes": 'JSON list of class names with "solar_panel" (e.g. ["background", "solar_panel"])',
}
OPTIONAL_METADATA = (
    "version",
    "training_data",
    "licence",
    "metrics",
    "input",
    "output",
    "parameters",
    "model_type",
    "training",
)


def default_model_path() -> Path:
    return MODELS_DIR / DEFAULT_MODEL_NAME


@dataclass
class ModelCard:
    """What a user needs to know about a model (shown in the dock, written in reports)."""

    name: str
    source: str
    cm_per_px: float
    tile_size: int
    overlap: int
    threshold: float
    classes: list = field(default_factory=list)
    training_data: str = ""
    licence: str = ""
    metrics: dict = field(default_factory=dict)
    version: str = ""
    extra: dict = field(default_factory=dict)

    def as_text(self) -> str:
        lines = [
            f"{self.name} ({self.version})" if self.version else self.name,
            f"resolution: {self.cm_per_px:g} cm/px, tile {self.tile_size} px, overlap {self.overlap} px, "
            f"threshold {self.threshold:g}",
            f"classes: {', '.join(self.classes)}",
        ]
        if self.training_data:
            lines.append(f"training data: {self.training_data}")
        if self.licence:
            lines.append(f"licence: {self.licence}")
        if self.metrics:
            lines.append("validation: " + ", ".join(f"{k} {v}" for k, v in self.metrics.items()))
        lines.append(f"file: {self.source}")
        return "\n".join(lines)


def parse_metadata(meta: dict, source: str) -> ModelCard:
    """Validate the metadata of a model file; raises SolarDetectError naming each missing/wrong key."""
    missing = [k for k in REQUIRED_METADATA if k not in meta or str(meta[k]).strip() == ""]
    if missing:
        expected = "; ".join(f"{k}: {REQUIRED_METADATA[k]}" for k in missing)
        raise SolarDetectError(
            f"Model file {source} lacks metadata {', '.join(missing)}. Expected {expected}."
        )
    try:
        cm = float(meta["cm_per_px"])
        tile = int(meta["tile_size"])
        overlap = int(meta["overlap"])
        threshold = float(meta["threshold"])
    except ValueError as error:
        raise SolarDetectError(
            f"Model file {source} has malformed metadata ({error}); expected numbers for "
            "cm_per_px, tile_size, overlap and threshold"
        ) from error
    try:
        classes = json.loads(meta["classes"])
    except ValueError:
        classes = [c.strip() for c in str(meta["classes"]).split(",") if c.strip()]
    problems = []
    if not 1.0 <= cm <= 100.0:
        problems.append(f"cm_per_px {cm} (expected 1-100)")
    if tile < 32 or tile % 16:
        problems.append(f"tile_size {tile} (expected a multiple of 16, at least 32)")
    if overlap < 0 or 2 * overlap >= tile:
        problems.append(f"overlap {overlap} (expected 0 <= overlap < tile_size / 2)")
    if not 0.0 < threshold < 1.0:
        problems.append(f"threshold {threshold} (expected between 0 and 1)")
    if not isinstance(classes, list) or "solar_panel" not in classes:
        problems.append(f'classes {meta["classes"]!r} (expected a list containing "solar_panel")')
    if problems:
        raise SolarDetectError(f"Model file {source} has unusable metadata: " + "; ".join(problems))
    metrics = {}
    if meta.get("metrics"):
        try:
            metrics = json.loads(meta["metrics"])
        except ValueError:
            metrics = {"metrics": meta["metrics"]}
    extra = {
        k: v
        for k, v in meta.items()
        if k not in REQUIRED_METADATA and k not in ("training_data", "licence", "metrics", "version")
    }
    return ModelCard(
        name=str(meta["name"]),
        source=source,
        cm_per_px=cm,
        tile_size=tile,
        overlap=overlap,
        threshold=threshold,
        classes=classes,
        training_data=meta.get("training_data", ""),
        licence=meta.get("licence", ""),
        metrics=metrics,
        version=meta.get("version", ""),
        extra=extra,
    )


class OnnxSegmentationModel:
    """An ONNX segmentation network with its card; ``predict`` takes uint8 RGB tiles."""

    kind = "onnx"

    def __init__(self, path: str | Path, threads: int | None = None):
        self.path = Path(path)
        if not self.path.is_file():
            raise SolarDetectError(f"Model file {self.path} does not exist; expected an .onnx file")
        try:
            import onnxruntime as ort
        except ImportError as error:  # QGIS's own Python does not ship it: say how to get it
            raise SolarDetectError(
                "The Python package onnxruntime is not installed in QGIS's Python; install it "
                "(pip install onnxruntime, or in the OSGeo4W shell on Windows) to run the learned model, "
                f"or choose the classical baseline. ({error})"
            ) from error

        options = ort.SessionOptions()
        options.intra_op_num_threads = int(
            threads or os.environ.get("SMART_SOCIETY_ORT_THREADS", 0) or (os.cpu_count() or 1)
        )
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            self.session = ort.InferenceSession(str(self.path), options, providers=["CPUExecutionProvider"])
        except Exception as error:  # onnxruntime raises its own types for corrupt files
            raise SolarDetectError(
                f"Model file {self.path} cannot be loaded by onnxruntime ({error}); "
                "expected a valid ONNX model"
            ) from error
        meta = dict(self.session.get_modelmeta().custom_metadata_map)
        self.card = parse_metadata(meta, str(self.path))
        inputs = self.session.get_inputs()
        shape = inputs[0].shape if inputs else []
        if len(inputs) != 1 or len(shape) != 4 or (isinstance(shape[1], int) and shape[1] != 3):
            raise SolarDetectError(
                f"Model file {self.path} has input {[(i.name, i.shape) for i in inputs]}; "
                "expected one N x 3 x H x W image input"
            )
        self.input_name = inputs[0].name
        self.channel_index = self.card.classes.index("solar_panel")

    @property
    def cm_per_px(self) -> float:
        return self.card.cm_per_px

    @property
    def tile_size(self) -> int:
        return self.card.tile_size

    @property
    def overlap(self) -> int:
        return self.card.overlap

    @property
    def threshold(self) -> float:
        return self.card.threshold

    def predict(self, tiles: np.ndarray) -> np.ndarray:
        x = np.ascontiguousarray(tiles.transpose(0, 3, 1, 2), dtype=np.float32)
        out = self.session.run(None, {self.input_name: x})[0]
        if out.ndim == 4:
            out = out[:, self.channel_index if out.shape[1] > 1 else 0]
        return out.astype(np.float32, copy=False)

    def raw_run(self, x_nchw: np.ndarray) -> np.ndarray:
        """Bare onnxruntime call on prepared float32 input (used by the benchmark as its baseline)."""
        return self.session.run(None, {self.input_name: x_nchw})[0]


class ClassicalBaseline:
    """Transparent colour + texture + line-regularity rule, no learning.

    Per pixel: panel-like colour (dark, or bluish: blue above red), a fine texture (cell grid and frame
    lines give strong local gradients), and line regularity (gradient energy concentrated in two
    perpendicular directions inside a 1 m window). The three scores are combined, smoothed and
    cleaned with a morphological opening so single dark pixels or dots do not count.
    """

    kind = "classical"

    def __init__(self):
        self.card = ModelCard(
            name="Classical baseline (colour, texture, line regularity)",
            source=BASELINE_NAME,
            cm_per_px=8.0,
            tile_size=256,
            overlap=16,
            threshold=0.5,
            classes=["background", "solar_panel"],
            training_data="none (hand-set rules)",
            licence="EUPL-1.2",
            metrics={},
            version="1",
        )

    cm_per_px = 8.0
    tile_size = 256
    overlap = 16
    threshold = 0.5

    def predict(self, tiles: np.ndarray) -> np.ndarray:
        out = np.empty(tiles.shape[:3], np.float32)
        for i, tile in enumerate(tiles):
            out[i] = self._one(tile.astype(np.float32))
        return out

    @staticmethod
    def _one(t: np.ndarray) -> np.ndarray:
        r, b = t[..., 0], t[..., 2]
        value = t.max(axis=2)
        valid = value > 0
        blueness = np.clip((b - r) / 40.0, 0, 1)
        darkness = np.clip((150.0 - value) / 90.0, 0, 1)
        colour = np.maximum(blueness, 0.6 * darkness) * (value > 15)
        grey = t.mean(axis=2)
        gx = ndimage.sobel(grey, axis=1)
        gy = ndimage.sobel(grey, axis=0)
        win = 13  # about 1 m at 8 cm/px
        exx = ndimage.uniform_filter(gx * gx, win)
        eyy = ndimage.uniform_filter(gy * gy, win)
        exy = ndimage.uniform_filter(gx * gy, win)
        energy = exx + eyy
        texture = np.clip(np.sqrt(energy) / 60.0, 0, 1)
        # line regularity: energy of the structure tensor in the two axis directions of its own frame
        # (coherent orthogonal grids) relative to the diffuse noise of gravel or trees
        trace = energy + 1e-3
        det = exx * eyy - exy * exy
        anisotropy = np.sqrt(np.clip(1 - 4 * det / (trace * trace), 0, 1))
        regular = np.clip(1.2 - anisotropy, 0, 1)
        score = ndimage.uniform_filter(colour, 9) * (0.35 + 0.65 * texture) * (0.5 + 0.5 * regular)
        prob = np.clip(score * 1.8, 0, 1)
        mask = ndimage.binary_opening(prob >= 0.5, structure=np.ones((7, 7), bool))
        mask = ndimage.binary_closing(mask, structure=np.ones((3, 3), bool))
        return np.where(mask & valid, np.maximum(prob, 0.5), np.minimum(prob, 0.49)).astype(np.float32)


_CACHE: dict = {}


def load_model(source: str | Path | None = None, threads: int | None = None):
    """The shipped model (None), the classical baseline ("classical") or a user's ONNX file (path).

    Cached per process so tile jobs on workers load each file once.
    """
    if source is None or str(source) == "":
        source = default_model_path()
    if str(source) == BASELINE_NAME:
        key = (BASELINE_NAME, None)
        if key not in _CACHE:
            _CACHE[key] = ClassicalBaseline()
        return _CACHE[key]
    path = Path(source)
    key = (
        str(path.resolve()) if path.exists() else str(path),
        threads,
        path.stat().st_mtime if path.exists() else 0,
    )
    if key not in _CACHE:
        _CACHE[key] = OnnxSegmentationModel(path, threads)
    return _CACHE[key]


# ------------------------------------------------------------ ONNX metadata without the onnx package
def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


def _encode_varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _fields(buf: bytes):
    """(field number, wire type, raw bytes of the whole field, payload) of a protobuf message."""
    pos = 0
    while pos < len(buf):
        start = pos
        tag, pos = _varint(buf, pos)
        field_no, wire = tag >> 3, tag & 7
        if wire == 0:
            _v, pos = _varint(buf, pos)
            payload = b""
        elif wire == 1:
            payload, pos = buf[pos : pos + 8], pos + 8
        elif wire == 2:
            length, pos = _varint(buf, pos)
            payload, pos = buf[pos : pos + length], pos + length
        elif wire == 5:
            payload, pos = buf[pos : pos + 4], pos + 4
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
        yield field_no, wire, buf[start:pos], payload


def read_onnx_metadata(path: str | Path) -> dict:
    """The metadata_props of an ONNX file as a dict (no onnxruntime session needed)."""
    data = Path(path).read_bytes()
    meta = {}
    for field_no, wire, _raw, payload in _fields(data):
        if field_no == 14 and wire == 2:
            kv = {f: p.decode("utf-8") for f, _w, _r, p in _fields(payload)}
            meta[kv.get(1, "")] = kv.get(2, "")
    return meta


def write_onnx_metadata(src: str | Path, dst: str | Path, metadata: dict) -> Path:
    """Copy ONNX file ``src`` to ``dst`` with its metadata_props replaced by ``metadata``.

    Lets users give their own model the metadata this plugin needs (see REQUIRED_METADATA).
    """
    data = Path(src).read_bytes()
    out = bytearray()
    for field_no, _wire, raw, _payload in _fields(data):
        if field_no != 14:
            out += raw
    for key, value in metadata.items():
        k, v = str(key).encode("utf-8"), str(value).encode("utf-8")
        entry = b"\x0a" + _encode_varint(len(k)) + k + b"\x12" + _encode_varint(len(v)) + v
        out += b"\x72" + _encode_varint(len(entry)) + entry
    Path(dst).write_bytes(bytes(out))
    return Path(dst)
