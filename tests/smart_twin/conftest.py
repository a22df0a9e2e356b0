"""Fixtures of the smart_twin tests: a hand-made mini district (schema of dev/SAMPLE_SCHEMA.md) and a local
QGIS Server (qgis_mapserver on 127.0.0.1) publishing it as WMS, WFS and OGC API Features."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from osgeo import ogr, osr

# Mini district: x 1000..1200, y 5000..5100 (EPSG:28992), two buurten split at x = 1100.
MINI_EXTENT = (1000.0, 5000.0, 1200.0, 5100.0)
# building: identificatie, x0, y0, size, ground, roof70p, gebruiksdoel, bouwjaar, bu_code
MINI_BUILDINGS = [
    ("NL.IMBAG.Pand.0505100000000001", 1010, 5010, 10, 0.5, 10.5, "woonfunctie", 1930, "BU05059001"),
    ("NL.IMBAG.Pand.0505100000000002", 1030, 5010, 10, 0.3, 6.3, "winkelfunctie", 1965, "BU05059001"),
    ("NL.IMBAG.Pand.0505100000000003", 1060, 5060, 20, -0.2, 14.8, "kantoorfunctie", 1999, "BU05059001"),
    ("NL.IMBAG.Pand.0505100000000004", 1120, 5020, 10, 0.1, 3.1, "industriefunctie", 1975, "BU05059002"),
    ("NL.IMBAG.Pand.0505100000000005", 1150, 5050, 15, 0.0, 21.0, "woonfunctie", 2012, "BU05059002"),
]


def _square(x0, y0, size):
    return f"POLYGON(({x0} {y0},{x0 + size} {y0},{x0 + size} {y0 + size},{x0} {y0 + size},{x0} {y0}))"


def _layer(data_source, name, geometry_type, fields, rows):
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(28992)
    layer = data_source.CreateLayer(name, srs, geometry_type, options=["GEOMETRY_NAME=geom", "FID=fid"])
    kinds = {"s": ogr.OFTString, "i": ogr.OFTInteger, "r": ogr.OFTReal}
    for field_name, kind in fields:
        layer.CreateField(ogr.FieldDefn(field_name, kinds[kind]))
    for wkt, values in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        for (field_name, _kind), value in zip(fields, values):
            if value is not None:
                feature.SetField(field_name, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        layer.CreateFeature(feature)


def build_mini_district(directory: Path) -> SimpleNamespace:
    directory.mkdir(parents=True, exist_ok=True)
    gpkg = directory / "sample_district.gpkg"
    if gpkg.exists():
        gpkg.unlink()
    data_source = ogr.GetDriverByName("GPKG").CreateDataSource(str(gpkg))
    _layer(
        data_source,
        "buildings",
        ogr.wkbPolygon,
        [
            ("identificatie", "s"),
            ("gebruiksdoel", "s"),
            ("bouwjaar", "i"),
            ("b3_h_maaiveld", "r"),
            ("b3_h_50p", "r"),
            ("b3_h_70p", "r"),
            ("b3_h_max", "r"),
            ("b3_dak_type", "s"),
            ("roof_material", "s"),
            ("roof_colour", "s"),
            ("has_solar", "i"),
            ("woningen", "i"),
            ("bu_code", "s"),
        ],
        [
            (
                _square(x, y, s),
                (
                    i,
                    use,
                    year,
                    g,
                    r - 1,
                    r,
                    r + 2,
                    "horizontal",
                    "bitumen",
                    "#333333",
                    0,
                    4 if use == "woonfunctie" else 0,
                    bu,
                ),
            )
            for i, x, y, s, g, r, use, year, bu in MINI_BUILDINGS
        ],
    )
    _layer(
        data_source,
        "addresses",
        ogr.wkbPoint,
        [
            ("identificatie", "s"),
            ("pand_id", "s"),
            ("gebruiksdoel", "s"),
            ("bu_code", "s"),
            ("inwoners", "i"),
        ],
        [
            ("POINT(1015 5015)", ("0505010000000001", MINI_BUILDINGS[0][0], "woonfunctie", "BU05059001", 2)),
            ("POINT(1157 5057)", ("0505010000000002", MINI_BUILDINGS[4][0], "woonfunctie", "BU05059002", 3)),
        ],
    )
    _layer(
        data_source,
        "land_cover",
        ogr.wkbPolygon,
        [("bgt_type", "s"), ("fysiek_voorkomen", "s"), ("cover", "s")],
        [
            (_square(1000, 5000, 100), ("wegdeel", "gesloten verharding", "road")),
            (
                "POLYGON((1100 5000,1200 5000,1200 5100,1100 5100,1100 5000))",
                ("begroeidterreindeel", "groenvoorziening", "green"),
            ),
        ],
    )
    _layer(
        data_source,
        "trees",
        ogr.wkbPoint,
        [
            ("boom_id", "s"),
            ("soort", "s"),
            ("crown_diameter_m", "r"),
            ("height_m", "r"),
            ("planting_year", "i"),
        ],
        [
            (f"POINT({x} 5090)", (f"B{n}", "Linde (Tilia cordata)", 5.0, 9.0, 1980))
            for n, x in enumerate((1005, 1050, 1105, 1180))
        ],
    )
    _layer(
        data_source,
        "green_spaces",
        ogr.wkbPolygon,
        [("name", "s"), ("area_m2", "r"), ("is_public", "i")],
        [("POLYGON((1170 5000,1200 5000,1200 5030,1170 5030,1170 5000))", ("Parkje", 900.0, 1))],
    )
    _layer(
        data_source,
        "amenities",
        ogr.wkbPoint,
        [("name", "s"), ("category", "s")],
        [("POINT(1045 5045)", ("Super", "supermarket")), ("POINT(1145 5045)", ("Halte", "pt_stop"))],
    )
    _layer(
        data_source,
        "walking_network",
        ogr.wkbLineString,
        [("edge_id", "i"), ("road_type", "s"), ("walk", "i"), ("bike", "i"), ("length_m", "r")],
        [
            ("LINESTRING(1000 5005,1100 5005)", (1, "residential", 1, 1, 100.0)),
            ("LINESTRING(1100 5005,1200 5005)", (2, "footway", 1, 0, 100.0)),
        ],
    )
    buurt = [
        ("bu_code", "s"),
        ("bu_naam", "s"),
        ("wk_code", "s"),
        ("gm_code", "s"),
        ("gm_naam", "s"),
        ("aant_inw", "i"),
    ]
    _layer(
        data_source,
        "buurten",
        ogr.wkbMultiPolygon,
        buurt,
        [
            (
                "MULTIPOLYGON(((1000 5000,1100 5000,1100 5100,1000 5100,1000 5000)))",
                ("BU05059001", "Spoorzone", "WK050590", "GM0505", "Dordrecht", 2),
            ),
            (
                "MULTIPOLYGON(((1100 5000,1200 5000,1200 5100,1100 5100,1100 5000)))",
                ("BU05059002", "Krispijn-Noord", "WK050590", "GM0505", "Dordrecht", 3),
            ),
        ],
    )
    _layer(
        data_source,
        "sensors",
        ogr.wkbPoint,
        [
            ("reference", "s"),
            ("name", "s"),
            ("owner", "s"),
            ("sensor_type", "s"),
            ("themes", "s"),
            ("contains_personal_data", "i"),
            ("status", "s"),
        ],
        [
            (
                "POINT(1050 5050)",
                ("S1", "Lucht 1", "Gemeente Dordrecht", "Luchtkwaliteitsensor", "Lucht", 0, "actief"),
            )
        ],
    )
    data_source = None
    return SimpleNamespace(
        directory=directory,
        gpkg=gpkg,
        orthophoto=None,
        extent=MINI_EXTENT,
        counts={"buildings": len(MINI_BUILDINGS), "trees": 4, "buurten": 2},
    )


@pytest.fixture
def mini_district(tmp_path):
    return build_mini_district(tmp_path / "mini")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def local_ogc_server(qgis_app, tmp_path_factory):
    """qgis_mapserver on 127.0.0.1 publishing the mini district's buildings and buurten (WMS, WFS, OAPIF)."""
    from qgis.core import QgsProject, QgsVectorLayer

    directory = tmp_path_factory.mktemp("ogc")
    district = build_mini_district(directory / "data")
    project = QgsProject()
    ids = []
    for name in ("buildings", "buurten"):
        layer = QgsVectorLayer(f"{district.gpkg}|layername={name}", name, "ogr")
        assert layer.isValid()
        layer.setShortName(name)
        project.addMapLayer(layer)
        ids.append(layer.id())
    project.writeEntry("WFSLayers", "/", ids)
    for layer_id in ids:
        project.writeEntry("WFSLayersPrecision", "/" + layer_id, 3)
    project.writeEntry("WMSServiceCapabilities", "/", True)
    project.writeEntry("WMSCrsList", "/", ["EPSG:28992", "EPSG:4326"])
    project_path = directory / "server.qgs"
    assert project.write(str(project_path))
    port = _free_port()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QGIS_SERVER_LOG_LEVEL="2")
    process = subprocess.Popen(
        ["qgis_mapserver", "-p", str(project_path), f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    ready = False
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(
                f"{base}/?SERVICE=WFS&REQUEST=GetCapabilities", timeout=5
            ) as response:
                ready = b"buildings" in response.read()
                if ready:
                    break
        except OSError:
            time.sleep(0.5)
    if not ready:
        process.kill()
        pytest.fail("qgis_mapserver did not come up on 127.0.0.1")
    yield SimpleNamespace(url=base, district=district, process=process)
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
