"""The FastAPI application over a story store: pages, JSON API, local API docs, and the
guards every response passes (size caps, a strict Content-Security-Policy, errors as one
JSON or HTML message and never a traceback)."""

from __future__ import annotations

import logging
import threading
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from newsweave.render.html import safe_url
from newsweave.serve.charts import article_href
from newsweave.store import ServerUrl, Store, StoreError

MAX_QUERY = 2048  # bytes of query string (and of path) accepted
MAX_BODY = 16 * 1024  # bytes of request body accepted (no route reads one)
RETRY_AFTER = "5"  # seconds a client is asked to wait while the database cannot be reached
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# Swagger UI sets inline style attributes and data: images; the page holds no article text.
DOCS_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'")
log = logging.getLogger("newsweave.serve")


class Stores(threading.local):
    """One read-only connection per server thread (SQLite connections stay in their thread);
    WAL (or PostgreSQL's MVCC) lets them read while `newsweave stories` or `analyse` writes.
    A connection the database server has ended (a restart) is replaced on the next request."""

    def __init__(self, path: str | Path | ServerUrl) -> None:
        self.path = path
        self.store: Store | None = None

    def get(self) -> Store:
        if self.store is not None and not self.store.alive():
            self.store.close()
            self.store = None
        if self.store is None:
            self.store = Store(self.path, readonly=True)
        return self.store


class Guard:
    """Refuses oversized requests before routing (414 for a long URL, 413 for a body over
    the cap) and sets the security headers on every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        refusal = None
        if len(scope.get("query_string", b"")) > MAX_QUERY or len(scope["path"]) > MAX_QUERY:
            refusal = (414, "request URI too long")
        elif _length(headers) > MAX_BODY or b"chunked" in headers.get(b"transfer-encoding", b""):
            refusal = (413, f"request body over {MAX_BODY} bytes (no route takes a body)")
        docs = scope["path"] == "/docs" or scope["path"].startswith("/docs-assets/")

        async def secured(message: dict) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"content-security-policy", (DOCS_CSP if docs else CSP).encode()),
                         (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"no-referrer"),
                         (b"x-frame-options", b"DENY")]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        if refusal:
            await JSONResponse({"error": refusal[1]}, status_code=refusal[0])(
                scope, receive, secured)
            return
        await self.app(scope, receive, secured)


class Head:
    """Answers HEAD as the same GET without its body (HTTP asks every GET route to take HEAD:
    link checkers and monitors send it), with the GET's status and headers (length, ETag)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def headers_only(message: dict) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


def _length(headers: dict[bytes, bytes]) -> int:
    try:
        return int(headers.get(b"content-length", b"0"))
    except ValueError:
        return MAX_BODY + 1


def templates() -> Environment:
    """Jinja2 with autoescaping on everywhere: article text is untrusted."""
    env = Environment(loader=PackageLoader("newsweave", "serve/templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["safe_url"] = safe_url
    env.filters["article_href"] = article_href
    env.filters["id_href"] = lambda value: article_href(value).removeprefix("/articles/")
    return env


def create_app(db: str | Path | ServerUrl) -> FastAPI:
    """The web view of the store at `db`, which it opens read-only (one connection per
    thread, on first use)."""
    from newsweave.serve.routes import api, pages

    app = FastAPI(title="newsweave", version="1", docs_url=None, redoc_url=None,
                  description="The stories of a newsweave store: listing, search and the "
                              "stored report of each story (the `report` JSON schema).")
    app.state.stores = Stores(db)
    app.state.templates = templates()
    static = Path(str(resources.files("newsweave") / "serve" / "static"))
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.mount("/docs-assets", StaticFiles(directory=_swagger_assets()), name="docs-assets")
    app.include_router(api)
    app.include_router(pages)
    app.add_middleware(Guard)
    app.add_middleware(Head)

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith(("/api/", "/healthz", "/openapi"))

    def page_error(request: Request, status: int, message: str) -> Response:
        html = app.state.templates.get_template("error.html").render(
            status=status, message=message)
        return HTMLResponse(html, status_code=status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if wants_json(request):
            return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code,
                                headers=exc.headers)
        return page_error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError) -> Response:
        problems = [{"parameter": ".".join(str(p) for p in e["loc"][1:]) or str(e["loc"][0]),
                     "message": e["msg"]} for e in exc.errors()]
        if wants_json(request):
            return JSONResponse({"error": "invalid parameters", "problems": problems},
                                status_code=422)
        return page_error(request, 422, "; ".join(f"{p['parameter']}: {p['message']}"
                                                  for p in problems))

    @app.exception_handler(StoreError)
    async def unavailable(request: Request, exc: StoreError) -> Response:
        log.warning("%s: %s", request.url.path, exc)
        message = f"the story database cannot be used now: {exc}"
        response = (JSONResponse({"error": message}, status_code=503) if wants_json(request)
                    else page_error(request, 503, message))
        response.headers["Retry-After"] = RETRY_AFTER
        return response

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        if wants_json(request):
            return JSONResponse({"error": "internal error"}, status_code=500)
        return page_error(request, 500, "internal error")

    return app


def _swagger_assets() -> Path:
    import swagger_ui_bundle

    return Path(str(swagger_ui_bundle.swagger_ui_path))
