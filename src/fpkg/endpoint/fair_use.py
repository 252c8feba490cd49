"""The front page's paragraph on fair use: how the workers are shared and what a client hears
when it asks for more than its share."""

from __future__ import annotations

from html import escape

from fpkg.endpoint.settings import Settings

_BODY_END = "</body>"


def fair_use_note(settings: Settings) -> str:
    """A short HTML paragraph stating the sharing limits in force."""
    text = (
        f"Fair use: a client (its address and User-Agent) may have {settings.per_client} "
        f"{'query' if settings.per_client == 1 else 'queries'} running at once and use "
        f"{settings.client_budget:g} s of query time per minute; past that it is answered 429 "
        f"with Retry-After. At most {settings.max_queue} queries wait for a worker (then 503 "
        f"with Retry-After). A query runs at most {settings.time_limit:g} s; one running longer "
        f"than {settings.short_time:g} s never holds the last free worker, so short queries "
        "are not kept waiting. The limits are options of fpkg serve."
    )
    return f'<p id="fair-use" style="font-size:small;margin:0.5em 1em">{escape(text)}</p>'


def with_fair_use_note(page: str, settings: Settings) -> str:
    """``page`` with :func:`fair_use_note` at the end of its body."""
    if page.count(_BODY_END) != 1:
        raise RuntimeError("the front page has no single </body> for the fair-use note")
    return page.replace(_BODY_END, fair_use_note(settings) + _BODY_END)
