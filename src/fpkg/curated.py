"""Writing curated files safely: each file is replaced whole (temporary file, fsync, rename),
and every read-modify-write of the curated data happens under one exclusive lock of the
project (``fcntl.flock`` on ``.curation.lock`` at its root), so that two browser tabs, a tab and
``fpkg review``, or two commands never lose each other's work. A kill at any moment leaves
every file either as it was or as it was meant to be."""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

LOCK_NAME = ".curation.lock"

_held: dict[Path, int] = {}
"""Lock files this process holds, with how deeply (the lock is re-entrant per process)."""
_guard = threading.RLock()


def write_atomically(path: Path, data: str | bytes) -> None:
    """Replace ``path`` with ``data``: a temporary sibling is written and synced to disk,
    then renamed over it (and the directory synced), so the file is never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


@contextlib.contextmanager
def curation_lock(root: Path) -> Iterator[None]:
    """Hold the project's curation lock (waiting for it) while the block runs. Re-entrant
    within a process, so a locked operation may call another."""
    lock_path = (root / LOCK_NAME).resolve()
    with _guard:
        if lock_path in _held:
            _held[lock_path] += 1
            try:
                yield
            finally:
                _held[lock_path] -= 1
            return
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            _held[lock_path] = 1
            try:
                yield
            finally:
                del _held[lock_path]
                fcntl.flock(descriptor, fcntl.LOCK_UN)
        finally:
            os.close(descriptor)
