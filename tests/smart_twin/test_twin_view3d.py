"""3D renderer set-up (no GL needed): extrusion expression per attribute generation, colours, saved view."""

from __future__ import annotations

import pytest
from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsProject,
    QgsVectorLayer,
)

from smart_society.plugins.smart_twin.core import view3d


@pytest.fixture(scope="module", autouse=True)
def _init_3d(qgis_app):
    from qgis._3d import Qgs3D

    Qgs3D.initialize()


def _evaluate(expression_text, fields, values):
    layer = QgsVectorLayer(
        "Polygon?crs=EPSG:28992&" + "&".join(f"field={f}:double" for f in fields), "x", "memory"
    )
    feature = QgsFeature(layer.fields())
    feature.setAttributes(values)
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    context.setFeature(feature)
    expression = QgsExpression(expression_text)
    value = expression.evaluate(context)
    assert not expression.hasEvalError(), expression.evalErrorString()
    return value


def test_height_expression_for_both_generations_and_fallbacks():
    newer = view3d.height_expression(["b3_h_maaiveld", "b3_h_70p"])
    assert _evaluate(newer, ["b3_h_maaiveld", "b3_h_70p"], [0.4, 12.9]) == pytest.approx(12.5)
    older = view3d.height_expression(["b3_h_maaiveld", "b3_h_dak_70p"])
    assert _evaluate(older, ["b3_h_maaiveld", "b3_h_dak_70p"], [-0.5, 6.0]) == pytest.approx(6.5)
    relative = view3d.height_expression(["hoogte_rel", "b3_h_maaiveld", "b3_h_70p"])
    assert _evaluate(
        relative, ["hoogte_rel", "b3_h_maaiveld", "b3_h_70p"], [None, 1.0, 4.0]
    ) == pytest.approx(3.0)
    assert view3d.height_expression(["name"]) == str(view3d.FALLBACK_HEIGHT_M)


def test_colour_rules_and_renderer(mini_district):
    layer = QgsVectorLayer(f"{mini_district.gpkg}|layername=buildings", "b", "ogr")
    renderer = view3d.apply_building_3d(layer, colour_by="use")
    assert renderer.type() == "rulebased"
    assert len(renderer.rootRule().children()) == len(view3d.USE_COLOURS) + 1
    classes = [(None, 10, "#00ff00"), (10, None, "#ff0000")]
    rules = view3d.colour_rules("value", "b3_h_70p", classes)
    assert rules[0][0] == '"b3_h_70p" < 10' and rules[1][0] == '"b3_h_70p" >= 10'
    # the rules select the buildings a person would: roofs 10.5, 6.3, 14.8, 3.1, 21.0 -> 2 low, 3 high
    low = [f for f in layer.getFeatures(rules[0][0])]
    assert len(low) == 2
    age = view3d.colour_rules("age")
    assert any(r[0] == '"bouwjaar" >= 1900 AND "bouwjaar" < 1945' for r in age)
    assert layer.renderer3D() is not None


def test_3d_view_is_written_with_the_project(mini_district, tmp_path):
    project = QgsProject()
    layer = QgsVectorLayer(f"{mini_district.gpkg}|layername=buildings", "b", "ogr")
    project.addMapLayer(layer)
    view3d.add_3d_view(project, mini_district.extent, [layer], name="Test 3D")
    path = tmp_path / "p.qgs"
    assert project.write(str(path))
    assert view3d.saved_3d_views(path) == ["Test 3D"]
    text = path.read_text()
    # Qt writes attributes in random order: look for each one
    assert f'id="{layer.id()}"' in text.split("<mapViewDocks3D>")[1] and 'type="flat"' in text
