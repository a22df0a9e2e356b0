"""An open-data package: the files of the chosen layers, README, metadata and the privacy release log.

Layout of ``<out_dir>/<dataset name>/``::

    <layer>.geojson                 RFC 7946, WGS84
    <layer>.csv (+ .csvt, .prj)     UTF-8, WKT in RD New
    <dataset name>.gpkg             every layer, RD New
    <layer>_shp.zip                 only on request
    README.md                       licence, attribution, files, fields, privacy
    manifest.json                   every deliverable: layer, format, size, SHA-256 (read by the publisher)
    metadata/dataset.jsonld, ckan_package.json, iso19115.xml, catalog.jsonld
    privacy_release_log.jsonl       only when personal fields were released (not published)

and ``<out_dir>/catalog.jsonld``, a DCAT catalogue of every package in ``out_dir`` (the harvest file).
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from string import Template

from qgis.core import QgsVectorLayer

from ...core.paths import RESOURCES_DIR
from . import export
from .catalogue import packages_catalogue, write_catalogue
from .crs import wgs84_transform
from .errors import MetadataValidationError, OpenDataError
from .iso19115 import write_iso19115
from .metadata import DatasetMetadata, Distribution, to_ckan_package, to_ckan_resource, to_jsonld, validate
from .privacy import NEVER, PrivacyGate
from .valuelists import value_list, value_list_dates

README_TEMPLATE = RESOURCES_DIR / "opendata" / "README_template.md"
DEFAULT_FORMATS = ("geojson", "gpkg", "csv")
FORMAT_LABELS = {"geojson": "GeoJSON", "gpkg": "GeoPackage", "csv": "CSV", "shp": "Shapefile (zip)"}
MANIFEST = "manifest.json"
RELEASE_LOG = "privacy_release_log.jsonl"
#: row-level publication flags of the sensor register: a row is published only when every present flag is true
PUBLICATION_FLAGS = ("is_public", "is_open_data")


@dataclass
class PackageOptions:
    formats: tuple[str, ...] = DEFAULT_FORMATS
    shapefile: bool = False
    decimals: int = 7
    catalogue_uri: str = "https://data.dordrecht.nl/catalogus"
    catalogue_title: str = "Gemeente Dordrecht"


@dataclass
class LayerReport:
    layer: str
    file_stem: str
    feature_count: int
    fields: list[str]
    blocked: list[tuple[str, str, str]]  # (field, status, why)
    released: list[tuple[str, str]]  # (field, reason)
    withheld_features: int = 0  # rows the source itself marks as not public (register flags)


@dataclass
class PackageResult:
    directory: Path
    metadata: DatasetMetadata
    files: list[export.ExportedFile] = field(default_factory=list)
    layers: list[LayerReport] = field(default_factory=list)
    metadata_files: dict[str, Path] = field(default_factory=dict)
    readme: Path | None = None
    manifest: Path | None = None
    release_log: Path | None = None
    warnings: list[str] = field(default_factory=list)

    def summary_lines(self) -> list[str]:
        lines = [f"package {self.directory}"]
        listed = set()
        for f in self.files:
            if f.path in listed:
                continue
            listed.add(f.path)
            if f.format == "gpkg":
                what = f"{len(self.layers)} layers, {sum(r.feature_count for r in self.layers)} features"
            else:
                what = f"{f.layer}, {f.feature_count} features"
            lines.append(f"  {f.path.name}: {FORMAT_LABELS[f.format]}, {what}, {f.size / 1024:.0f} KiB")
        if self.readme is not None:
            lines.append(f"  {self.readme.name} (licence, attribution, files, fields, privacy)")
        for key, path in self.metadata_files.items():
            shown = path.relative_to(self.directory) if self.directory in path.parents else path
            lines.append(f"  {shown} ({key})")
        for report in self.layers:
            if report.blocked:
                lines.append(f"  withheld from {report.layer}: " + ", ".join(b[0] for b in report.blocked))
        lines += [f"  warning: {w}" for w in self.warnings]
        return lines


def row_filter(layer: QgsVectorLayer):
    """``feature -> bool`` keeping only rows the sensor register marks public and open data (None: keep all).

    The register's publication flags (``is_open_data`` and ``is_public``) say per sensor whether it may be
    published; rows with a flag that is 0/false/empty stay out. Layers without ``is_open_data`` are kept
    whole.
    """
    if layer.fields().indexFromName("is_open_data") < 0:
        return None  # not the register (``is_public`` alone means "publicly accessible", e.g. green spaces)
    flags = [name for name in PUBLICATION_FLAGS if layer.fields().indexFromName(name) >= 0]

    def keep(feature) -> bool:
        for name in flags:
            value = feature.attribute(name)
            if value is None or (hasattr(value, "isNull") and value.isNull()):
                return False
            if str(value).strip().lower() in ("0", "false", "f", "nee", "no", ""):
                return False
        return True

    return keep


def _check_metadata(metadata: DatasetMetadata) -> None:
    issues = validate(metadata)
    if issues:
        raise MetadataValidationError(issues)


def export_package(
    layers: list[QgsVectorLayer],
    out_dir: Path,
    metadata: DatasetMetadata,
    gate: PrivacyGate,
    options: PackageOptions | None = None,
    progress: Callable[[float, str], None] | None = None,
    is_canceled: Callable[[], bool] | None = None,
) -> PackageResult:
    """Write the package of ``layers`` (only the fields ``gate`` lets through) and its metadata.

    The metadata is validated first (without distributions) and again with them; nothing is written when
    the first validation fails. Raises MetadataValidationError, PrivacyGateError or OpenDataError.
    """
    options = options or PackageOptions()
    progress = progress or (lambda fraction, message: None)
    metadata.complete()
    metadata.distributions = []
    _check_metadata(metadata)
    formats = [f for f in options.formats if f in export.FORMATS and f != "shp"]
    if options.shapefile or "shp" in options.formats:
        formats.append("shp")
    if not formats:
        raise OpenDataError(f"No export format chosen; expected some of {', '.join(export.FORMATS)}.")
    if not layers:
        raise OpenDataError("No layers chosen for the open-data package.")
    directory = Path(out_dir) / metadata.name
    directory.mkdir(parents=True, exist_ok=True)
    result = PackageResult(directory, metadata)
    gpkg_path = directory / f"{metadata.name.replace('-', '_')}.gpkg"
    gpkg_path.unlink(missing_ok=True)
    used_stems: set[str] = set()
    steps = len(layers) * len(formats)
    done = 0
    for layer in layers:
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            raise OpenDataError(
                f"Layer '{getattr(layer, 'name', lambda: '?')()}' is not a valid vector layer."
            )
        names = [f.name() for f in layer.fields()]
        reviews = gate.review(layer.name(), names)
        publishable = [r.field for r in reviews if r.publishable and r.field.lower() != "fid"]
        stem = export.safe_name(layer.name())
        while stem in used_stems:
            stem += "_2"
        used_stems.add(stem)
        report = LayerReport(
            layer.name(),
            stem,
            layer.featureCount(),
            publishable,
            [(r.field, r.status, r.why) for r in reviews if not r.publishable],
            [(r.field, r.release_reason) for r in reviews if r.released],
        )
        result.layers.append(report)
        keep = row_filter(layer)
        copy = export.public_copy(layer, publishable, stem, keep)
        report.withheld_features = layer.featureCount() - copy.featureCount()
        report.feature_count = copy.featureCount()
        wgs = wgs84_transform(copy.crs())
        for fmt in formats:
            if is_canceled and is_canceled():
                raise OpenDataError(
                    f"Export of package '{metadata.name}' was cancelled at layer '{layer.name()}'."
                )
            progress(done / steps, f"{layer.name()}: {FORMAT_LABELS[fmt]}")
            if fmt == "geojson":
                written = export.write_geojson(copy, directory / f"{stem}.geojson", wgs, options.decimals)
            elif fmt == "gpkg":
                written = export.write_geopackage(copy, gpkg_path, stem)
            elif fmt == "csv":
                written = export.write_csv(copy, directory / f"{stem}.csv")
            else:
                written = export.write_shapefile_zip(copy, directory / f"{stem}_shp.zip")
            written.layer = layer.name()
            result.files.append(written)
            for warning in written.warnings:
                if warning not in result.warnings:
                    result.warnings.append(warning)
            done += 1
    progress(0.95, "metadata")
    if metadata.spatial_bbox is None:
        metadata.spatial_bbox = wgs84_bbox(layers)
    _add_distributions(result)
    _check_metadata(metadata)
    result.release_log = gate.write_log(directory / RELEASE_LOG) if gate.releases else None
    _write_metadata(result, options)
    result.manifest = _write_manifest(result)
    result.readme = _write_readme(result)
    # the folder's harvest file lists every package written there
    result.metadata_files["DCAT catalogue of the folder"] = packages_catalogue(
        Path(out_dir), options.catalogue_uri, options.catalogue_title, metadata.publisher
    )
    progress(1.0, "done")
    return result


def wgs84_bbox(layers: list[QgsVectorLayer]) -> tuple[float, float, float, float] | None:
    """West, south, east, north in WGS84 of all ``layers`` together (None when they are all empty)."""
    boxes = []
    for layer in layers:
        extent = layer.extent()
        if extent.isNull() or extent.isEmpty() and layer.featureCount() == 0:
            continue
        box = wgs84_transform(layer.crs()).transform.transformBoundingBox(extent)
        boxes.append((box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()))
    if not boxes:
        return None
    west, south = min(b[0] for b in boxes), min(b[1] for b in boxes)
    east, north = max(b[2] for b in boxes), max(b[3] for b in boxes)
    if east <= west or north <= south:  # a single point: widen to a valid box
        west, south, east, north = west - 1e-5, south - 1e-5, east + 1e-5, north + 1e-5
    return (round(west, 6), round(south, 6), round(east, 6), round(north, 6))


def _add_distributions(result: PackageResult) -> None:
    m = result.metadata
    seen_gpkg = False
    for f in result.files:
        if f.format == "gpkg":
            if seen_gpkg:
                continue
            seen_gpkg = True
            layers = ", ".join(r.layer for r in result.layers)
            title, description = f"{m.title} (GeoPackage)", f"Alle lagen ({layers}) in RD New (EPSG:28992)."
        else:
            title = f"{f.layer} ({FORMAT_LABELS[f.format]})"
            description = {
                "geojson": "RFC 7946, WGS84 (lengte- en breedtegraad, 7 decimalen).",
                "csv": "UTF-8, geometrie als WKT in RD New (EPSG:28992), kolomtypen in .csvt.",
                "shp": "Gezipte Shapefile in RD New (EPSG:28992), UTF-8.",
            }[f.format]
        m.distributions.append(
            Distribution(
                title=title,
                file_name=f.path.name,
                format=f.file_type_uri,
                media_type=f.media_type,
                description=description,
                licence=m.licence,
                language=list(m.language),
                size=f.size,
                sha256=f.sha256(),
            )
        )


def _write_metadata(result: PackageResult, options: PackageOptions) -> None:
    m = result.metadata
    meta_dir = result.directory / "metadata"
    meta_dir.mkdir(exist_ok=True)
    jsonld = meta_dir / "dataset.jsonld"
    jsonld.write_text(json.dumps(to_jsonld(m), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    ckan = meta_dir / "ckan_package.json"
    ckan_document = {
        "package": to_ckan_package(m),
        "resources": [dict(to_ckan_resource(m, d), file_name=d.file_name) for d in m.distributions],
        "metadata": m.to_dict(),
    }
    ckan.write_text(json.dumps(ckan_document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    wgs_note = next((w for w in result.warnings if "RDNAPTRANS2018" in w), "")
    lineage = (
        "Geëxporteerd uit de Dordrecht Smart Twin (QGIS). Lagen: "
        + ", ".join(r.layer for r in result.layers)
        + ". Persoonsgegevens verwijderd tenzij per veld "
        "vrijgegeven." + (f" {wgs_note}" if wgs_note else "")
    )
    iso = write_iso19115(m, meta_dir / "iso19115.xml", lineage=lineage)
    catalogue = write_catalogue(
        [m], meta_dir / "catalog.jsonld", options.catalogue_uri, options.catalogue_title, m.publisher
    )
    result.metadata_files = {
        "DCAT-AP-DONL 2.0 JSON-LD": jsonld,
        "CKAN package": ckan,
        "ISO 19115 NL 2.1.0": iso,
        "DCAT catalogue": catalogue,
    }


def _write_manifest(result: PackageResult) -> Path:
    path = result.directory / MANIFEST
    entries = []
    for f in result.files:
        if f.format == "gpkg" and any(e["file"] == f.path.name for e in entries):
            continue
        entries.append(
            {
                "file": f.path.name,
                "layer": f.layer,
                "format": f.format,
                "media_type": f.media_type,
                "crs": f.crs,
                "features": f.feature_count,
                "size": f.size,
                "sha256": f.sha256(),
            }
        )
    path.write_text(
        json.dumps(
            {"dataset": result.metadata.name, "identifier": result.metadata.identifier, "files": entries},
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def _write_readme(result: PackageResult) -> Path:
    m = result.metadata
    rows = []
    listed = set()
    for f in result.files:
        if f.path.name in listed:
            continue
        listed.add(f.path.name)
        layer = "alle lagen / all layers" if f.format == "gpkg" else f.layer
        count = sum(r.feature_count for r in result.layers) if f.format == "gpkg" else f.feature_count
        rows.append(
            f"| `{f.path.name}` | {layer} | {FORMAT_LABELS[f.format]} | {f.crs} | {count} | "
            f"`{f.sha256()[:16]}…` |"
        )
    sections = []
    for report in result.layers:
        sections.append(
            f"### {report.layer}\n\n{report.feature_count} objecten / features; velden / fields: "
            + (", ".join(f"`{name}`" for name in report.fields) or "(geen / none)")
        )
    privacy = []
    for report in result.layers:
        if report.withheld_features:
            privacy.append(
                f"- `{report.layer}`: {report.withheld_features} niet-openbare objecten weggelaten / "
                "non-public features withheld (is_public / is_open_data)"
            )
        for name, status, why in report.blocked:
            kind = (
                "nooit publiceerbaar / never releasable"
                if status == NEVER
                else "niet vrijgegeven / not released"
            )
            privacy.append(f"- `{report.layer}.{name}`: weggelaten / withheld ({kind}; {why})")
        for name, reason in report.released:
            privacy.append(f"- `{report.layer}.{name}`: vrijgegeven / released: {reason}")
    contact = ", ".join(x for x in (m.contact_name, m.contact_email, m.contact_website) if x)
    wgs_warning = next((w for w in result.warnings if "RDNAPTRANS2018" in w), "")
    transform_note = (
        f"Warning: {wgs_warning}"
        if wgs_warning
        else "RD New was converted with RDNAPTRANS2018 (grid nl_nsgi_rdtrans2018.tif)."
    )
    other_warnings = [w for w in result.warnings if w != wgs_warning]
    if other_warnings:
        transform_note += "\n- " + "\n- ".join(other_warnings)
    licence_label = value_list("license").label(m.licence)
    text = Template(README_TEMPLATE.read_text(encoding="utf-8")).safe_substitute(
        title=m.title,
        description=m.description,
        publisher=value_list("organisation").label(m.publisher),
        licence_label=licence_label,
        licence=m.licence,
        attribution=m.attribution or "-",
        attribution_line=f"{m.attribution}, {m.title}, {licence_label}",
        contact=contact or "-",
        modified=m.modified,
        identifier=m.identifier,
        file_rows="\n".join(rows),
        transform_note=transform_note,
        layer_sections="\n\n".join(sections),
        privacy_lines="\n".join(privacy) or "- (geen / none)",
        value_lists=", ".join(f"{k} {d}" for k, d in value_list_dates().items()),
        generated=_dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    )
    path = result.directory / "README.md"
    path.write_text(text, encoding="utf-8")
    return path


def read_manifest(directory: Path) -> dict:
    """The manifest of a written package (raises OpenDataError when it is missing or broken)."""
    path = Path(directory) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise OpenDataError(
            f"{path} is not an open-data package manifest (write the package first): {error}"
        ) from error
