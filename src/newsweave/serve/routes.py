"""Routes: the HTML pages (story list, story, article, API docs) and the JSON API. Every
handler only reads the store; a report is shown as `newsweave analyse` stored it."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, BeforeValidator

from newsweave.serve.views import story_view
from newsweave.store import Store


class ParameterProblem(BaseModel):
    parameter: str
    message: str


class Error(BaseModel):
    """Every error the API gives: one message, and the parameters at fault for a 422."""

    error: str
    problems: list[ParameterProblem] | None = None


api = APIRouter(responses={404: {"model": Error, "description": "Unknown id."},
                           422: {"model": Error, "description": "Invalid parameters."}})
pages = APIRouter(include_in_schema=False)


def _unset(value: object) -> object:
    """An empty field of the search form means no filter."""
    return value or None


Text = Annotated[str | None, Query(max_length=200, description="Words to find in titles "
                                                               "and texts (all of them).")]
Outlet = Annotated[str | None, Query(max_length=200, description="Only stories this outlet "
                                                                 "covered.")]
Since = Annotated[date | None, BeforeValidator(_unset), Query(
    description="Only stories with an article on or after this day (YYYY-MM-DD).")]
Until = Annotated[date | None, BeforeValidator(_unset), Query(
    description="Only stories with an article on or before this day (YYYY-MM-DD).")]
Limit = Annotated[int, Query(ge=1, le=100, description="Stories per page.")]
Cursor = Annotated[str | None, Query(max_length=200, pattern=r"^[A-Za-z0-9_-]*={0,2}$",
                                     description="`next` of the previous page.")]
PAGE = 25


def _store(request: Request) -> Store:
    return request.app.state.stores.get()


def _render(request: Request, name: str, **context) -> str:
    return request.app.state.templates.get_template(name).render(**context)


def _encode(key: str | None) -> str | None:
    return base64.urlsafe_b64encode(key.encode()).decode() if key else None


def _decode(cursor: str | None) -> str | None:
    if not cursor:
        return None
    try:
        return base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise HTTPException(422, "cursor: not a cursor this API gave") from exc


def _listing(request: Request, q, outlet, since, until, limit, cursor):
    if since and until and since > until:
        raise HTTPException(422, "since: after until")
    return _store(request).list_stories(q, outlet, since, until, limit, _decode(cursor))


def _status(current: bool | None) -> str:
    """A listed story's report: current, stale or not analysed (None)."""
    return {None: "not analysed", True: "current", False: "stale"}[current]


def _live(store: Store, story_id: str) -> str:
    live = store.resolve(story_id)
    if live is None or store.story_version(live) is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return live


def _etag(story_id: str, *versions: str | None) -> str:
    return '"' + base64.urlsafe_b64encode(
        "/".join([story_id, *(v or "-" for v in versions)]).encode()).decode() + '"'


# --- API -------------------------------------------------------------------------------------

@api.get("/healthz", tags=["service"])
def healthz(request: Request) -> dict:
    """Up, and the store answers."""
    return {"status": "ok", "schema": _store(request).version}


@api.get("/api/stories", tags=["stories"])
def list_stories(request: Request, q: Text = None, outlet: Outlet = None, since: Since = None,
                 until: Until = None, limit: Limit = 20, cursor: Cursor = None) -> dict:
    """Stories, latest and then largest first; `next` is the cursor of the following page
    (null on the last)."""
    found, more = _listing(request, q, outlet, since, until, limit, cursor)
    return {"stories": [{
        "id": s.id, "headline": s.headline, "size": s.size, "outlets": s.outlets,
        "first": s.first.isoformat() if s.first else None,
        "last": s.last.isoformat() if s.last else None,
        "version": s.version, "report": _status(s.current).replace(" ", "_")} for s in found],
        "next": _encode(more)}


@api.get("/api/stories/{story_id:path}", tags=["stories"], responses={
    200: {"description": "The stored report, in the schema of `newsweave report` JSON."},
    304: {"description": "Not modified since the ETag given in If-None-Match."},
    404: {"description": "No such story, or not analysed yet."}})
def story_report(request: Request, story_id: str) -> Response:
    """The stored report of a story (a merged story's old id gives the live one); the
    header `X-Newsweave-Report` is `current`, or `stale` when articles joined since."""
    store = _store(request)
    live = _live(store, story_id)
    stored = store.stored_report(live)
    if stored is None:
        raise HTTPException(404, f"story {live!r} is not analysed yet; run "
                                 "`newsweave analyse --db DB`")
    current = store.story_version(live)
    headers = {"ETag": _etag(live, stored.version, current),
               "X-Newsweave-Report": "current" if stored.version == current else "stale",
               "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == headers["ETag"]:
        return Response(status_code=304, headers=headers)
    body = '{"stories": [' + stored.report + '], "problems": []}'
    return Response(body, media_type="application/json", headers=headers)


@api.get("/api/articles/{article_id:path}", tags=["articles"])
def article(request: Request, article_id: str) -> dict:
    """One stored article: metadata, text, its story, and its sentences as the analysis
    numbered them (null before its story is analysed)."""
    record = _store(request).article(article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id!r}")
    a = record.article
    sentences = json.loads(record.sentences) if record.sentences else None
    return {"id": a.id, "outlet": a.outlet, "title": a.title, "url": a.url,
            "published": a.published.isoformat() if a.published else None,
            "story": a.story, "kind": record.kind, "duplicate_of": record.origin,
            "not_news": record.reason, "text": a.text,
            "sentences": [{"index": i, "paragraph": p, "text": t} for i, p, t in sentences]
            if sentences is not None else None}


# --- pages -----------------------------------------------------------------------------------

@pages.get("/", response_class=HTMLResponse)
def index(request: Request, q: Text = None, outlet: Outlet = None, since: Since = None,
          until: Until = None, cursor: Cursor = None) -> str:
    found, more = _listing(request, q, outlet, since, until, PAGE, cursor)
    params = {k: v for k, v in {"q": q, "outlet": outlet, "since": since,
                                "until": until}.items() if v}
    return _render(request, "list.html", stories=found, q=q or "", outlet=outlet or "",
                   since=since, until=until, outlets=_store(request).outlets(),
                   params=params, next=_encode(more), first_page=not cursor, status=_status)


@pages.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> Response:
    store = _store(request)
    live = _live(store, story_id)
    current = store.story_version(live)
    stored = store.stored_report(live)
    etag = _etag(live, stored.version if stored else None, current)
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    context = {"story_id": live, "asked": story_id, "current": current}
    if stored is None:
        articles = store.story_articles(live)
        html = _render(request, "pending.html", articles=articles, **context)
    else:
        report = json.loads(stored.report)
        html = _render(request, "story.html", r=report, v=story_view(
            report, json.loads(stored.evidence)), stored=stored, **context)
    return HTMLResponse(html, headers={"ETag": etag, "Cache-Control": "no-cache"})


@pages.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> str:
    record = _store(request).article(article_id)
    if record is None:
        raise HTTPException(404, f"no article {article_id!r}")
    sentences = json.loads(record.sentences) if record.sentences else None
    paragraphs: list[list[tuple[int, str]]] = []
    if sentences:
        last = None
        for index, paragraph, text in sentences:
            if paragraph != last:
                paragraphs.append([])
                last = paragraph
            paragraphs[-1].append((index, text))
    return _render(request, "article.html", a=record.article, record=record,
                   paragraphs=paragraphs)


@pages.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> str:
    return _render(request, "docs.html")
