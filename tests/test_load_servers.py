"""`fpkg load` against real SPARQL servers started here on loopback: Oxigraph (`oxigraph
serve`) and Virtuoso Open Source (`virtuoso-t` with a private virtuoso.ini). Each store is
loaded twice, then every competency question (queries/*.rq) must give there the answers
rdflib gives in process over the same dumps."""

from __future__ import annotations

import contextlib
import functools
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Identifier
from servers import free_port

from fpkg.cli import main
from fpkg.load import Endpoints, Loader, read_graphs

ROOT = Path(__file__).resolve().parents[1]
QUERIES = sorted((ROOT / "queries").glob("*.rq"))

VIRTUOSO_INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 10
MaxClientConnections = 10
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 120
"""


@dataclass(frozen=True)
class Server:
    """A running store: its name, URLs and the `fpkg load` options that reach it."""

    name: str
    endpoints: Endpoints
    credentials: tuple[str, ...]
    fallback: tuple[str, ...]

    def load_args(self) -> list[str]:
        args = ["load", "--root", str(ROOT), "--endpoint", self.endpoints.query]
        if self.endpoints.graph_store:
            args += ["--graph-store", self.endpoints.graph_store]
        if self.endpoints.update:
            args += ["--update", self.endpoints.update]
        return args + list(self.credentials)


def wait_until_up(process: subprocess.Popen, url: str, log: Path | None = None) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            detail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            pytest.fail(f"{url}: the server exited with status {process.returncode}\n{detail}")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"{url}: the server did not come up within 90 s")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    data = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        # The union of all graphs as default graph, as rdflib's and Virtuoso's default is.
        [
            binary,
            "serve",
            "--location",
            str(data),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(process, f"{base}/query")
        yield Server(
            "oxigraph",
            Endpoints(f"{base}/query", f"{base}/store", f"{base}/update"),
            (),
            (
                "load",
                "--root",
                str(ROOT),
                "--endpoint",
                f"{base}/query",
                "--update",
                f"{base}/update",
            ),
        )
    finally:
        stop(process)


def virtuoso_binary() -> str:
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("virtuoso-t is not installed (apt-get install virtuoso-opensource)")
    return binary


@contextlib.contextmanager
def running_virtuoso(data: Path) -> Iterator[tuple[str, int]]:
    """A private ``virtuoso-t`` keeping its database in ``data`` (also a directory it may
    bulk-load from): its HTTP base URL and its SQL port."""
    http_port, sql_port = free_port(), free_port()
    ini = data / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=data, sql=sql_port, http=http_port), encoding="utf-8")
    process = subprocess.Popen(
        [virtuoso_binary(), "+foreground", "+configfile", str(ini)],
        cwd=data,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_until_up(process, f"{base}/sparql", data / "virtuoso.log")
        yield base, sql_port
    finally:
        stop(process)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as (base, _):
        credentials = ("--user", "dba", "--password", "dba")
        yield Server(
            "virtuoso",
            Endpoints(f"{base}/sparql", f"{base}/sparql-graph-crud-auth", f"{base}/sparql-auth"),
            credentials,
            # The unauthenticated graph store answers 403: `load` falls back to SPARQL Update.
            (
                "load",
                "--root",
                str(ROOT),
                "--endpoint",
                f"{base}/sparql",
                "--graph-store",
                f"{base}/sparql-graph-crud",
                "--update",
                f"{base}/sparql-auth",
                *credentials,
            ),
        )


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def loaded(request: pytest.FixtureRequest) -> Server:
    """A server loaded twice over (graph store, then again), which must change nothing."""
    server: Server = request.getfixturevalue(request.param)
    for _ in range(2):
        result = CliRunner().invoke(main, server.load_args())
        assert result.exit_code == 0, result.output
        assert "graph store PUT" in result.output
        assert "the store's counts match" in result.output
    return server


XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def rdflib_term(term: Identifier | None) -> str:
    """A term as a string: an IRI in <>, a literal with its language or datatype."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return "_:"
    assert isinstance(term, Literal)
    if term.language:
        return f"{term}@{term.language.lower()}"
    datatype = str(term.datatype) if term.datatype else XSD_STRING
    return f"{term}^^{datatype}"


def json_term(term: dict[str, str] | None) -> str:
    """The same for a term of SPARQL JSON results. What the format lets servers vary is
    normalised: "typed-literal" (an older spelling of a literal with a datatype), a plain
    literal being an xsd:string, and the case of language tags."""
    if term is None:
        return ""
    if term["type"] == "uri":
        return f"<{term['value']}>"
    if term["type"] == "bnode":
        return "_:"
    if "xml:lang" in term:
        return f"{term['value']}@{term['xml:lang'].lower()}"
    return f"{term['value']}^^{term.get('datatype', XSD_STRING)}"


@pytest.fixture(scope="module")
def local() -> Callable[[Path], tuple[list[str], list[dict[str, str]]]]:
    """rdflib's answer to a query over the same dump: variables, and solutions as strings."""
    dataset = Dataset(default_union=True)
    dataset.parse(ROOT / "graph" / "fpkg.trig", format="trig")

    @functools.cache
    def answer(query: Path) -> tuple[list[str], list[dict[str, str]]]:
        result = dataset.query(query.read_text(encoding="utf-8"))
        names = [str(v) for v in result.vars or []]
        return names, [{n: rdflib_term(r[n]) for n in names} for r in result]  # type: ignore[index]

    return answer


