"""The verb dictionaries of ``data/patterns/*.yaml``, compiled; a bad entry names file:line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fpkg import yamlfile
from fpkg.errors import FpkgError, at


@dataclass(frozen=True)
class Pattern:
    """One entry: its regular expression and what a match means (``stance``, ``members``…)."""

    rule: str
    regex: re.Pattern[str]
    means: dict[str, Any]

    def get(self, key: str) -> Any:
        return self.means.get(key)


def load(
    directory: Path, file: str, section: str = "patterns", lang: str | None = None
) -> list[Pattern]:
    """The entries of ``section`` in ``directory/file``, in order (the first match wins);
    with ``lang``, those marked for another language (``lang: es``) are left out."""
    path = directory / file
    root = yamlfile.load(path)
    items = root.get(section) if hasattr(root, "get") else None
    if not isinstance(items, list):
        raise FpkgError(f"expected a `{section}:` list of patterns", at(path, 1))
    patterns = []
    for index, item in enumerate(items):
        where = at(path, yamlfile.line_of(items, index))
        if not hasattr(item, "get") or not item.get("name") or not item.get("match"):
            raise FpkgError("a pattern needs a `name` and a `match` (a regular expression)", where)
        try:
            source = str(item["match"]).replace(" ", r"\s+")
            regex = re.compile(rf"(?<!\w)(?:{source})(?![\w-])", re.IGNORECASE)
        except re.error as exc:
            raise FpkgError(
                f"pattern {item['name']!r}: bad regular expression: {exc}", where
            ) from None
        means = {str(k): v for k, v in item.items() if k not in ("name", "match")}
        if lang and means.get("lang") and means["lang"] != lang:
            continue
        patterns.append(Pattern(f"{file}#{item['name']}", regex, means))
    return patterns


def first_matches(patterns: list[Pattern], text: str) -> list[tuple[Pattern, re.Match[str]]]:
    """Non-overlapping matches in text order; where two overlap, the earlier-listed pattern
    wins (a curator orders entries from the most specific)."""
    taken: list[tuple[Pattern, re.Match[str]]] = []
    for pattern in patterns:
        for match in pattern.regex.finditer(text):
            if not any(match.start() < m.end() and m.start() < match.end() for _, m in taken):
                taken.append((pattern, match))
    return sorted(taken, key=lambda pm: pm[1].start())
