"""FastAPI app over a Store. Routes only translate HTTP to library calls; briefs are cached per store state."""

from __future__ import annotations

import threading
from typing import Any

from ..models import Brief
from ..settings import DEFAULT, Settings
from ..store import Store

_ADD_FORM = """
<form id="add" style="margin:1rem 0;padding:1rem;border:1px solid #ccc">
<b>Add an article</b> (plain text or HTML):<br>
<textarea name="text" rows="6" style="width:100%"></textarea><br>
<button type="submit">Add and re-brief</button> <span id="status"></span>
</form>
<script>
document.getElementById("add").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = event.target.text.value;
  const response = await fetch("/api/articles", {method: "POST", headers: {"Content-Type": "application/json"},
                                                 body: JSON.stringify({text})});
  const body = await response.json();
  document.getElementById("status").textContent = response.ok ? "added" : body.detail;
  if (response.ok) location.reload();
});
</script>
"""


def create_app(store: Store, settings: Settings = DEFAULT) -> Any:
    from fastapi import Body, FastAPI, HTTPException
    from fastapi.responses import HTMLResponse

    from ..extract import extract
    from ..ingest import source_from_text
    from ..pipeline import brief_articles
    from ..render import article_dict, brief_dict, to_html

    app = FastAPI(title="newsfuse", description="Many outlets, one story, one brief you can check.")
    lock = threading.Lock()
    cache: dict[str, Any] = {"key": None, "brief": None}

    def current_brief() -> Brief | None:
        with lock:
            articles = store.articles()
            key = tuple(a.id for a in articles)
            if cache["key"] != key:
                cache["brief"] = brief_articles(articles, settings) if articles else None
                cache["key"] = key
            return cache["brief"]  # type: ignore[no-any-return]

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        brief = current_brief()
        if brief is None:
            return f"<!doctype html><title>newsfuse</title><h1>newsfuse</h1><p>No articles yet.</p>{_ADD_FORM}"
        page = to_html(brief)
        return page.replace("<body>", "<body>" + _ADD_FORM, 1)

    @app.get("/api/brief")
    def api_brief() -> dict[str, Any]:
        brief = current_brief()
        return brief_dict(brief if brief else Brief((), ()))  # an empty store: the same contract, empty lists

    @app.get("/api/articles")
    def api_articles() -> list[dict[str, Any]]:
        return [article_dict(a) for a in store.articles()]

    @app.post("/api/articles", status_code=201)
    def api_add(payload: dict[str, Any] = Body(...)) -> dict[str, Any]:
        text = payload.get("text")
        if not isinstance(text, str) or not text.strip():
            raise HTTPException(status_code=422, detail="'text' must be a non-empty string")
        article_id = str(payload.get("id") or f"web{len(store.articles()) + 1}")
        article = extract(source_from_text(text, article_id), settings)
        if not article.paragraphs:
            raise HTTPException(status_code=422, detail="no article text found")
        result = store.add([article])
        return {"added": list(result.added), "skipped": list(result.skipped)}

    @app.get("/healthz")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return app
