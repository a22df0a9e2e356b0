"""`make demo`: generate the sample district and run every component's demo step on it.

Each step lives in scripts/demo_steps/<area>.py and exposes ``run(context) -> list[str]`` (summary lines).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if p not in ("", ".") and Path(p).resolve() != REPO_ROOT]
sys.path.insert(0, str(REPO_ROOT / ".build" / "pypath"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.append("/usr/share/qgis/python/plugins")

# Order matters: later steps use what earlier ones made (the project, the register, detections).
STEPS = ["foundation", "smart_twin", "sensor_register", "solar_detect", "liveability", "opendata"]


@dataclass
class DemoContext:
    district: object
    out_dir: Path
    project_path: Path
    results: dict = field(default_factory=dict)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(REPO_ROOT / "out" / "demo"))
    parser.add_argument("--steps", default=",".join(STEPS),
                        help="comma-separated subset of " + ",".join(STEPS))
    args = parser.parse_args()

    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    from smart_society.processing.provider import SmartSocietyProvider

    provider = SmartSocietyProvider()  # kept referenced for the whole run
    QgsApplication.processingRegistry().addProvider(provider)

    out_dir = Path(args.out).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    context = DemoContext(district=None, out_dir=out_dir, project_path=out_dir / "dordrecht_smart_twin.qgz")
    failures = 0
    for name in [s for s in args.steps.split(",") if s]:
        try:
            module = importlib.import_module(f"demo_steps.{name}")
        except ModuleNotFoundError:
            print(f"[demo] {name}: not available in this version")
            continue
        started = time.perf_counter()
        print(f"[demo] {name} ...", flush=True)
        try:
            lines = module.run(context)
        except Exception as error:  # report and go on: one failing step must not hide the others
            import traceback

            traceback.print_exc()
            print(f"[demo] {name}: FAILED: {error}")
            failures += 1
            continue
        for line in lines:
            print(f"    {line}")
        print(f"[demo] {name}: done in {time.perf_counter() - started:.1f} s", flush=True)
    print(f"[demo] project: {context.project_path}")
    print(f"[demo] all outputs under: {out_dir}")
    print(f"[demo] {'FAILED: ' + str(failures) + ' step(s)' if failures else 'all steps done'}", flush=True)
    # Leave without QGIS's teardown: with 3D and provider objects alive it can crash after all work is saved.
    sys.stdout.flush()
    os._exit(1 if failures else 0)


if __name__ == "__main__":
    sys.exit(main())
