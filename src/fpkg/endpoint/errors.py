"""The error a request is answered with: an HTTP status and a one-line reason."""

from __future__ import annotations


class ProtocolError(Exception):
    """A request the endpoint refuses, with the status and the reason to answer."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason
