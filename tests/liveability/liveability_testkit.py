"""A tiny hand-checkable town for the liveability tests (coordinates relative to X0, Y0 in EPSG:28992).

Network (metres): H(-100,0) - A(0,0) - B(100,0) - C(200,0); B - D(100,100); D - F(150,100) - E(200,100);
C - E; F - G(150,200) (a footway into the park). Park: (120..180, 130..190), its 20 m buffer crosses F-G at
(150,110). Buildings: R1 (10..30, 10..30) with 2 addresses (2 and 3 residents), R2 (150..170, -40..-20)
and R3 (-100..-80, -40..-20) with one home each and no address. Buurten: B1 x < 100, B2 x > 100.
"""

from __future__ import annotations

import datetime

import numpy as np
import pytest
from shapely.geometry import LineString, Point, box

X0, Y0 = 100000.0, 400000.0


def shift(geometry):
    from shapely.affinity import translate

    return translate(geometry, X0, Y0)


def tiny_tables():
    from smart_society.processing.liveability.data import Table

    nodes = {
        "H": (-100, 0),
        "A": (0, 0),
        "B": (100, 0),
        "C": (200, 0),
        "D": (100, 100),
        "F": (150, 100),
        "E": (200, 100),
        "G": (150, 200),
    }
    pairs = ["HA", "AB", "BC", "BD", "DF", "FE", "CE", "FG"]
    lines = [shift(LineString([nodes[p[0]], nodes[p[1]]])) for p in pairs]
    network = Table(
        "walking_network",
        lines,
        {
            "edge_id": np.arange(len(pairs)),
            "walk": np.ones(len(pairs), dtype=np.int64),
            "bike": np.array([1, 1, 1, 1, 1, 1, 1, 0]),
        },
        "LineString",
    )
    buildings = Table(
        "buildings",
        [
            shift(box(10, 10, 30, 30)),
            shift(box(150, -40, 170, -20)),
            shift(box(-100, -40, -80, -20)),
            shift(box(40, 60, 60, 80)),
        ],
        {
            "identificatie": np.array(["R1", "R2", "R3", "S1"], dtype=object),
            "gebruiksdoel": np.array(
                ["woonfunctie", "woonfunctie", "woonfunctie", "winkelfunctie"], dtype=object
            ),
            "woningen": np.array([2, 1, 1, 0]),
            "bouwjaar": np.array([1930, 2000, 1970, 1990]),
        },
        "Polygon",
    )
    addresses = Table(
        "addresses",
        [shift(Point(15, 15)), shift(Point(25, 25)), shift(Point(50, 70))],
        {
            "identificatie": np.array(["a1", "a2", "s1"], dtype=object),
            "gebruiksdoel": np.array(["woonfunctie", "woonfunctie", "winkelfunctie"], dtype=object),
            "inwoners": np.array([2, 3, 0]),
        },
        "Point",
    )
    trees = Table(
        "trees",
        [
            shift(Point(35, 20)),
            shift(Point(20, 40)),
            shift(Point(0, 20)),
            shift(Point(50, 20)),
            shift(Point(160, -10)),
        ],
        {
            "boom_id": np.array(["t1", "t2", "t3", "t4", "t5"], dtype=object),
            "crown_diameter_m": np.array([4.0, 4.0, 4.0, 4.0, 4.0]),
        },
        "Point",
    )
    crowns = Table(
        "crowns",
        [shift(box(0, 200, 50, 250)), shift(box(130, 140, 150, 160))],
        {"id": np.array([1, 2])},
        "Polygon",
    )
    green = Table(
        "green_spaces",
        [shift(box(120, 130, 180, 190)), shift(box(-140, 150, -120, 170))],
        {"name": np.array(["park", "pocket"], dtype=object), "is_public": np.array([1, 1])},
        "Polygon",
    )
    amenities = Table(
        "amenities",
        [shift(Point(100, 50)), shift(Point(200, 50))],
        {
            "name": np.array(["super", "doctor"], dtype=object),
            "category": np.array(["supermarket", "gp"], dtype=object),
        },
        "Point",
    )
    land_cover = Table(
        "land_cover",
        [shift(box(-150, -100, 100, 250)), shift(box(100, -100, 250, 100)), shift(box(100, 100, 250, 250))],
        {"cover": np.array(["pavement", "green", "water"], dtype=object)},
        "Polygon",
    )
    buurten = Table(
        "buurten",
        [shift(box(-150, -100, 100, 250)), shift(box(100, -100, 250, 250))],
        {
            "bu_code": np.array(["BU1", "BU2"], dtype=object),
            "bu_naam": np.array(["West", "Oost"], dtype=object),
            "aant_inw": np.array([10, 4]),
            "gem_hh_gr": np.array([2.5, 1.5]),
        },
        "Polygon",
    )
    t0 = datetime.datetime(2014, 7, 7, 8)
    stations = [(-1000, 0), (1000, 0), (0, 1000), (0, -1000)]
    observations = Table(
        "observations",
        [shift(Point(x, y)) for x, y in stations],
        {
            "component": np.array(["NO2"] * 4, dtype=object),
            "value_ugm3": np.array([20.0, 30.0, 25.0, 15.0]),
            "begin_time": np.array([t0] * 4, dtype=object),
        },
        "Point",
    )
    return {
        "observations": observations,
        "walking_network": network,
        "buildings": buildings,
        "addresses": addresses,
        "trees": trees,
        "crowns": crowns,
        "green_spaces": green,
        "amenities": amenities,
        "land_cover": land_cover,
        "buurten": buurten,
    }


def write_raster(path, left_value, right_value, split_x=100.0):
    """A 10 m raster over (-200..300, -150..300) with ``left_value`` west of split_x, else right_value."""
    from osgeo import gdal, osr

    cell = 10.0
    xmin, ymax = X0 - 200, Y0 + 300
    width, height = 50, 45
    x = xmin + (np.arange(width) + 0.5) * cell - X0
    array = np.where(x[None, :] < split_x, left_value, right_value) * np.ones((height, 1))
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), width, height, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform((xmin, cell, 0, ymax, 0, -cell))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(28992)
    dataset.SetProjection(srs.ExportToWkt())
    dataset.GetRasterBand(1).WriteArray(array.astype(np.float32))
    dataset.GetRasterBand(1).SetNoDataValue(-9999)
    dataset = None
    return str(path)


@pytest.fixture()
def tiny():
    return tiny_tables()


@pytest.fixture(scope="session")
def tiny_gpkg(tmp_path_factory, qgis_app):
    from smart_society.processing.liveability.data import write_gpkg

    directory = tmp_path_factory.mktemp("tiny")
    path = directory / "tiny.gpkg"
    for name, table in tiny_tables().items():
        write_gpkg(table, path, name)
    rasters = {
        "ld": write_raster(directory / "ld.tif", 60, 50),
        "le": write_raster(directory / "le.tif", 55, 45),
        "ln": write_raster(directory / "ln.tif", 50, 40),
        "lden": write_raster(directory / "lden.tif", 60, 50),
    }
    return path, rasters


_PROVIDERS = []


@pytest.fixture(scope="session")
def live_registry(processing_registry):
    """The Processing registry with the suite's provider, kept alive for the whole session."""
    from smart_society.processing.provider import PROVIDER_ID, SmartSocietyProvider

    if processing_registry.algorithmById(f"{PROVIDER_ID}:green330300") is None:
        old = processing_registry.providerById(PROVIDER_ID)
        if old is not None:
            processing_registry.removeProvider(old)
        provider = SmartSocietyProvider()
        _PROVIDERS.append(provider)
        processing_registry.addProvider(provider)
    return processing_registry


def run_alg(name, parameters):
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()
    return processing.run(f"smartsociety:{name}", parameters, feedback=feedback, context=context)


def features(layer_or_path, key=None):
    """Rows of an output (path or layer) as dicts, optionally keyed by a field."""
    from qgis.core import QgsVectorLayer

    layer = layer_or_path if isinstance(layer_or_path, QgsVectorLayer) else QgsVectorLayer(str(layer_or_path))
    assert layer.isValid(), layer_or_path
    rows = []
    for feature in layer.getFeatures():
        row = {name: feature[name] for name in layer.fields().names()}
        row["_crs"] = layer.crs().authid()
        rows.append(row)
    if key:
        return {row[key]: row for row in rows}
    return rows
