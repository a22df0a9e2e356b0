"""The sample district generator: the contract of dev/SAMPLE_SCHEMA.md, determinism, and the algorithm."""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict

import networkx as nx
import numpy as np
import pytest
import rasterio
from osgeo import ogr
from rasterio.features import rasterize
from rasterio.windows import Window, from_bounds
from shapely import wkb
from shapely.geometry import box
from shapely.ops import unary_union

DARK_MATERIALS = {"black_tiles", "bitumen"}
SMALL_SIZE_M = 200.0


def read_layer(path, name):
    """(shapely geometry, attribute dict) for every feature of ``name``, in fid order."""
    source = ogr.Open(str(path))
    assert source is not None, f"cannot open {path}"
    layer = source.GetLayerByName(name)
    assert layer is not None, f"layer {name} missing from {path}"
    rows = []
    for feature in layer:
        geometry = wkb.loads(bytes(feature.GetGeometryRef().ExportToWkb()))
        rows.append((geometry, feature.items()))
    return rows


def is_dark(attributes) -> bool:
    colour = attributes["roof_colour"]
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.299 * red + 0.587 * green + 0.114 * blue
    return attributes["roof_material"] in DARK_MATERIALS or (
        attributes["roof_material"] == "metal" and luminance < 80
    )


@pytest.fixture(scope="module")
def layers(sample_district):
    names = [
        "buildings",
        "addresses",
        "land_cover",
        "trees",
        "green_spaces",
        "amenities",
        "walking_network",
        "buurten",
        "sensors",
        "solar_panels_truth",
    ]
    return {name: read_layer(sample_district.gpkg, name) for name in names}


def test_layer_counts_match_the_manifest(sample_district, layers):
    for name, rows in layers.items():
        assert sample_district.counts[name] == len(rows), name
    assert sample_district.extent == (104700.0, 423800.0, 105700.0, 424800.0)
    assert "buildings" in sample_district.summary()


def test_buildings_solar_and_dark_negatives(layers):
    buildings = layers["buildings"]
    assert len(buildings) >= 300
    ids = [a["identificatie"] for _, a in buildings]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("NL.IMBAG.Pand.0505100000") and len(i) == 30 for i in ids)
    solar_ids = {a["building_id"] for _, a in layers["solar_panels_truth"]}
    flagged = {a["identificatie"] for _, a in buildings if a["has_solar"] == 1}
    assert solar_ids == flagged
    assert len(flagged) >= 40
    dark_negatives = [a for _, a in buildings if a["has_solar"] == 0 and is_dark(a)]
    assert len(dark_negatives) >= 20
    uses = Counter(a["gebruiksdoel"] for _, a in buildings)
    for use in (
        "woonfunctie",
        "winkelfunctie",
        "kantoorfunctie",
        "onderwijsfunctie",
        "gezondheidszorgfunctie",
        "industriefunctie",
    ):
        assert uses[use] >= 1, use
    materials = Counter(a["roof_material"] for _, a in buildings)
    for material in ("red_tiles", "grey_tiles", "black_tiles", "bitumen", "gravel", "metal"):
        assert materials[material] >= 1, material


def test_every_panel_array_lies_on_its_own_building(layers, sample_district):
    footprints = {a["identificatie"]: g for g, a in layers["buildings"]}
    panels = layers["solar_panels_truth"]
    for geometry, attributes in panels:
        building = footprints[attributes["building_id"]]
        assert building.buffer(1e-6).contains(geometry), attributes
        assert attributes["panel_type"] in ("mono", "poly")
        # A panel is 1.02 x 1.70 m; seen from above on a pitched roof (at most 50 degrees) it is smaller.
        assert geometry.area <= attributes["panel_count"] * 1.02 * 1.70 + 0.01
        assert geometry.area >= attributes["panel_count"] * 1.02 * 1.70 * math.cos(math.radians(50)) - 0.01
        assert attributes["area_m2"] == pytest.approx(geometry.area, abs=0.01)
    truth = read_layer(sample_district.solar_truth, "solar_panels_truth")
    assert [(g.wkb, a) for g, a in truth] == [(g.wkb, a) for g, a in panels]


