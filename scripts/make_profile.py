"""Make a fresh QGIS profile folder with the plugin installed and enabled (for run, screenshots, tests).

Usage: make_profile.py PROFILE_ROOT [--zip dist/smart_society-X.zip | --link]
PROFILE_ROOT is what QGIS_CUSTOM_CONFIG_PATH (qgis_process.bin) or --profiles-path (qgis) point to.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
PLUGIN_NAME = "smart_society"


def make_profile(profile_root: Path, zip_path: Path | None = None, locale: str = "") -> Path:
    """Create ``profile_root/profiles/default`` with the plugin (unzipped, or linked to this checkout)."""
    profile = profile_root / "profiles" / "default"
    plugins_dir = profile / "python" / "plugins"
    plugins_dir.mkdir(parents=True, exist_ok=True)
    target = plugins_dir / PLUGIN_NAME
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)
    if zip_path is not None:
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(plugins_dir)
    else:
        target.symlink_to(REPO_ROOT)
    settings_dir = profile / "QGIS"
    settings_dir.mkdir(parents=True, exist_ok=True)
    locale_lines = (["[locale]", "overrideFlag=true", f"userLocale={locale}", ""] if locale else [])
    (settings_dir / "QGIS3.ini").write_text("\n".join([
        "[PythonPlugins]", f"{PLUGIN_NAME}=true", "",
        # keep the desktop quiet: no welcome/news/tips dialogs on a fresh profile
        "[qgis]", "showTips=false", "checkVersion=false", "allowVersionCheck=false",
        "migration\\settingsVersion=2", "", "[core]", "NewsFeed\\httpsfeedqgisorg\\disabled=true", "",
        *locale_lines,
    ]) + "\n", encoding="utf-8")
    return profile


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("profile_root")
    parser.add_argument("--zip", default=None)
    parser.add_argument("--locale", default="")
    args = parser.parse_args()
    zip_path = Path(args.zip) if args.zip else None
    profile = make_profile(Path(args.profile_root).resolve(), zip_path, args.locale)
    print(profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
