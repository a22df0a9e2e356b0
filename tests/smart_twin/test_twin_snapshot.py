"""Headless 3D snapshot (print layout 3D map item) of a built twin project, in its own process under Xvfb."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from qgis.PyQt.QtGui import QImage

from smart_society.plugins.smart_twin.core import project as pj

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))


@pytest.mark.skipif(
    shutil.which("xvfb-run") is None, reason="3D needs an X display: xvfb-run is not installed"
)
def test_snapshot_shows_extruded_buildings(qgis_app, mini_district, tmp_path):
    from demo_steps.smart_twin import snapshot_in_subprocess

    output = tmp_path / "twin.qgz"
    pj.build_twin_project(pj.TwinProjectParams(output=output, district_gpkg=mini_district.gpkg))
    png = tmp_path / "snapshot.png"
    snapshot_in_subprocess(output, mini_district.extent, png, timeout=240)
    image = QImage(str(png))
    assert image.width() == 1600 and image.height() == 1000
    # residential buildings are #e8c07d: walls and roofs render in warm yellow-brown shades
    warm = 0
    for x in range(0, image.width(), 4):
        for y in range(0, image.height(), 4):
            colour = image.pixelColor(x, y)
            if colour.red() > colour.blue() + 60 and colour.green() > colour.blue() + 20:
                warm += 1
    assert warm > 50
