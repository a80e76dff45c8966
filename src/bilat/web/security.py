"""The server's defences: security headers on every response, the upload size limit enforced before a body
is parsed, and the write token compared in constant time."""
from __future__ import annotations

import hmac
import json

from fastapi import HTTPException, Request
from markupsafe import escape
from starlette.datastructures import Headers, MutableHeaders

# No inline script anywhere: every script is a static file. Inline style stays allowed because the
# matplotlib SVG charts carry style attributes and a <style> element.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
# Room for the multipart envelope and the token field around a file of exactly the limit.
ENVELOPE = 64 * 1024


class SecurityHeaders:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, with_headers)


def too_large_message(max_bytes: int) -> str:
    return f"upload too large: the limit is {max_bytes / 1048576:.4g} MB (start the server with --max-upload to change it)"


class UploadLimit:
    """Buffers an upload's body up to the limit and answers 413 past it, so that no oversized body is
    ever parsed, spooled to disk or ingested."""

    def __init__(self, app, paths: tuple[str, ...], max_bytes: int, token: str | None):
        self.app, self.paths, self.max_bytes, self.token = app, paths, max_bytes, token

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in self.paths:
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        api = scope["path"].startswith("/api/")
        refusal = _early_refusal(self.token, headers.get("authorization"))
        if refusal:
            return await _reply(send, refusal[0], refusal[1], api)
        limit = self.max_bytes + ENVELOPE
        declared = headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            return await _reply(send, 413, too_large_message(self.max_bytes), api)
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                return await _reply(send, 413, too_large_message(self.max_bytes), api)
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _early_refusal(token: str | None, authorization: str | None) -> tuple[int, str] | None:
    """Refuse before reading a body when the answer cannot change: a read-only server, or a wrong Bearer token."""
    if not token:
        return 403, READ_ONLY
    supplied = bearer(authorization)
    if supplied is not None and not same(supplied, token):
        return 403, WRONG
    return None


async def _reply(send, status: int, message: str, api: bool) -> None:
    if api:
        body = json.dumps({"detail": message}).encode()
        kind = b"application/json"
    else:
        body = (f'<!doctype html><meta charset="utf-8"><title>{status}</title>'
                f'<link rel="stylesheet" href="/static/app.css"><main class="page"><h1>{status}</h1>'
                f'<p class="error">{escape(message)}</p><p><a href="/upload">Back to the upload form</a></p></main>'
                ).encode()
        kind = b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


READ_ONLY = "this server is read-only: start it with --token TOKEN to allow uploads and edits"
MISSING = "a token is required: send 'Authorization: Bearer TOKEN' or fill in the form's token field"
WRONG = "wrong token"


def bearer(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def same(supplied: str, token: str) -> bool:
    return hmac.compare_digest(supplied.encode("utf-8"), token.encode("utf-8"))


def require_token(request: Request, form_token: str | None = None) -> None:
    """401 without a token, 403 with a wrong one or on a read-only server."""
    token = request.app.state.settings.token
    if not token:
        raise HTTPException(403, READ_ONLY)
    supplied = bearer(request.headers.get("authorization"))
    if supplied is None:
        supplied = form_token or None
    if not supplied:
        raise HTTPException(401, MISSING, headers={"WWW-Authenticate": "Bearer"})
    if not same(supplied, token):
        raise HTTPException(403, WRONG)
