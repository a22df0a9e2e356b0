"""Validation rules (GUI-free): each rule refuses what it must, names the field, speaks Dutch."""

from __future__ import annotations

import datetime as dt

import pytest
from register_testkit import valid_row

from smart_society.plugins.sensor_register.core import validation
from smart_society.plugins.sensor_register.core.validation import check_raw


def fields_of(issues):
    return {i.field for i in issues}


def test_valid_row_has_no_issues():
    record, issues = check_raw(valid_row(), 2)
    assert issues == []
    assert record["themes"] == ["lucht"]
    assert record["sensor_type"] == "chemie"
    assert record["start_date"] == dt.date(2024, 1, 1)


def test_personal_data_requires_legal_ground_and_privacy_url():
    _record, issues = check_raw(valid_row(contains_personal_data="ja"), 7)
    assert fields_of(issues) == {"legal_ground", "privacy_statement_url"}
    text = str(issues[0])
    assert text.startswith("Rij 7, veld ") and "wettelijke grondslag" in text
    _record, issues = check_raw(
        valid_row(
            contains_personal_data="ja",
            legal_ground="Publieke taak",
            privacy_statement_url="https://www.dordrecht.nl/privacy",
        ),
        7,
    )
    assert issues == []


def test_active_until_not_before_start():
    _record, issues = check_raw(valid_row(start_date="2025-05-01", active_until="2025-04-30"), 3)
    assert fields_of(issues) == {"active_until"}
    assert "2025-05-01" in issues[0].message


@pytest.mark.parametrize(
    "url,ok",
    [
        ("https://www.dordrecht.nl/privacy", True),
        ("http://data.example.org:8080/x?a=1", True),
        ("www.dordrecht.nl", False),
        ("ftp://x.nl/a", False),
        ("https://", False),
        ("https://exa mple.nl", False),
        ("javascript:alert(1)", False),
    ],
)
def test_urls(url, ok):
    _record, issues = check_raw(valid_row(data_url=url), 4)
    assert (issues == []) is ok
    if not ok:
        assert issues[0].field == "data_url" and "http" in issues[0].message


@pytest.mark.parametrize(
    "email,problem",
    [
        ("info@dordrecht.nl", None),
        ("sensor-beheer@dordrecht.nl", None),
        ("privacy@rivm.nl", None),
        ("jan.jansen@dordrecht.nl", "ck_functional_email"),
        ("j.devries@gmail.com", "ck_functional_email"),
        ("informatie@", "ck_email"),
        ("geen adres", "ck_email"),
    ],
)
def test_public_contact_email_must_be_functional(email, problem):
    assert validation.email_problem(email) == problem
    _record, issues = check_raw(valid_row(public_contact_email=email), 5)
    assert [i.rule for i in issues] == ([problem] if problem else [])


def test_coordinates_rd_or_wgs84_inside_nl():
    record, issues = check_raw(valid_row(x=None, y=None, lon=4.6690, lat=51.8098), 2)
    assert issues == []
    assert 104000 < record["x"] < 106000 and 424000 < record["y"] < 426000  # Dordrecht station area
    for x, y in [(2.35, 48.85), (500000.0, 424000.0), (105000.0, 100.0)]:  # Paris, east of NL, far south
        _record, issues = check_raw(valid_row(x=x, y=y), 9)
        assert fields_of(issues) == {"location"}
        assert "Nederland" in issues[0].message


def test_mobile_sensor_needs_regions():
    _record, issues = check_raw(valid_row(is_mobile="ja"), 2)
    assert fields_of(issues) == {"regions"}
    _record, issues = check_raw(valid_row(is_mobile="ja", regions="Binnenstad;Krispijn"), 2)
    assert issues == []


def test_themes_from_value_list_and_at_least_one():
    _record, issues = check_raw(valid_row(themes=""), 2)
    assert fields_of(issues) == {"themes"}
    _record, issues = check_raw(valid_row(themes="Lucht;Onzin"), 2)
    assert fields_of(issues) == {"themes"} and "Onzin" in issues[0].message
    record, issues = check_raw(
        valid_row(themes="{lucht,geluid}"), 2
    )  # what QGIS's multi value relation writes
    assert issues == [] and record["themes"] == ["lucht", "geluid"]


def test_required_fields_and_type_errors_name_the_field():
    _record, issues = check_raw({"reference": "A", "start_date": "gisteren", "height_m": "hoog"}, 11)
    names = fields_of(issues)
    assert {
        "owner",
        "sensor_type",
        "observes",
        "observation_goal",
        "start_date",
        "height_m",
        "location",
    } <= names
    assert all(i.row == 11 for i in issues)
    assert any("JJJJ-MM-DD" in i.message for i in issues if i.field == "start_date")


def test_other_type_needs_description():
    _record, issues = check_raw(valid_row(sensor_type="Anders, namelijk"), 2)
    assert fields_of(issues) == {"sensor_type_other"}


def test_form_constraints_are_valid_qgis_expressions(qgis_app):
    from qgis.core import QgsExpression

    assert {
        "legal_ground",
        "privacy_statement_url",
        "active_until",
        "public_contact_email",
        "regions",
        "themes",
    } <= set(validation.FORM_CONSTRAINTS)
    for field, (expression, message) in validation.FORM_CONSTRAINTS.items():
        parsed = QgsExpression(expression)
        assert not parsed.hasParserError(), (field, parsed.parserErrorString())
        assert message


def test_form_email_expression_agrees_with_python(qgis_app):
    from qgis.core import QgsExpression, QgsExpressionContext, QgsExpressionContextScope

    expression = QgsExpression(validation.FORM_CONSTRAINTS["public_contact_email"][0])
    for email in [
        "info@dordrecht.nl",
        "sensor-beheer@dordrecht.nl",
        "jan.jansen@dordrecht.nl",
        "p.smit@x.nl",
    ]:
        context = QgsExpressionContext()
        scope = QgsExpressionContextScope()
        scope.setFields(__import__("qgis.core", fromlist=["QgsFields"]).QgsFields())
        context.appendScope(scope)
        expression_text = expression.expression().replace('"public_contact_email"', f"'{email}'")
        result = bool(QgsExpression(expression_text).evaluate(context))
        assert result is (validation.email_problem(email) is None), email
