"""The ``fpkg`` command: one sub-command per stage of the data flow."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from fpkg.endpoint.media import FORMAT_NAMES
from fpkg.endpoint.options import (
    endpoint_options,
    serve_options,
    serve_settings_from,
    settings_from,
)
from fpkg.errors import FpkgError
from fpkg.sources import Paths


def project_root() -> Path:
    """The checkout to work on: the current directory if it holds a corpus, else this package's."""
    here = Path.cwd()
    if (here / "corpus" / "manifest.yaml").is_file():
        return here
    return Path(__file__).resolve().parents[2]


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn :class:`FpkgError` into a one-paragraph message and exit status 1, no traceback."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except FpkgError as exc:
            click.echo(f"fpkg: error: {exc}", err=True)
            sys.exit(1)

    return wrapper


root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Project checkout (default: the current directory, or the package's own).",
)


@click.group()
@click.version_option(package_name="fpkg")
def main() -> None:
    """fpkg — the Foreign Policy Knowledge Graph: build, validate, publish and serve it."""


@main.command()
@root_option
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that build units at once (default: the machine's cores).",
)
@reports_errors
def build(root: Path | None, jobs: int | None) -> None:
    """Build the graph from corpus/ and data/, validate it, and publish it into graph/.

    Each document is a unit, built and validated on its own and kept in .fpkg-cache/ under
    the hash of its inputs: a unit whose inputs did not change is reused."""
    from fpkg.pipeline import run_build

    result = run_build(
        Paths(root or project_root()), jobs=jobs, progress=lambda line: click.echo(line, err=True)
    )
    click.echo(
        f"built {result.summary.quads} statements in {result.summary.graphs} named graphs; "
        f"SHACL: {len(result.report.violations)} violation(s), "
        f"{len(result.report.warnings)} warning(s) (warnings do not fail the build; "
        "`fpkg validate --warnings` lists them)"
    )
    if result.summary.published:
        for path in result.files:
            click.echo(f"  wrote {path}")


@main.command()
@root_option
@reports_errors
def stats(root: Path | None) -> None:
    """Count what the published graph holds: per class and document, links, table rows."""
    from fpkg.stats import compute, load_store, render

    paths = Paths(root or project_root())
    click.echo(render(compute(load_store(paths.graph))))


@main.command()
@root_option
@click.argument("resource")
@click.argument("date")
@click.option("--partner", metavar="state/XXX", help="A state's relations with this state only.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@reports_errors
def asof(root: Path | None, resource: str, date: str, partner: str | None, fmt: str) -> None:
    """What held for RESOURCE (mechanism/lima-group, state/PER) on DATE (YYYY-MM-DD):
    members, governments, relations, each certainly, possibly or undated, with its evidence."""
    import json

    from fpkg.asof import AsOfError, ask, exists, parse_day, render_text
    from fpkg.namespaces import ID
    from fpkg.stats import load_store

    paths = Paths(root or project_root())
    day = parse_day(date)
    store = load_store(paths.graph)
    iri = str(ID) + resource.removeprefix(str(ID))
    other = str(ID) + partner.removeprefix(str(ID)) if partner else None
    for each in (iri, other):
        if each and not exists(store, each):
            raise AsOfError(f"no such resource: {each}")
    result = ask(store, paths.root / "queries", iri, day, other)
    if fmt == "json":
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=1))
    else:
        click.echo(render_text(result), nl=False)


@main.command()
@root_option
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--id", "doc_id", help="The document's id: lower-case words joined by hyphens.")
@click.option("--title", help="Its title.")
@click.option("--creator", "creators", multiple=True, help="An author (repeatable).")
@click.option("--publisher", help="Its publisher.")
@click.option("--date", help="Its date at its own precision: YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--identifier", help="Its URL (a DOI as https://doi.org/…).")
@click.option("--licence", help="The licence's URL, or `none` with --rights.")
@click.option("--rights", help="The terms of use when no licence is stated.")
@click.option("--language", help="BCP 47 language tag (default: detected, English or Spanish).")
@click.option("--kind", help="What it is (scholarly-article, news-commentary, …).")
@click.option("--description", help="A sentence on what this copy holds.")
@reports_errors
def add(root: Path | None, file: Path, doc_id: str | None, **meta: Any) -> None:
    """Add FILE (plain text, HTML or PDF) to the corpus: store it byte for byte, write its
    manifest entry with its SHA-256, and create its empty facts file."""
    from fpkg.intake import Metadata, add_document

    added = add_document(Paths(root or project_root()), file, Metadata(id=doc_id, **meta))
    click.echo(f"added {added.id}: {added.characters} characters of text")
    for path in added.written:
        click.echo(f"  wrote {path}")


