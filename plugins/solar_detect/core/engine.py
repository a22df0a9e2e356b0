"""The streaming detection engine: plan tiles, run stateless tile jobs anywhere, merge panels.

1. :func:`plan_detection` describes the raster, lays a tile grid over it at the model's resolution and keeps
   only the tiles whose core touches a (buffered) building footprint; tiles are grouped into
   :class:`TileJob` objects that carry everything they need (raster path, model source, footprints of their
   area as WKB): no shared state, so a job runs the same in this process, in a process pool or on a Dask
   cluster.
2. :func:`run_tile_job` reads each tile (window + overlap) from disk, runs the model in batches, keeps the
   tile's core (overlapping tiles: every pixel is predicted with at least ``overlap`` pixels of context, so
   there are no seams), masks by roof footprints and vectorises.
3. :func:`detect_panels` runs the jobs with progress and cancel, merges pieces cut by tile borders and
   returns panels with attributes.
"""

from __future__ import annotations

import math
import os
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .errors import SolarDetectError
from .model import load_model
from .raster import RasterInfo, RasterReader, describe_raster
from .vectorise import PanelParams, Piece, mask_to_pieces, merge_pieces, pixel_polygons_to_panels


def clean_mask(mask: np.ndarray, closing_px: int, max_hole_px: int, grow_px: int = 0) -> np.ndarray:
    """Close gaps of up to ``2 * closing_px`` pixels (frames between panels) and fill holes smaller than
    ``max_hole_px`` (larger holes, e.g. a roof window inside an array, are kept)."""
    from scipy import ndimage

    rows = np.flatnonzero(mask.any(axis=1))
    if rows.size == 0:
        return mask
    cols = np.flatnonzero(mask.any(axis=0))
    margin = closing_px + grow_px + 2
    r0, r1 = max(0, rows[0] - margin), min(mask.shape[0], rows[-1] + margin + 1)
    c0, c1 = max(0, cols[0] - margin), min(mask.shape[1], cols[-1] + margin + 1)
    if (r1 - r0) * (c1 - c0) < mask.size:  # work on the bounding box of the detections only
        out = np.zeros_like(mask)
        out[r0:r1, c0:c1] = _clean(mask[r0:r1, c0:c1], closing_px, max_hole_px, grow_px, ndimage)
        return out
    return _clean(mask, closing_px, max_hole_px, grow_px, ndimage)


def _clean(mask, closing_px, max_hole_px, grow_px, ndimage):
    if closing_px > 0 and mask.any():
        size = 2 * closing_px + 1
        padded = np.pad(mask, closing_px, mode="edge")
        mask = ndimage.binary_closing(padded, structure=np.ones((size, size), bool))[
            closing_px:-closing_px, closing_px:-closing_px
        ]
    if grow_px > 0 and mask.any():  # the network's masks stop short of the outer panel frames
        mask = ndimage.binary_dilation(mask, structure=np.ones((3, 3), bool), iterations=grow_px)
    if max_hole_px > 0 and mask.any():
        # holes = background components (4-connected, as binary_fill_holes sees them) that do not reach the
        # window's border; one labelling pass instead of fill_holes' repeated dilations
        background, n = ndimage.label(~mask)
        if n > 1:
            edges = np.concatenate([background[0], background[-1], background[:, 0], background[:, -1]])
            small = np.bincount(background.ravel(), minlength=n + 1) < max_hole_px
            small[0] = False
            small[np.unique(edges)] = False
            mask = mask | small[background]
    return mask


class Cancelled(Exception):  # noqa: N818 (a state, not an error)
    """Raised inside the engine when the caller's cancel check returns True."""


@dataclass
class DetectionParams:
    model: str = ""  # "" = the shipped model, "classical" = baseline, else path of an ONNX file
    threshold: float | None = None  # None = the model's own threshold
    footprint_buffer_m: float = 1.0
    mask_to_footprints: bool = True  # drop detections outside the buffered footprints
    batch_size: int = 4
    tiles_per_job: int = 8
    executor: str = "local"  # local | processes | dask
    workers: int = 2
    scheduler: str = ""  # Dask scheduler address; "" with executor="dask" = a local cluster
    threads: int | None = None  # onnxruntime intra-op threads per process (None = all cores in local mode)
    gsd_override: float | None = None  # ground metres per pixel, when the raster's CRS misleads
    closing_px: int = 1  # morphological closing of the mask (bridges panel frames), in model pixels
    grow_px: int = 0  # dilation of the mask, in model pixels
    panel: PanelParams = field(default_factory=PanelParams)


