"""The embedded sample district: a deterministic, plausible 1 km x 1 km piece of Dordrecht's Spoorzone.

``generate_sample_district`` writes ``sample_district.gpkg`` (the layers of dev/SAMPLE_SCHEMA.md), the
8 cm orthophoto ``orthophoto_8cm.tif`` rendered from those objects, ``orthophoto_solar_truth.gpkg`` (the true
panel polygons next to the photo) and, last and atomically, the manifest ``sample_district.json``.
``load_sample_district`` returns the district only when that manifest says a generation is complete.

Progress reporting: ``feedback`` is either a QgsProcessingFeedback-like object (``setProgress``,
``pushInfo`` and ``isCanceled`` are used; cancelling raises ``GenerationCancelled``) or a plain callable
``feedback(progress_percent: float, message: str)``.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from ...core.errors import SmartSocietyError
from ...core.i18n import tr
from .district import build_district
from .gpkg import write_layers

DEFAULT_SEED = 20260505
MANIFEST_NAME = "sample_district.json"
GPKG_NAME = "sample_district.gpkg"
ORTHOPHOTO_NAME = "orthophoto_8cm.tif"
SOLAR_TRUTH_NAME = "orthophoto_solar_truth.gpkg"
FORMAT_VERSION = 1


def _token() -> str:
    """Unique per process: concurrent generations into one folder (parallel test runs) never share a file."""
    return f"{os.getpid()}-{threading.get_ident()}"


class GenerationCancelled(SmartSocietyError):  # noqa: N818 - the name says what happened
    """The user cancelled the sample district generation."""


@dataclass
class SampleDistrict:
    directory: Path
    gpkg: Path
    orthophoto: Path | None
    solar_truth: Path
    extent: tuple[float, float, float, float]
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def summary(self) -> str:
        xmin, ymin, xmax, ymax = self.extent
        lines = [
            f"Sample district (seed {self.seed}) in {self.directory}",
            f"  extent EPSG:28992: {xmin:.0f} {ymin:.0f} {xmax:.0f} {ymax:.0f}",
            f"  GeoPackage: {self.gpkg}",
            f"  orthophoto: {self.orthophoto or 'not generated'}",
            f"  solar truth: {self.solar_truth}",
        ]
        lines += [f"  {name}: {count}" for name, count in self.counts.items()]
        if self.seconds:
            lines.append(f"  generated in {self.seconds:.1f} s")
        return "\n".join(lines)


class _Progress:
    """Adapts either feedback flavour (see module docstring) and checks for cancellation."""

    def __init__(self, feedback):
        self.feedback = feedback

    def __call__(self, percent: float, message: str) -> None:
        feedback = self.feedback
        if feedback is None:
            return
        if hasattr(feedback, "setProgress"):
            if hasattr(feedback, "isCanceled") and feedback.isCanceled():
                raise GenerationCancelled("sample district generation cancelled")
            feedback.setProgress(percent)
            if message and hasattr(feedback, "pushInfo"):
                feedback.pushInfo(message)
        else:
            feedback(percent, message)


def generate_sample_district(
    directory,
    seed: int = DEFAULT_SEED,
    size_m: float = 1000.0,
    resolution_m: float = 0.08,
    with_orthophoto: bool = True,
    feedback: Callable[[float, str], None] | object | None = None,
) -> SampleDistrict:
    """Generate the sample district into ``directory`` (created if needed) and return it.

    The same seed, size and resolution always give identical attributes, geometries and pixels.
    """
    started = time.perf_counter()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    manifest = directory / MANIFEST_NAME
    if manifest.exists():
        manifest.unlink()  # the directory is incomplete until the new manifest is written
    progress = _Progress(feedback)
    try:
        return _generate(directory, seed, float(size_m), resolution_m, with_orthophoto, progress, started)
    finally:
        # A cancelled or failed run leaves no half-written files behind (finished ones were renamed).
        for leftover in directory.glob(f"*.{_token()}.part.*"):
            leftover.unlink(missing_ok=True)


def _generate(
    directory: Path,
    seed: int,
    size_m: float,
    resolution_m: float,
    with_orthophoto: bool,
    progress: _Progress,
    started: float,
) -> SampleDistrict:
    progress(0.0, tr("Designing the district layout"))
    rng = np.random.default_rng(seed)
    district = build_district(rng, size_m)
    layout = district.layout
    progress(8.0, tr("Writing the GeoPackage"))
    gpkg_path = directory / GPKG_NAME
    temporary = directory / f"{GPKG_NAME}.{_token()}.part.gpkg"
    write_layers(temporary, district.layers)
    os.replace(temporary, gpkg_path)
    truth_path = directory / SOLAR_TRUTH_NAME
    temporary = directory / f"{SOLAR_TRUTH_NAME}.{_token()}.part.gpkg"
    write_layers(temporary, district.layers, ["solar_panels_truth"])
    os.replace(temporary, truth_path)
    orthophoto_path = None
    if with_orthophoto:
        from .orthophoto import render_orthophoto

        orthophoto_path = directory / ORTHOPHOTO_NAME
        temporary = directory / f"{ORTHOPHOTO_NAME}.{_token()}.part.tif"

        def strip_progress(fraction: float) -> None:
            progress(12.0 + 86.0 * fraction, "")

        progress(12.0, tr("Rendering the orthophoto"))
        render_orthophoto(district, temporary, resolution_m, seed, strip_progress)
        os.replace(temporary, orthophoto_path)
    counts = {name: len(records) for name, records in district.layers.items()}
    result = SampleDistrict(
        directory=directory,
        gpkg=gpkg_path,
        orthophoto=orthophoto_path,
        solar_truth=truth_path,
        extent=tuple(float(v) for v in layout.extent),
        seed=int(seed),
        counts=counts,
        seconds=time.perf_counter() - started,
    )
    _write_manifest(result, size_m, resolution_m)
    progress(100.0, result.summary())
    return result


def _write_manifest(district: SampleDistrict, size_m: float, resolution_m: float) -> None:
    files = {
        "gpkg": district.gpkg.name,
        "solar_truth": district.solar_truth.name,
        "orthophoto": district.orthophoto.name if district.orthophoto else None,
    }
    sizes = {
        name: (district.directory / filename).stat().st_size for name, filename in files.items() if filename
    }
    content = {
        "format_version": FORMAT_VERSION,
        "seed": district.seed,
        "size_m": size_m,
        "resolution_m": resolution_m,
        "extent": list(district.extent),
        "files": files,
        "file_sizes": sizes,
        "counts": district.counts,
        "seconds": round(district.seconds, 2),
    }
    manifest = district.directory / MANIFEST_NAME
    temporary = manifest.with_suffix(f".{_token()}.json.part")
    temporary.write_text(json.dumps(content, indent=2), encoding="utf-8")
    os.replace(temporary, manifest)


def load_sample_district(directory) -> SampleDistrict | None:
    """The district generated in ``directory``, or None when no complete generation is there."""
    directory = Path(directory)
    manifest = directory / MANIFEST_NAME
    try:
        content = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if content.get("format_version") != FORMAT_VERSION:
        return None
    files = content.get("files", {})
    for name, size in content.get("file_sizes", {}).items():
        path = directory / files.get(name, "")
        if not path.is_file() or path.stat().st_size != size:
            return None
    orthophoto = files.get("orthophoto")
    return SampleDistrict(
        directory=directory,
        gpkg=directory / files["gpkg"],
        orthophoto=directory / orthophoto if orthophoto else None,
        solar_truth=directory / files["solar_truth"],
        extent=tuple(content["extent"]),
        seed=int(content["seed"]),
        counts=dict(content["counts"]),
        seconds=float(content.get("seconds", 0.0)),
    )


def sample_cache_directory(cache_root, seed: int = DEFAULT_SEED) -> Path:
    """Where a cached generation of ``seed`` lives under ``cache_root``: one folder per generator version,
    so any change to the generator's source makes a new one."""
    import hashlib

    digest = hashlib.sha256(str(seed).encode())
    for source in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(source.read_bytes())
    return Path(cache_root) / digest.hexdigest()[:16]


def cached_sample_district(cache_root, seed: int = DEFAULT_SEED, feedback=None) -> SampleDistrict:
    """The default district from the cache under ``cache_root``, generated there first when missing.

    Generations of older generator versions are stale by construction; they are removed to free disk space.
    """
    import shutil

    directory = sample_cache_directory(cache_root, seed)
    district = load_sample_district(directory)
    if district is None:
        for stale in Path(cache_root).glob("*"):
            if stale.is_dir() and stale != directory:
                shutil.rmtree(stale, ignore_errors=True)
        district = generate_sample_district(directory, seed=seed, feedback=feedback)
    return district


def main() -> None:  # pragma: no cover - developer entry point
    import argparse

    parser = argparse.ArgumentParser(description="Generate the Dordrecht sample district")
    parser.add_argument("directory")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--size", type=float, default=1000.0)
    parser.add_argument("--no-orthophoto", action="store_true")
    arguments = parser.parse_args()
    district = generate_sample_district(
        arguments.directory, arguments.seed, arguments.size, with_orthophoto=not arguments.no_orthophoto
    )
    print(district.summary())


if __name__ == "__main__":  # pragma: no cover
    main()