@main.command()
@root_option
@click.argument("doc_id", metavar="DOCUMENT-ID")
@click.option(
    "--force", is_flag=True, help="Remove it even if curated or built facts depend on it."
)
@reports_errors
def remove(root: Path | None, doc_id: str, force: bool) -> None:
    """Undo `fpkg add`: remove the document, its manifest entry, its facts and review files."""
    from fpkg.removal import remove_document

    removed = remove_document(Paths(root or project_root()), doc_id, force)
    click.echo(f"removed {removed.id}")
    for path in removed.rewritten:
        click.echo(f"  rewrote {path}")
    for path in removed.deleted:
        click.echo(f"  deleted {path}")
    click.echo("run `fpkg build` to publish the graph without it")


@main.command()
@root_option
@click.argument("doc_id", metavar="DOCUMENT-ID")
@reports_errors
def propose(root: Path | None, doc_id: str) -> None:
    """Propose candidate facts for a document (rules and data/patterns/, no model) into
    data/proposed/DOCUMENT-ID.yaml, for review; proposals already decided stay decided."""
    from collections import Counter

    from fpkg.propose import propose as run_propose

    path, review, fresh = run_propose(Paths(root or project_root()), doc_id)
    counts = Counter(p.kind for p in review.proposals if p.status == "proposed")
    summary = ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "none"
    click.echo(f"wrote {path}: {fresh} new proposal(s) to review ({summary})")


ANSWERS = {
    "a": "accepted",
    "r": "rejected",
    "s": "skip",
    "A": "all",
    "q": "quit",
}


@main.command()
@root_option
@click.argument("doc_id", metavar="DOCUMENT-ID")
@click.option(
    "--apply",
    "apply_only",
    is_flag=True,
    help="Ask nothing: move the proposals whose status you set to accepted in the review file.",
)
@reports_errors
def review(root: Path | None, doc_id: str, apply_only: bool) -> None:
    """Accept, reject or edit the proposals for a document, one by one; accepted ones move
    into its curated facts file (and new entities into the catalog)."""
    from fpkg.review import apply, decide_all, document_text

    paths = Paths(root or project_root())
    if not apply_only:
        text = document_text(paths, doc_id)
        _, decided = decide_all(paths, doc_id, functools.partial(_ask, text))
        click.echo(f"recorded {decided} decision(s)")
    moved = apply(paths, doc_id)
    click.echo(f"moved {len(moved)} accepted proposal(s) into the curated files")


def _ask(text: str, proposal: Any, position: int, count: int) -> str:
    """Show one proposal (its words in the document's ``text``) and ask what to do with it;
    ``e`` opens it in an editor."""
    from fpkg import yamlfile
    from fpkg.review import in_context

    while True:
        click.echo(
            f"\n[{position}/{count}] {proposal.kind}  ({proposal.rule}, "
            f"characters {proposal.start}-{proposal.end})"
        )
        click.echo(f"  {in_context(text, proposal)}")
        click.echo(yamlfile.dump_items([proposal.record]).rstrip())
        answer = click.prompt(
            "accept, reject, edit, skip, accept All the rest, quit",
            type=click.Choice([*ANSWERS, "e"]),
            show_choices=True,
        )
        if answer != "e":
            return ANSWERS[answer]
        edited = click.edit(yamlfile.dump_items([proposal.record]), extension=".yaml")
        try:
            if edited is not None:
                proposal.record = yamlfile.parse_record(edited)
        except FpkgError as exc:
            click.echo(f"fpkg: {exc}; the proposal is as it was", err=True)


@main.command()
@root_option
@click.option("--warnings/--no-warnings", default=False, help="Also list warnings.")
@click.option(
    "--data",
    "data_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Validate this RDF file (N-Quads, TriG, N-Triples, Turtle) instead of graph/.",
)
@click.option(
    "--store-read",
    is_flag=True,
    help="Data read back from a triple store: offsets may be xsd:integer "
    "(shapes/fpkg-store-read-profile.ttl).",
)
@reports_errors
def validate(root: Path | None, warnings: bool, data_file: Path | None, store_read: bool) -> None:
    """Validate the published graph/ (or --data FILE) against shapes/; exit 1 on any violation."""
    from fpkg.corpus import load_corpus
    from fpkg.publish import read_published
    from fpkg.sources import parse_rdf
    from fpkg.validate import load_shapes
    from fpkg.validate import validate as run_validation

    paths = Paths(root or project_root())
    data = parse_rdf(data_file) if data_file else read_published(paths.graph)
    shapes = load_shapes(paths.shapes, "store-read" if store_read else None)
    report = run_validation(data, load_corpus(paths.corpus), shapes)
    shown = report.findings if warnings else report.violations
    for finding in shown:
        click.echo(finding.describe())
    click.echo(f"{len(report.violations)} violation(s), {len(report.warnings)} warning(s)")
    if not report.conforms:
        sys.exit(1)


