"""Benchmark: write an open-data package of 10,000 RD New building polygons; compare with a plain export.

Measured in the same run, on the same generated memory layer (10 fields, 10,000 polygons):
- plain: QgsVectorFileWriter to GeoJSON with QGIS's default transform (what a user does by hand);
- geojson: the package's GeoJSON writer (privacy-gated public copy, RDNAPTRANS2018 or best operation,
  RFC 7946, 7 decimals);
- package: the whole package (GeoJSON + GeoPackage + CSV + README + DCAT-AP-DONL + ISO 19115 + catalogue).
Prints seconds (median of 3) and the ratios to plain.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if p not in ("", ".") and Path(p).resolve() != REPO_ROOT]
sys.path.insert(0, str(REPO_ROOT / ".build" / "pypath"))

FEATURES = 10_000
REPEATS = 3


def make_layer():
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer
    from qgis.PyQt.QtCore import QVariant

    layer = QgsVectorLayer("Polygon?crs=EPSG:28992", "panden", "memory")
    fields = [
        ("identificatie", QVariant.String),
        ("gebruiksdoel", QVariant.String),
        ("bouwjaar", QVariant.Int),
        ("b3_h_max", QVariant.Double),
        ("b3_h_50p", QVariant.Double),
        ("woningen", QVariant.Int),
        ("bu_code", QVariant.String),
        ("eigenaar_naam", QVariant.String),
        ("email", QVariant.String),
        ("roof_colour", QVariant.String),
    ]
    layer.dataProvider().addAttributes([QgsField(n, t) for n, t in fields])
    layer.updateFields()
    features = []
    for i in range(FEATURES):
        x, y = 104700 + (i % 100) * 10.0, 423800 + (i // 100) * 10.0
        feature = QgsFeature(layer.fields())
        feature.setGeometry(
            QgsGeometry.fromWkt(
                f"POLYGON(({x} {y},{x + 8} {y},{x + 8} {y + 6},{x + 4} {y + 9},{x} {y + 6},{x} {y}))"
            )
        )
        feature.setAttributes(
            [
                f"NL.IMBAG.Pand.0505100000{i:06d}",
                "woonfunctie",
                1900 + i % 120,
                9.5,
                7.25,
                i % 4,
                "BU05059001",
                f"Persoon {i}",
                f"p{i}@example.nl",
                "#aa3322",
            ]
        )
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def median_seconds(function) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    from qgis.core import (
        QgsApplication,
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsProject,
        QgsVectorFileWriter,
    )

    app = QgsApplication([], False)
    app.initQgis()
    from smart_society.processing.opendata import export
    from smart_society.processing.opendata.metadata import DatasetMetadata
    from smart_society.processing.opendata.package import export_package
    from smart_society.processing.opendata.privacy import PrivacyGate

    layer = make_layer()
    with tempfile.TemporaryDirectory(prefix="bench_opendata_") as tmp:
        tmp = Path(tmp)

        def plain():
            options = QgsVectorFileWriter.SaveVectorOptions()
            options.driverName = "GeoJSON"
            options.ct = QgsCoordinateTransform(
                layer.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance()
            )
            writer = getattr(QgsVectorFileWriter, "writeAsVectorFormatV3", None)
            writer = writer or QgsVectorFileWriter.writeAsVectorFormatV2
            writer(layer, str(tmp / "plain.geojson"), QgsProject.instance().transformContext(), options)

        def geojson():
            gate = PrivacyGate(user="bench")
            names = gate.publishable_fields(layer.name(), [f.name() for f in layer.fields()])
            export.write_geojson(export.public_copy(layer, names), tmp / "ours.geojson")

        def package():
            metadata = DatasetMetadata(
                title="Bench panden",
                description="Benchmark.",
                contact_name="Bench",
                contact_email="bench@dordrecht.nl",
            )
            export_package([layer], tmp / "package", metadata, PrivacyGate(user="bench"))

        t_plain = median_seconds(plain)
        t_geojson = median_seconds(geojson)
        t_package = median_seconds(package)
    print(f"[bench_opendata] {FEATURES} polygons, median of {REPEATS}")
    print(f"[bench_opendata] plain GeoJSON export: {t_plain:.2f} s")
    print(
        f"[bench_opendata] package GeoJSON writer: {t_geojson:.2f} s (ratio {t_geojson / t_plain:.2f}x plain)"
    )
    print(
        f"[bench_opendata] whole package (GeoJSON+GPKG+CSV+metadata): {t_package:.2f} s "
        f"(ratio {t_package / t_plain:.2f}x plain)"
    )
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
