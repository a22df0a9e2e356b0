"""The background task of the dock: runs the core pipeline in a QgsTask with progress and cancel."""

from __future__ import annotations

from dataclasses import dataclass, field

from qgis.core import QgsTask

from ..core.engine import Cancelled, DetectionParams
from ..core.errors import SolarDetectError
from ..core.pipeline import SolarRun, run_solar, write_outputs


@dataclass
class SolarTaskInput:
    """Everything the task needs, gathered on the main thread (no layers cross into the worker thread)."""

    raster: str
    buildings: list | None
    buildings_crs: str
    buurten: list | None
    out_dir: str
    params: DetectionParams = field(default_factory=DetectionParams)
    bu_codes: dict = field(default_factory=dict)


class SolarDetectTask(QgsTask):
    def __init__(self, description: str, job: SolarTaskInput, on_done=None):
        super().__init__(description, QgsTask.CanCancel)
        self.job = job
        self.on_done = on_done
        self.run_result: SolarRun | None = None
        self.files: dict = {}
        self.error: str = ""

    def run(self) -> bool:
        job = self.job
        try:
            self.run_result = run_solar(
                job.raster,
                job.buildings,
                buildings_crs=job.buildings_crs,
                params=job.params,
                buurten=job.buurten,
                buurten_crs=job.buildings_crs,
                bu_codes=job.bu_codes,
                progress=self.setProgress,
                cancel=self.isCanceled,
            )
            self.files = write_outputs(self.run_result, job.out_dir)
            return True
        except Cancelled:
            self.error = "cancelled"
            return False
        except SolarDetectError as error:
            self.error = str(error)
            return False
        except Exception as error:  # reported to the user, not raised into the task manager
            self.error = f"{type(error).__name__}: {error}"
            return False

    def finished(self, result: bool):
        if self.on_done is not None:
            self.on_done(self, result)