@main.command()
@root_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Query worker processes (queries run side by side).",
)
@endpoint_options
@serve_options
@reports_errors
def serve(
    root: Path | None,
    host: str,
    port: int,
    workers: int,
    graph_dir: Path | None,
    store_dir: Path | None,
    **limits: Any,
) -> None:
    """Serve the published graph: YASGUI at /, SPARQL at /sparql (read-only, executed by
    Oxigraph), Linked Data at /id/… and /ontology, dumps at /dumps/. Any origin may query
    it (CORS, without credentials). A new build is served within seconds, without restart."""
    from fpkg.serve import create_live_app, listen, run_server, stopped_by_terminate

    paths = Paths(root or project_root())
    settings, connections = serve_settings_from(workers=workers, **limits)
    server_socket = listen(host, port)
    with stopped_by_terminate():
        app = create_live_app(
            graph_dir or paths.graph,
            paths.root / "queries",
            f"http://{host}:{port}/",
            settings,
            store_dir,
        )
        click.echo(
            f"fpkg: serving http://{host}:{port}/ (SPARQL at /sparql); "
            "a new build is served as soon as it is published"
        )
        run_server(app, server_socket, connections)


@main.command()
@root_option
@click.argument("source", type=click.File("r", encoding="utf-8"))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMAT_NAMES)),
    default=None,
    help="Result format (default: json for SELECT and ASK, turtle for CONSTRUCT and DESCRIBE).",
)
@click.option("--default-graph", multiple=True, metavar="IRI", help="A default graph (repeatable).")
@click.option("--named-graph", multiple=True, metavar="IRI", help="A named graph (repeatable).")
@endpoint_options
@reports_errors
def query(
    root: Path | None,
    source: Any,
    fmt: str | None,
    default_graph: tuple[str, ...],
    named_graph: tuple[str, ...],
    graph_dir: Path | None,
    store_dir: Path | None,
    **limits: Any,
) -> None:
    """Run the SPARQL query in SOURCE (a file, or - for standard input) as the endpoint would,
    and write its result to standard output."""
    from fpkg.endpoint.command_line import run_query
    from fpkg.endpoint.errors import ProtocolError

    paths = Paths(root or project_root())
    try:
        body, capped = run_query(
            source.read(),
            graph_dir or paths.graph,
            settings_from(workers=1, **limits),
            FORMAT_NAMES[fmt] if fmt else None,
            store_dir,
            list(default_graph),
            list(named_graph),
        )
    except ProtocolError as error:
        raise FpkgError(f"{error.reason} (HTTP {error.status})") from None
    sys.stdout.buffer.write(body)
    sys.stdout.buffer.flush()
    if capped:
        click.echo(f"fpkg: warning: the result was cut at its {capped} cap", err=True)


@main.command()
@root_option
@click.option(
    "--endpoint", required=True, metavar="QUERY_URL", help="The store's SPARQL query URL."
)
@click.option(
    "--graph-store",
    metavar="GSP_URL",
    help="Its Graph Store Protocol URL (PUT replaces a graph); without it, SPARQL Update.",
)
@click.option(
    "--update", metavar="UPDATE_URL", help="Its SPARQL Update URL (default: the query URL)."
)
@click.option("--user", help="User name (HTTP Basic or Digest, as the server asks).")
@click.option("--password", envvar="FPKG_LOAD_PASSWORD", help="Password (or $FPKG_LOAD_PASSWORD).")
@click.option("--timeout", default=120.0, show_default=True, help="Seconds per HTTP request.")
@reports_errors
def load(
    root: Path | None,
    endpoint: str,
    graph_store: str | None,
    update: str | None,
    user: str | None,
    password: str | None,
    timeout: float,
) -> None:
    """Load the named graphs of graph/fpkg.trig into a SPARQL 1.1 store, replacing what it
    held of them (a second load changes nothing), and check its triple counts."""
    import time

    from fpkg.load import Endpoints, client, read_graphs
    from fpkg.load import Loader as StoreLoader

    graphs = read_graphs(Paths(root or project_root()).graph / "fpkg.trig")
    total = sum(len(g.triples) for g in graphs)
    click.echo(f"fpkg: loading {len(graphs)} named graphs ({total} triples) into {endpoint}")
    started = time.perf_counter()
    with (
        client(user, password, timeout) as http,
        click.progressbar(
            length=total, label="loading", file=sys.stderr, hidden=not sys.stderr.isatty()
        ) as bar,
    ):
        loader = StoreLoader(
            Endpoints(endpoint, graph_store, update), http, lambda _iri, n: bar.update(n)
        )
        done = loader.load(graphs)
    for notice in loader.notices:
        click.echo(f"fpkg: note: {notice}", err=True)
    for item in done:
        click.echo(f"  {item.iri}  {item.triples} triples  {item.method}  {item.seconds:.2f} s")
    click.echo(
        f"loaded {total} triples in {len(done)} graphs in {time.perf_counter() - started:.1f} s; "
        "the store's counts match"
    )


