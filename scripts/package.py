"""`make package`: the installable plugin zip (Install from ZIP) and a plugins.xml for a municipal repository.

Only what runs inside QGIS goes in: no tests, benchmarks, scripts, development notes or build folders.
"""

from __future__ import annotations

import argparse
import configparser
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

REPO_ROOT = Path(__file__).resolve().parents[1]
PACKAGE_NAME = "smart_society"
INCLUDED = ["__init__.py", "suite.py", "metadata.txt", "LICENSE", "README.md", "core", "plugins",
            "processing", "resources"]
EXCLUDED_PARTS = {"__pycache__", ".pytest_cache", "pending"}
EXCLUDED_SUFFIXES = {".pyc", ".pyo", ".ts"}


def plugin_files() -> list[Path]:
    files: list[Path] = []
    for entry in INCLUDED:
        path = REPO_ROOT / entry
        candidates = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for candidate in candidates:
            relative = candidate.relative_to(REPO_ROOT)
            if EXCLUDED_PARTS.intersection(relative.parts) or candidate.suffix in EXCLUDED_SUFFIXES:
                continue
            files.append(relative)
    return files


def read_metadata() -> configparser.SectionProxy:
    parser = configparser.ConfigParser()
    parser.read(REPO_ROOT / "metadata.txt", encoding="utf-8")
    return parser["general"]


def build_zip(out_dir: Path) -> Path:
    metadata = read_metadata()
    out_dir.mkdir(parents=True, exist_ok=True)
    zip_path = out_dir / f"{PACKAGE_NAME}-{metadata['version']}.zip"
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for relative in plugin_files():
            archive.write(REPO_ROOT / relative, f"{PACKAGE_NAME}/{relative.as_posix()}")
    return zip_path


def build_plugins_xml(zip_path: Path, base_url: str) -> Path:
    metadata = read_metadata()
    fields = {
        "description": metadata["description"], "about": metadata["about"], "version": metadata["version"],
        "qgis_minimum_version": metadata["qgisMinimumVersion"],
        "qgis_maximum_version": metadata["qgisMaximumVersion"], "homepage": metadata["homepage"],
        "file_name": zip_path.name, "author_name": metadata["author"],
        "download_url": f"{base_url.rstrip('/')}/{zip_path.name}", "uploaded_by": metadata["author"],
        "experimental": metadata.get("experimental", "False"),
        "deprecated": metadata.get("deprecated", "False"),
        "tracker": metadata["tracker"], "repository": metadata["repository"], "tags": metadata["tags"],
        "server": "False",
    }
    body = "\n".join(f"    <{key}>{escape(value)}</{key}>" for key, value in fields.items())
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<plugins>\n'
           f'  <pyqgis_plugin name="{escape(metadata["name"])}" version="{escape(metadata["version"])}" '
           f'plugin_id="{PACKAGE_NAME}">\n{body}\n  </pyqgis_plugin>\n</plugins>\n')
    xml_path = zip_path.parent / "plugins.xml"
    xml_path.write_text(xml, encoding="utf-8")
    return xml_path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(REPO_ROOT / "dist"))
    parser.add_argument("--base-url", default="https://qgis.dordrecht.nl/plugins",
                        help="where the municipal repository serves the zip (used in plugins.xml)")
    args = parser.parse_args()
    zip_path = build_zip(Path(args.out))
    xml_path = build_plugins_xml(zip_path, args.base_url)
    with zipfile.ZipFile(zip_path) as archive:
        count = len(archive.namelist())
    print(f"[package] {zip_path} ({count} files, {zip_path.stat().st_size / 1e6:.1f} MB)")
    print(f"[package] {xml_path} (add this URL as a plugin repository in QGIS)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
