"""Catalogue WMTS entries (PDOK Luchtfoto RGB, BRT achtergrondkaart) against a local WMTS on 127.0.0.1.

The local server answers PDOK's recorded (hand-written, cut down) WMTS 1.0.0 capabilities at the path the
catalogue entry uses, and GetTile (KVP and REST) with a generated solid-colour tile per layer. The layers
are built with the catalogue's own URI code and the real ``wms`` provider, then rendered.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsRasterLayer,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QBuffer, QByteArray, QIODevice, QSize
from qgis.PyQt.QtGui import QColor, QImage

from smart_society.plugins.smart_twin.core import catalogue as cat

DATA = Path(__file__).resolve().parent / "data"
PDOK = "https://service.pdok.nl"
# service path (as in the catalogue) -> recorded capabilities, its layer identifiers and tile format
SERVICES = {
    "/hwh/luchtfotorgb/wmts/v1_0": (
        "pdok_luchtfotorgb_wmts_capabilities.xml",
        ("Actueel_orthoHR", "Actueel_ortho25"),
        "image/jpeg",
    ),
    "/brt/achtergrondkaart/wmts/v2_0": (
        "pdok_brt_achtergrondkaart_wmts_capabilities.xml",
        ("standaard", "grijs", "pastel", "water"),
        "image/png",
    ),
}
TILE_MATRICES = ("00", "01", "02")
# one colour per layer identifier, so the rendered colour tells which layer's tiles were drawn
COLOURS = {
    "Actueel_orthoHR": (200, 40, 40),
    "Actueel_ortho25": (40, 170, 60),
    "standaard": (40, 70, 210),
    "grijs": (128, 128, 128),
    "pastel": (230, 200, 120),
    "water": (60, 200, 220),
}
# 20 km around Dordrecht (EPSG:28992): inside one tile of the finest recorded matrix ("02")
EXTENT = (100000.0, 415000.0, 120000.0, 435000.0)


def _tile(layer: str, mime: str) -> bytes:
    image = QImage(256, 256, QImage.Format_RGB32)
    image.fill(QColor(*COLOURS[layer]))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    assert image.save(buffer, "JPEG" if mime == "image/jpeg" else "PNG", 100)
    buffer.close()
    return bytes(data)


class _WmtsHandler(BaseHTTPRequestHandler):
    """GetCapabilities and GetTile (KVP and REST) of the recorded PDOK services; 404 for anything else."""

    def log_message(self, *args):  # keep the test output quiet
        pass

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        parts = urlsplit(self.path)
        path = unquote(parts.path).rstrip("/")
        query = {k.lower(): v for k, v in parse_qsl(parts.query)}
        log = self.server.requests  # type: ignore[attr-defined]
        if path in SERVICES and query.get("request", "").lower() == "getcapabilities":
            log.append(SimpleNamespace(kind="GetCapabilities", path=self.path, service=path))
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            text = (DATA / SERVICES[path][0]).read_text(encoding="utf-8").replace(PDOK, base)
            self._send(200, "application/xml", text.encode("utf-8"))
            return
        if path in SERVICES and query.get("request", "").lower() == "gettile":
            tile = SimpleNamespace(
                kind="GetTile",
                encoding="KVP",
                path=self.path,
                service=path,
                layer=query.get("layer", ""),
                matrix_set=query.get("tilematrixset", ""),
                matrix=query.get("tilematrix", ""),
                format=query.get("format", ""),
            )
        else:
            service = next((s for s in SERVICES if path.startswith(s + "/")), None)
            rest = path[len(service) + 1 :].split("/") if service else []
            if len(rest) != 5:
                log.append(SimpleNamespace(kind="other", path=self.path))
                self._send(404, "text/plain", b"not found")
                return
            extension = rest[4].rsplit(".", 1)[-1]
            tile = SimpleNamespace(
                kind="GetTile",
                encoding="REST",
                path=self.path,
                service=service,
                layer=rest[0],
                matrix_set=rest[1],
                matrix=rest[2],
                format="image/jpeg" if extension in ("jpeg", "jpg") else f"image/{extension}",
            )
        log.append(tile)
        _file, layers, mime = SERVICES[tile.service]
        if tile.layer not in layers or tile.matrix_set != "EPSG:28992" or tile.matrix not in TILE_MATRICES:
            self._send(404, "text/plain", f"no tile for layer {tile.layer}".encode())
            return
        self._send(200, mime, _tile(tile.layer, mime))


@pytest.fixture
def pdok_mirror():
    """A local stand-in for service.pdok.nl on 127.0.0.1 (fresh port per test: no QGIS cache hits)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _WmtsHandler)
    server.daemon_threads = True
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield SimpleNamespace(base=f"http://127.0.0.1:{server.server_address[1]}", requests=server.requests)
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _mirrored(entry: cat.CatalogueEntry, base: str, layer=None) -> cat.CatalogueEntry:
    assert entry.url.startswith(PDOK + "/")
    return entry.with_url(base + entry.url[len(PDOK) :], layer)


def _render(layer: QgsRasterLayer) -> QImage:
    settings = QgsMapSettings()
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:28992"))
    settings.setExtent(QgsRectangle(*EXTENT))
    settings.setOutputSize(QSize(96, 96))
    settings.setBackgroundColor(QColor(255, 255, 255))
    settings.setLayers([layer])
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    return job.renderedImage()


def _share_of_colour(image: QImage, rgb: tuple, tolerance: int = 12) -> float:
    hits = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            colour = QColor(image.pixel(x, y))
            found = (colour.red(), colour.green(), colour.blue())
            if all(abs(a - b) <= tolerance for a, b in zip(found, rgb)):
                hits += 1
    return hits / (len(range(0, image.height(), 4)) * len(range(0, image.width(), 4)))


@pytest.mark.parametrize(
    ("entry_id", "layer_name"),
    [
        ("pdok_luchtfoto_hr", None),
        ("pdok_luchtfoto_25", None),
        ("pdok_brt_achtergrondkaart", None),
        ("pdok_brt_achtergrondkaart", "grijs"),
    ],
)
def test_wmts_entry_loads_and_renders_from_local_mirror(qgis_app, pdok_mirror, entry_id, layer_name):
    entry = _mirrored(cat.load_catalogue().entry(entry_id), pdok_mirror.base)
    identifier = layer_name or entry.layer
    uri, provider = cat.layer_uri(entry, layer_name=layer_name)
    assert provider == "wms" and f"layers={identifier}&" in uri and pdok_mirror.base in unquote(uri)

    layer = cat.make_layer(entry, layer_name=layer_name)
    assert isinstance(layer, QgsRasterLayer) and layer.isValid()
    assert layer.providerType() == "wms"
    assert layer.crs().authid() == "EPSG:28992"
    assert layer.customProperty(cat.ENTRY_PROPERTY) == entry_id
    assert layer.extent().contains(QgsRectangle(*EXTENT))

    image = _render(layer)
    assert not image.isNull() and image.width() == 96
    assert _share_of_colour(image, COLOURS[identifier]) > 0.9
    assert _share_of_colour(image, (255, 255, 255), tolerance=2) == 0.0

    service = entry.url[len(pdok_mirror.base) :]
    capabilities = [r for r in pdok_mirror.requests if r.kind == "GetCapabilities"]
    assert capabilities and all(r.service == service for r in capabilities)
    assert "service=wmts" in capabilities[0].path.lower()
    tiles = [r for r in pdok_mirror.requests if r.kind == "GetTile"]
    assert tiles, f"no GetTile request; the server saw {[r.path for r in pdok_mirror.requests]}"
    # PDOK's capabilities advertise GetTile as KVP in OperationsMetadata: QGIS must use that, for this layer
    assert {r.encoding for r in tiles} == {"KVP"}
    assert {r.layer for r in tiles} == {identifier}
    assert {r.matrix_set for r in tiles} == {"EPSG:28992"}
    assert {r.format for r in tiles} == {entry.params["format"]}
    assert {r.matrix for r in tiles} == {"02"}  # the finest recorded matrix for a 20 km view
    assert not [r for r in pdok_mirror.requests if r.kind == "other"]


def test_wmts_entry_with_unknown_layer_is_invalid_and_reported(qgis_app, pdok_mirror):
    entry = _mirrored(cat.load_catalogue().entry("pdok_luchtfoto_hr"), pdok_mirror.base, "Actueel_orthoXX")
    uri, provider = cat.layer_uri(entry)
    assert not QgsRasterLayer(uri, "wrong layer", provider).isValid()
    with pytest.raises(cat.CatalogueError) as raised:
        cat.make_layer(entry)
    message = str(raised.value)
    assert "pdok_luchtfoto_hr" in message and "'Actueel_orthoXX'" in message
    assert f"{pdok_mirror.base}/hwh/luchtfotorgb/wmts/v1_0" in message
    assert [r.kind for r in pdok_mirror.requests].count("GetCapabilities") >= 1
    assert not [r for r in pdok_mirror.requests if r.kind == "GetTile"]
