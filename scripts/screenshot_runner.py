"""Runs inside the real QGIS desktop (qgis --code): opens each screen of the suite and saves PNGs.

Each area adds scripts/screenshot_steps/<area>.py with ``take(shooter)``; failures are logged, not fatal.
QGIS quits when all steps are done.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import time
import traceback
from pathlib import Path

from qgis.core import Qgis, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QTimer
from qgis.utils import iface, plugins

SCRIPTS_DIR = Path(os.environ["SMART_SOCIETY_SCRIPTS"])
OUT_DIR = Path(os.environ["SMART_SOCIETY_SCREENSHOTS"])
PROJECT_PATH = Path(os.environ["SMART_SOCIETY_PROJECT"])
STEPS = ["foundation", "smart_twin", "sensor_register", "solar_detect", "liveability", "opendata"]
sys.path.insert(0, str(SCRIPTS_DIR))


class Shooter:
    """What a screenshot step gets: the running desktop and ways to save what it shows."""

    def __init__(self):
        self.iface = iface
        self.suite = plugins.get("smart_society")
        self.out_dir = OUT_DIR
        self.project_path = PROJECT_PATH
        self.saved: list[str] = []

    def wait(self, seconds: float = 0.5):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.02)

    def wait_for_canvas(self, timeout: float = 30.0):
        canvas = self.iface.mapCanvas()
        canvas.refresh()
        self.wait(0.3)
        deadline = time.monotonic() + timeout
        while canvas.isDrawing() and time.monotonic() < deadline:
            self.wait(0.1)
        self.wait(0.3)

    def _path(self, name: str) -> Path:
        return self.out_dir / f"{name}.png"

    def grab(self, widget, name: str) -> Path:
        self.wait(0.4)
        path = self._path(name)
        widget.grab().save(str(path))
        self.saved.append(path.name)
        return path

    def grab_main(self, name: str) -> Path:
        return self.grab(self.iface.mainWindow(), name)

    def grab_screen(self, name: str) -> Path:
        """The whole X screen, popups included (ImageMagick's import, as a person would see it)."""
        self.wait(0.6)
        path = self._path(name)
        subprocess.run(["import", "-window", "root", str(path)], check=True, timeout=60)
        self.saved.append(path.name)
        return path

    def component(self, key: str):
        return next(c for c in self.suite.components if c.key == key)


def run_steps():
    shooter = Shooter()
    log = (OUT_DIR / "screenshots.log").open("w", encoding="utf-8")
    log.write(f"QGIS {Qgis.QGIS_VERSION}, project {QgsProject.instance().fileName()}\n")
    if shooter.suite is None:
        log.write("ERROR: the smart_society plugin is not loaded\n")
    else:
        for name in STEPS:
            try:
                module = importlib.import_module(f"screenshot_steps.{name}")
            except ModuleNotFoundError:
                log.write(f"{name}: no screenshot step\n")
                continue
            before = len(shooter.saved)
            try:
                module.take(shooter)
                log.write(f"{name}: {', '.join(shooter.saved[before:])}\n")
            except Exception:
                log.write(f"{name}: FAILED\n{traceback.format_exc()}\n")
            log.flush()
    log.write("done\n")
    log.close()
    # The timer comes first: a "save changes?" prompt runs its own event loop, in which timers still fire.
    QTimer.singleShot(3000, lambda: os._exit(0))
    QgsProject.instance().setDirty(False)
    iface.actionExit().trigger()


# Give QGIS time to finish loading the project and drawing the canvas before the first shot.
QTimer.singleShot(4000, run_steps)
