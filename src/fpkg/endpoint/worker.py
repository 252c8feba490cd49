"""What a worker process does: open the store read-only, then run query jobs one at a time.

Run as ``python -m fpkg.endpoint.worker FD STORE``, FD being its end of a socket pair; it
keeps its imports light. A reply's body travels as raw bytes beside its pickled header, not
pickled itself.
"""

from __future__ import annotations

import pickle
import struct
import sys
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection

import pyoxigraph as ox

from fpkg.endpoint.results import Caps, serialize_capped, serialize_native
from fpkg.endpoint.syntax_errors import plain

_LENGTH = struct.Struct("!I")


@dataclass(frozen=True)
class Job:
    """One query to run, with its dataset, the serialization wanted and the caps."""

    query: str
    fmt: str
    caps: Caps
    union_default_graph: bool = True
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None


@dataclass(frozen=True)
class Reply:
    """The outcome of a job: an HTTP status, and a body or a one-line reason."""

    status: int
    body: bytes = b""
    capped: str | None = None
    reason: str = ""
    retry_after: int | None = None
    """Seconds after which a refused client may ask again (429 and 503)."""


def execute(store: ox.Store, job: Job) -> Reply:
    """Run ``job`` on ``store``; never raises for a bad query or a failed SERVICE.

    The result is serialized by Oxigraph in one go; only if that passes a cap is the query
    run again and serialized piece by piece up to the cap.
    """
    try:
        serialized = serialize_native(_query(store, job), job.fmt, job.caps)
        if serialized is None:
            serialized = serialize_capped(_query(store, job), job.fmt, job.caps)
    except SyntaxError as error:
        return Reply(400, reason=f"bad query: {plain(str(error), job.query)}")
    except OSError as error:
        return Reply(502, reason=f"a SERVICE call failed: {_one_line(error)}")
    except (ValueError, TypeError, RuntimeError) as error:
        return Reply(400, reason=f"query failed: {_one_line(error)}")
    return Reply(200, serialized.body, serialized.capped)


def _query(store: ox.Store, job: Job) -> object:
    return store.query(
        job.query,
        use_default_graph_as_union=job.union_default_graph,
        default_graph=_graphs(job.default_graphs),
        named_graphs=_graphs(job.named_graphs),
        base_iri=job.base_iri,
    )


def _graphs(iris: tuple[str, ...] | None) -> list[ox.NamedNode] | None:
    return None if iris is None else [ox.NamedNode(iri) for iri in iris]


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text[:300] or type(error).__name__


def send_reply(connection: Connection, reply: Reply) -> None:
    """Send ``reply`` in one message: the length of its pickled header, the header, and its
    body as raw bytes (so that the reader is woken once, with everything there)."""
    header = pickle.dumps(replace(reply, body=b""))
    connection.send_bytes(_LENGTH.pack(len(header)) + header + reply.body)


def receive_reply(connection: Connection) -> Reply:
    """The reply :func:`send_reply` sent."""
    message = memoryview(connection.recv_bytes())
    end = _LENGTH.size + _LENGTH.unpack_from(message)[0]
    header: Reply = pickle.loads(message[_LENGTH.size : end])
    return replace(header, body=bytes(message[end:]))


def serve_jobs(connection: Connection, store_path: str) -> None:
    """The worker's main loop: one job in, one reply out, until the connection closes."""
    store = ox.Store.read_only(store_path)
    send_reply(connection, Reply(200, reason="ready"))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        send_reply(connection, execute(store, job))


if __name__ == "__main__":
    # Through the imported module, so that replies pickle as fpkg.endpoint.worker.Reply.
    from fpkg.endpoint import worker

    worker.serve_jobs(Connection(int(sys.argv[1])), sys.argv[2])
