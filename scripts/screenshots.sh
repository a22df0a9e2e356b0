#!/usr/bin/env bash
# `make screenshots`: the real QGIS desktop under Xvfb, plugin enabled in a fresh profile, demo project open.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
PROJECT="$(realpath "$1")"
OUT="$(realpath -m "$2")"
PROFILE_ROOT="$REPO/.build/profile_screenshots"
rm -rf "$PROFILE_ROOT" "$OUT"; mkdir -p "$OUT"
"$REPO/.venv/bin/python" "$REPO/scripts/make_profile.py" "$PROFILE_ROOT" >/dev/null
DISPLAY_NUMBER="${SCREENSHOT_DISPLAY:-99}"
Xvfb ":$DISPLAY_NUMBER" -screen 0 1680x1050x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
trap 'kill $XVFB_PID 2>/dev/null || true' EXIT
sleep 1.5
export DISPLAY=":$DISPLAY_NUMBER" QT_QPA_PLATFORM=xcb
export SMART_SOCIETY_SCRIPTS="$REPO/scripts" SMART_SOCIETY_SCREENSHOTS="$OUT" SMART_SOCIETY_PROJECT="$PROJECT"
unset PYTHONPATH  # the desktop must load the plugin from the profile, as a user's QGIS does
timeout 900 qgis --profiles-path "$PROFILE_ROOT" --profile default --nologo --noversioncheck \
  --code "$REPO/scripts/screenshot_runner.py" --project "$PROJECT" >"$OUT/qgis_stdout.log" 2>&1 || true
cat "$OUT/screenshots.log" 2>/dev/null || { echo "no screenshots.log: QGIS did not run the steps"; exit 1; }
ls -1 "$OUT"/*.png | sed "s|^|[screenshots] |"
grep -q FAILED "$OUT/screenshots.log" && { echo "[screenshots] some steps failed (see above)"; exit 1; }
exit 0
