"""Benchmark: build the twin project for ~50,000 buildings; compare with plainly opening the same file.

The sample district's buildings (and buurten) are tiled 1 km apart into one GeoPackage until there
are >= 50,000 buildings; the other layers are copied once. Measured in the same run:
- plain: open the buildings layer as a QgsVectorLayer and load its QML style (what the issue names);
- plain file: open every layer of the same file that the twin loads, each as a QgsVectorLayer with its QML;
- plain project: open every layer of the file with its style into a project and write the .qgz;
- twin: build_twin_project (groups, styles, metadata, 3D renderers, bookmarks, 3D view, relative paths);
- twin with area: the same for two buurten (provider-side bounding box filter + counts before loading).
Prints seconds and the ratios. Goal (issue 4): twin <= 10 s and <= 3x the plain load.
"""

from __future__ import annotations

import math
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if p not in ("", ".") and Path(p).resolve() != REPO_ROOT]
sys.path.insert(0, str(REPO_ROOT / ".build" / "pypath"))
sys.path.append("/usr/share/qgis/python/plugins")

TARGET_BUILDINGS = 50_000
REPEATS = 3


def sample_district():
    from smart_society.resources.sample.generator import (
        DEFAULT_SEED,
        generate_sample_district,
        load_sample_district,
        sample_cache_directory,
    )

    district = load_sample_district(sample_cache_directory(REPO_ROOT / ".build" / "sample_district"))
    if district is None:  # no test run cached one: a vectors-only generation is enough here
        directory = REPO_ROOT / ".build" / "bench_twin_district"
        district = load_sample_district(directory) or generate_sample_district(
            directory, seed=DEFAULT_SEED, with_orthophoto=False
        )
    return district


