"""Background work of the Twin dock: QgsTasks around the GUI-free core (progress and cancel)."""

from __future__ import annotations

from qgis.core import QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from ....core.errors import SmartSocietyError
from ....core.i18n import tr


class BuildTwinTask(QgsTask):
    """Builds the twin project (and imports 3DBAG sources first when given) off the GUI thread."""

    done = pyqtSignal(object, str)  # report (or None), error message

    def __init__(self, params, threedbag_sources=None):
        super().__init__(tr("Building twin project"), QgsTask.CanCancel)
        self.params = params
        self.threedbag_sources = list(threedbag_sources or [])
        self.report = None
        self.error = ""
        self.messages: list[str] = []

    def run(self):
        from ..core import project as project_module
        from ..core import threedbag

        try:
            if self.threedbag_sources:
                output = self.params.output.with_name(self.params.output.stem + "_3dbag.gpkg")
                read = threedbag.import_3dbag(
                    self.threedbag_sources,
                    output,
                    extent=self.params.area.extent if self.params.area else None,
                    feedback=self.messages.append,
                    is_cancelled=self.isCanceled,
                )
                self.messages += read.problems
                self.params.buildings_gpkg = output
            self.report = project_module.build_twin_project(
                self.params, self.messages.append, self.setProgress, self.isCanceled
            )
        except SmartSocietyError as error:
            self.error = str(error)
            return False
        return not self.isCanceled()

    def finished(self, result):
        self.done.emit(self.report if result else None, self.error or ("" if result else tr("Cancelled")))
