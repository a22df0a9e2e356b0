"""A DCAT catalogue (JSON-LD) listing datasets, for harvesting by data.overheid.nl or a CKAN harvester."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

from .metadata import JSONLD_CONTEXT, NLD, DatasetMetadata, to_jsonld


def catalogue_document(
    datasets: list[DatasetMetadata],
    catalogue_uri: str,
    title: str,
    publisher: str,
    homepage: str = "",
    base_url: str = "",
) -> dict:
    """A ``dcat:Catalog`` with every dataset embedded (their DCAT-AP-DONL JSON-LD without @context)."""
    records = []
    for dataset in datasets:
        record = to_jsonld(dataset, base_url=base_url)
        record.pop("@context", None)
        records.append(record)
    modified = max((d.modified for d in datasets), default=_dt.date.today().isoformat())
    document = {
        "@context": JSONLD_CONTEXT,
        "@id": catalogue_uri,
        "@type": "dcat:Catalog",
        "dct:title": {"@value": title, "@language": "nl"},
        "dct:description": {"@value": f"Open data van {title}", "@language": "nl"},
        "dct:publisher": {"@id": publisher},
        "dct:language": [{"@id": NLD}],
        "dct:modified": {"@value": modified, "@type": "xsd:date"},
        "dcat:dataset": records,
    }
    if homepage:
        document["foaf:homepage"] = {"@id": homepage}
    return document


def write_catalogue(
    datasets: list[DatasetMetadata],
    path: Path,
    catalogue_uri: str,
    title: str,
    publisher: str,
    homepage: str = "",
    base_url: str = "",
) -> Path:
    """Write the catalogue to ``path`` (UTF-8 JSON-LD)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document = catalogue_document(datasets, catalogue_uri, title, publisher, homepage, base_url)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def packages_catalogue(
    out_dir: Path, catalogue_uri: str, title: str, publisher: str, base_url: str = ""
) -> Path:
    """Write ``<out_dir>/catalog.jsonld`` listing every package under ``out_dir`` (one harvest file).

    Each package is read from its ``metadata/ckan_package.json``; ``base_url`` is where ``out_dir`` is
    served (file names become ``<base_url>/<package>/<file>``).
    """
    out_dir = Path(out_dir)
    datasets = []
    for document_path in sorted(out_dir.glob("*/metadata/ckan_package.json")):
        try:
            data = json.loads(document_path.read_text(encoding="utf-8"))["metadata"]
        except (OSError, ValueError, KeyError):
            continue  # not one of our packages
        dataset = DatasetMetadata.from_dict(data)
        package_url = f"{base_url.rstrip('/')}/{document_path.parents[1].name}" if base_url else ""
        for distribution in dataset.distributions:
            if not distribution.download_url:
                prefix = package_url or document_path.parents[1].name
                distribution.download_url = f"{prefix}/{distribution.file_name}"
        datasets.append(dataset)
    return write_catalogue(datasets, out_dir / "catalog.jsonld", catalogue_uri, title, publisher)
