"""Shared fixtures: the real project, a built copy of it, and a scratch copy to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fpkg.pipeline import BuildResult, run_build
from fpkg.sources import Paths

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIRS = ("corpus", "data", "ontology", "shapes", "queries")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def copy_project(target: Path) -> Paths:
    """A copy of every source of the project (not its published graph) under ``target``."""
    for name in SOURCE_DIRS:
        shutil.copytree(ROOT / name, target / name)
    return Paths(target)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """One fresh build of the real sources into a scratch directory."""
    paths = copy_project(tmp_path_factory.mktemp("built"))
    return run_build(paths)


@pytest.fixture
def scratch(tmp_path: Path) -> Paths:
    """A private copy of the sources, with the committed graph/, for tests that break things."""
    paths = copy_project(tmp_path)
    shutil.copytree(ROOT / "graph", tmp_path / "graph")
    return paths
