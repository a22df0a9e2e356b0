"""Writes the sample district's layers to a GeoPackage through OGR (fields typed from the first record)."""

from __future__ import annotations

from pathlib import Path

from osgeo import ogr, osr

from ...core.errors import SmartSocietyError

GEOMETRY_TYPES = {
    "buildings": ogr.wkbPolygon,
    "addresses": ogr.wkbPoint,
    "land_cover": ogr.wkbPolygon,
    "trees": ogr.wkbPoint,
    "green_spaces": ogr.wkbPolygon,
    "amenities": ogr.wkbPoint,
    "walking_network": ogr.wkbLineString,
    "buurten": ogr.wkbMultiPolygon,
    "sensors": ogr.wkbPoint,
    "solar_panels_truth": ogr.wkbPolygon,
}

# Field order and types per layer, so that empty layers still get their schema.
FIELDS = {
    "buildings": [
        ("identificatie", str),
        ("gebruiksdoel", str),
        ("bouwjaar", int),
        ("b3_h_maaiveld", float),
        ("b3_h_50p", float),
        ("b3_h_70p", float),
        ("b3_h_max", float),
        ("b3_dak_type", str),
        ("roof_material", str),
        ("roof_colour", str),
        ("has_solar", int),
        ("woningen", int),
        ("bu_code", str),
    ],
    "addresses": [
        ("identificatie", str),
        ("pand_id", str),
        ("gebruiksdoel", str),
        ("bu_code", str),
        ("inwoners", int),
    ],
    "land_cover": [("bgt_type", str), ("fysiek_voorkomen", str), ("cover", str)],
    "trees": [
        ("boom_id", str),
        ("soort", str),
        ("crown_diameter_m", float),
        ("height_m", float),
        ("planting_year", int),
    ],
    "green_spaces": [("name", str), ("area_m2", float), ("is_public", int)],
    "amenities": [("name", str), ("category", str)],
    "walking_network": [
        ("edge_id", int),
        ("road_type", str),
        ("walk", int),
        ("bike", int),
        ("length_m", float),
    ],
    "buurten": [
        ("bu_code", str),
        ("bu_naam", str),
        ("wk_code", str),
        ("gm_code", str),
        ("gm_naam", str),
        ("aant_inw", int),
        ("aant_man", int),
        ("aant_vrouw", int),
        ("p_00_14_jr", int),
        ("p_15_24_jr", int),
        ("p_25_44_jr", int),
        ("p_45_64_jr", int),
        ("p_65_eo_jr", int),
        ("aantal_hh", int),
        ("gem_hh_gr", float),
        ("bev_dichth", int),
    ],
    "sensors": [
        ("reference", str),
        ("name", str),
        ("owner", str),
        ("sensor_type", str),
        ("themes", str),
        ("contains_personal_data", int),
        ("status", str),
    ],
    "solar_panels_truth": [
        ("building_id", str),
        ("panel_type", str),
        ("panel_count", int),
        ("area_m2", float),
    ],
}
OGR_TYPES = {str: ogr.OFTString, int: ogr.OFTInteger, float: ogr.OFTReal}


class SampleDataError(SmartSocietyError):
    """The sample district could not be written or read."""


def write_layers(path: Path, layers: dict, names: list[str] | None = None) -> None:
    """Write ``layers`` (name -> records with ``.geometry`` and ``.attributes``) to a new GeoPackage."""
    driver = ogr.GetDriverByName("GPKG")
    if path.exists():
        path.unlink()
    source = driver.CreateDataSource(str(path))
    if source is None:
        raise SampleDataError(f"cannot create GeoPackage {path}: is the folder writable?")
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(28992)
    try:
        for name in names or list(layers):
            layer = source.CreateLayer(name, srs, GEOMETRY_TYPES[name], ["GEOMETRY_NAME=geom", "FID=fid"])
            for field_name, kind in FIELDS[name]:
                layer.CreateField(ogr.FieldDefn(field_name, OGR_TYPES[kind]))
            definition = layer.GetLayerDefn()
            layer.StartTransaction()
            for record in layers[name]:
                feature = ogr.Feature(definition)
                for field_name, _ in FIELDS[name]:
                    feature.SetField(field_name, record.attributes[field_name])
                feature.SetGeometry(ogr.CreateGeometryFromWkb(record.geometry.wkb))
                if layer.CreateFeature(feature) != 0:
                    raise SampleDataError(f"cannot write a feature to layer {name} of {path}")
            layer.CommitTransaction()
    finally:
        source = None  # closes and flushes the file
