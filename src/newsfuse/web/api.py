"""The desk's JSON API: stories, a story's brief, articles, add, delete; OpenAPI docs served offline."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from fastapi import Body, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from .pages import MAX_FORM_URLS, URL_SCHEMES, Desk

MAX_WAIT_SECONDS = 120.0  # ?wait= on /api/brief waits at most this long for the re-brief to catch up


def combined_brief(desk: Desk, keys: list[str]) -> dict[str, Any]:
    """The JSON contract over every stored story brief; the pile's summary is the one story's when there
    is one story (as the CLI's), empty otherwise (the desk stores no whole-pile summary)."""
    from .. import __version__
    from ..render import SCHEMA_VERSION

    briefs = [b for b in (desk.brief(k) for k in keys) if b]
    stories = [b["stories"][0] | {"key": k} for k, b in zip(keys, briefs) if b["stories"]]
    return {"newsfuse": __version__, "schema": SCHEMA_VERSION,
            "summary": stories[0]["summary"] if len(stories) == 1 else [],
            "articles": [a for b in briefs for a in b["articles"]], "stories": stories, "errors": []}


def add_api_routes(app: Any, desk: Desk) -> None:

    def need_token(request: Request) -> None:
        if not desk.can_write(request):
            raise HTTPException(401, "writes need the desk's token: Authorization: Bearer TOKEN",
                                headers={"WWW-Authenticate": "Bearer"})

    cache: dict[str, Any] = {"keys": None, "body": b""}
    rebuilding = asyncio.Lock()

    async def settled(wait: float) -> None:
        deadline = time.monotonic() + min(max(wait, 0.0), MAX_WAIT_SECONDS)
        while time.monotonic() < deadline and desk.pending():
            await asyncio.sleep(0.1)

    @app.get("/api/stories", summary="The current stories", tags=["stories"])
    async def api_stories() -> list[dict[str, Any]]:
        return [{"key": s.key, "headline": s.headline, "articles": s.articles, "outlets": list(s.outlets),
                 "outlet_count": s.outlet_count, "last_update": s.last_update, "ready": s.ready}
                for s in desk.story_items()]

    @app.get("/api/stories/{key}", summary="One story's stored brief (the JSON contract, one story)", tags=["stories"])
    def api_story(key: str) -> Any:
        brief = desk.brief(key) if key in desk.current_keys() else None
        if brief is None:
            raise HTTPException(404, f"no brief for story {key} (unknown, or still being briefed)")
        return brief

    @app.get("/api/brief", summary="Every stored story brief in one document",
             description="wait=N waits up to N seconds for a running re-brief to finish first.", tags=["stories"])
    async def api_brief(wait: float = 0.0) -> Response:
        if wait:
            await settled(wait)
        keys = desk.current_keys()
        if cache["keys"] != keys:
            async with rebuilding:  # one rebuild per change, however many readers ask at once
                if cache["keys"] != keys:
                    body, complete = await asyncio.to_thread(combined_body, keys)
                    # a story whose brief is still being written makes no cache: its keys will not change
                    # when the brief arrives, so a cached body would miss that story for good
                    cache.update(keys=keys if complete else None, body=body)
        return Response(cache["body"], media_type="application/json")

    def combined_body(keys: list[str]) -> tuple[bytes, bool]:
        brief = combined_brief(desk, keys)
        return json.dumps(brief, ensure_ascii=False).encode(), len(brief["stories"]) == len(keys)

    @app.get("/api/status", summary="Re-brief progress", tags=["stories"])
    async def api_status() -> dict[str, Any]:
        return desk.status()

    @app.get("/api/articles", summary="Stored articles (listing fields)", tags=["articles"])
    def api_articles() -> list[dict[str, Any]]:
        return [vars(i) for i in desk.store.article_infos()]

    @app.get("/api/articles/{article_id:path}", summary="One stored article", tags=["articles"])
    def api_article(article_id: str) -> dict[str, Any]:
        from ..render import article_dict

        found = desk.store.article(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        return article_dict(found)

    @app.post("/api/articles", status_code=201, summary="Add articles (needs the token)", tags=["articles"],
              description='{"text": "...", "id": "optional"} or {"texts": [...]} or {"urls": ["https://..."]}')
    def api_add(request: Request, payload: dict[str, Any] = Body(...)) -> dict[str, Any]:
        need_token(request)
        texts = [payload["text"]] if "text" in payload else payload.get("texts", [])
        urls = payload.get("urls", [])
        if not isinstance(texts, list) or not all(isinstance(t, str) and t.strip() for t in texts):
            raise HTTPException(422, "'text' must be a non-empty string ('texts' a list of them)")
        if not isinstance(urls, list) or not all(isinstance(u, str) and u.startswith(URL_SCHEMES) for u in urls):
            raise HTTPException(422, "'urls' must be a list of http(s) URLs")
        if not texts and not urls:
            raise HTTPException(422, "give 'text', 'texts' or 'urls'")
        if len(urls) > MAX_FORM_URLS:
            raise HTTPException(422, f"at most {MAX_FORM_URLS} URLs a request")
        given = payload.get("id")
        added = desk.add([(str(given) if given and len(texts) == 1 else None, t) for t in texts], urls)
        if not added.result.added and not added.result.skipped and added.errors:
            raise HTTPException(422, "; ".join(f"{e.path}: {e.message}" for e in added.errors))
        return {"added": list(added.result.added), "skipped": list(added.result.skipped),
                "errors": [{"path": e.path, "message": e.message} for e in added.errors]}

    @app.delete("/api/articles/{article_id:path}", summary="Delete an article (needs the token)", tags=["articles"])
    def api_delete(request: Request, article_id: str) -> dict[str, Any]:
        need_token(request)
        if not desk.delete(article_id):
            raise HTTPException(404, f"no article {article_id}")
        return {"deleted": article_id}

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        context = desk.page_context(request) | {"spec": app.openapi(), "notice": None}
        return HTMLResponse(desk.env.get_template("desk/docs.html").render(**context))

    @app.get("/healthz", include_in_schema=False)
    def health() -> dict[str, str]:
        return {"status": "ok"}
