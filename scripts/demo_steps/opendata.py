"""Open-data demo step (the last one): an open-data package of the sample district's public layers.

Writes ``<out>/opendata/<dataset>/`` with GeoJSON (RFC 7946), one GeoPackage (EPSG:28992), CSV with WKT,
README, DCAT-AP-DONL 2.0 JSON-LD, the CKAN dictionary, ISO 19115 NL 2.1.0 XML and a DCAT catalogue.
``addresses`` (residents per address) and ``sensors`` (the register publishes its own public part) are
left out; names of public places are released through the privacy gate with a logged reason.
"""

from __future__ import annotations

PUBLIC_LAYERS = ["buildings", "trees", "green_spaces", "amenities", "buurten", "land_cover"]
RELEASES = [
    ("green_spaces", "name", "Naam van een openbaar park of plantsoen, geen persoon"),
    ("amenities", "name", "Naam van een openbare voorziening (school, winkel, halte), geen persoon"),
    ("buurten", "bu_naam", "Officiële CBS-buurtnaam, geen persoonsgegeven"),
    ("buurten", "gm_naam", "Officiële gemeentenaam, geen persoonsgegeven"),
]


def run(context) -> list[str]:
    from qgis.core import QgsVectorLayer

    from smart_society.processing.opendata import metadata as md
    from smart_society.processing.opendata.package import PackageOptions, export_package
    from smart_society.processing.opendata.privacy import PrivacyGate

    if context.district is None:
        raise RuntimeError("no sample district: the foundation step must run first")
    gpkg = context.district.gpkg
    layers = []
    for name in PUBLIC_LAYERS:
        layer = QgsVectorLayer(f"{gpkg}|layername={name}", name, "ogr")
        if not layer.isValid():
            raise RuntimeError(f"{gpkg}: layer {name!r} could not be opened")
        layers.append(layer)
    out_dir = context.out_dir / "opendata"
    gate = PrivacyGate(log_path=out_dir / "release_log.jsonl", user="demo")
    for layer_name, field_name, reason in RELEASES:
        if any(
            f.name() == field_name for layer in layers if layer.name() == layer_name for f in layer.fields()
        ):
            gate.release(layer_name, field_name, reason)
    metadata = md.DatasetMetadata(
        title="Spoorzone Dordrecht - digitale tweeling (voorbeeldwijk)",
        description=(
            "Openbare lagen van de digitale tweeling van de Spoorzone in Dordrecht: gebouwen met "
            "3D-hoogten, bomen, groengebieden, voorzieningen, CBS-buurten en bodemgebruik (BGT). "
            "Gegenereerde voorbeeldgegevens; adressen met inwoneraantallen zijn niet opgenomen."
        ),
        keywords=["digitale tweeling", "Spoorzone", "gebouwen", "bomen", "groen", "buurten"],
        themes=[md.THEME_SPATIAL, "http://standaarden.overheid.nl/owms/terms/Natuur_en_milieu"],
        licence=md.CC_BY,
        contact_name="Gemeente Dordrecht, Team Geo-informatie",
        contact_email="geo-informatie@dordrecht.nl",
        contact_website="https://www.dordrecht.nl",
        landing_page="https://www.dordrecht.nl/smart-society",
        frequency=("http://publications.europa.eu/resource/authority/frequency/ANNUAL"),
        ckan_organisation="gemeente-dordrecht",
        name="spoorzone-digitale-tweeling",
    )
    result = export_package(layers, out_dir, metadata, gate, PackageOptions())
    context.results["opendata_package"] = result.directory
    lines = result.summary_lines()
    lines.append(
        f"privacy releases logged in {out_dir / 'release_log.jsonl'}: "
        + ", ".join(f"{e['layer']}.{e['field']}" for e in gate.releases)
    )
    return lines  # scripts/demo.py prints them
