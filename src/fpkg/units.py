"""Build units: the shared graphs (ontology, catalog, links) and each document's named graph,
each built and validated on its own and stored in the cache under the hash of its inputs.

A document's unit reads its facts, anchors them in its text, builds its graph with the
ontology and the catalog, validates that with the shapes (SHACL Core by pySHACL, the SPARQL
constraints by Oxigraph) and stores its canonical sorted N-Quads. It depends only on its
document, its facts file, the catalog's names (the gazetteer matches all of them), the catalog
entries its facts name, the ontology, the shapes and fpkg's code: its key hashes exactly these.
The same function is what a cluster map would run, one call per document (see the README).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyoxigraph import RdfFormat, parse, serialize
from rdflib import Dataset, Graph
from rdflib.namespace import RDF

from fpkg import cache, yamlfile
from fpkg.build import build_dataset
from fpkg.closure import Triple
from fpkg.corpus import Document
from fpkg.dumpparts import graph_parts
from fpkg.errors import FpkgError, at
from fpkg.mentions import Gazetteer
from fpkg.namespaces import ID, named_graph
from fpkg.records import Record, read_facts, read_qid_register
from fpkg.sources import (
    Paths,
    Sources,
    complete_sources,
    concept_keys,
    load_catalog,
    load_ontology,
    resolve,
)
from fpkg.validate import UnitValidator, load_shapes, validate

SHARED = "shared"
"""The unit of the ontology, catalog and links graphs."""
RDF_TYPE = f"<{RDF.type}>"
REFERENCE = re.compile(r"[a-z][a-z0-9-]*/[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class Unit:
    """One piece of work: its name (``shared`` or a document id), its cache key and, for a
    document, its facts files."""

    name: str
    key: str
    facts: tuple[Path, ...] = ()


@dataclass
class Context:
    """What every unit reads, loaded once per process."""

    paths: Paths
    documents: dict[str, Document]
    ontology: Graph
    catalog: list[Record]
    concepts: set[str]
    qid_register: dict[str, str]
    shapes: Graph
    gazetteer: Gazetteer
    shared_lines: frozenset[str] = frozenset()
    """The shared unit's quads, which a document's unit leaves out of its own."""
    shared_triples: frozenset[Triple] = frozenset()
    """The same as rdflib triples: what a document's unit does not build again."""
    validator: UnitValidator | None = None
    """The shared graphs held for validating document units against them."""

    def share(self, lines: Iterable[str]) -> None:
        """Take the shared unit's quads (its N-Quads ``lines``) as given to every document."""
        self.shared_lines = frozenset(lines)
        shared = Dataset()
        shared.parse(data="".join(self.shared_lines), format="nquads")
        self.shared_triples = frozenset((s, p, o) for s, p, o, _ in shared.quads())
        self.validator = UnitValidator(shared, self.shapes)


def load_context(paths: Paths, documents: dict[str, Document]) -> Context:
    ontology = load_ontology(paths)
    catalog = load_catalog(paths)
    return Context(
        paths,
        documents,
        ontology,
        catalog,
        concept_keys(ontology),
        read_qid_register(paths.qid_register),
        load_shapes(paths.shapes),
        Gazetteer(catalog),
    )


def plan(paths: Paths, documents: dict[str, Document]) -> list[Unit]:
    """Every unit of the build with its key: the shared unit first, then one per document."""
    base = cache.digest(
        cache.code_digest(),
        cache.files_digest(paths.ontology.glob("*.ttl")),
        cache.files_digest(paths.shapes.glob("*.ttl")),
    )
    catalog_files = sorted(paths.catalog.glob("*.yaml"))
    units = [
        Unit(
            SHARED,
            cache.digest(
                SHARED,
                base,
                cache.files_digest(catalog_files),
                paths.qid_register.read_bytes() if paths.qid_register.is_file() else b"",
            ),
        )
    ]
    entries, names = catalog_digests(catalog_files)
    facts = facts_by_document(paths, documents)
    for doc_id, document in sorted(documents.items()):
        texts = [path.read_bytes() for path in facts[doc_id]]
        cited = {
            ref for text in texts for ref in REFERENCE.findall(text.decode("utf-8", "replace"))
        }
        units.append(
            Unit(
                doc_id,
                cache.digest(
                    "document",
                    base,
                    names,
                    document_digest(document),
                    *(
                        part
                        for path, text in zip(facts[doc_id], texts, strict=True)
                        for part in (path.name, text)
                    ),
                    *(entries[ref] for ref in sorted(cited & entries.keys())),
                ),
                tuple(facts[doc_id]),
            )
        )
    return units


DOCUMENT_KEY = re.compile(r"""^document:[ \t]*["']?([^"'\s#]+)""", re.MULTILINE)


def facts_by_document(paths: Paths, documents: dict[str, Document]) -> dict[str, list[Path]]:
    """The facts files of each document (by their ``document:``), each document having one."""
    files: dict[str, list[Path]] = {doc_id: [] for doc_id in documents}
    for path in sorted(paths.facts.glob("*.yaml")):
        found = DOCUMENT_KEY.search(path.read_text(encoding="utf-8", errors="replace"))
        if found and found.group(1) in files:
            files[found.group(1)].append(path)
            continue
        records = read_facts(path)  # parsed in full: names the line at fault
        if records and records[0].document in files:
            files[str(records[0].document)].append(path)
            continue
        for record in records:
            raise FpkgError(
                f"{record.id}: unknown document {record.document!r}; "
                f"known: {', '.join(sorted(documents))}",
                record.where,
            )
    for doc_id, found in files.items():
        if not found:
            raise FpkgError(
                f"document {doc_id!r} of the manifest has no facts file; curate it or remove it "
                "from corpus/manifest.yaml",
                at(paths.facts / f"{doc_id}.yaml"),
            )
    return files


