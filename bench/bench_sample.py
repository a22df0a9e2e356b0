"""Benchmark of the sample district generator: time, CPU and peak memory of one full generation.

Baseline, measured in the same run: encoding a noise image of the same size through the same
JPEG-in-TIFF pipeline (strips, tiles, overviews), i.e. the cost of just writing the orthophoto.
Run: PYTHONPATH=.build/pypath .venv/bin/python bench/bench_sample.py [size_m]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GENERATE = """
import json, resource, sys, time
from smart_society.resources.sample.generator import generate_sample_district
started = time.perf_counter(); cpu = time.process_time()
district = generate_sample_district(sys.argv[1], size_m=float(sys.argv[2]))
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"wall_s": time.perf_counter() - started, "cpu_s": time.process_time() - cpu,
                  "peak_mb": peak_mb, "counts": district.counts}))
"""

BASELINE = """
import json, resource, sys, time
import numpy as np, rasterio
from rasterio.enums import Resampling
from rasterio.transform import from_origin
from rasterio.windows import Window
size = int(round(float(sys.argv[2]) / 0.08))
started = time.perf_counter(); cpu = time.process_time()
rng = np.random.default_rng(1)
profile = {"driver": "GTiff", "width": size, "height": size, "count": 3, "dtype": "uint8",
           "crs": "EPSG:28992", "transform": from_origin(0, size * 0.08, 0.08, 0.08), "tiled": True,
           "blockxsize": 512, "blockysize": 512, "compress": "JPEG", "photometric": "YCBCR",
           "jpeg_quality": 90}
path = sys.argv[1] + "/baseline.tif"
with rasterio.Env(GDAL_CACHEMAX=64), rasterio.open(path, "w", **profile) as target:
    for row in range(0, size, 512):
        rows = min(512, size - row)
        noise = rng.integers(60, 200, (3, rows, size), dtype=np.uint8)
        target.write(noise, window=Window(0, row, size, rows))
with rasterio.Env(COMPRESS_OVERVIEW="JPEG", PHOTOMETRIC_OVERVIEW="YCBCR", GDAL_CACHEMAX=64), \\
        rasterio.open(path, "r+") as target:
    target.build_overviews([2, 4, 8, 16, 32], Resampling.average)
print(json.dumps({"wall_s": time.perf_counter() - started, "cpu_s": time.process_time() - cpu,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(script: str, folder: str, size: float) -> dict:
    repo = Path(__file__).resolve().parents[1]
    environment = {"PYTHONPATH": str(repo / ".build" / "pypath"), "PATH": "/usr/bin:/bin"}
    output = subprocess.run(
        [sys.executable, "-c", script, folder, str(size)],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    size = float(sys.argv[1]) if len(sys.argv) > 1 else 1000.0
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        baseline = run(BASELINE, folder, size)
        generation = run(GENERATE, folder, size)
        total = time.perf_counter() - started
    print(
        f"sample district {size:.0f} m: {generation['counts']['buildings']} buildings, "
        f"{generation['counts']['solar_panels_truth']} panel arrays"
    )
    print(
        f"  generation: wall {generation['wall_s']:.1f} s, cpu {generation['cpu_s']:.1f} s, "
        f"peak {generation['peak_mb']:.0f} MB (targets: <= 90 s on one core, < 1500 MB)"
    )
    print(
        f"  baseline (encode a same-size noise orthophoto only): wall {baseline['wall_s']:.1f} s, "
        f"cpu {baseline['cpu_s']:.1f} s, peak {baseline['peak_mb']:.0f} MB"
    )
    print(f"  ratio generation/baseline cpu: {generation['cpu_s'] / max(baseline['cpu_s'], 1e-6):.2f}")
    children_cpu = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    print(f"  bench total {total:.1f} s; children cpu {children_cpu:.1f} s")


if __name__ == "__main__":
    main()