@dataclass
class TileJob:
    raster: RasterInfo
    model: str
    threshold: float
    tile: int
    overlap: int
    origins: list  # (x0, y0) model-grid origins of the tile cores
    footprints: list | None  # WKB polygons in model-grid pixel coordinates (buffered), None = no masking
    batch_size: int = 4
    threads: int | None = None
    min_pixels_inner: int = 0
    closing_px: int = 1
    max_hole_px: int = 0
    grow_px: int = 0


@dataclass
class JobResult:
    pieces: list
    tiles: int
    pixels: int  # model-grid pixels of the tile cores processed
    read_s: float = 0.0
    model_s: float = 0.0
    vector_s: float = 0.0


@dataclass
class DetectionPlan:
    raster: RasterInfo
    jobs: list
    tiles_total: int
    tiles_selected: int
    core: int
    card: object
    params: DetectionParams


@dataclass
class DetectionResult:
    panels: list
    crs_wkt: str
    plan: DetectionPlan
    seconds: float
    stats: dict


def _footprints_to_pixels(footprints, info: RasterInfo, buffer_m: float):
    """Footprint geometries in the raster CRS -> buffered polygons in model-grid pixel coordinates."""
    from shapely.affinity import affine_transform

    a, b, _c, d, _e, f = info.model_geotransform
    # map -> pixel: col = (x - a) / b, row = (y - d) / f
    matrix = [1.0 / b, 0.0, 0.0, 1.0 / f, -a / b, -d / f]
    buffer_px = buffer_m / info.model_gsd
    out = []
    for geom in footprints:
        if geom is None or geom.is_empty:
            continue
        g = affine_transform(geom, matrix)
        if buffer_px > 0:
            g = g.buffer(buffer_px, 4)
        if not g.is_valid:
            g = g.buffer(0)
        out.append(g)
    return out


def plan_detection(raster_path: str, footprints=None, params: DetectionParams | None = None) -> DetectionPlan:
    """Tile jobs for ``raster_path``; ``footprints``: shapely polygons in the raster's CRS or None (whole
    raster). Raises SolarDetectError for unusable rasters and when no footprint overlaps the raster."""
    from rasterio import features
    from rasterio.transform import Affine
    from shapely.geometry import box

    params = params or DetectionParams()
    model = load_model(params.model or None, params.threads)
    card = model.card
    info = describe_raster(raster_path, model.cm_per_px / 100.0, params.gsd_override)
    tile, overlap = int(model.tile_size), int(model.overlap)
    core = tile - 2 * overlap
    nx = math.ceil(info.model_width / core)
    ny = math.ceil(info.model_height / core)
    threshold = float(params.threshold if params.threshold is not None else model.threshold)
    pix_geoms = None
    if footprints is not None:
        pix_geoms = _footprints_to_pixels(footprints, info, params.footprint_buffer_m)
        frame = box(0, 0, info.model_width, info.model_height)
        pix_geoms = [g for g in pix_geoms if g.intersects(frame)]
        if not pix_geoms:
            ext = info.extent
            raise SolarDetectError(
                f"Raster {info.path} (extent {ext[0]:.1f}, {ext[1]:.1f}, {ext[2]:.1f}, {ext[3]:.1f}) "
                "does not overlap any building footprint; expected footprints inside the aerial photo "
                "(check both CRSs)"
            )
        grid = features.rasterize(
            ((g, 1) for g in pix_geoms),
            out_shape=(ny, nx),
            transform=Affine(core, 0, 0, 0, core, 0),
            all_touched=True,
            dtype="uint8",
        )
        cells = [(int(c), int(r)) for r, c in zip(*np.nonzero(grid))]
    else:
        cells = [(c, r) for r in range(ny) for c in range(nx)]
    cells.sort(key=lambda cr: (cr[1], cr[0]))
    min_inner = int(params.panel.min_area_m2 / (info.model_gsd**2))
    jobs = []
    per_job = max(1, int(params.tiles_per_job))
    tree = _GeomIndex(pix_geoms) if pix_geoms is not None else None
    for i in range(0, len(cells), per_job):
        chunk = cells[i : i + per_job]
        origins = [(c * core, r * core) for c, r in chunk]
        fp = None
        if tree is not None and params.mask_to_footprints:
            xs = [o[0] for o in origins]
            ys = [o[1] for o in origins]
            fp = [g.wkb for g in tree.query(box(min(xs), min(ys), max(xs) + core, max(ys) + core))]
        jobs.append(
            TileJob(
                raster=info,
                model=params.model,
                threshold=threshold,
                tile=tile,
                overlap=overlap,
                origins=origins,
                footprints=fp,
                batch_size=params.batch_size,
                threads=params.threads,
                min_pixels_inner=min_inner,
                closing_px=params.closing_px,
                grow_px=params.grow_px,
                max_hole_px=int(params.panel.min_hole_m2 / (info.model_gsd**2)),
            )
        )
    return DetectionPlan(
        raster=info,
        jobs=jobs,
        tiles_total=nx * ny,
        tiles_selected=len(cells),
        core=core,
        card=card,
        params=params,
    )


