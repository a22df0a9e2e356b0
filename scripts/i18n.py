"""Build the Dutch translation: merge resources/i18n/pending/*.tsv into smart_society_nl.ts and compile .qm.

The TSV files (english<TAB>dutch, one pair a line) are the source of truth, one per area; this script
writes the Qt Linguist .ts (context "SmartSociety") and runs lrelease. `--check` lists tr() strings in
the code that have no Dutch translation and exits 1 if there are any.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

REPO_ROOT = Path(__file__).resolve().parents[1]
I18N_DIR = REPO_ROOT / "resources" / "i18n"
CONTEXT = "SmartSociety"
SOURCE_DIRS = ["core", "plugins", "processing", "suite.py"]
TR_CALL = re.compile(r"""\btr\(\s*(?P<quote>["'])(?P<text>(?:\\.|(?!(?P=quote)).)+)(?P=quote)\s*\)""")


def read_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}
    for tsv in sorted((I18N_DIR / "pending").glob("*.tsv")):
        for number, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            if "\t" not in line:
                raise SystemExit(f"{tsv}:{number}: expected 'english<TAB>dutch', got {line!r}")
            english, dutch = line.split("\t", 1)
            english = english.replace("\\n", "\n")
            pairs[english] = dutch.replace("\\n", "\n").strip()
    return pairs


def source_strings() -> set[str]:
    found: set[str] = set()
    for entry in SOURCE_DIRS:
        path = REPO_ROOT / entry
        files = [path] if path.is_file() else sorted(path.rglob("*.py"))
        for source in files:
            for match in TR_CALL.finditer(source.read_text(encoding="utf-8")):
                quote = match.group("quote")
                found.add(ast.literal_eval(quote + match.group("text") + quote))
    return found


def write_ts(pairs: dict[str, str], path: Path) -> None:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>", '<TS version="2.1" language="nl_NL">',
             "<context>", f"    <name>{CONTEXT}</name>"]
    for english in sorted(pairs):
        lines += ["    <message>", f"        <source>{escape(english)}</source>",
                  f"        <translation>{escape(pairs[english])}</translation>", "    </message>"]
    lines += ["</context>", "</TS>", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def lrelease_binary() -> str:
    for candidate in ("lrelease", "/usr/lib/qt5/bin/lrelease", "lrelease-qt5", "lrelease6"):
        found = shutil.which(candidate) or (candidate if Path(candidate).exists() else None)
        if found:
            return found
    raise SystemExit("lrelease not found: install qttools5-dev-tools (make setup does)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail on tr() strings without translation")
    args = parser.parse_args()
    pairs = read_pairs()
    missing = sorted(source_strings() - set(pairs))
    if args.check:
        for text in missing:
            print(f"missing Dutch translation: {text!r}")
        return 1 if missing else 0
    ts_file = I18N_DIR / "smart_society_nl.ts"
    write_ts(pairs, ts_file)
    qm_file = ts_file.with_suffix(".qm")
    subprocess.run([lrelease_binary(), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)
    print(f"[i18n] {len(pairs)} Dutch translations -> {qm_file}; {len(missing)} untranslated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
