"""Fast WKB helpers: shapely 1.8 (Debian 12) costs tens of microseconds per geometry, numpy does not."""

from __future__ import annotations

import struct

import numpy as np

# ------------------------------------------------------------------------------------------- WKB, fast
# shapely 1.8 costs tens of microseconds per attribute access; the bulk work parses ISO WKB with numpy.


def _header(data: bytes, offset: int = 0):
    order = "<" if data[offset] == 1 else ">"
    (code,) = struct.unpack_from(order + "I", data, offset + 1)
    if code & 0x80000000 or code & 0x40000000:  # EWKB Z/M flags
        dims = 2 + bool(code & 0x80000000) + bool(code & 0x40000000)
        code &= 0xFFFF
    else:
        dims = {0: 2, 1: 3, 2: 3, 3: 4}[code // 1000]
        code %= 1000
    return order, code, dims


def _coords(data: bytes, offset: int, order: str, dims: int):
    (count,) = struct.unpack_from(order + "I", data, offset)
    array = np.frombuffer(
        data, dtype=np.dtype(float).newbyteorder(order), count=count * dims, offset=offset + 4
    )
    return array.reshape(count, dims)[:, :2].astype(float), offset + 4 + count * dims * 8


def wkb_lines(data: bytes) -> list:
    """Coordinate arrays of a (Multi)LineString WKB."""
    order, code, dims = _header(data)
    if code == 2:
        return [_coords(data, 5, order, dims)[0]]
    if code == 5:
        (parts,) = struct.unpack_from(order + "I", data, 5)
        offset, result = 9, []
        for _ in range(parts):
            part_order, _code, part_dims = _header(data, offset)
            coords, offset = _coords(data, offset + 5, part_order, part_dims)
            result.append(coords)
        return result
    raise ValueError(f"WKB geometry type {code}: expected a LineString")


def wkb_rings(data: bytes) -> list:
    """Exterior rings of a (Multi)Polygon WKB."""
    order, code, dims = _header(data)
    if code == 3:
        return [_polygon_rings(data, 5, order, dims)[0][0]]
    if code == 6:
        (parts,) = struct.unpack_from(order + "I", data, 5)
        offset, result = 9, []
        for _ in range(parts):
            part_order, _code, part_dims = _header(data, offset)
            rings, offset = _polygon_rings(data, offset + 5, part_order, part_dims)
            if rings:
                result.append(rings[0])
        return result
    raise ValueError(f"WKB geometry type {code}: expected a Polygon")


def _polygon_rings(data, offset, order, dims):
    (count,) = struct.unpack_from(order + "I", data, offset)
    offset += 4
    rings = []
    for _ in range(count):
        coords, offset = _coords(data, offset, order, dims)
        rings.append(coords)
    return rings, offset


def wkb_points_xy(wkbs: list) -> np.ndarray:
    if not wkbs:
        return np.zeros((0, 2))
    if all(len(b) == 21 and b[0] == 1 for b in wkbs):
        raw = np.frombuffer(b"".join(wkbs), dtype=np.uint8).reshape(-1, 21)[:, 5:]
        return np.ascontiguousarray(raw).view("<f8").reshape(-1, 2).astype(float)
    result = np.empty((len(wkbs), 2))
    for i, data in enumerate(wkbs):
        order, code, _dims = _header(data)
        if code == 4:  # MultiPoint: its first point
            order = "<" if data[9] == 1 else ">"
            result[i] = struct.unpack_from(order + "dd", data, 14)
        else:
            result[i] = struct.unpack_from(order + "dd", data, 5)
    return result


def point_wkb(x: float, y: float) -> bytes:
    return struct.pack("<BIdd", 1, 1, x, y)


def points_wkb(xy: np.ndarray) -> list:
    return [struct.pack("<BIdd", 1, 1, x, y) for x, y in np.asarray(xy, dtype=float)]


def polygon_wkb(ring) -> bytes:
    ring = np.asarray(ring, dtype=float)
    if not np.array_equal(ring[0], ring[-1]):
        ring = np.vstack([ring, ring[:1]])
    return struct.pack("<BIII", 1, 3, 1, len(ring)) + ring.astype("<f8").tobytes()


def box_wkb(xmin, ymin, xmax, ymax) -> bytes:
    return polygon_wkb([(xmin, ymin), (xmax, ymin), (xmax, ymax), (xmin, ymax), (xmin, ymin)])


def line_wkb(coords) -> bytes:
    coords = np.asarray(coords, dtype=float)
    return struct.pack("<BII", 1, 2, len(coords)) + coords.astype("<f8").tobytes()
