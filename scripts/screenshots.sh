#!/usr/bin/env bash
# `make screenshots`: the real QGIS desktop under Xvfb, plugin enabled in a fresh profile, demo project open.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
PROJECT="$(realpath "$1")"
OUT="$(realpath -m "$2")"
PROFILE_ROOT="$REPO/.build/profile_screenshots"
rm -rf "$PROFILE_ROOT" "$OUT"; mkdir -p "$OUT"
"$REPO/.venv/bin/python" "$REPO/scripts/make_profile.py" "$PROFILE_ROOT" >/dev/null
# A display of our own: others (xvfb-run -a, a second run) may hold :99.
DISPLAY_NUMBER="${SCREENSHOT_DISPLAY:-}"
if [ -z "$DISPLAY_NUMBER" ]; then
  for n in $(seq 140 199); do
    if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then DISPLAY_NUMBER=$n; break; fi
  done
fi
Xvfb ":$DISPLAY_NUMBER" -screen 0 1680x1050x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
trap 'kill $XVFB_PID 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do [ -e "/tmp/.X11-unix/X$DISPLAY_NUMBER" ] && break; sleep 0.1; done
kill -0 $XVFB_PID 2>/dev/null || { echo "Xvfb could not start on :$DISPLAY_NUMBER" >&2; exit 1; }
export DISPLAY=":$DISPLAY_NUMBER" QT_QPA_PLATFORM=xcb
export SMART_SOCIETY_SCRIPTS="$REPO/scripts" SMART_SOCIETY_SCREENSHOTS="$OUT" SMART_SOCIETY_PROJECT="$PROJECT"
unset PYTHONPATH  # the desktop must load the plugin from the profile, as a user's QGIS does
# The plugin comes from the profile, as in a user's QGIS; the pip extras (onnxruntime, ckanapi) from the venv,
# as a user would have pip-installed them into QGIS's Python.
PYTHONPATH="$("$REPO/.venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
export PYTHONPATH
timeout 900 qgis --profiles-path "$PROFILE_ROOT" --profile default --nologo --noversioncheck \
  --code "$REPO/scripts/screenshot_runner.py" --project "$PROJECT" >"$OUT/qgis_stdout.log" 2>&1 || true
cat "$OUT/screenshots.log" 2>/dev/null || { echo "no screenshots.log: QGIS did not run the steps"; exit 1; }
ls -1 "$OUT"/*.png | sed "s|^|[screenshots] |"
grep -q FAILED "$OUT/screenshots.log" && { echo "[screenshots] some steps failed (see above)"; exit 1; }
exit 0
