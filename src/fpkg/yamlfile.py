"""Reading curated YAML with line numbers, so every error can name ``file:line``.

The build reads with libyaml (:func:`read`: plain dicts and lists that remember their
lines); files that are rewritten keep ruamel's round-trip loader (:func:`load`).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from fpkg.errors import FpkgError, at


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FpkgError(f"cannot read: {exc}", at(path)) from None


def load(path: Path) -> Any:
    """Parse a YAML file (round-trip mode keeps line numbers); syntax errors name the line."""
    text = _text(path)
    try:
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise FpkgError(f"YAML syntax error: {exc.problem}", at(path, line)) from None


class LineMap(dict):
    """A mapping read by :func:`read`, with the line of itself and of each key."""

    line: int
    key_lines: dict[Any, int]


class LineSeq(list):
    """A sequence read by :func:`read`, with the line of itself and of each item."""

    line: int
    item_lines: list[int]


class _LineLoader(yaml.CSafeLoader):
    """libyaml's safe loader, building :class:`LineMap` and :class:`LineSeq`."""


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> LineMap:
    written: set[Any] = set()
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=True)
        if key in written:
            raise yaml.constructor.ConstructorError(
                None, None, f"found duplicate key {key!r}", key_node.start_mark
            )
        written.add(key)
    loader.flatten_mapping(node)  # `<<: *anchor` first; the keys written here override it
    mapping = LineMap()
    mapping.line, mapping.key_lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> LineSeq:
    items = LineSeq(loader.construct_object(item, deep=True) for item in node.value)
    items.line, items.item_lines = (
        node.start_mark.line + 1,
        [item.start_mark.line + 1 for item in node.value],
    )
    return items


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def read(path: Path) -> Any:
    """Parse a YAML file that is only read, with libyaml; syntax errors name the line."""
    text = _text(path)
    try:
        return yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise FpkgError(f"YAML syntax error: {exc.problem}", at(path, line)) from None


def line_of(node: Any, key: str | int | None = None) -> int | None:
    """1-based line of a mapping/sequence node, or of one of its keys/items."""
    if isinstance(node, LineMap | LineSeq):
        if key is None:
            return node.line
        try:
            if isinstance(node, LineMap):
                return node.key_lines[key]
            return node.item_lines[key]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return node.line
    if not isinstance(node, CommentedMap | CommentedSeq):
        return None
    try:
        if key is None:
            return node.lc.line + 1
        if isinstance(node, CommentedMap):
            return node.lc.key(key)[0] + 1
        return node.lc.item(key)[0] + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return node.lc.line + 1


def dump_items(items: list[Any]) -> str:
    """Block YAML of a list of mappings, its items indented to sit under a top-level key."""
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump(items, stream)
    return stream.getvalue()


def with_items_appended(path: Path, key: str, items: list[Any]) -> str:
    """The text of ``path`` with ``items`` added at the end of its top-level list ``key``
    (which must be the file's last key); the rest of the file stays byte for byte."""
    root = load(path)
    if not hasattr(root, "keys") or not root.keys() or list(root.keys())[-1] != key:
        raise FpkgError(f"expected `{key}:` to be the last top-level key", at(path))
    text = path.read_text(encoding="utf-8")
    text = re.sub(rf"(?m)^{re.escape(key)}:\s*\[\]\s*$", f"{key}:", text)
    if not text.endswith("\n"):
        text += "\n"
    return text + dump_items(items)


def parse_record(text: str) -> dict[str, Any]:
    """One record typed in an editor (a mapping, or a list holding one)."""
    try:
        node = YAML(typ="safe").load(text)
    except MarkedYAMLError as exc:
        raise FpkgError(f"the edited record is not YAML: {exc.problem}") from None
    if isinstance(node, list) and len(node) == 1:
        node = node[0]
    if not isinstance(node, dict) or not node.get("id"):
        raise FpkgError("the edited record must be one mapping with an `id`")
    return node


def _top_list(path: Path, key: str) -> Any:
    root = load(path)
    items = root.get(key) if hasattr(root, "get") else None
    if not isinstance(items, list):
        raise FpkgError(f"expected a top-level `{key}:` list", at(path))
    return items


def _item_lines(lines: list[str], items: Any, index: int) -> range:
    """The lines of item ``index``: from its dash to the next line indented no deeper than
    the dash (blank lines before that line stay outside)."""
    first = (line_of(items, index) or 1) - 1
    dash = len(lines[first]) - len(lines[first].lstrip())
    last = first + 1
    while last < len(lines):
        line = lines[last]
        if line.strip() and len(line) - len(line.lstrip()) <= dash:
            break
        last += 1
    while last > first + 1 and not lines[last - 1].strip():
        last -= 1
    return range(first, last)


def without_items(path: Path, key: str, drop: set[int]) -> str:
    """The text of ``path`` with the items at positions ``drop`` of its top-level list
    ``key`` taken out line by line; the rest of the file stays byte for byte."""
    items = _top_list(path, key)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    removed: set[int] = set()
    for index in drop:
        span = _item_lines(lines, items, index)
        stop = span.stop
        while stop < len(lines) and not lines[stop].strip():
            stop += 1  # and the blank lines after it
        removed.update(range(span.start, stop))
    kept = [line for number, line in enumerate(lines) if number not in removed]
    if len(drop) == len(items):
        kept = [
            re.sub(rf"^{re.escape(key)}:[ \t]*(\r?\n)?$", rf"{key}: []\1", line) for line in kept
        ]
    return "".join(kept)


def with_item_replaced(path: Path, key: str, index: int, item: dict[str, Any]) -> str:
    """The text of ``path`` with item ``index`` of its top-level list ``key`` written anew
    as ``item`` (block style); the rest of the file stays byte for byte. An item that
    holds comments, is written in flow style or shares keys through an anchor is refused,
    since writing it anew would lose them."""
    items = _top_list(path, key)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    span = _item_lines(lines, items, index)
    written = "".join(lines[span.start : span.stop])
    old = items[index]
    shared = getattr(old, "merge", None) or (old.anchor.value if hasattr(old, "anchor") else None)
    flow = hasattr(old, "fa") and old.fa.flow_style()
    if shared or flow or any(x.lstrip().startswith("#") for x in written.splitlines()[1:]):
        raise FpkgError(
            f"{old.get('id')} is written with comments, an anchor or in flow style; "
            "change it by hand",
            at(path, span.start + 1),
        )
    return "".join(lines[: span.start]) + dump_items([item]) + "".join(lines[span.stop :])
