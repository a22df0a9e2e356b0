"""Benchmark: the liveability chain on a Dordrecht-size synthetic city, and QGIS's native shortest path.

City: 10 x 10 km, a street lattice every 60 m (>= 50,000 edges), 60,000 homes in 15,000 buildings, 30,000
trees (30 in each park), 150 parks, a land-cover polygon per block, 300 amenities in six categories,
130 buurten, a 10 m Lden raster and 60 air-quality stations; 100 m grid cells with homes: about 10,000.
Prints the full chain time (goal <= 60 s on 2 cores) and, in the same run, the time of the 300 m green
distance with ``native:shortestpathpointtolayer`` for N homes (default 200) extrapolated to all homes,
as a ratio to our whole-network multi-source computation of the same distance (goal >= 50x).

Run: PYTHONPATH=.build/pypath .venv/bin/python bench/bench_liveability.py [--native-homes 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if p not in ("", ".") and Path(p).resolve() != REPO_ROOT]
sys.path.insert(0, str(REPO_ROOT / ".build" / "pypath"))
sys.path.append("/usr/share/qgis/python/plugins")

SIZE = 10_000.0
STEP = 60.0
X0, Y0 = 100_000.0, 420_000.0


def synthetic_city(seed: int = 7):
    from shapely.geometry import box

    from smart_society.processing.liveability.data import Table
    from smart_society.processing.liveability.geom import box_wkb, line_wkb, points_wkb

    def points(name, xy, columns):
        return Table(name, None, columns, "Point", wkbs=points_wkb(xy), xy=xy)

    rng = np.random.default_rng(seed)
    n = int(SIZE / STEP) + 1
    coords = X0 + np.arange(n) * STEP, Y0 + np.arange(n) * STEP
    lines, types = [], []
    for j in range(n):
        for i in range(n - 1):
            lines.append(line_wkb([(coords[0][i], coords[1][j]), (coords[0][i + 1], coords[1][j])]))
            lines.append(line_wkb([(coords[0][j], coords[1][i]), (coords[0][j], coords[1][i + 1])]))
            types += ["primary" if j % 20 == 0 else "residential"] * 2
    network = Table(
        "walking_network",
        None,
        {
            "road_type": np.array(types, dtype=object),
            "walk": np.ones(len(lines), dtype=np.int64),
            "bike": np.ones(len(lines), dtype=np.int64),
        },
        "LineString",
        wkbs=lines,
    )
    blocks = [(coords[0][i], coords[1][j]) for i in range(n - 1) for j in range(n - 1)]
    covers = np.array(["pavement", "green", "road", "water", "pavement"], dtype=object)
    land_cover = Table(
        "land_cover",
        None,
        {"cover": covers[rng.integers(0, 5, len(blocks))]},
        "Polygon",
        wkbs=[box_wkb(x + 2, y + 2, x + STEP - 2, y + STEP - 2) for x, y in blocks],
    )
    # 15,000 buildings of 4 homes: a 14 x 14 m square in a random block, random corner
    chosen = rng.choice(len(blocks), 15_000, replace=False)
    buildings_geoms, homes_xy = [], []
    for index in chosen:
        x, y = blocks[index]
        bx, by = x + 6 + rng.random() * 26, y + 6 + rng.random() * 26
        buildings_geoms.append(box_wkb(bx, by, bx + 14, by + 14))
        for dx, dy in ((3, 3), (11, 3), (3, 11), (11, 11)):
            homes_xy.append((bx + dx, by + dy))
    buildings = Table(
        "buildings",
        None,
        {
            "identificatie": np.array([f"b{i}" for i in range(len(chosen))], dtype=object),
            "woningen": np.full(len(chosen), 4),
            "bouwjaar": rng.integers(1900, 2020, len(chosen)),
        },
        "Polygon",
        wkbs=buildings_geoms,
    )
    addresses = points(
        "addresses",
        np.array(homes_xy),
        {
            "gebruiksdoel": np.array(["woonfunctie"] * len(homes_xy), dtype=object),
            "inwoners": rng.integers(1, 5, len(homes_xy)),
        },
    )
    park_blocks = rng.choice(len(blocks), 150, replace=False)
    parks = [
        box(
            blocks[i][0] + 5,
            blocks[i][1] + 5,
            blocks[i][0] + 5 + 80 + rng.random() * 40,
            blocks[i][1] + 5 + 80 + rng.random() * 40,
        )
        for i in park_blocks
    ]
    # 25,500 street trees anywhere and 30 trees in each park (canopy for the cool spots)
    tree_xy = np.column_stack([X0 + rng.random(25_500) * SIZE, Y0 + rng.random(25_500) * SIZE])
    park_trees = [
        (
            p.bounds[0] + rng.random() * (p.bounds[2] - p.bounds[0]),
            p.bounds[1] + rng.random() * (p.bounds[3] - p.bounds[1]),
        )
        for p in parks
        for _ in range(30)
    ]
    tree_xy = np.vstack([tree_xy, np.array(park_trees)])
    crowns = np.concatenate([3 + rng.random(25_500) * 6, np.full(len(park_trees), 9.0)])
    trees = points("trees", tree_xy, {"crown_diameter_m": crowns})
    green = Table("green_spaces", parks, {"is_public": np.ones(len(parks), dtype=np.int64)}, "Polygon")
    categories = np.array(
        ["supermarket", "gp", "primary_school", "playground", "park", "pt_stop"], dtype=object
    )
    amenity_xy = np.column_stack([X0 + rng.random(300) * SIZE, Y0 + rng.random(300) * SIZE])
    amenities = points("amenities", amenity_xy, {"category": categories[np.arange(300) % 6]})
    bx = np.linspace(X0 - 1, X0 + SIZE + 1, 14)
    by = np.linspace(Y0 - 1, Y0 + SIZE + 1, 11)
    buurt_geoms = [box(bx[i], by[j], bx[i + 1], by[j + 1]) for i in range(13) for j in range(10)]
    buurten = Table(
        "buurten",
        buurt_geoms,
        {
            "bu_code": np.array([f"BU{i:04d}" for i in range(130)], dtype=object),
            "aant_inw": rng.integers(500, 3000, 130),
            "gem_hh_gr": 1.5 + rng.random(130),
        },
        "Polygon",
    )
    t0 = dt.datetime(2014, 7, 7, 8)
    station_xy = np.column_stack(
        [X0 - 30_000 + rng.random(60) * 70_000, Y0 - 30_000 + rng.random(60) * 70_000]
    )
    observations = points(
        "observations",
        station_xy,
        {
            "component": np.array(["NO2"] * 60, dtype=object),
            "value_ugm3": 10 + rng.random(60) * 30,
            "begin_time": np.array([t0] * 60, dtype=object),
        },
    )
    return {
        "network": network,
        "land_cover": land_cover,
        "buildings": buildings,
        "addresses": addresses,
        "trees": trees,
        "green": green,
        "amenities": amenities,
        "buurten": buurten,
        "observations": observations,
    }


def write_lden(path: Path, seed: int = 7) -> str:
    from osgeo import gdal, osr

    rng = np.random.default_rng(seed)
    size = int(SIZE / 10) + 2
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), size, size, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform((X0 - 10, 10, 0, Y0 + SIZE + 10, 0, -10))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(28992)
    dataset.SetProjection(srs.ExportToWkt())
    dataset.GetRasterBand(1).WriteArray((40 + rng.random((size, size)) * 30).astype(np.float32))
    dataset = None
    return str(path)


def native_green_distance(city, homes_xy, gates_xy, work: Path, feedback) -> tuple:
    """Seconds and nearest-entrance distances with native:shortestpathpointtolayer, one run per home."""
    from qgis import processing
    from qgis.core import QgsCoordinateReferenceSystem, QgsProcessingContext, QgsProject
    from shapely.geometry import Point

    from smart_society.processing.liveability.data import Table, write_gpkg

    network_uri = write_gpkg(city["network"], work / "network.gpkg", "network", overwrite_file=True)
    gates_uri = write_gpkg(
        Table("gates", [Point(x, y) for x, y in gates_xy], {"id": np.arange(len(gates_xy))}, "Point"),
        work / "gates.gpkg",
        "gates",
        overwrite_file=True,
    )
    QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:28992"))
    QgsProject.instance().setEllipsoid("NONE")  # planar metres, like ours
    distances = []
    started = time.perf_counter()
    for x, y in homes_xy:
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())  # the algorithm needs a project (it crashes without one)
        result = processing.run(
            "native:shortestpathpointtolayer",
            {
                "INPUT": network_uri,
                "STRATEGY": 0,
                "START_POINT": f"{x},{y} [EPSG:28992]",
                "END_POINTS": gates_uri,
                "TOLERANCE": 0.01,
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
            context=context,
            feedback=feedback,
        )
        costs = [f["cost"] for f in result["OUTPUT"].getFeatures() if f["cost"] is not None]
        distances.append(min(costs) if costs else np.nan)
    return time.perf_counter() - started, np.array(distances, dtype=float)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    # Each native call rebuilds the graph (about 12 s a home on 2 cores): 200 homes take some 40 minutes,
    # so `make bench` samples 20 by default; pass --native-homes 200 for the full comparison.
    parser.add_argument("--native-homes", type=int, default=20)
    args = parser.parse_args()
    from qgis.core import QgsApplication, QgsProcessingFeedback

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    from smart_society.processing.liveability.chain import ChainInputs, ChainOptions, run_chain
    from smart_society.processing.liveability.data import write_gpkg
    from smart_society.processing.liveability.green import distance_to_polygons, public_green
    from smart_society.processing.liveability.network import Network, entrances

    work = Path(tempfile.mkdtemp(prefix="bench_liveability_"))
    started = time.perf_counter()
    city = synthetic_city()
    lden = write_lden(work / "lden.tif")
    print(
        f"synthetic city made in {time.perf_counter() - started:.1f} s: {len(city['addresses'])} homes, "
        f"{len(city['network'])} network edges, {len(city['buildings'])} buildings, "
        f"{len(city['trees'])} trees, "
        f"{len(city['land_cover'])} land-cover polygons"
    )
    inputs = ChainInputs(
        buildings=city["buildings"],
        network=city["network"],
        green=city["green"],
        amenities=city["amenities"],
        land_cover=city["land_cover"],
        addresses=city["addresses"],
        trees=city["trees"],
        buurten=city["buurten"],
        observations=city["observations"],
        lden_raster=lden,
    )
    started = time.perf_counter()
    result = run_chain(inputs, ChainOptions())
    chain_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for kind, table in result.index.items():
        write_gpkg(table, work / "index.gpkg", f"index_{kind}")
    for name, outcome in result.outcomes.items():
        write_gpkg(outcome.home_table(result.study, name), work / "homes.gpkg", name)
    write_seconds = time.perf_counter() - started
    cells = len(result.study.area_set("grid"))
    print(
        f"full chain: {chain_seconds:.1f} s compute + {write_seconds:.1f} s writing GeoPackages = "
        f"{chain_seconds + write_seconds:.1f} s ({len(result.study.homes)} homes, {cells} grid cells, "
        f"130 buurten; goal <= 60 s)"
    )
    print("  steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items()))

    # our 300 m green distance alone (the thing native:shortestpathpointtolayer is compared with)
    network = Network(city["network"])
    parks = public_green(city["green"], 5000.0)
    started = time.perf_counter()
    ours, _snap = distance_to_polygons(network, result.study, parks, 100.0, "green")
    ours_seconds = time.perf_counter() - started
    gates = entrances(network, parks)
    gates_xy = np.array([network.point_at(e, t) for g in gates for e, t in zip(g.edge, g.t)])
    rng = np.random.default_rng(1)
    sample = rng.choice(len(result.study.homes), args.native_homes, replace=False)
    homes_xy = result.study.homes.xy()[sample]
    native_seconds, native = native_green_distance(city, homes_xy, gates_xy, work, QgsProcessingFeedback())
    per_home = native_seconds / args.native_homes
    extrapolated = per_home * len(result.study.homes)
    agree = np.nanmax(np.abs(native - ours[sample]))
    print(f"300 m green distance, all {len(ours)} homes, ours (one multi-source pass): {ours_seconds:.2f} s")
    print(
        f"native:shortestpathpointtolayer: {native_seconds:.1f} s for {args.native_homes} homes "
        f"({per_home:.2f} s/home) -> {extrapolated:.0f} s extrapolated to {len(ours)} homes"
    )
    print(
        f"ratio native/ours: {extrapolated / ours_seconds:.0f}x (goal >= 50x); "
        f"ratio native/full chain: {extrapolated / (chain_seconds + write_seconds):.0f}x; "
        f"largest difference between the two distances on the sample: {agree:.2f} m"
    )
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