def test_heights_are_ordered_and_plausible(layers):
    for _, a in layers["buildings"]:
        assert -1.0 <= a["b3_h_maaiveld"] <= 1.0
        assert a["b3_h_maaiveld"] < a["b3_h_50p"] <= a["b3_h_70p"] <= a["b3_h_max"]
        relative = a["b3_h_70p"] - a["b3_h_maaiveld"]
        assert 2.5 <= relative <= 80.0, a
        if a["b3_dak_type"] == "slanted":
            # eaves at about 6 m, ridge 3-5 m higher: the median roof point lies between them
            assert a["b3_h_max"] - a["b3_h_50p"] >= 1.0, a
        else:
            assert a["b3_h_70p"] - a["b3_h_50p"] <= 5.0, a


def test_addresses_one_per_home_inside_their_building(layers):
    footprints = {a["identificatie"]: g for g, a in layers["buildings"]}
    homes = {a["identificatie"]: a["woningen"] for _, a in layers["buildings"]}
    per_building = Counter(a["pand_id"] for _, a in layers["addresses"])
    assert sum(homes.values()) == len(layers["addresses"])
    for building_id, count in per_building.items():
        assert homes[building_id] == count
    for point, attributes in layers["addresses"]:
        assert footprints[attributes["pand_id"]].contains(point)
        assert 0 <= attributes["inwoners"] <= 8


def test_buurten_tile_the_extent_and_count_the_residents(layers, sample_district):
    buurten = layers["buurten"]
    assert len(buurten) == 4
    extent = box(*sample_district.extent)
    assert sum(g.area for g, _ in buurten) == pytest.approx(extent.area, rel=1e-6)
    assert unary_union([g for g, _ in buurten]).symmetric_difference(extent).area < 1.0
    residents_inside = defaultdict(int)
    for point, attributes in layers["addresses"]:
        containing = [a["bu_code"] for g, a in buurten if g.contains(point)]
        assert containing == [attributes["bu_code"]]
        residents_inside[attributes["bu_code"]] += attributes["inwoners"]
    for _, a in buurten:
        assert a["bu_code"].startswith("BU0505") and a["gm_code"] == "GM0505" and a["gm_naam"] == "Dordrecht"
        assert a["aant_inw"] == residents_inside[a["bu_code"]]
        assert a["aant_man"] + a["aant_vrouw"] == a["aant_inw"]
        shares = [a[f] for f in ("p_00_14_jr", "p_15_24_jr", "p_25_44_jr", "p_45_64_jr", "p_65_eo_jr")]
        assert sum(shares) == 100 and all(0 <= s <= 60 for s in shares)
        if a["aantal_hh"]:
            assert a["gem_hh_gr"] == pytest.approx(a["aant_inw"] / a["aantal_hh"], abs=0.051)
    assert sum(a["aant_inw"] for _, a in buurten) > 1000


def test_walking_network_is_noded_and_connected(layers):
    edges = layers["walking_network"]
    assert 1000 <= len(edges) <= 3000
    lines = [g for g, _ in edges]
    # Already noded: merging all edges must not split any of them further.
    merged = unary_union(lines)
    assert len(merged.geoms) == len(lines)
    graph = nx.Graph()
    walk_graph = nx.Graph()
    for line, attributes in edges:
        start, end = (tuple(round(c, 3) for c in line.coords[i]) for i in (0, -1))
        graph.add_edge(start, end)
        if attributes["walk"]:
            walk_graph.add_edge(start, end)
        assert attributes["length_m"] == pytest.approx(line.length, abs=0.001)
        assert attributes["road_type"] in ("residential", "footway", "cycleway", "primary", "path", "bridge")
    assert nx.is_connected(graph)
    assert nx.number_connected_components(walk_graph) == 1
    assert len({a["edge_id"] for _, a in edges}) == len(edges)
    assert {"bridge", "footway", "primary", "residential"} <= {a["road_type"] for _, a in edges}


