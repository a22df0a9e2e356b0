"""Small open-data fixtures: a few RD New features with awkward fields, built in memory per test."""

from __future__ import annotations

import pytest


def _make_layer(kind: str, name: str):
    from qgis.core import QgsFeature, QgsField, QgsGeometry, QgsVectorLayer
    from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QVariant

    layer = QgsVectorLayer(f"{kind}?crs=EPSG:28992", name, "memory")
    provider = layer.dataProvider()
    provider.addAttributes(
        [
            QgsField("identificatie", QVariant.String),
            QgsField("omschrijving_lang", QVariant.String),
            QgsField("bouwjaar", QVariant.Int),
            QgsField("hoogte_m", QVariant.Double),
            QgsField("gemeten_op", QVariant.DateTime),
            QgsField("eigenaar_naam", QVariant.String),
            QgsField("email", QVariant.String),
            QgsField("contact_phone", QVariant.String),
        ]
    )
    layer.updateFields()
    features = []
    for i in range(6):
        x, y = 104712.345 + 151.7 * i, 423811.111 + 97.3 * i
        if kind == "Point":
            geometry = QgsGeometry.fromWkt(f"POINT ({x} {y})")
        else:
            geometry = QgsGeometry.fromWkt(
                f"POLYGON (({x} {y}, {x + 12.5} {y}, {x + 12.5} {y + 8.25}, {x} {y + 8.25}, {x} {y}))"
            )
        feature = QgsFeature(layer.fields())
        feature.setGeometry(geometry)
        feature.setAttributes(
            [
                f"NL.IMBAG.Pand.05051000000{i:05d}",
                "Café aan de Spuihaven – Ĳsselmonde" if i % 2 else "x" * 300,
                1900 + 17 * i,
                3.25 * i,
                QDateTime(QDate(2024, 1 + i, 3), QTime(10, 30, 0)),
                f"Jan de Vries {i}",
                f"jan{i}@example.nl",
                "+31 78 000 0000",
            ]
        )
        features.append(feature)
    provider.addFeatures(features)
    layer.updateExtents()
    return layer


@pytest.fixture
def rd_polygons(qgis_app):
    return _make_layer("Polygon", "panden test")


@pytest.fixture
def rd_points(qgis_app):
    return _make_layer("Point", "bomen")