class _GeomIndex:
    """Bounding-box index over polygons (works with shapely 1.8 and 2)."""

    def __init__(self, geoms):
        from shapely.strtree import STRtree

        self.geoms = list(geoms)
        with warnings.catch_warnings():  # shapely 1.8 warns about its 2.0 API
            warnings.simplefilter("ignore")
            self.tree = STRtree(self.geoms) if self.geoms else None
        self._ids = {id(g): i for i, g in enumerate(self.geoms)}

    def query(self, geom):
        if self.tree is None:
            return []
        hits = self.tree.query(geom)
        out = []
        for h in hits:
            g = self.geoms[int(h)] if isinstance(h, (int, np.integer)) else h
            if g.intersects(geom):
                out.append(g)
        return out


_READERS: dict = {}


def _reader(info: RasterInfo) -> RasterReader:
    key = (info.path, info.model_width, info.model_height)
    reader = _READERS.get(key)
    if reader is None:
        if len(_READERS) > 8:
            _READERS.clear()
        reader = _READERS[key] = RasterReader(info)
    return reader


def run_tile_job(job: TileJob, cancel: Callable[[], bool] | None = None) -> JobResult:
    """Detect panels in the tiles of one job (runs in any process; opens raster and model itself).

    Reading and the masks/polygons of one batch run in a helper thread while onnxruntime predicts the
    next batch (both release the GIL), so the model rarely waits for them.
    """
    from shapely import wkb as _wkb

    model = load_model(job.model or None, job.threads)
    reader = _reader(job.raster)
    ov, t = job.overlap, job.tile
    result = JobResult(pieces=[], tiles=0, pixels=0)
    footprints = [_wkb.loads(b) for b in job.footprints] if job.footprints is not None else None
    bounds = np.array([g.bounds for g in footprints]) if footprints else np.zeros((0, 4))

    def read(origin):
        t0 = time.perf_counter()
        rgb, valid = reader.read_model_window(origin[0] - ov, origin[1] - ov, t, t)
        result.read_s += time.perf_counter() - t0
        return origin[0], origin[1], rgb, valid

    def batches():
        pending = []
        for origin in job.origins:
            if cancel is not None and cancel():
                raise Cancelled()
            x0, y0, rgb, valid = read(origin)
            result.tiles += 1
            if valid.any():
                pending.append((x0, y0, rgb, valid))
            if len(pending) >= job.batch_size:
                full, pending = pending, []
                yield full
        if pending:
            yield pending

    helper = _helper_thread()
    outstanding = []
    source = batches()
    upcoming = helper.submit(next, source, None)
    while True:
        batch = upcoming.result()
        if batch is None:
            break
        upcoming = helper.submit(next, source, None)  # read the next batch during the model run
        t0 = time.perf_counter()
        probs = model.predict(np.stack([item[2] for item in batch]))
        result.model_s += time.perf_counter() - t0
        outstanding.append(helper.submit(_postprocess_batch, job, batch, probs, footprints, bounds, result))
        while len(outstanding) > 2:  # bounded: a slow helper must not pile up probability maps
            outstanding.pop(0).result()
    for future in outstanding:
        future.result()
    return result


_HELPERS = threading.local()


def _helper_thread():
    """The calling thread's helper (one per thread, kept for its later jobs: a new thread would set up GDAL
    and GEOS again)."""
    helper = getattr(_HELPERS, "executor", None)
    if helper is None:
        from concurrent.futures import ThreadPoolExecutor

        helper = _HELPERS.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="solar-post")
    return helper


def _postprocess_batch(job: TileJob, batch, probs, footprints, bounds, result: JobResult) -> None:
    """Threshold, clean, mask by roofs and vectorise the tile cores of one predicted batch."""
    import rasterio

    t1 = time.perf_counter()
    with rasterio.Env():  # one GDAL environment for the batch, not one per rasterize/shapes call
        _postprocess_tiles(job, batch, probs, footprints, bounds, result)
    result.vector_s += time.perf_counter() - t1


