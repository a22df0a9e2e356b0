"""Processing algorithms buildtwinproject and importthreedbag, run as QGIS runs them (context + feedback)."""

from __future__ import annotations

import pytest
from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

from smart_society.processing.algorithms.twin_build_project import (
    BuildTwinProjectAlgorithm,
    ImportThreeDBagAlgorithm,
)


def _run(algorithm_class, parameters):
    algorithm = algorithm_class().create()
    context = QgsProcessingContext()
    feedback = QgsProcessingFeedback()
    results, ok = algorithm.run(parameters, context, feedback)
    return results, ok


def test_ids_and_help():
    for algorithm_class in (BuildTwinProjectAlgorithm, ImportThreeDBagAlgorithm):
        algorithm = algorithm_class()
        assert algorithm.name().islower() and algorithm.name().isalnum()
        assert algorithm.help_en and algorithm.help_nl
    assert BuildTwinProjectAlgorithm().name() == "buildtwinproject"


def test_buildtwinproject_with_buurt(qgis_app, mini_district, tmp_path):
    results, ok = _run(
        BuildTwinProjectAlgorithm,
        {
            "DISTRICT": str(mini_district.gpkg),
            "BUURTEN": "Krispijn-Noord",
            "WITH_3D": False,
            "OUTPUT": str(tmp_path / "twin.qgz"),
        },
    )
    assert ok
    assert results["BUILDINGS"] == 2  # buildings 4 and 5 lie in Krispijn-Noord's bounding box x 1100..1200
    assert (tmp_path / "twin.qgz").exists()


def test_buildtwinproject_unknown_buurt_fails_with_message(qgis_app, mini_district, tmp_path):
    results, ok = _run(
        BuildTwinProjectAlgorithm,
        {"DISTRICT": str(mini_district.gpkg), "BUURTEN": "Atlantis", "OUTPUT": str(tmp_path / "t.qgz")},
    )
    assert not ok and not (tmp_path / "t.qgz").exists()


def test_importthreedbag_real_tile_with_extent(qgis_app, shared_data, tmp_path):
    tile = shared_data / "utrecht_east_3dbag_cityjson" / "9-512-592.city.json"
    output = tmp_path / "b.gpkg"
    results, ok = _run(ImportThreeDBagAlgorithm, {"INPUT": str(tile), "OUTPUT": str(output)})
    assert ok and results["COUNT"] == 34
    layer = QgsVectorLayer(f"{output}|layername=buildings", "b", "ogr")
    assert layer.featureCount() == 34 and layer.crs().authid() == "EPSG:28992"
    values = [f["hoogte_rel"] for f in layer.getFeatures() if f["hoogte_rel"] is not None]
    assert all(0 < v < 60 for v in values)
    extent = layer.extent()
    half = f"{extent.xMinimum()},{extent.center().x()},{extent.yMinimum()},{extent.yMaximum()} [EPSG:28992]"
    results, ok = _run(
        ImportThreeDBagAlgorithm, {"INPUT": str(tile), "EXTENT": half, "OUTPUT": str(tmp_path / "h.gpkg")}
    )
    assert ok and 0 < results["COUNT"] < 34


@pytest.mark.parametrize("name", ["buildtwinproject", "importthreedbag"])
def test_registered_in_provider(name):
    from smart_society.processing import provider

    try:
        classes = provider.algorithm_classes()
    except ImportError as error:  # another component's algorithm module may not exist yet
        pytest.skip(f"provider list not importable yet: {error}")
    assert name in {c().name() for c in classes}


def test_buildtwinproject_from_real_3dbag_folder(qgis_app, shared_data, tmp_path):
    from qgis._3d import Qgs3D
    from qgis.core import QgsProject

    Qgs3D.initialize()
    folder = (
        shared_data / "utrecht_east_3dbag_cityjson"
    )  # 5 tiles + the footprint GeoPackage (same buildings)
    output = tmp_path / "utrecht.qgz"
    results, ok = _run(BuildTwinProjectAlgorithm, {"THREEDBAG": str(folder), "OUTPUT": str(output)})
    assert ok and results["BUILDINGS"] == 1656
    project = QgsProject()
    assert project.read(str(output))
    (buildings,) = [lay for lay in project.mapLayers().values() if lay.name().startswith("Gebouwen")]
    assert buildings.featureCount() == 1656 and buildings.renderer3D() is not None
    assert buildings.crs().authid() == "EPSG:28992"
