#!/usr/bin/env bash
# `make run`: the real QGIS desktop with this checkout linked as the plugin in a fresh profile.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
PROFILE_ROOT="$REPO/.build/profile"
"$REPO/.venv/bin/python" "$REPO/scripts/make_profile.py" "$PROFILE_ROOT" ${SMART_SOCIETY_LOCALE:+--locale "$SMART_SOCIETY_LOCALE"} >/dev/null
unset PYTHONPATH QT_QPA_PLATFORM
# The plugin comes from the profile, as in a user's QGIS; the pip extras (onnxruntime, ckanapi) from the venv,
# as a user would have pip-installed them into QGIS's Python.
PYTHONPATH="$("$REPO/.venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
export PYTHONPATH
if [ -z "${DISPLAY:-}" ]; then
  echo "No DISPLAY: start one (e.g. 'Xvfb :99 &' and export DISPLAY=:99) or run on a desktop." >&2
  exit 1
fi
exec qgis --profiles-path "$PROFILE_ROOT" --profile default --nologo --noversioncheck --project "$1"
