"""The example queries offered as YASGUI tabs: chosen competency questions, then federated ones."""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).resolve().parents[1] / "static"

CHOSEN = (
    "tiar-abstentions",
    "lima-group-founding-members",
    "guaido-recognitions",
    "peru-memberships",
    "peru-cuba-relations",
    "lima-group-statements",
    "peru-governments",
    "migration-figures",
    "venezuela-inflation",
    "most-cited-works",
)
"""Stems of ``queries/*.rq``, in tab order; a stem whose file is missing is left out."""

FEDERATED = ("lima-group-heads-of-government", "peru-heads-of-state")
"""Stems of ``queries/federated/*.rq`` (joined with Wikidata), in tab order."""


def title_of(text: str, default: str) -> str:
    """The ``# title:`` of a query file's first line, else ``default``."""
    first = text.splitlines()[0] if text else ""
    return first.removeprefix("# title:").strip() if first.startswith("# title:") else default


def example_queries(queries_dir: Path) -> dict[str, dict[str, str]]:
    """YASGUI tabs, by title: the chosen questions of ``queries_dir``, then the federated ones."""
    paths = [queries_dir / f"{stem}.rq" for stem in CHOSEN]
    paths += [queries_dir / "federated" / f"{stem}.rq" for stem in FEDERATED]
    examples = {}
    for path in (p for p in paths if p.is_file()):
        text = path.read_text(encoding="utf-8")
        examples[title_of(text, path.stem)] = {"query": text}
    return examples
