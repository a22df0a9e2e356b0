"""`make package` builds a zip that installs into a fresh QGIS profile and loads without Python errors."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "scripts"))

import make_profile  # noqa: E402
import package  # noqa: E402


@pytest.fixture(scope="module")
def built_package(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("dist")
    zip_path = package.build_zip(out_dir)
    xml_path = package.build_plugins_xml(zip_path, "https://example.invalid/plugins")
    return zip_path, xml_path


def test_zip_holds_the_plugin_and_no_development_files(built_package):
    zip_path, _ = built_package
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
    assert all(name.startswith("smart_society/") for name in names)
    for required in ("__init__.py", "metadata.txt", "suite.py", "processing/provider.py", "LICENSE",
                     "resources/i18n/smart_society_nl.qm", "resources/icons/suite.svg"):
        assert f"smart_society/{required}" in names, f"{required} missing from the zip"
    forbidden = [n for n in names if n.split("/")[1] in {"tests", "bench", "scripts", "dev", ".ci", ".venv",
                                                          ".build", "out", "Makefile", ".git"}
                 or "__pycache__" in n or n.endswith(".pyc")]
    assert forbidden == []


def test_plugins_xml_describes_the_zip(built_package):
    zip_path, xml_path = built_package
    plugin = ElementTree.parse(xml_path).getroot().find("pyqgis_plugin")
    assert plugin.get("name") == "Dordrecht Smart Twin"
    assert plugin.findtext("file_name") == zip_path.name
    assert plugin.findtext("download_url") == f"https://example.invalid/plugins/{zip_path.name}"
    assert plugin.findtext("qgis_minimum_version") == "3.22"


def test_installed_zip_shows_the_provider_in_qgis_process(built_package, tmp_path):
    zip_path, _ = built_package
    make_profile.make_profile(tmp_path, zip_path)
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(tmp_path), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH="")  # only the installed copy may be found, never this checkout
    result = subprocess.run(["qgis_process.bin", "list"], env=env, capture_output=True, text=True,
                            timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Traceback" not in output and "Error" not in output.replace("ErrorLevel", ""), output[-3000:]
    from smart_society.processing.provider import algorithm_classes

    for algorithm_class in algorithm_classes():
        assert f"smartsociety:{algorithm_class.algorithm_id}" in output
