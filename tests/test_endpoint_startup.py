"""`fpkg serve` starting up: one-line errors, no temporary store left behind, bound before it says so."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from servers import free_port


def serve(root: Path, tmp: Path, *options: str) -> subprocess.Popen:
    """`fpkg serve` with its temporary directory in ``tmp``."""
    return subprocess.Popen(
        [sys.executable, "-m", "fpkg.cli", "serve", "--root", str(root), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp)},
    )


def finish(process: subprocess.Popen) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=120)
    return process.returncode, out, err


@pytest.fixture
def tmp(tmp_path: Path) -> Path:
    directory = tmp_path / "tmp"
    directory.mkdir()
    return directory


def test_a_corrupted_dump_is_one_line_naming_it_and_the_fix(root, tmp_path, tmp):
    graph = tmp_path / "graph"
    shutil.copytree(root / "graph", graph)
    lines = (root / "graph" / "fpkg.nq").read_text(encoding="utf-8").splitlines()[:20]
    (graph / "fpkg.nq").write_text("\n".join([*lines, "<a> <b"]) + "\n", encoding="utf-8")
    code, out, err = finish(serve(root, tmp, "--graph", str(graph), "--port", str(free_port())))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "fpkg.nq" in err and "fpkg build" in err, err
    assert "Traceback" not in err
    assert list(tmp.iterdir()) == []


def test_a_missing_dump_is_one_line_naming_it_and_the_fix(root, tmp_path, tmp):
    graph = tmp_path / "empty"
    graph.mkdir()
    code, out, err = finish(serve(root, tmp, "--graph", str(graph), "--port", str(free_port())))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "fpkg.nq" in err and "fpkg build" in err, err
    assert list(tmp.iterdir()) == []


def test_a_busy_port_fails_before_serving_is_said(root, tmp):
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        code, out, err = finish(serve(root, tmp, "--port", str(port)))
    assert code == 1 and "serving" not in out
    assert err.count("\n") == 1 and f"127.0.0.1:{port}" in err, err
    assert list(tmp.iterdir()) == []


def test_serving_is_said_once_the_port_answers_and_the_store_goes_at_exit(root, tmp):
    port = free_port()
    process = serve(root, tmp, "--port", str(port))
    first = process.stdout.readline()
    assert first.startswith(f"fpkg: serving http://127.0.0.1:{port}/"), first
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass
    assert [p.name[:11] for p in tmp.iterdir()] == ["fpkg-store-"]
    process.send_signal(signal.SIGTERM)
    finish(process)
    assert list(tmp.iterdir()) == []


def test_terminated_while_loading_leaves_no_store(root, tmp):
    process = serve(root, tmp, "--port", str(free_port()))
    deadline = time.monotonic() + 60
    while not list(tmp.iterdir()):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    finish(process)
    assert list(tmp.iterdir()) == []