def server_answer(server: Server, query: str) -> list[dict[str, str]]:
    response = httpx.post(
        server.endpoints.query,
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=120,
    )
    assert response.status_code == 200, response.text
    return [{n: json_term(t) for n, t in b.items()} for b in response.json()["results"]["bindings"]]


def test_loading_again_replaces_and_update_fallback_agrees(loaded):
    result = CliRunner().invoke(main, list(loaded.fallback))
    assert result.exit_code == 0, result.output
    assert "SPARQL Update" in result.output
    assert "the store's counts match" in result.output
    if loaded.name == "virtuoso":  # its unauthenticated graph store refuses, with a reason
        assert "refused PUT (HTTP 403: HTTP/1.1 403 Forbidden" in result.output


@pytest.mark.parametrize("query", QUERIES, ids=[q.stem for q in QUERIES])
def test_competency_question_on_server(loaded, local, query):
    """Answers row for row (a duplicate row counts): IRIs, literals with their language or
    datatype, "" for unbound. No question samples, so every store gives the same rows."""
    text = query.read_text(encoding="utf-8")
    names, rows = local(query)
    assert rows, f"{query.name}: an empty answer proves nothing"

    def row(values: dict[str, str]) -> tuple[str, ...]:
        return tuple(values.get(n, "") for n in names)

    got = sorted(row(r) for r in server_answer(loaded, text))
    assert got == sorted(row(r) for r in rows), f"{loaded.name}: {query.name} answers differently"


def run_load(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["load", "--root", str(ROOT), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.output


def test_wrong_password_is_one_clear_line(virtuoso):
    e = virtuoso.endpoints
    status, output = run_load(
        "--endpoint",
        e.query,
        "--graph-store",
        e.graph_store or "",
        "--user",
        "dba",
        "--password",
        "wrong",
    )
    assert status == 1
    assert output.splitlines()[-1] == (
        f"fpkg: error: {e.graph_store} refused the credentials (HTTP 401)"
    )


def test_missing_credentials_are_named(virtuoso):
    e = virtuoso.endpoints
    status, output = run_load("--endpoint", e.query, "--graph-store", e.graph_store or "")
    assert status == 1
    assert "needs credentials (--user, --password) (HTTP 401)" in output


def test_a_store_that_rejects_the_update_gives_its_reason(virtuoso):
    # Virtuoso's public /sparql may query but not update: its own error message is shown.
    status, output = run_load("--endpoint", virtuoso.endpoints.query)
    assert status == 1
    last = output.splitlines()[-1]
    assert last.startswith(f"fpkg: error: {virtuoso.endpoints.query} rejected graph <")
    assert "(HTTP 500): Virtuoso 42000 Error" in last
    assert "Traceback" not in output


def test_an_unreachable_server_is_one_clear_line():
    port = free_port()
    status, output = run_load("--endpoint", f"http://127.0.0.1:{port}/sparql")
    assert status == 1
    assert output.splitlines()[-1].startswith(
        f"fpkg: error: cannot reach http://127.0.0.1:{port}/sparql: "
    )


def check_counts(query_url: str) -> None:
    """Fail unless the store at ``query_url`` holds every named graph of the dump, exactly."""
    with httpx.Client(timeout=120) as http:
        Loader(Endpoints(query_url), http).check_counts(read_graphs(ROOT / "graph" / "fpkg.trig"))


def test_oxigraph_bulk_loads_the_compressed_dump(tmp_path):
    """The README's offline path: `oxigraph load` of graph/fpkg.nq.gz, then a server on it."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    store = tmp_path / "store"
    dump = ROOT / "graph" / "fpkg.nq.gz"
    subprocess.run([binary, "load", "--location", str(store), "--file", str(dump)], check=True)
    port = free_port()
    process = subprocess.Popen(
        [binary, "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(process, f"http://127.0.0.1:{port}/query")
        check_counts(f"http://127.0.0.1:{port}/query")
    finally:
        stop(process)


def test_virtuoso_bulk_loader_reads_the_compressed_dump(tmp_path):
    """The README's bulk path: Virtuoso's `ld_dir` + `rdf_loader_run` on graph/fpkg.nq.gz,
    into an empty store; the quads keep their named graphs."""
    isql = shutil.which("isql-vt") or shutil.which("isql")
    if isql is None:
        pytest.skip("isql-vt is not installed (apt-get install virtuoso-opensource)")
    shutil.copy(ROOT / "graph" / "fpkg.nq.gz", tmp_path)
    with running_virtuoso(tmp_path) as (base, sql_port):
        script = (
            f"ld_dir('{tmp_path}', 'fpkg.nq.gz', 'https://w3id.org/fpkg/graph/unnamed'); "
            "rdf_loader_run(); checkpoint;"
        )
        done = subprocess.run(
            [isql, str(sql_port), "dba", "dba", f"exec={script}"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        check_counts(f"{base}/sparql")