def test_land_cover_tiles_the_extent_around_the_buildings(layers, sample_district):
    land = [g for g, _ in layers["land_cover"]]
    buildings = [g for g, _ in layers["buildings"]]
    extent = box(*sample_district.extent)
    land_union = unary_union(land)
    # No overlaps: the parts add up to their union.
    assert sum(g.area for g in land) == pytest.approx(land_union.area, abs=1.0)
    # No overlap with buildings, and together they cover the extent.
    assert land_union.intersection(unary_union(buildings)).area < 1.0
    assert land_union.area + sum(g.area for g in buildings) == pytest.approx(extent.area, abs=2.0)
    covers = Counter(a["cover"] for _, a in layers["land_cover"])
    assert set(covers) == {"road", "pavement", "green", "water", "bare", "rail"}


def test_green_spaces_trees_amenities_sensors(layers):
    parks = [(g, a) for g, a in layers["green_spaces"] if a["is_public"] and a["area_m2"] >= 5000]
    assert len(parks) >= 2
    trees = layers["trees"]
    canopy_parks = []
    for geometry, attributes in parks:
        canopy = unary_union([p.buffer(a["crown_diameter_m"] / 2) for p, a in trees if geometry.contains(p)])
        if not canopy.is_empty and canopy.intersection(geometry).area >= 0.15 * geometry.area:
            canopy_parks.append(attributes["name"])
    assert canopy_parks
    assert all(
        2.0 <= a["crown_diameter_m"] <= 16.0 and a["height_m"] > a["crown_diameter_m"] / 2 for _, a in trees
    )
    categories = {a["category"] for _, a in layers["amenities"]}
    assert categories >= {"supermarket", "gp", "primary_school", "playground", "pt_stop", "park"}
    sensors = layers["sensors"]
    assert 6 <= len(sensors) <= 12
    assert len({a["reference"] for _, a in sensors}) == len(sensors)
    assert all(a["themes"] for _, a in sensors)


def test_orthophoto_format(sample_district):
    with rasterio.open(sample_district.orthophoto) as photo:
        assert (photo.width, photo.height, photo.count) == (12500, 12500, 3)
        assert photo.dtypes == ("uint8", "uint8", "uint8")
        assert photo.crs.to_epsg() == 28992
        assert photo.res == pytest.approx((0.08, 0.08))
        assert tuple(photo.bounds) == pytest.approx(sample_district.extent)
        assert photo.block_shapes[0] == (512, 512)
        assert photo.compression.name.upper() == "JPEG"
        assert photo.overviews(1)[:3] == [2, 4, 8]
        window = photo.read(window=Window(6000, 6000, 256, 256))
        assert window.std() > 5  # not a flat fill


def test_panels_stand_out_from_their_roofs(layers, sample_district):
    """The panels' pixels differ from the roof pixels around them (colour or the cell/frame texture)."""
    footprints = {a["identificatie"]: g for g, a in layers["buildings"]}
    panels = layers["solar_panels_truth"][::4]
    distinct = 0
    with rasterio.open(sample_district.orthophoto) as photo:
        for geometry, attributes in panels:
            roof = footprints[attributes["building_id"]]
            window = from_bounds(*roof.bounds, transform=photo.transform).round_offsets().round_lengths()
            pixels = photo.read(window=window).astype(float)
            transform = photo.window_transform(window)
            shape = pixels.shape[1:]
            on_panel = rasterize([(geometry.buffer(-0.1), 1)], out_shape=shape, transform=transform) > 0
            on_roof = (
                rasterize(
                    [(roof.buffer(-0.3).difference(geometry.buffer(0.3)), 1)],
                    out_shape=shape,
                    transform=transform,
                )
                > 0
            )
            if on_panel.sum() < 20 or on_roof.sum() < 20:
                continue
            panel_mean = pixels[:, on_panel].mean(axis=1)
            roof_mean = pixels[:, on_roof].mean(axis=1)
            blue_shift = (panel_mean[2] - panel_mean[0]) - (roof_mean[2] - roof_mean[0])
            if np.abs(panel_mean - roof_mean).max() > 12 or blue_shift > 8:
                distinct += 1
    assert distinct >= 0.8 * len(panels)


# ---------------------------------------------------------------- determinism and the algorithm


