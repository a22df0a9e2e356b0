"""Every user-facing string has a Dutch translation, and the shipped .qm holds exactly the pending pairs."""

from __future__ import annotations

import sys
from pathlib import Path

from qgis.PyQt.QtCore import QCoreApplication, QTranslator

REPO_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO_ROOT / "scripts"))

import i18n  # noqa: E402


def test_every_tr_string_in_the_code_has_a_dutch_translation():
    missing = sorted(i18n.source_strings() - set(i18n.read_pairs()))
    assert missing == [], f"add these to resources/i18n/pending/<area>.tsv and run make i18n: {missing[:20]}"


def test_shipped_qm_translates_every_pending_pair(qgis_app):
    pairs = i18n.read_pairs()
    translator = QTranslator()
    assert translator.load(str(i18n.I18N_DIR / "smart_society_nl.qm"))
    # QCoreApplication.translate takes UTF-8 source texts (QTranslator.translate only ASCII in PyQt5)
    QCoreApplication.installTranslator(translator)
    try:
        stale = [english for english, dutch in pairs.items()
                 if QCoreApplication.translate(i18n.CONTEXT, english) != dutch]
    finally:
        QCoreApplication.removeTranslator(translator)
    assert stale == [], f"smart_society_nl.qm is out of date (run make i18n): {stale[:10]}"
