"""The SPARQL 1.1 Protocol at ``/sparql``: GET, POST form-encoded and POST direct."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request, Response

from fpkg.endpoint.engine import Engine
from fpkg.endpoint.errors import ProtocolError
from fpkg.endpoint.media import with_charset
from fpkg.endpoint.parameters import accept_of, with_row_limit
from fpkg.endpoint.policy import plan
from fpkg.endpoint.settings import Settings

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
CAPPED_HEADER = "Fpkg-Result-Capped"
METHODS = ("GET", "POST")

Params = list[tuple[str, str]]


def _decode(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, f"{what} is not valid UTF-8") from None


def _parse_params(text: str, what: str) -> Params:
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise ProtocolError(400, f"{what} is not valid UTF-8 once percent-decoded") from None
    except ValueError as error:
        raise ProtocolError(400, f"malformed {what}: {error}") from None


def url_params(request: Request) -> Params:
    """The parameters of the request's URL, strictly UTF-8."""
    raw: bytes = request.scope.get("query_string", b"")
    return _parse_params(_decode(raw, "the URL's query string"), "URL query string")


async def read_body(request: Request, limit: int) -> bytes:
    """The request body; 413 as soon as it is longer than ``limit``."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise ProtocolError(413, f"request body too large: over {limit} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ProtocolError(413, f"request body too large: over {limit} bytes")
    return bytes(body)


def _content_type(request: Request) -> str:
    value = request.headers.get("content-type", "")
    media_type, *params = (part.strip() for part in value.split(";"))
    for param in params:
        key, _, charset = param.partition("=")
        if key.strip().lower() == "charset" and charset.strip().strip('"').lower() not in (
            "utf-8",
            "utf8",
        ):
            raise ProtocolError(415, f"unsupported charset {charset.strip()}: send UTF-8")
    return media_type.lower()


def _values(params: Params, name: str) -> list[str]:
    return [value for key, value in params if key == name]


async def query_of(request: Request, limit: int) -> tuple[str | None, Params]:
    """The query and all the parameters of a request; refuses updates and bad requests."""
    params = url_params(request)
    if request.method == "POST":
        content_type = _content_type(request)
        body = await read_body(request, limit)
        if content_type == FORM:
            params += _parse_params(_decode(body, "the request body"), "form body")
        elif content_type == QUERY:
            if _values(params, "query"):
                raise ProtocolError(400, "several queries: a query in the body and in the URL")
            params.append(("query", _decode(body, "the request body")))
        elif content_type == UPDATE:
            raise ProtocolError(403, "SPARQL Update is not allowed: this endpoint is read-only")
        else:
            raise ProtocolError(
                415,
                f"unsupported Content-Type {content_type or '(none)'}: send {FORM} or {QUERY}",
            )
    if _values(params, "update") or _values(params, "using-graph-uri"):
        raise ProtocolError(403, "SPARQL Update is not allowed: this endpoint is read-only")
    queries = _values(params, "query")
    if len(queries) > 1:
        raise ProtocolError(400, f"several queries: {len(queries)} 'query' parameters, send one")
    if request.method == "POST" and not queries:
        raise ProtocolError(400, "no query: send a 'query' parameter")
    return (queries[0] if queries else None), params


def client_of(request: Request) -> str:
    """Who sends ``request``, for sharing the workers fairly: its address and User-Agent.

    Behind a proxy the address is the one the proxy forwarded, if the server trusts it
    (``fpkg serve --trust-forwarded``); otherwise it is the proxy's.
    """
    host = request.client.host if request.client else ""
    return f"{host} {request.headers.get('user-agent', '')}"


def error_response(error: ProtocolError) -> Response:
    """A one-line plain-text answer."""
    return Response(
        error.reason + "\n", status_code=error.status, media_type="text/plain; charset=utf-8"
    )


Handler = Callable[[Request], Awaitable[Response]]


def sparql_handler(engine: Engine, describe_service: Callable[[Request], Response]) -> Handler:
    """The answer to a protocol request; no query answers with ``describe_service``."""
    settings = engine.settings

    async def handle(request: Request) -> Response:
        try:
            query, params = await query_of(request, settings.max_request_bytes)
            if query is None:
                return describe_service(request)
            limits = with_row_limit(params, settings)
            job, media_type = plan(
                query,
                accept_of(params, request.headers.get("accept")),
                limits,
                _values(params, "default-graph-uri"),
                _values(params, "named-graph-uri"),
                base_iri=str(request.url.replace(query="", fragment="")),
            )
        except ProtocolError as error:
            return error_response(error)
        reply = await engine.run_async(job, client_of(request))
        if reply.status != 200:
            response = error_response(ProtocolError(reply.status, reply.reason))
            if reply.retry_after is not None:
                response.headers["Retry-After"] = str(reply.retry_after)
            return response
        headers = {"Vary": "Accept"}
        if reply.capped:
            headers[CAPPED_HEADER] = _capped(reply.capped, limits)
        return Response(reply.body, media_type=with_charset(media_type), headers=headers)

    return handle


def sparql_router(handler: Handler, path: str = "/sparql") -> APIRouter:
    """GET and POST at ``path``, answered by ``handler``."""
    router = APIRouter()
    router.add_route(path, handler, methods=list(METHODS), include_in_schema=False)
    return router


def _capped(cap: str, settings: Settings) -> str:
    limit = settings.max_rows if cap == "rows" else settings.max_bytes
    return f"{cap}; limit={limit}"
