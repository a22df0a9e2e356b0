"""Common base of every Smart Society Processing algorithm."""

from __future__ import annotations

from qgis.core import QgsProcessingAlgorithm
from qgis.PyQt.QtGui import QIcon

from ...core.i18n import tr, user_locale
from ...core.paths import icon_path

HELP_URL = "https://github.com/gemeente-dordrecht/smart-society#processing-algorithms"


class SmartSocietyAlgorithm(QgsProcessingAlgorithm):
    """Subclasses set the class attributes below and implement ``initAlgorithm`` and ``processAlgorithm``.

    ``algorithm_id`` must be lowercase letters and digits only; ``display_name``, ``group_name`` and the
    help texts are English source strings, translated through ``tr``; ``help_nl`` is the Dutch help
    shown to users whose QGIS runs in Dutch.
    """

    algorithm_id = ""
    display_name = ""
    group_id = ""
    group_name = ""
    help_en = ""
    help_nl = ""
    icon_name = "suite"

    def name(self):
        return self.algorithm_id

    def displayName(self):
        return tr(self.display_name)

    def group(self):
        return tr(self.group_name)

    def groupId(self):
        return self.group_id

    def shortHelpString(self):
        if user_locale() == "nl" and self.help_nl:
            return self.help_nl
        return tr(self.help_en)

    def helpUrl(self):
        return HELP_URL

    def icon(self):
        return QIcon(icon_path(self.icon_name))

    def tr(self, text: str) -> str:
        return tr(text)

    def createInstance(self):
        return type(self)()
