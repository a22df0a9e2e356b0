"""QGIS layers and native attribute forms for the register (qgis.core only: no widgets, no iface).

:func:`load_register_layers` opens the register's tables as QGIS layers (GeoPackage or PostGIS) and
:func:`configure_sensor_form` gives the sensors layer Dutch aliases, tabs, value relations to the value-list
tables, the validation rules as field constraints (same Dutch messages as :mod:`.validation`) and default
values for ids, timestamps, user and the optimistic-locking version (``row_version + 1`` on every save).
"""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsAttributeEditorContainer,
    QgsAttributeEditorField,
    QgsDataSourceUri,
    QgsDefaultValue,
    QgsEditFormConfig,
    QgsEditorWidgetSetup,
    QgsFieldConstraints,
    QgsGraduatedSymbolRenderer,
    QgsProject,
    QgsVectorLayer,
)

from ....core.paths import style_path
from . import model
from .validation import FORM_CONSTRAINTS, MESSAGES

ROLE_PROPERTY = "smart_society/register_table"
LAYER_TITLES = {
    "sensors": "Sensoren",
    "sensors_latest": "Sensoren – laatste meetwaarde",
    "organisations": "Organisaties",
    "contacts": "Contactpersonen",
    "datastreams": "Datastromen",
    "audit_log": "Historie (audit)",
}


def is_postgis(location: str) -> bool:
    return str(location).startswith(("postgresql://", "postgres://", "host=", "dbname=", "service="))


def register_layer(
    location: str,
    table: str,
    name: str | None = None,
    schema: str = "sensor_register",
    geometry: bool = False,
) -> QgsVectorLayer:
    name = name or LAYER_TITLES.get(table, table)
    if is_postgis(location):
        uri = QgsDataSourceUri(str(location))
        uri.setDataSource(schema, table, "geom" if geometry else None, "", "fid")
        if geometry:
            uri.setSrid(str(model.SRID))
            uri.setWkbType(1)  # Point
        layer = QgsVectorLayer(uri.uri(False), name, "postgres")
    else:
        layer = QgsVectorLayer(f"{Path(location)}|layername={table}", name, "ogr")
    return layer


def load_register_layers(location: str, schema: str = "sensor_register") -> dict[str, QgsVectorLayer]:
    """Every register table as a layer (not yet added to a project); value lists keyed by table name."""
    layers = {
        table: register_layer(location, table, schema=schema, geometry=table in ("sensors", "sensors_latest"))
        for table in LAYER_TITLES
    }
    for table in model.VALUE_LISTS:
        layers[table] = register_layer(location, table, f"Waardelijst {table[3:]}", schema)
    invalid = [t for t, layer in layers.items() if not layer.isValid()]
    if invalid:
        from .errors import RegisterError

        raise RegisterError(f"{location}: kan de tabellen {', '.join(invalid)} niet als laag openen.")
    return layers


def _value_relation(layer: QgsVectorLayer, key: str, value: str, multi: bool = False) -> QgsEditorWidgetSetup:
    return QgsEditorWidgetSetup(
        "ValueRelation",
        {
            "Layer": layer.id(),
            "LayerName": layer.name(),
            "LayerSource": layer.source(),
            "LayerProviderName": layer.providerType(),
            "Key": key,
            "Value": value,
            "AllowMulti": multi,
            "AllowNull": not multi,
            "OrderByValue": False,
            "UseCompleter": False,
            "NofColumns": 1,
        },
    )


def _tab_layout():
    value = getattr(QgsEditFormConfig, "TabLayout", None)
    if value is None:  # QGIS >= 3.32 moved the enum
        from qgis.core import Qgis

        value = Qgis.AttributeFormLayout.DragAndDrop
    return value


