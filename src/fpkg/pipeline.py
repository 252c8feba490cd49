"""The stages chained: plan the units, make those not in the cache (in parallel processes),
check what spans documents, and publish the merged dumps.

A unit is the shared graphs or one document (:mod:`fpkg.units`); a unit whose inputs have
not changed is taken from the cache (:mod:`fpkg.cache`); the dumps are merged from the units'
canonical N-Quads (:mod:`fpkg.merge`) and swapped into ``graph/`` at once (:mod:`fpkg.publish`).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from rdflib import Dataset

from fpkg import cache
from fpkg.build import build_dataset
from fpkg.corpus import load_corpus
from fpkg.errors import FpkgError
from fpkg.publish import PUBLISHED, publish
from fpkg.sources import Paths, Sources, load_sources
from fpkg.units import SHARED, Context, Unit, load_context, make_unit, plan
from fpkg.validate import Finding, Report

Progress = Callable[[str], None]
PROGRESS_EVERY = 2.0
"""Seconds between two progress lines of a long build."""


class ValidationFailed(FpkgError):
    """The built graph breaks a shape: nothing is published."""

    def __init__(self, report: Report, where: dict[str, str]) -> None:
        self.report = report
        lines = [finding.describe(where.get(finding.focus)) for finding in report.violations]
        super().__init__(
            f"the graph breaks {len(report.violations)} shape constraint(s) "
            f"(violations; {len(report.warnings)} warning(s) besides); graph/ left unchanged:\n  "
            + "\n  ".join(lines)
        )


@dataclass
class Summary:
    """What a build did: which units it made and which it reused, how long, how much memory."""

    built: list[str]
    reused: list[str]
    seconds: float
    peak_mib: float
    published: bool
    quads: int = 0
    graphs: int = 0

    def line(self) -> str:
        graph = "graph/ written" if self.published else "graph/ already up to date"
        return (
            f"{len(self.built)} unit(s) built, {len(self.reused)} reused; {graph}; "
            f"{self.seconds:.1f} s, peak memory {self.peak_mib:.0f} MiB"
        )


@dataclass
class BuildResult:
    paths: Paths
    report: Report
    files: list[Path]
    summary: Summary

    @cached_property
    def sources(self) -> Sources:
        """Every source loaded at once, as the whole-corpus reference build reads them."""
        return load_sources(self.paths)

    @cached_property
    def dataset(self) -> Dataset:
        """The whole corpus built in one rdflib dataset: the reference the units must equal
        (tests and checks only; the build itself never holds it)."""
        return build_dataset(self.sources)


_CONTEXT: Context | None = None
"""The context a worker process inherits from the build that forked it."""


def _make_in_worker(unit: Unit) -> tuple[str, dict[str, Any] | str]:
    assert _CONTEXT is not None
    try:
        return unit.name, make_unit(_CONTEXT, unit)
    except FpkgError as exc:
        return unit.name, str(exc)


def make_units(
    context: Context, units: list[Unit], jobs: int, progress: Progress
) -> dict[str, dict[str, Any] | str]:
    """Make ``units`` (in ``jobs`` processes when more than one); a unit's result is its
    metadata, or the one-line error that stopped it."""
    global _CONTEXT
    _CONTEXT = context
    results: dict[str, dict[str, Any] | str] = {}
    last = time.monotonic()

    def report(name: str, outcome: dict[str, Any] | str) -> None:
        nonlocal last
        results[name] = outcome
        if time.monotonic() - last >= PROGRESS_EVERY or len(results) == len(units):
            last = time.monotonic()
            progress(f"  units built: {len(results)}/{len(units)}")

    if jobs <= 1 or len(units) <= 1:
        for unit in units:
            report(*_make_in_worker(unit))
        return results
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        for future in as_completed([pool.submit(_make_in_worker, unit) for unit in units]):
            report(*future.result())
    return results


def run_build(
    paths: Paths,
    publish_to: Path | None = None,
    jobs: int | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Build what changed, validate, and (if every unit conforms) publish; raise
    :class:`FpkgError` naming file and line otherwise, leaving ``graph/`` untouched."""
    started = time.perf_counter()
    say = progress or (lambda _: None)
    out_dir = publish_to or paths.graph
    documents = load_corpus(paths.corpus)
    units = plan(paths, documents)
    metas = {u.name: meta for u in units if (meta := cache.read_meta(paths.cache, u.key))}
    missing = [u for u in units if u.name not in metas]
    built = [u.name for u in missing]
    say(f"{len(units)} units: {len(units) - len(missing)} in the cache, {len(missing)} to build")
    if missing:
        context = load_context(paths, documents)
        if missing[0].name == SHARED:
            metas[SHARED] = make_unit(context, missing.pop(0))
        context.share(cache.entry_lines(paths.cache, units[0].key))
        made = make_units(context, missing, jobs or os.cpu_count() or 1, say)
        errors = [made[u.name] for u in missing if isinstance(made[u.name], str)]
        if errors:
            raise FpkgError(str(errors[0]))
        metas.update({name: meta for name, meta in made.items() if isinstance(meta, dict)})
    ordered = [metas[u.name] for u in units]
    check_across_units(ordered)
    findings = sorted({Finding(*row) for meta in ordered for row in meta["findings"]})
    report = Report(findings)
    if not report.conforms:
        where = {focus: w for meta in ordered for focus, w in meta["where"].items()}
        raise ValidationFailed(report, where)
    keys = [u.key for u in units]
    stamp = cache.digest(os.path.relpath(out_dir, paths.root), *keys)
    state = published_state(paths.cache, out_dir, stamp)
    if state is None:
        counts = publish(paths.cache, ordered, keys, documents, out_dir)
        state = write_stamp(paths.cache, out_dir, stamp, [counts.triples, len(counts.graphs)])
    cache.prune(paths.cache, set(keys))
    summary = Summary(
        built=built,
        reused=[u.name for u in units if u.name not in built],
        seconds=time.perf_counter() - started,
        peak_mib=peak_mib(),
        published=state.get("new", False),
        quads=state["size"][0],
        graphs=state["size"][1],
    )
    say(summary.line())
    return BuildResult(paths, report, [out_dir / name for name in PUBLISHED], summary)


