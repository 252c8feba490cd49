"""The on-disk Oxigraph store the workers share, loaded from the published N-Quads dump."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox

from fpkg.errors import FpkgError, at

DUMP = "fpkg.nq"
_MARK = "source.sha256"


def file_sha256(path: Path) -> str:
    """The SHA-256 of the file at ``path``, read a MiB at a time."""
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def prepare_store(graph_dir: Path, store_dir: Path) -> Path:
    """The Oxigraph directory under ``store_dir`` holding ``graph_dir``'s dump, (re)loaded if stale.

    The dump's SHA-256 is recorded beside the store: a store loaded from the same dump is
    reused as it is, one from another dump is replaced.
    """
    dump = graph_dir / DUMP
    if not dump.is_file():
        raise FpkgError("no published graph here: run `fpkg build` first", at(dump))
    data = store_dir / "oxigraph"
    mark = store_dir / _MARK
    digest = file_sha256(dump)
    if data.is_dir() and mark.is_file() and mark.read_text().strip() == digest:
        return data
    store_dir.mkdir(parents=True, exist_ok=True)
    mark.unlink(missing_ok=True)
    shutil.rmtree(data, ignore_errors=True)
    try:
        store = ox.Store(str(data))
        store.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
        store.flush()
        store.optimize()
        del store
    except (SyntaxError, ValueError, OSError) as error:
        shutil.rmtree(data, ignore_errors=True)
        reason = " ".join(str(error).split())[:200]
        raise FpkgError(
            f"the published graph cannot be read ({reason}): run `fpkg build` to write it again",
            at(dump),
        ) from None
    mark.write_text(digest + "\n")
    return data


class TemporaryStore:
    """A store in a temporary directory, removed by :meth:`cleanup`."""

    def __init__(self, graph_dir: Path) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="fpkg-store-"))
        try:
            self.path = prepare_store(graph_dir, self.directory)
        except BaseException:
            self.cleanup()
            raise

    def cleanup(self) -> None:
        """Remove the directory."""
        shutil.rmtree(self.directory, ignore_errors=True)