@main.group()
def curate() -> None:
    """Curation aids that write into data/ for a curator to review (never run by the build)."""


@curate.command("languages")
@root_option
@click.option("--dry-run", is_flag=True, help="List the proposals; change no file.")
@reports_errors
def curate_languages(root: Path | None, dry_run: bool) -> None:
    """Tag the untagged aliases, wordings and evidence quotes that an offline language
    identifier (lingua) finds to be Spanish, in data/catalog and data/facts."""
    from fpkg.curate import Identifier, apply, proposals

    found = proposals(Paths(root or project_root()), Identifier())
    for proposal in found:
        click.echo(proposal.describe())
    skipped = [] if dry_run else apply(found)
    for proposal in skipped:
        click.echo(f"fpkg: warning: tag by hand: {proposal.describe()}", err=True)
    verb = "proposed" if dry_run else "wrote"
    click.echo(f"{verb} {len(found) - len(skipped)} language tag(s); review with git diff")


@curate.command("serve")
@root_option
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Interface (loopback unless told)."
)
@click.option("--port", default=8010, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--wikidata-api",
    default="https://www.wikidata.org/w/api.php",
    show_default=True,
    help='The Wikidata API asked by "find on Wikidata" (only when the curator clicks it).',
)
@reports_errors
def curate_serve(root: Path | None, host: str, port: int, wikidata_api: str) -> None:
    """Curate in the browser: each document's text with its proposals highlighted, accept
    (a), reject (r), edit (e), undo (u), add missed facts by selecting words, time to-dos,
    and a Build button. Writes the same files as `fpkg review`."""
    import uvicorn

    from fpkg.curate_web import create_curation_app
    from fpkg.serve import listen

    server_socket = listen(host, port)
    port = server_socket.getsockname()[1]
    hosts = {f"{host}:{port}"} | ({f"localhost:{port}"} if host == "127.0.0.1" else set())
    app = create_curation_app(Paths(root or project_root()), hosts, wikidata_api=wikidata_api)
    click.echo(f"fpkg: curating at http://{host}:{port}/curate/ (stop with Ctrl-C)")
    config = uvicorn.Config(app, log_level="warning")
    uvicorn.Server(config).run(sockets=[server_socket])


@main.group()
def audit() -> None:
    """Coverage audits of the curated data against the documents."""


@audit.command("times")
@root_option
@reports_errors
def audit_times(root: Path | None) -> None:
    """Account for every temporal expression of the documents: in the evidence of a dated
    fact, or listed in data/audit/times-unused.yaml with its reason. Exit 1 on any other,
    except in a document under curation (one with a review file): those are its to-dos,
    shown in `fpkg curate serve`."""
    from fpkg.proposals import review_path
    from fpkg.sources import load_sources
    from fpkg.timeaudit import audit_sources, failing, render

    paths = Paths(root or project_root())
    sources = load_sources(paths)
    report = audit_sources(sources, paths.root)
    in_curation = {doc for doc in sources.documents if review_path(paths, doc).is_file()}
    click.echo(render(report, in_curation))
    if failing(report, in_curation):
        sys.exit(1)


@main.group()
def links() -> None:
    """Wikidata links of the catalog's entities: check them offline, verify them online."""


@links.command("check")
@root_option
@reports_errors
def links_check(root: Path | None) -> None:
    """List linked and unlinked entities (with the reason); exit 1 on a malformed or repeated
    QID, or one absent from data/wikidata-qids.tsv."""
    from fpkg.links import check, render_check

    report = check(Paths(root or project_root()))
    click.echo(render_check(report))
    for problem in report.problems:
        click.echo(f"fpkg: error: {problem}", err=True)
    if report.problems:
        sys.exit(1)


@links.command("verify")
@root_option
@reports_errors
def links_verify(root: Path | None) -> None:
    """Compare each linked entity's names with its English label and aliases in Wikidata
    (needs network); exit 1 if any QID is missing, redirected or names something else."""
    from fpkg.links import verify, wikidata_client

    with wikidata_client() as http:
        verdicts = verify(Paths(root or project_root()), http)
    width = max((len(v.link.id) for v in verdicts), default=0)
    for verdict in verdicts:
        click.echo(
            f"{verdict.status:<10}  {verdict.link.id:<{width}}  {verdict.link.qid}  {verdict.detail}"
        )
    bad = [v for v in verdicts if v.status != "ok"]
    click.echo(f"{len(verdicts) - len(bad)} of {len(verdicts)} links agree with Wikidata")
    if bad:
        sys.exit(1)


if __name__ == "__main__":
    main()
