"""A street network as a sparse graph; exact snapping of points onto it; multi-source shortest paths.

How distances are measured (documented in every algorithm's help):
- points (homes, amenities, green entrances) are snapped to the nearest location on the network (the
  exact nearest point of the nearest segment) when within ``tolerance`` metres; farther points are
  reported and get no distance (NULL), never 0;
- snapped points become nodes: the edge they lie on is split there, so distances between points on the
  same street are exact;
- the distance from a home to the nearest destination of a kind is the shortest network path from the
  home's snapped location to any destination's snapped location. It is computed with ONE multi-source
  Dijkstra pass per kind of destination over the whole network
  (``scipy.sparse.csgraph.dijkstra(indices=sources, min_only=True)``), not a path per home;
- the walk from a home to the street (the snap distance) is not included; it is reported as ``snap_m``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra
from scipy.spatial import cKDTree

from .errors import LiveabilityError
from .geom import wkb_lines

NODE_DECIMALS = 2  # end points closer than 1 cm are the same node
PIECE_M = 20.0  # segments are split into pieces of at most this length for the nearest-segment search


@dataclass
class Snap:
    """Where points lie on the network: edge index, distance along the edge, distance to the network."""

    edge: np.ndarray
    t: np.ndarray
    dist: np.ndarray
    ok: np.ndarray  # within tolerance

    def __len__(self) -> int:
        return len(self.edge)


def _explode_lines(geoms) -> tuple:
    """Coordinate arrays of every line part; ``geoms`` is a Table, a list of WKB bytes or of shapely lines."""
    from .data import Table

    items = geoms.wkbs if isinstance(geoms, Table) else list(geoms)
    lines = []
    owner = []
    for index, geometry in enumerate(items):
        if geometry is None:
            continue
        if isinstance(geometry, (bytes, bytearray)):
            try:
                parts = wkb_lines(bytes(geometry))
            except ValueError as error:
                raise LiveabilityError(f"network feature {index}: {error}") from None
        elif geometry.is_empty:
            continue
        elif geometry.geom_type == "LineString":
            parts = [np.asarray(geometry.coords, dtype=float)[:, :2]]
        elif geometry.geom_type == "MultiLineString":
            parts = [np.asarray(g.coords, dtype=float)[:, :2] for g in geometry.geoms]
        else:
            raise LiveabilityError(f"network feature {index}: {geometry.geom_type}; expected LineString")
        for coords in parts:
            if len(coords) >= 2:
                lines.append(coords)
                owner.append(index)
    return lines, owner


class Network:
    """Undirected network built from line geometries whose end points meet (a noded network)."""

    def __init__(self, geoms, name: str = "network"):
        self.name = name
        lines, owner = _explode_lines(geoms)
        if not lines:
            raise LiveabilityError(f"layer '{name}': no usable line features; expected a noded line network")
        self.lines = lines
        self.owner = np.asarray(owner)
        ends = np.array([[line[0], line[-1]] for line in lines])  # (m, 2, 2)
        keys = np.round(ends.reshape(-1, 2), NODE_DECIMALS)
        unique, inverse = np.unique(keys, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        self.node_xy = unique
        self.u = inverse[0::2].astype(np.int64)
        self.v = inverse[1::2].astype(np.int64)
        # segments
        counts = np.array([len(line) - 1 for line in lines])
        starts = np.concatenate([line[:-1] for line in lines])
        stops = np.concatenate([line[1:] for line in lines])
        seg_len = np.hypot(*(stops - starts).T)
        seg_edge = np.repeat(np.arange(len(lines)), counts)
        cumulative = np.cumsum(seg_len)
        edge_first = np.concatenate([[0], np.cumsum(counts)[:-1]])
        edge_base = np.concatenate([[0.0], cumulative])[edge_first]
        self.seg_offset = np.concatenate([[0.0], cumulative[:-1]]) - edge_base[seg_edge]
        self.seg_a, self.seg_b, self.seg_len, self.seg_edge = starts, stops, seg_len, seg_edge
        self.length = np.bincount(seg_edge, weights=seg_len, minlength=len(lines))
        # pieces for the nearest-segment search
        n_pieces = np.maximum(1, np.ceil(seg_len / PIECE_M).astype(np.int64))
        piece_seg = np.repeat(np.arange(len(seg_len)), n_pieces)
        first_piece = np.concatenate([[0], np.cumsum(n_pieces)[:-1]])
        local = np.arange(len(piece_seg)) - first_piece[piece_seg]
        fraction = (local + 0.5) / n_pieces[piece_seg]
        self.piece_seg = piece_seg
        self.piece_half = float(np.max(seg_len / n_pieces) / 2.0) if len(seg_len) else 0.0
        midpoints = starts[piece_seg] + (stops - starts)[piece_seg] * fraction[:, None]
        self._tree = cKDTree(midpoints)

    @property
    def n_nodes(self) -> int:
        return len(self.node_xy)

    @property
    def n_edges(self) -> int:
        return len(self.lines)

    # ------------------------------------------------------------------------------------------ snapping
    def _segment_distance(self, xy: np.ndarray, segments: np.ndarray):
        a = self.seg_a[segments]
        d = self.seg_b[segments] - a
        length2 = np.einsum("...i,...i->...", d, d)
        with np.errstate(invalid="ignore", divide="ignore"):
            s = np.einsum("...i,...i->...", xy - a, d) / np.where(length2 > 0, length2, 1.0)
        s = np.clip(np.where(length2 > 0, s, 0.0), 0.0, 1.0)
        nearest = a + d * s[..., None]
        return np.sqrt(np.sum((xy - nearest) ** 2, axis=-1)), s

    def snap(self, xy: np.ndarray, tolerance: float) -> Snap:
        """Exact nearest location on the network for each point; ``ok`` is False beyond ``tolerance``."""
        xy = np.asarray(xy, dtype=float).reshape(-1, 2)
        cache = self.__dict__.setdefault("_snap_cache", {})
        key = (hash(xy.tobytes()), len(xy), float(tolerance))
        if key not in cache:
            if len(cache) > 32:
                cache.clear()
            cache[key] = self._snap(xy, tolerance)
        return cache[key]

    def _snap(self, xy: np.ndarray, tolerance: float) -> Snap:
        n = len(xy)
        if n == 0:
            empty = np.zeros(0)
            return Snap(empty.astype(np.int64), empty, empty, empty.astype(bool))
        k = int(min(16, len(self.piece_seg)))
        mid_dist, piece = self._tree.query(xy, k=k)
        if k == 1:
            mid_dist, piece = mid_dist[:, None], piece[:, None]
        segments = self.piece_seg[piece]  # (n, k)
        dist, s = self._segment_distance(xy[:, None, :], segments)
        best = np.argmin(dist, axis=1)
        rows = np.arange(n)
        best_seg = segments[rows, best]
        best_dist = dist[rows, best]
        best_s = s[rows, best]
        # exactness: a piece not among the k nearest midpoints is at least mid_dist[:, -1] - half away
        unsure = np.flatnonzero((k < len(self.piece_seg)) & (mid_dist[:, -1] - self.piece_half <= best_dist))
        for i in unsure:
            candidates = np.asarray(self._tree.query_ball_point(xy[i], best_dist[i] + self.piece_half + 1e-9))
            if len(candidates) == 0:
                continue
            segs = np.unique(self.piece_seg[candidates])
            d, ss = self._segment_distance(xy[i][None, :], segs)
            j = int(np.argmin(d))
            if d[j] < best_dist[i]:
                best_seg[i], best_dist[i], best_s[i] = segs[j], d[j], ss[j]
        edge = self.seg_edge[best_seg]
        t = self.seg_offset[best_seg] + best_s * self.seg_len[best_seg]
        t = np.clip(t, 0.0, self.length[edge])
        return Snap(edge.astype(np.int64), t, best_dist, best_dist <= tolerance)

    def snap_on_edges(self, edge: np.ndarray, t: np.ndarray) -> Snap:
        edge = np.asarray(edge, dtype=np.int64)
        return Snap(edge, np.asarray(t, dtype=float), np.zeros(len(edge)), np.ones(len(edge), bool))

    def point_at(self, edge: int, t: float) -> tuple:
        line = self.lines[edge]
        steps = np.hypot(*np.diff(line, axis=0).T)
        cumulative = np.concatenate([[0.0], np.cumsum(steps)])
        i = int(np.clip(np.searchsorted(cumulative, t, side="right") - 1, 0, len(steps) - 1))
        fraction = 0.0 if steps[i] == 0 else (t - cumulative[i]) / steps[i]
        point = line[i] + (line[i + 1] - line[i]) * fraction
        return float(point[0]), float(point[1])

    # ------------------------------------------------------------------------------------- shortest paths
    def graph_with(self, snaps: list) -> tuple:
        """A CSR graph in which every snapped point of ``snaps`` is a node.

        Returns (graph, node ids per snap).

        Points not ``ok`` get node -1.
        """
        n_base = self.n_nodes
        all_edge = np.concatenate([s.edge[s.ok] for s in snaps]) if snaps else np.zeros(0, np.int64)
        all_t = np.concatenate([s.t[s.ok] for s in snaps]) if snaps else np.zeros(0)
        length = self.length[all_edge]
        eps = 1e-6
        at_start = all_t <= eps
        at_end = all_t >= length - eps
        interior = ~(at_start | at_end)
        node_of = np.empty(len(all_edge), dtype=np.int64)
        node_of[at_start] = self.u[all_edge[at_start]]
        node_of[at_end & ~at_start] = self.v[all_edge[at_end & ~at_start]]
        # interior points: dedupe (edge, t to the millimetre)
        ie, it = all_edge[interior], all_t[interior]
        keys = np.stack([ie, np.round(it * 1000).astype(np.int64)], axis=1)
        if len(keys):
            unique_keys, inverse = np.unique(keys, axis=0, return_inverse=True)
            inverse = inverse.reshape(-1)
        else:
            unique_keys, inverse = np.zeros((0, 2), np.int64), np.zeros(0, np.int64)
        node_of[interior] = n_base + inverse
        ue = unique_keys[:, 0]
        ut = unique_keys[:, 1] / 1000.0
        new_nodes = n_base + np.arange(len(unique_keys))
        order = np.lexsort((ut, ue))
        se, st, sn = ue[order], ut[order], new_nodes[order]
        split = np.zeros(self.n_edges, dtype=bool)
        split[se] = True
        a_list = [self.u[~split]]
        b_list = [self.v[~split]]
        w_list = [self.length[~split]]
        if len(se):
            first = np.concatenate([[True], se[1:] != se[:-1]])
            last = np.concatenate([se[1:] != se[:-1], [True]])
            prev_node = np.where(first, self.u[se], np.concatenate([[0], sn[:-1]]))
            prev_t = np.where(first, 0.0, np.concatenate([[0.0], st[:-1]]))
            a_list += [prev_node, sn[last]]
            b_list += [sn, self.v[se[last]]]
            w_list += [st - prev_t, self.length[se[last]] - st[last]]
        a = np.concatenate(a_list)
        b = np.concatenate(b_list)
        w = np.maximum(np.concatenate(w_list), eps)
        keep = a != b
        a, b, w = a[keep], b[keep], w[keep]
        n_total = n_base + len(unique_keys)
        rows = np.concatenate([a, b])
        cols = np.concatenate([b, a])
        weights = np.concatenate([w, w])
        order = np.lexsort((weights, cols, rows))
        rows, cols, weights = rows[order], cols[order], weights[order]
        first = np.concatenate([[True], (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])])
        graph = csr_matrix((weights[first], (rows[first], cols[first])), shape=(n_total, n_total))
        result = []
        offset = 0
        for s in snaps:
            nodes = np.full(len(s), -1, dtype=np.int64)
            count = int(s.ok.sum())
            nodes[s.ok] = node_of[offset : offset + count]
            offset += count
            result.append(nodes)
        return graph, result


def nearest_distances(network: Network, targets: Snap, sources: dict) -> dict:
    """Network distance (m) from every target to the nearest source of each group in ``sources``.

    ``sources`` maps a group name to a ``Snap``. One multi-source Dijkstra pass per group. Targets that
    are not snapped or cannot reach any source get NaN.
    """
    names = list(sources)
    graph, nodes = network.graph_with([targets] + [sources[n] for n in names])
    target_nodes = nodes[0]
    result = {}
    for name, source_nodes in zip(names, nodes[1:]):
        valid = np.unique(source_nodes[source_nodes >= 0])
        distance = np.full(len(targets), np.nan)
        if len(valid):
            field = dijkstra(graph, directed=True, indices=valid, min_only=True)
            ok = target_nodes >= 0
            values = field[target_nodes[ok]]
            values[np.isinf(values)] = np.nan
            distance[ok] = values
        result[name] = distance
    return result


def entrances(network: Network, polygons: list, buffer_m: float = 20.0) -> list:
    """Entrances of each polygon: where its ``buffer_m`` buffer boundary crosses the network, plus network
    nodes inside the buffer. Returns, per polygon, a ``Snap`` of entrance locations (may be empty)."""
    from shapely.geometry import LineString, Point

    node_tree = network._tree
    cache = network.__dict__.setdefault("_entrance_cache", {})
    result = []
    for polygon in polygons:
        key = (polygon.wkb, buffer_m)
        if key in cache:
            result.append(cache[key])
            continue
        zone = polygon.buffer(buffer_m)
        xmin, ymin, xmax, ymax = zone.bounds
        radius = math.hypot(xmax - xmin, ymax - ymin) / 2
        center = ((xmin + xmax) / 2, (ymin + ymax) / 2)
        pieces = node_tree.query_ball_point(center, radius + network.piece_half + 1e-6)
        candidate_edges = np.unique(network.seg_edge[network.piece_seg[np.asarray(pieces, dtype=np.int64)]])
        edges, ts = [], []
        boundary = zone.boundary
        for i in candidate_edges:
            line = LineString(network.lines[i])
            crossing = boundary.intersection(line)
            points = []
            if crossing.is_empty:
                points = []
            elif crossing.geom_type == "Point":
                points = [crossing]
            elif hasattr(crossing, "geoms"):
                for part in crossing.geoms:
                    points += [part] if part.geom_type == "Point" else [Point(c) for c in part.coords]
            else:
                points = [Point(c) for c in crossing.coords]
            for point in points:
                edges.append(int(i))
                ts.append(line.project(point))
        near_nodes = (
            np.unique(np.concatenate([network.u[candidate_edges], network.v[candidate_edges]]))
            if len(candidate_edges)
            else np.zeros(0, np.int64)
        )
        inside_nodes = [int(n) for n in near_nodes if zone.contains(Point(network.node_xy[n]))]
        if inside_nodes:
            inside = set(inside_nodes)
            for i in candidate_edges:
                if network.u[i] in inside:
                    edges.append(int(i))
                    ts.append(0.0)
                elif network.v[i] in inside:
                    edges.append(int(i))
                    ts.append(float(network.length[i]))
        cache[key] = network.snap_on_edges(np.array(edges, dtype=np.int64), np.array(ts, dtype=float))
        result.append(cache[key])
    return result


def concat_snaps(snaps: list) -> Snap:
    if not snaps:
        return Snap(np.zeros(0, np.int64), np.zeros(0), np.zeros(0), np.zeros(0, bool))
    return Snap(
        np.concatenate([s.edge for s in snaps]),
        np.concatenate([s.t for s in snaps]),
        np.concatenate([s.dist for s in snaps]),
        np.concatenate([s.ok for s in snaps]),
    )
