"""Network building, exact snapping and multi-source shortest paths on a hand-drawn 5-node network."""

from __future__ import annotations

import numpy as np
import pytest
from shapely.geometry import LineString, box

from smart_society.processing.liveability.network import Network, entrances, nearest_distances

# A(0,0) B(100,0) C(200,0) D(100,100) E(200,100); edges AB, BC, BD, DE (with a vertex at 150,100), CE
LINES = [
    LineString([(0, 0), (100, 0)]),
    LineString([(100, 0), (200, 0)]),
    LineString([(100, 0), (100, 100)]),
    LineString([(100, 100), (150, 100), (200, 100)]),
    LineString([(200, 0), (200, 100)]),
]


def test_nodes_and_lengths():
    network = Network(LINES)
    assert network.n_nodes == 5
    assert network.n_edges == 5
    assert np.allclose(network.length, [100, 100, 100, 100, 100])


def test_snap_is_exact_and_respects_tolerance():
    network = Network(LINES)
    snap = network.snap(np.array([[10, 5], [150, -3], [190, 105], [500, 500]]), 50)
    assert list(snap.edge[:3]) == [0, 1, 3]
    assert np.allclose(snap.t[:3], [10, 50, 90])
    assert np.allclose(snap.dist[:3], [5, 3, 5])
    assert list(snap.ok) == [True, True, True, False]


def test_multi_source_distances_by_hand():
    network = Network(LINES)
    homes = network.snap(np.array([[10, 5], [150, -3], [190, 105], [500, 500]]), 50)
    source = network.snap(np.array([[100, 60]]), 50)  # on BD, 60 m from B
    distance = nearest_distances(network, homes, {"s": source})["s"]
    # (10,0): 90 to B + 60; (150,0): 50 + 60; (190,100): 90 along ED to D + 40 down to the source
    assert np.allclose(distance[:3], [150, 110, 130])
    assert np.isnan(distance[3])  # off the network: no distance, not 0


def test_nearest_of_several_sources_and_same_edge():
    network = Network(LINES)
    homes = network.snap(np.array([[20, 0], [80, 0]]), 1)
    sources = network.snap(np.array([[50, 0], [200, 50]]), 1)
    distance = nearest_distances(network, homes, {"s": sources})["s"]
    assert np.allclose(distance, [30, 30])  # both on the same edge as the first source


def test_unreachable_component_gets_nan():
    network = Network(LINES + [LineString([(1000, 0), (1100, 0)])])
    homes = network.snap(np.array([[1050, 1], [50, 1]]), 5)
    distance = nearest_distances(network, homes, {"s": network.snap(np.array([[0, 0]]), 1)})["s"]
    assert np.isnan(distance[0])
    assert distance[1] == pytest.approx(50)


def test_entrances_where_the_buffer_meets_the_network():
    network = Network(LINES + [LineString([(150, 100), (150, 200)])])
    (gates,) = entrances(network, [box(120, 130, 180, 190)], 20)
    points = {tuple(np.round(network.point_at(e, t), 3)) for e, t in zip(gates.edge, gates.t)}
    assert (150.0, 110.0) in points  # the buffer boundary crosses the footway at y = 110
    assert (150.0, 200.0) in points  # the footway's end node lies inside the buffer