def scale_up(source_gpkg: Path, target: Path, copies: int) -> int:
    from osgeo import ogr

    source = ogr.Open(str(source_gpkg))
    driver = ogr.GetDriverByName("GPKG")
    if target.exists():
        target.unlink()
    out = driver.CreateDataSource(str(target))
    buildings = 0
    for index in range(source.GetLayerCount()):
        layer = source.GetLayerByIndex(index)
        name = layer.GetName()
        tiled = name in ("buildings", "buurten")
        copy = out.CreateLayer(
            name, layer.GetSpatialRef(), layer.GetGeomType(), options=["GEOMETRY_NAME=geom", "FID=fid"]
        )
        definition = layer.GetLayerDefn()
        for i in range(definition.GetFieldCount()):
            copy.CreateField(definition.GetFieldDefn(i))
        copy.StartTransaction()
        for k in range(copies if tiled else 1):
            dx, dy = 1000.0 * (k % 6), 1000.0 * (k // 6)
            layer.ResetReading()
            for feature in layer:
                new = ogr.Feature(copy.GetLayerDefn())
                new.SetFrom(feature)
                geometry = feature.GetGeometryRef().Clone()
                if k:
                    for field in ("identificatie", "bu_code"):
                        if definition.GetFieldIndex(field) >= 0 and feature.GetField(field):
                            new.SetField(field, f"{feature.GetField(field)}_{k}")
                    if definition.GetFieldIndex("bu_naam") >= 0:
                        new.SetField("bu_naam", f"{feature.GetField('bu_naam')} {k}")
                    _translate(geometry, dx, dy)
                new.SetGeometry(geometry)
                copy.CreateFeature(new)
                buildings += name == "buildings"
        copy.CommitTransaction()
    out = None
    source = None
    return buildings


def _translate(geometry, dx, dy):
    count = geometry.GetGeometryCount()
    if count:
        for i in range(count):
            _translate(geometry.GetGeometryRef(i), dx, dy)
        return
    for i in range(geometry.GetPointCount()):
        x, y = geometry.GetX(i), geometry.GetY(i)
        geometry.SetPoint_2D(i, x + dx, y + dy)


def timed(function, repeats=REPEATS):
    values = []
    result = None
    for _ in range(repeats):
        started = time.perf_counter()
        result = function()
        values.append(time.perf_counter() - started)
    return statistics.median(values), result


def main() -> int:
    from qgis.core import QgsApplication, QgsProject, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    from qgis._3d import Qgs3D

    Qgs3D.initialize()
    from smart_society.core.paths import style_path
    from smart_society.plugins.smart_twin.core import area as area_module
    from smart_society.plugins.smart_twin.core import project as project_module

    district = sample_district()
    work = Path(tempfile.mkdtemp(prefix="bench_twin_"))
    gpkg = work / "district_scaled.gpkg"
    started = time.perf_counter()
    copies = math.ceil(TARGET_BUILDINGS / district.counts["buildings"])
    count = scale_up(Path(district.gpkg), gpkg, copies)
    print(f"[bench_twin] test data: {count} buildings in {gpkg.name} ({time.perf_counter() - started:.1f} s)")

    def plain():
        layer = QgsVectorLayer(f"{gpkg}|layername=buildings", "buildings", "ogr")
        layer.loadNamedStyle(style_path("buildings"))
        return layer.featureCount()

    twin_layers = (
        "buildings",
        "addresses",
        "land_cover",
        "walking_network",
        "trees",
        "green_spaces",
        "buurten",
        "amenities",
        "sensors",
    )

    def plain_file():
        layers = []
        for name in twin_layers:
            layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
            layer.loadNamedStyle(style_path(name))
            layers.append(layer.featureCount())
        return layers

    def plain_project():
        project = QgsProject()
        for name in twin_layers:
            layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
            layer.loadNamedStyle(style_path(name))
            project.addMapLayer(layer)
        project.write(str(work / "plain.qgz"))
        return len(project.mapLayers())

    def twin(area=None):
        params = project_module.TwinProjectParams(output=work / "twin.qgz", district_gpkg=gpkg, area=area)
        return project_module.build_twin_project(params)

    area = area_module.area_from_buurten(gpkg, ["BU05059001", "BU05059002_7"])

    def twin_area():
        return project_module.feature_counts(
            project_module.TwinProjectParams(output=work / "t.qgz", district_gpkg=gpkg, area=area)
        ), twin(area)

    plain_s, plain_count = timed(plain)
    file_s, _ = timed(plain_file)
    project_s, _ = timed(plain_project)
    twin_s, report = timed(twin)
    area_s, (counts, area_report) = timed(twin_area)
    assert plain_count == count and report.layers["buildings"] == count
    print(f"[bench_twin] plain load (QgsVectorLayer + QML, {plain_count} buildings): {plain_s:.3f} s")
    print(f"[bench_twin] plain file (its 9 layers as QgsVectorLayer + QML):      {file_s:.3f} s")
    print(f"[bench_twin] plain project (9 layers + QML, write .qgz):             {project_s:.3f} s")
    print(
        f"[bench_twin] twin project ({count} buildings, 3D, {len(report.bookmarks)} bookmarks): "
        f"{twin_s:.3f} s"
    )
    print(
        f"[bench_twin] twin project for 2 buurten (counts + R-tree filter, "
        f"{area_report.layers['buildings']} buildings): {area_s:.3f} s"
    )
    print(f"[bench_twin] ratio twin / plain load of the buildings layer: {twin_s / plain_s:.1f}x")
    print(f"[bench_twin] ratio twin / plain load of the file's 9 layers:  {twin_s / file_s:.2f}x")
    print(f"[bench_twin] ratio twin / plain project:                     {twin_s / project_s:.2f}x")
    print(
        f"[bench_twin] goal: <= 10 s ({'met' if twin_s <= 10 else 'NOT met'}); <= 3x plain load: "
        f"of the buildings layer alone {'met' if twin_s <= 3 * plain_s else 'NOT met'}, of the same file "
        f"(all layers the twin loads) {'met' if twin_s <= 3 * file_s else 'NOT met'}"
    )
    print(
        f"[bench_twin] per layer: plain open + QML {1000 * file_s / len(twin_layers):.1f} ms; the twin opens "
        f"{len(report.layers)} layers, so its floor is about {len(report.layers)}x one plain layer "
        "whatever the number of buildings"
    )
    shutil.rmtree(work, ignore_errors=True)
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