def _postprocess_tiles(job: TileJob, batch, probs, footprints, bounds, result: JobResult) -> None:
    from rasterio import features
    from rasterio.transform import Affine

    ov, t = job.overlap, job.tile
    core = t - 2 * ov
    for (x0, y0, _rgb, valid), prob in zip(batch, probs):
        # clip to the raster (edge tiles extend beyond it)
        w = min(core, job.raster.model_width - x0)
        h = min(core, job.raster.model_height - y0)
        result.pixels += w * h
        detected = prob >= job.threshold
        if not detected.any():
            continue
        full = clean_mask(detected, job.closing_px, job.max_hole_px, job.grow_px)
        mask = full[ov : ov + core, ov : ov + core] & valid[ov : ov + core, ov : ov + core]
        if footprints is not None and mask.any():
            near = (
                (bounds[:, 0] < x0 + core)
                & (bounds[:, 2] > x0)
                & (bounds[:, 1] < y0 + core)
                & (bounds[:, 3] > y0)
            )
            if near.any():
                roof = features.rasterize(
                    ((footprints[i], 1) for i in np.flatnonzero(near)),
                    out_shape=(core, core),
                    transform=Affine(1, 0, x0, 0, 1, y0),
                    dtype="uint8",
                )
                mask &= roof.astype(bool)
            else:
                mask[:] = False
        if mask.any():
            pc = prob[ov : ov + core, ov : ov + core]
            result.pieces.extend(mask_to_pieces(mask[:h, :w], pc[:h, :w], x0, y0, job.min_pixels_inner))


def _run_jobs(plan: DetectionPlan, progress, cancel):
    params = plan.params
    jobs = plan.jobs
    total = len(jobs)
    if total == 0:
        return
    mode = params.executor
    if mode == "local":
        for i, job in enumerate(jobs):
            if cancel is not None and cancel():
                raise Cancelled()
            yield run_tile_job(job, cancel)
            if progress:
                progress(100.0 * (i + 1) / total)
    elif mode == "processes":
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        for job in jobs:
            job.threads = job.threads or 1
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            max_workers=max(1, params.workers), mp_context=ctx, initializer=_worker_init
        ) as pool:
            futures = [pool.submit(run_tile_job, job) for job in jobs]
            try:
                for i, fut in enumerate(as_completed(futures)):
                    if cancel is not None and cancel():
                        raise Cancelled()
                    yield fut.result()
                    if progress:
                        progress(100.0 * (i + 1) / total)
            finally:
                for fut in futures:
                    fut.cancel()
    elif mode == "dask":
        from distributed import Client, LocalCluster, as_completed

        for job in jobs:
            job.threads = job.threads or 1
        cluster = None
        if params.scheduler:
            client = Client(params.scheduler)
        else:
            cluster = LocalCluster(
                n_workers=max(1, params.workers),
                threads_per_worker=1,
                processes=False,
                dashboard_address=None,
            )
            client = Client(cluster)
        try:
            futures = client.map(run_tile_job, jobs, pure=False)
            try:
                for i, fut in enumerate(as_completed(futures)):
                    if cancel is not None and cancel():
                        raise Cancelled()
                    yield fut.result()
                    if progress:
                        progress(100.0 * (i + 1) / total)
            finally:
                client.cancel(futures)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    else:
        raise SolarDetectError(f"Unknown executor {mode!r}; expected local, processes or dask")


def _worker_init():
    os.environ.setdefault("SMART_SOCIETY_ORT_THREADS", "1")


def detect_panels(
    raster_path: str,
    footprints=None,
    params: DetectionParams | None = None,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    plan: DetectionPlan | None = None,
) -> DetectionResult:
    """Panels (map polygons in the raster's CRS with attributes) found in ``raster_path``.

    ``footprints``: shapely polygons in the raster's CRS (None = the whole raster, no roof masking).
    ``progress(percent)`` is called after each job; ``cancel()`` returning True stops with :class:`Cancelled`.
    """
    started = time.perf_counter()
    params = params or DetectionParams()
    plan = plan or plan_detection(raster_path, footprints, params)
    pieces: list[Piece] = []
    stats = {
        "tiles_total": plan.tiles_total,
        "tiles_processed": plan.tiles_selected,
        "pixels": 0,
        "read_s": 0.0,
        "model_s": 0.0,
        "vector_s": 0.0,
    }
    for res in _run_jobs(plan, progress, cancel):
        pieces.extend(res.pieces)
        stats["pixels"] += res.pixels
        stats["read_s"] += res.read_s
        stats["model_s"] += res.model_s
        stats["vector_s"] += res.vector_s
    t0 = time.perf_counter()
    merged = merge_pieces(pieces)
    panels = pixel_polygons_to_panels(
        merged, plan.raster.model_geotransform, plan.raster.model_gsd, params.panel
    )
    stats["merge_s"] = time.perf_counter() - t0
    seconds = time.perf_counter() - started
    stats["seconds"] = seconds
    stats["mpx_per_s"] = stats["pixels"] / 1e6 / seconds if seconds > 0 else 0.0
    return DetectionResult(
        panels=panels, crs_wkt=plan.raster.crs_wkt, plan=plan, seconds=seconds, stats=stats
    )
