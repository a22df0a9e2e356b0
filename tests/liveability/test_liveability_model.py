"""The shipped Processing model: it loads like in the Model Designer and runs with qgis_process.bin."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
MODEL = REPO_ROOT / "resources" / "models" / "liveability_chain.model3"


def test_model_loads_with_every_child_algorithm(live_registry):
    from qgis.core import QgsProcessingModelAlgorithm

    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(str(MODEL))
    children = model.childAlgorithms()
    assert {c.algorithmId() for c in children.values()} == {
        "smartsociety:green330300",
        "smartsociety:heatrisk",
        "smartsociety:proximity15min",
        "smartsociety:noiseexposure",
        "smartsociety:airquality",
        "smartsociety:liveabilityindex",
        "smartsociety:liveabilityreport",
    }
    for child in children.values():
        assert child.algorithm() is not None, child.algorithmId()
    names = {p.name() for p in model.parameterDefinitions()}
    assert {"buildings", "buurten", "network", "lden", "observations", "index:buurt_index"} <= names


def test_model_runs_with_qgis_process(tiny_gpkg, tmp_path):
    binary = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"
    if not Path(binary).exists():
        pytest.skip("qgis_process.bin is not installed")
    profile = tmp_path / "config" / "profiles" / "default"
    (profile / "python" / "plugins").mkdir(parents=True)
    (profile / "python" / "plugins" / "smart_society").symlink_to(REPO_ROOT)
    (profile / "QGIS").mkdir()
    (profile / "QGIS" / "QGIS3.ini").write_text("[PythonPlugins]\nsmart_society=true\n", encoding="utf-8")
    path, rasters = tiny_gpkg
    layers = {
        "buildings": "buildings",
        "addresses": "addresses",
        "buurten": "buurten",
        "network": "walking_network",
        "green": "green_spaces",
        "trees": "trees",
        "crowns": "crowns",
        "landcover": "land_cover",
        "amenities": "amenities",
        "observations": "observations",
    }
    arguments = [f"{k}={path}|layername={v}" for k, v in layers.items()]
    arguments += [
        f"lden={rasters['lden']}",
        "categories=supermarket,gp",
        "mingreen=3000",
        f"index:buurt_index={tmp_path / 'index.gpkg'}",
        f"indexgrid:grid_index={tmp_path / 'grid.gpkg'}",
        f"report:report_html={tmp_path / 'report.html'}",
        f"report:report_pdf={tmp_path / 'report.pdf'}",
    ]
    environment = dict(
        os.environ, QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "config"), QT_QPA_PLATFORM="offscreen"
    )
    environment.pop("PYTHONPATH", None)
    completed = subprocess.run(
        [binary, "run", str(MODEL), "--", *arguments],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    from liveability_testkit import features

    index = features(tmp_path / "index.gpkg", "bu_code")
    assert set(index) == {"BU1", "BU2"}
    assert index["BU1"]["_crs"] == "EPSG:28992"
    # with two areas every z-score is -1 or +1: BU1 is worse on the physical and amenities indicators
    assert index["BU1"]["total"] < 0 < index["BU2"]["total"]
    assert index["BU1"]["total"] == pytest.approx(-index["BU2"]["total"])
    assert len(features(tmp_path / "grid.gpkg")) == 3
    assert "<svg" in (tmp_path / "report.html").read_text(encoding="utf-8")
    assert (tmp_path / "report.pdf").read_bytes()[:4] == b"%PDF"