def check_across_units(metas: list[dict[str, Any]]) -> None:
    """What no unit can see alone: a fact id defined in two documents' facts files."""
    seen: dict[str, str] = {}
    for meta in metas:
        for fact, where in meta["facts"].items():
            if fact in seen:
                raise FpkgError(f"{fact} is defined twice (first at {seen[fact]})", where)
            seen[fact] = where


STAMP = "published.json"
"""In the cache: which units the files in ``graph/`` were made from, and those files' sizes
and times, so that a build with nothing changed does not write them again."""


def _files_state(out_dir: Path) -> dict[str, list[int]]:
    return {p.name: [p.stat().st_size, p.stat().st_mtime_ns] for p in sorted(out_dir.glob("*"))}


def published_state(cache_dir: Path, out_dir: Path, stamp: str) -> dict[str, Any] | None:
    """What the stamp recorded, if ``out_dir`` holds, untouched, what the units of ``stamp``
    publish; ``None`` when it must be written."""
    try:
        recorded = json.loads((cache_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if recorded.get("stamp") != stamp or recorded.get("files") != _files_state(out_dir):
        return None
    return recorded


def write_stamp(cache_dir: Path, out_dir: Path, stamp: str, size: list[int]) -> dict[str, Any]:
    """Record that ``out_dir`` now holds the build of ``stamp`` (``size``: quads, graphs)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    record = {"stamp": stamp, "files": _files_state(out_dir), "size": size}
    temporary = cache_dir / f".{STAMP}.tmp"
    temporary.write_text(json.dumps(record, sort_keys=True), encoding="utf-8")
    temporary.replace(cache_dir / STAMP)
    return {**record, "new": True}


def peak_mib() -> float:
    """The peak resident memory of this process or of the largest of its workers, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024