def fingerprint(district) -> str:
    digest = hashlib.sha256()
    for name in (
        "buildings",
        "addresses",
        "land_cover",
        "walking_network",
        "buurten",
        "solar_panels_truth",
        "trees",
    ):
        for geometry, attributes in read_layer(district.gpkg, name):
            digest.update(geometry.wkb)
            digest.update(repr(sorted(attributes.items())).encode())
    with rasterio.open(district.orthophoto) as photo:
        for column, row in ((0, 0), (1200, 1300), (2400, 2400)):
            digest.update(photo.read(window=Window(column, row, 100, 100)).tobytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def small_district(tmp_path_factory, qgis_app):
    from smart_society.resources.sample.generator import DEFAULT_SEED, generate_sample_district

    return generate_sample_district(
        tmp_path_factory.mktemp("small_a"), seed=DEFAULT_SEED, size_m=SMALL_SIZE_M
    )


def test_same_seed_gives_identical_outputs(small_district, tmp_path):
    from smart_society.resources.sample.generator import generate_sample_district, load_sample_district

    messages = []
    again = generate_sample_district(
        tmp_path,
        seed=small_district.seed,
        size_m=SMALL_SIZE_M,
        feedback=lambda percent, message: messages.append(percent),
    )
    assert fingerprint(again) == fingerprint(small_district)
    assert messages[0] == 0.0 and messages[-1] == 100.0 and messages == sorted(messages)
    loaded = load_sample_district(tmp_path)
    assert loaded is not None and loaded.counts == again.counts and loaded.orthophoto == again.orthophoto
    with rasterio.open(again.orthophoto) as photo:
        assert (photo.width, photo.height) == (2500, 2500)
    # A different seed gives a different district.
    other = generate_sample_district(
        tmp_path / "other", seed=small_district.seed + 1, size_m=SMALL_SIZE_M, with_orthophoto=False
    )
    assert other.orthophoto is None
    assert read_layer(other.gpkg, "walking_network") != read_layer(small_district.gpkg, "walking_network")


def test_incomplete_generation_is_not_loaded(small_district, tmp_path):
    from smart_society.resources.sample.generator import load_sample_district

    assert load_sample_district(tmp_path) is None
    assert load_sample_district(small_district.directory) is not None
    (tmp_path / "sample_district.json").write_text("{not json", encoding="utf-8")
    assert load_sample_district(tmp_path) is None


def test_cancelling_stops_the_generation(tmp_path):
    from qgis.core import QgsProcessingFeedback

    from smart_society.resources.sample.generator import GenerationCancelled, generate_sample_district

    feedback = QgsProcessingFeedback()
    feedback.cancel()
    with pytest.raises(GenerationCancelled):
        generate_sample_district(tmp_path / "at_once", size_m=SMALL_SIZE_M, feedback=feedback)
    assert not (tmp_path / "at_once" / "sample_district.json").exists()
    # Cancelled halfway through the orthophoto: no manifest, no half-written files left behind.
    halfway = QgsProcessingFeedback()
    halfway.progressChanged.connect(lambda percent: halfway.cancel() if percent > 50 else None)
    with pytest.raises(GenerationCancelled):
        generate_sample_district(tmp_path / "halfway", size_m=SMALL_SIZE_M, feedback=halfway)
    left = sorted(p.name for p in (tmp_path / "halfway").iterdir())
    assert "sample_district.gpkg" in left
    assert "sample_district.json" not in left and "orthophoto_8cm.tif" not in left
    assert not [name for name in left if ".part." in name]


def test_algorithm_through_processing(processing_registry, small_district, tmp_path):
    from qgis import processing

    algorithm = processing_registry.algorithmById("smartsociety:generatesampledistrict")
    assert algorithm is not None
    assert algorithm.groupId() == "sampledata"
    assert algorithm.shortHelpString()
    result = processing.run(
        "smartsociety:generatesampledistrict",
        {
            "OUTPUT_FOLDER": str(tmp_path),
            "SEED": small_district.seed,
            "SIZE": SMALL_SIZE_M,
            "WITH_ORTHOPHOTO": True,
        },
    )
    assert result["GPKG"] == str(tmp_path / "sample_district.gpkg")
    assert result["ORTHOPHOTO"] == str(tmp_path / "orthophoto_8cm.tif")
    from smart_society.resources.sample.generator import load_sample_district

    generated = load_sample_district(tmp_path)
    assert generated is not None
    assert fingerprint(generated) == fingerprint(small_district)
