"""Translation helpers: English source strings, Dutch translations shipped as a Qt .qm file."""

from pathlib import Path

from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

CONTEXT = "SmartSociety"
I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"


def tr(text: str) -> str:
    """Translate ``text`` in the suite's single translation context."""
    return QCoreApplication.translate(CONTEXT, text)


def user_locale() -> str:
    """The two-letter language QGIS runs in (QGIS setting first, then the system locale)."""
    from qgis.core import QgsSettings

    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        name = settings.value("locale/userLocale", "", type=str)
    else:
        name = QLocale.system().name()
    return (name or "en")[:2].lower()


def install_translator(locale: str | None = None) -> QTranslator | None:
    """Load the shipped translation for ``locale`` into the application; returns it so it can be removed."""
    language = (locale or user_locale())[:2]
    qm_file = I18N_DIR / f"smart_society_{language}.qm"
    if not qm_file.exists():
        return None
    translator = QTranslator()
    if not translator.load(str(qm_file)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator
