"""The one error type the pipeline raises for bad input: a message that names where."""

from __future__ import annotations

from pathlib import Path


class FpkgError(Exception):
    """Bad input or a failed quality gate, reported to the user without a traceback.

    ``where`` is the place at fault (``file:line`` or a node IRI); the message says what
    is wrong and, where it can, what to do.
    """

    def __init__(self, message: str, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


def at(path: Path | str, line: int | None = None) -> str:
    """Format a ``file:line`` location, the path relative to the working directory if possible."""
    p = Path(path)
    try:
        shown = str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        shown = str(p)
    return f"{shown}:{line}" if line is not None else shown
