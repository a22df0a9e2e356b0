"""Twin layers demo step: a sample scenario, the full twin project of the district, a 3D snapshot PNG."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SNAPSHOT_SCRIPT = """
import os, sys
sys.path[:0] = [{pypath!r}]
sys.path.append('/usr/share/qgis/python/plugins')
from qgis.core import QgsApplication, QgsProject
app = QgsApplication([], True)
app.initQgis()
from qgis._3d import Qgs3D
Qgs3D.initialize()
from smart_society.plugins.smart_twin.core import view3d
project = QgsProject.instance()
ok = project.read({project!r})
roles = ('land_cover', 'buildings', 'trees', 'scenario_new')
layers = [lay for lay in project.mapLayers().values()
          if lay.customProperty('smart_society/twin_role') in roles]
view3d.snapshot_3d(project, layers, {extent!r}, {output!r}, 1600, 1000, pitch=62.0, heading=25.0)
print('snapshot', {output!r})
sys.stdout.flush()
os._exit(0)
"""


def station_area(extent, size_m: float = 360.0) -> tuple:
    """A square around the district's centre (the station): close enough to see the buildings stand up."""
    centre_x, centre_y = (extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2
    half = size_m / 2
    return (centre_x - half, centre_y - half, centre_x + half, centre_y + half)


def snapshot_in_subprocess(project_path: Path, extent, output: Path, timeout: int = 300) -> str:
    """3D needs a GL context: run the snapshot in its own QGIS process under Xvfb (xvfb-run)."""
    pypath = str(Path(__file__).resolve().parents[2] / ".build" / "pypath")
    code = SNAPSHOT_SCRIPT.format(
        pypath=pypath, project=str(project_path), extent=tuple(extent), output=str(output)
    )
    venv_python = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "python"
    python = str(venv_python) if venv_python.exists() else "/usr/bin/python3"  # both can import qgis
    command = [python, "-c", code]
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    if not env.get("DISPLAY"):
        command = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24"] + command
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)
    if result.returncode != 0 or not output.exists():
        raise RuntimeError(f"3D snapshot failed ({result.returncode}): {result.stderr[-800:]}")
    return str(output)


def _load_into_instance(project_path: Path, extent) -> None:
    """Later demo steps work on QgsProject.instance(): give them the twin project, with its 3D view kept
    when they write it again (QGIS 3.22 itself only keeps 3D views through the desktop)."""
    from qgis._3d import Qgs3D
    from qgis.core import QgsProject

    from smart_society.plugins.smart_twin.core import project as project_module
    from smart_society.plugins.smart_twin.core import view3d

    Qgs3D.initialize()
    instance = QgsProject.instance()
    instance.read(str(project_path))
    roles = ("land_cover", "buildings", "trees", "scenario_new", "scenario_trees")
    layers = [
        layer
        for layer in instance.mapLayers().values()
        if layer.customProperty(project_module.ROLE_PROPERTY) in roles
    ]
    view3d.add_3d_view(instance, tuple(extent), layers)


def run(context) -> list[str]:
    from smart_society.plugins.smart_twin.core import project as project_module
    from smart_society.plugins.smart_twin.core import scenario

    district = context.district
    out_dir = Path(context.out_dir)
    scenario_path = scenario.sample_scenario(district, out_dir / "scenario_spoorzone.gpkg")
    summary = scenario.scenario_summary(scenario_path)
    params = project_module.TwinProjectParams(
        output=Path(context.project_path),
        district_gpkg=Path(district.gpkg),
        orthophoto=Path(district.orthophoto) if district.orthophoto else None,
        scenario=scenario_path,
        title="Dordrecht Smart Twin - Spoorzone (voorbeeldwijk)",
    )
    report = project_module.build_twin_project(params)
    _load_into_instance(Path(context.project_path), district.extent)
    context.results["twin_scenario"] = scenario_path
    context.results["twin_report"] = report
    lines = report.summary().splitlines()
    lines.append(
        f"scenario {scenario_path.name}: {summary['demolish']} demolished, {summary['new']} new "
        f"({summary['woningen']} homes), {summary['trees']} trees"
    )
    snapshot = out_dir / "twin_3d_snapshot.png"
    try:
        made = snapshot_in_subprocess(Path(context.project_path), station_area(district.extent), snapshot)
        lines.append("3D snapshot: " + made)
        context.results["twin_snapshot"] = snapshot
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        lines.append(f"3D snapshot not made: {error}")
    return lines
