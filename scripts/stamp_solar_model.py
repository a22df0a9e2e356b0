"""Write the training history and the measured quality into a solar model's ONNX metadata (its model card).

    PYTHONPATH=.build/pypath .venv/bin/python scripts/stamp_solar_model.py MODEL.onnx \
        --training-json stages.json --training-data "..." --metrics-json metrics.json [--out OUT.onnx]

``train_solar_model.py`` stores what one run did; a model made in stages (fine-tuning with ``--init``) gets
its whole history here, and the figures of ``make eval`` (``scripts/eval_solar.py``) go into ``metrics`` so
the dock's model card shows what was measured. Only metadata changes: the weights are copied unchanged.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def stamp(model: Path, out: Path, updates: dict) -> None:
    import onnx

    proto = onnx.load(str(model))
    existing = {entry.key: entry.value for entry in proto.metadata_props}
    existing.update(updates)
    del proto.metadata_props[:]
    for key, value in existing.items():
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, value
    temporary = out.with_suffix(".stamping.onnx")
    onnx.save(proto, str(temporary))
    temporary.replace(out)  # never a half-written model file


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("model", type=Path)
    parser.add_argument("--out", type=Path, help="default: overwrite MODEL")
    parser.add_argument("--training-json", type=Path, help="JSON file: the training stages")
    parser.add_argument("--training-data", help="text: what the model was trained on")
    parser.add_argument("--metrics-json", type=Path, help="JSON file: the measured quality figures")
    parser.add_argument("--version", help="model version, e.g. the date")
    args = parser.parse_args()
    updates = {}
    if args.training_json:
        updates["training"] = json.dumps(json.loads(args.training_json.read_text()))
    if args.metrics_json:
        updates["metrics"] = json.dumps(json.loads(args.metrics_json.read_text()))
    if args.training_data:
        updates["training_data"] = args.training_data
    if args.version:
        updates["version"] = args.version
    if not updates:
        parser.error("nothing to write: give --training-json, --training-data, --metrics-json or --version")
    stamp(args.model, args.out or args.model, updates)
    print(f"wrote {args.out or args.model}: {', '.join(sorted(updates))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
