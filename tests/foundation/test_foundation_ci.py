"""`.ci/run` refuses to run without the real data, with a message that says where it looked."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_ci_run_fails_clearly_without_shared_data(tmp_path):
    missing = tmp_path / "no_such_data"
    env = dict(os.environ, SMART_SOCIETY_SHARED_DATA=str(missing))
    result = subprocess.run(["bash", str(REPO_ROOT / ".ci" / "run")], env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert str(missing) in result.stderr and "missing" in result.stderr
    assert "[ci]" not in result.stdout  # nothing was installed or run


def test_makefile_offers_every_documented_target():
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for target in ("setup", "test", "demo", "run", "package", "screenshots", "bench", "lint", "eval", "i18n"):
        assert f"\n{target}:" in makefile, f"Makefile has no {target} target"
        assert f"make {target}" in readme or target == "setup" and "make setup" in readme


def test_readme_shows_screenshots_that_exist():
    import re

    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", readme)
    assert len(images) >= 5, "the README shows each component with a screenshot"
    missing = [image for image in images if not (REPO_ROOT / image).is_file()]
    assert missing == [], f"README refers to missing screenshots: {missing}"
