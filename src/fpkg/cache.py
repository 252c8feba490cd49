"""The build cache: each unit's output stored under the hash of everything it was made from.

An entry is one file, ``.fpkg-cache/units/{key}.unit``: a first line of JSON (the unit's
name, its SHA-256 of the body, what the merge needs besides the quads) and then the unit's
canonical N-Quads, sorted. An entry whose body does not match its hash is treated as missing,
so a corrupted cache costs a rebuild, never a wrong graph.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from fpkg import __version__

CODE_DIR = Path(__file__).resolve().parent


def digest(*parts: bytes | str) -> str:
    """SHA-256 of the parts, each length-prefixed so that no two sequences collide."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def files_digest(paths: Iterable[Path]) -> str:
    """One hash of the names and bytes of ``paths``."""
    return digest(*(part for path in sorted(paths) for part in (path.name, path.read_bytes())))


def code_digest() -> str:
    """The fpkg version and every module of the package: a change of code rebuilds all."""
    files = sorted(CODE_DIR.rglob("*.py"))
    return digest(
        __version__,
        *(part for p in files for part in (str(p.relative_to(CODE_DIR)), p.read_bytes())),
    )


def entry_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / "units" / f"{key}.unit"


def member_path(cache_dir: Path, key: str, suffix: str) -> Path:
    return cache_dir / "units" / f"{key}.{suffix}"


def write_entry(
    cache_dir: Path, key: str, meta: dict[str, Any], lines: list[str], members: dict[str, bytes]
) -> dict[str, Any]:
    """Store a unit's sorted N-Quads lines, its metadata and its ``members`` (its graph's part
    of every dump, by file suffix), each file atomically, the entry itself last; return its
    header."""
    body = "".join(lines).encode("utf-8")
    hashes = {suffix: hashlib.sha256(data).hexdigest() for suffix, data in members.items()}
    for suffix, data in members.items():
        _write_atomically(member_path(cache_dir, key, suffix), data)
    header = {**meta, "sha256": hashlib.sha256(body).hexdigest(), "members": hashes}
    _write_atomically(
        entry_path(cache_dir, key),
        json.dumps(header, sort_keys=True).encode("utf-8") + b"\n" + body,
    )
    return header


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


def read_meta(cache_dir: Path, key: str) -> dict[str, Any] | None:
    """The metadata of a sound entry; ``None`` if it is missing or its body is corrupted."""
    path = entry_path(cache_dir, key)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header, _, body = data.partition(b"\n")
    try:
        meta = json.loads(header)
    except ValueError:
        return None
    if not isinstance(meta, dict) or meta.get("sha256") != hashlib.sha256(body).hexdigest():
        return None
    for suffix, expected in meta.get("members", {}).items():
        try:
            data = member_path(cache_dir, key, suffix).read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest() != expected:
            return None
    return meta


def entry_lines(cache_dir: Path, key: str) -> Iterator[str]:
    """The N-Quads lines of an entry, read lazily (each ends with a newline)."""
    with entry_path(cache_dir, key).open(encoding="utf-8") as handle:
        handle.readline()
        yield from handle


def prune(cache_dir: Path, keep: set[str]) -> None:
    """Remove entries no longer part of the build (an edited document's old units)."""
    for path in (cache_dir / "units").glob("*"):
        if path.name.split(".", 1)[0] not in keep:
            path.unlink(missing_ok=True)