def configure_sensor_form(sensors: QgsVectorLayer, layers: dict[str, QgsVectorLayer]) -> None:
    """Aliases, widgets, constraints, defaults and tabs on the sensors layer."""
    fields = sensors.fields()
    for f in model.SENSOR_FIELDS:
        index = fields.indexOf(f.name)
        if index < 0:
            continue
        sensors.setFieldAlias(index, f.label_nl)
        if f.name == "owner_id":
            sensors.setEditorWidgetSetup(index, _value_relation(layers["organisations"], "fid", "org_name"))
        elif f.value_list:
            sensors.setEditorWidgetSetup(
                index, _value_relation(layers[f.value_list], "code", "label_nl", f.multi)
            )
        elif f.kind == "bool":
            sensors.setEditorWidgetSetup(
                index, QgsEditorWidgetSetup("CheckBox", {"CheckedState": "", "UncheckedState": ""})
            )
        elif f.kind in ("date", "datetime"):
            sensors.setEditorWidgetSetup(
                index,
                QgsEditorWidgetSetup(
                    "DateTime",
                    {
                        "display_format": "yyyy-MM-dd" if f.kind == "date" else "yyyy-MM-dd HH:mm:ss",
                        "field_format": "yyyy-MM-dd" if f.kind == "date" else "yyyy-MM-ddTHH:mm:ss",
                        "allow_null": True,
                        "calendar_popup": True,
                    },
                ),
            )
        elif f.name in ("description", "internal_remarks", "location_description"):
            sensors.setEditorWidgetSetup(index, QgsEditorWidgetSetup("TextEdit", {"IsMultiline": True}))
        if f.required and f.name != "owner_id" and f.kind != "bool":
            sensors.setConstraintExpression(
                index,
                f'"{f.name}" IS NOT NULL AND trim(to_string("{f.name}")) <> \'\'',
                f"{f.label_nl}: {MESSAGES['required']}",
            )
            sensors.setFieldConstraint(
                index, QgsFieldConstraints.ConstraintNotNull, QgsFieldConstraints.ConstraintStrengthHard
            )
        if f.name in FORM_CONSTRAINTS:
            expression, message = FORM_CONSTRAINTS[f.name]
            sensors.setConstraintExpression(index, expression, f"{f.label_nl}: {message}")
            sensors.setFieldConstraint(
                index, QgsFieldConstraints.ConstraintExpression, QgsFieldConstraints.ConstraintStrengthHard
            )
    defaults = {
        "sensor_uuid": ("lower(regexp_replace(uuid(), '[{}-]', ''))", False),
        "created_by": ("@user_account_name", False),
        "created_at": ("now()", False),
        "modified_by": ("@user_account_name", True),
        "modified_at": ("now()", True),
        "row_version": ('coalesce("row_version", 0) + 1', True),  # optimistic locking: the DB checks old + 1
        "status": ("'concept'", False),
        "category": ("'sensor'", False),
        "is_mobile": ("false", False),
        "contains_personal_data": ("false", False),
        "is_active": ("true", False),
        "is_public": ("true", False),
        "is_open_data": ("false", False),
        "is_reusable": ("false", False),
    }
    for name, (expression, on_update) in defaults.items():
        index = fields.indexOf(name)
        if index >= 0:
            sensors.setDefaultValueDefinition(index, QgsDefaultValue(expression, on_update))
    config = sensors.editFormConfig()
    config.setLayout(_tab_layout())
    root = config.invisibleRootContainer()
    root.clear()
    for tab in model.TABS:
        container = QgsAttributeEditorContainer(tab, root)
        container.setIsGroupBox(False)
        for f in model.SENSOR_FIELDS:
            if f.tab == tab and fields.indexOf(f.name) >= 0:
                container.addChildElement(QgsAttributeEditorField(f.name, fields.indexOf(f.name), container))
        root.addChildElement(container)
    for f in model.SENSOR_FIELDS:
        if f.system and fields.indexOf(f.name) >= 0:
            config.setReadOnly(fields.indexOf(f.name), True)
    sensors.setEditFormConfig(config)
    sensors.setDisplayExpression('"reference" || \' – \' || "name"')


def style_latest_layer(layer: QgsVectorLayer) -> None:
    """Colour each sensor by its latest value (shipped style, or a graduated fallback)."""
    qml = Path(style_path("register_latest"))
    if qml.exists():
        layer.loadNamedStyle(str(qml))
        return
    renderer = (
        QgsGraduatedSymbolRenderer.createRenderer(
            layer, "latest_value", 5, QgsGraduatedSymbolRenderer.Jenks, None, None
        )
        if hasattr(QgsGraduatedSymbolRenderer, "createRenderer")
        else None
    )
    if renderer is not None:
        layer.setRenderer(renderer)


def add_register_to_project(
    location: str,
    project: QgsProject | None = None,
    group_name: str = "Sensoren",
    schema: str = "sensor_register",
) -> dict[str, QgsVectorLayer]:
    """Add the register layers (forms configured) to ``project`` under a group; returns the layers."""
    project = project or QgsProject.instance()
    layers = load_register_layers(location, schema)
    for layer_id, layer in list(
        project.mapLayers().items()
    ):  # re-adding replaces the earlier register layers
        if layer.customProperty(ROLE_PROPERTY):
            project.removeMapLayer(layer_id)
    for table, layer in layers.items():
        layer.setCustomProperty(ROLE_PROPERTY, table)
    root = project.layerTreeRoot()
    group = root.findGroup(group_name) or root.insertGroup(0, group_name)
    old_lists = group.findGroup("Waardelijsten")
    if old_lists is not None:
        group.removeChildNode(old_lists)
    lists = group.addGroup("Waardelijsten")
    for table in model.VALUE_LISTS:
        project.addMapLayer(layers[table], False)
        lists.addLayer(layers[table])
    lists.setExpanded(False)
    lists.setItemVisibilityChecked(False)
    for table in ("audit_log", "datastreams", "contacts", "organisations"):
        project.addMapLayer(layers[table], False)
        group.addLayer(layers[table])
    configure_sensor_form(layers["sensors"], layers)
    style_latest_layer(layers["sensors_latest"])
    sensors_style = Path(style_path("register_sensors"))
    if sensors_style.exists():
        layers["sensors"].loadNamedStyle(str(sensors_style))
        configure_sensor_form(layers["sensors"], layers)  # the style must not undo the form
    for table in ("sensors_latest", "sensors"):
        project.addMapLayer(layers[table], False)
        group.insertLayer(0, layers[table])
    return layers


def constraint_messages(layer: QgsVectorLayer, feature) -> dict[str, str]:
    """Field name -> the Dutch message of every form constraint the feature breaks (what the form shows)."""
    from qgis.core import QgsVectorLayerUtils

    out = {}
    for index, field in enumerate(layer.fields()):
        ok, errors = QgsVectorLayerUtils.validateAttribute(layer, feature, index)
        if not ok:
            text = "; ".join(e.replace(" check failed", "") for e in errors)
            prefix = f"{layer.attributeDisplayName(index)}: "
            out[field.name()] = text[len(prefix) :] if text.startswith(prefix) else text
    return out
