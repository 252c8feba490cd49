"""The stages chained: sources → dataset → validation → published dumps."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset

from fpkg.build import build_dataset
from fpkg.errors import FpkgError
from fpkg.namespaces import ID
from fpkg.publish import publish
from fpkg.records import Record
from fpkg.sources import Paths, Sources, load_sources
from fpkg.validate import Report, load_shapes, validate


@dataclass(frozen=True)
class BuildResult:
    sources: Sources
    dataset: Dataset
    report: Report
    files: list[Path]


class ValidationFailed(FpkgError):
    """The built graph breaks a shape: nothing is published."""

    def __init__(self, report: Report, sources: Sources) -> None:
        self.report = report
        lines = [
            finding.describe(where_defined(finding.focus, sources.records))
            for finding in report.violations
        ]
        super().__init__(
            f"the graph breaks {len(report.violations)} shape constraint(s) "
            f"(violations; {len(report.warnings)} warning(s) besides); graph/ left unchanged:\n  "
            + "\n  ".join(lines)
        )


def where_defined(iri: str, records: dict[str, Record]) -> str | None:
    """``file:line`` of the curated record a node comes from (a fact, or its interval)."""
    if not iri.startswith(str(ID)):
        return None
    record_id = iri[len(str(ID)) :]
    while record_id:
        if record_id in records:
            return records[record_id].where
        record_id = record_id.rpartition("/")[0]
    return None


def run_build(paths: Paths, publish_to: Path | None = None) -> BuildResult:
    """Build, validate and (if it conforms) publish; raise :class:`FpkgError` otherwise."""
    sources = load_sources(paths)
    dataset = build_dataset(sources)
    report = validate(dataset, sources.documents, load_shapes(paths.shapes))
    if not report.conforms:
        raise ValidationFailed(report, sources)
    files = publish(dataset, sources.documents, publish_to or paths.graph)
    return BuildResult(sources, dataset, report, files)