def check_no_blank_nodes(lines: list[str]) -> None:
    """Published data names every node, so that dumps diff and merge cleanly."""
    for line in lines:
        subject, _, rest = line.split(" ", 2)
        if subject.startswith("_:") or rest.startswith("_:"):
            raise FpkgError(f"blank node in published data: {line.strip()}")


def document_digest(document: Document) -> str:
    """The manifest's description of a document, with its text's SHA-256 standing for the text."""
    fields = {
        f.name: getattr(document, f.name)
        for f in dataclasses.fields(document)
        if f.name not in ("path", "content")
    }
    return json.dumps(fields, sort_keys=True, default=str)


def catalog_digests(files: list[Path]) -> tuple[dict[str, str], str]:
    """Each catalog entry's hash by id, and one hash of every entry's names (what the
    gazetteer and the generated labels read from the entries a document does not cite)."""
    entries: dict[str, str] = {}
    names = []
    for path in files:
        root = yamlfile.read(path)
        items = root.get("entities") if isinstance(root, dict) else None
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and "id" in item:
                entries[str(item["id"])] = json.dumps(item, sort_keys=True, default=str)
                names.append([item.get(k) for k in ("id", "label", "aliases", "demonyms")])
    return entries, json.dumps(names, sort_keys=True, default=str)


def make_unit(context: Context, unit: Unit) -> dict[str, Any]:
    """Build, validate and store one unit; return the metadata the merge needs."""
    if unit.name == SHARED:
        sources = Sources(
            {},
            context.ontology,
            resolve(list(context.catalog), {}, context.concepts, context.qid_register),
            [],
            [],
        )
        dataset = build_dataset(sources)
        lines = canonical_lines(dataset)
        check_no_blank_nodes(lines)
        report = validate(dataset, sources.documents, context.shapes)
    else:
        assert context.validator is not None, "the shared unit comes first"
        sources = document_sources(context, unit)
        dataset = build_dataset(sources, context.shared_triples)
        lines = [line for line in canonical_lines(dataset) if line not in context.shared_lines]
        check_no_blank_nodes(lines)
        report = context.validator.validate(dataset, sources.documents, nodes_of(lines))
    own = f"<{named_graph(unit.name)}>"
    meta = {
        "unit": unit.name,
        "graphs": graph_blocks(lines),
        "findings": [dataclasses.astuple(f) for f in report.findings],
        "where": {
            f.focus: w for f in report.findings if (w := where_defined(f.focus, sources.records))
        },
        "facts": {r.id: r.where for r in sources.records.values() if r.type.is_fact and r.document},
    }
    members = {}
    if unit.name != SHARED and own in meta["graphs"]:
        start, end = meta["graphs"][own]["lines"]
        members = graph_parts(lines[start:end])
        meta["own"] = own
    return cache.write_entry(context.paths.cache, unit.key, meta, lines, members)


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


def document_sources(context: Context, unit: Unit) -> Sources:
    """The checked sources of one document: its facts with the catalog."""
    facts = [record for path in unit.facts for record in read_facts(path)]
    for record in facts:
        if record.document != unit.name:
            raise FpkgError(
                f"{record.id}: unknown document {record.document!r}; "
                f"known: {', '.join(sorted(context.documents))}",
                record.where,
            )
    return complete_sources(
        {unit.name: context.documents[unit.name]},
        context.ontology,
        [*context.catalog, *facts],
        context.concepts,
        context.qid_register,
        context.gazetteer,
    )


def canonical_lines(dataset: Dataset) -> list[str]:
    """The dataset's quads as canonical N-Quads lines (Oxigraph's), sorted by graph, then line."""
    data = dataset.serialize(format="nquads", encoding="utf-8")
    quads = parse(data, format=RdfFormat.N_QUADS)
    lines = serialize(quads, format=RdfFormat.N_QUADS).decode("utf-8").splitlines(keepends=True)
    return sorted(set(lines), key=lambda line: (graph_of(line), line))


def nodes_of(lines: list[str]) -> set[str]:
    """The IRIs of the subjects and IRI objects of N-Quads lines: what a unit validates."""
    nodes = set()
    for line in lines:
        subject, _, rest = line.split(" ", 2)
        nodes.add(subject[1:-1])
        if rest.startswith("<"):
            nodes.add(rest[1 : rest.index(">")])
    return nodes


def graph_of(line: str) -> str:
    """The graph IRI of an N-Quads line of a named graph (the last term before `` .``)."""
    return line[line.rindex(" <", 0, len(line) - 3) + 1 : -3].strip()


def graph_blocks(lines: list[str]) -> dict[str, dict[str, Any]]:
    """Per graph of ``lines`` (sorted by graph, then line): its line range, its triple count,
    its class counts and how many subjects have a type (a subject's lines are adjacent)."""
    blocks: dict[str, dict[str, Any]] = {}
    last_typed: tuple[str, str] = ("", "")
    for index, line in enumerate(lines):
        graph = graph_of(line)
        block = blocks.setdefault(
            graph, {"lines": [index, index], "classes": Counter(), "typed": 0}
        )
        block["lines"][1] = index + 1
        subject, predicate, rest = line.split(" ", 2)
        if predicate == RDF_TYPE and rest.startswith("<"):
            block["classes"][rest[: rest.index(">") + 1]] += 1
            if (graph, subject) != last_typed:
                block["typed"] += 1
                last_typed = (graph, subject)
    for block in blocks.values():
        block["classes"] = dict(sorted(block["classes"].items()))
        block["triples"] = block["lines"][1] - block["lines"][0]
    return blocks
