"""`make serve` on a fresh clone says what it is doing before each slow step."""

from __future__ import annotations

import shutil
import subprocess

import pytest


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_serve_announces_each_slow_step(root, tmp_path):
    plan = subprocess.run(
        ["make", "--dry-run", "serve", f"VENV={tmp_path / 'venv'}"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()

    def line_of(words: str) -> int:
        return next(i for i, line in enumerate(plan) if words in line)

    assert line_of('echo "fpkg: setting up') < line_of("-m venv")
    assert line_of('echo "fpkg: installing fpkg') < line_of("pip install --quiet -e")
    assert line_of('echo "fpkg: loading graph/') < line_of("fpkg serve")
    quiet = [line for line in plan if "pip install" in line]
    assert quiet and all("--quiet" in line for line in quiet)
