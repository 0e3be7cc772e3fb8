"""The desk's HTML pages and the shared `Desk` (store access, writes, caches) the API uses too."""

from __future__ import annotations

import hashlib
import tempfile
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from ..models import InputError, Source
from ..settings import Settings
from ..store import AddResult, Store, StoryRow
from ..store.rebrief import Rebriefer
from .security import TOKEN_COOKIE, WriteToken
from .views import BriefCache, labels, locate, removed_blocks, story_list, story_outlets

URL_SCHEMES = ("http://", "https://")
MAX_FORM_URLS = 20  # URLs one form or API call may ask the desk to fetch
RENDERED_CACHE_SIZE = 128  # rendered story bodies kept (a body never changes under its key)
SNAPSHOT_SECONDS = 0.25  # pages reuse the store's revision and grouping this long (another process's add shows after)


@dataclass(frozen=True)
class Snapshot:
    """The store's revision and story grouping at one moment; pages read these instead of querying each time."""

    taken: float
    revision: int
    stories: tuple[StoryRow, ...]
    progress: Any  # the worker's Progress object it was taken under (a new one means the grouping moved)

    @property
    def keys(self) -> list[str]:
        return [row.key for row in self.stories]


@dataclass
class Added:
    result: AddResult
    errors: list[InputError] = field(default_factory=list)

    def message(self) -> str:
        text = f"added {len(self.result.added)}, already stored {len(self.result.skipped)}"
        return text + "".join(f"; {e.path}: {e.message}" for e in self.errors)


class Desk:
    """Everything the routes share. Reads go to the store (WAL: never blocked by the re-brief)."""

    def __init__(self, store: Store, settings: Settings, worker: Rebriefer, token: WriteToken) -> None:
        from jinja2 import Environment, PackageLoader, select_autoescape

        self.store, self.settings, self.worker, self.token = store, settings, worker, token
        self.briefs = BriefCache()
        self.env = Environment(loader=PackageLoader("newsfuse", "templates"),
                               autoescape=select_autoescape(default=True))
        self._rendered: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self.max_body = 0

    def snapshot(self) -> Snapshot:
        """A fresh-enough view: retaken after SNAPSHOT_SECONDS, after a write here, or when the worker moved on."""
        found = self._snapshot
        progress = self.worker.progress
        if found is None or found.progress is not progress or time.monotonic() - found.taken > SNAPSHOT_SECONDS:
            found = Snapshot(time.monotonic(), self.store.revision(), tuple(self.store.stories()), progress)
            self._snapshot = found
        return found

    def pending(self) -> bool:
        """True while the stored briefs are behind the stored articles."""
        progress = self.worker.progress
        return progress.updating or self.snapshot().revision != progress.revision

    # ---- reads
    def brief(self, key: str) -> dict[str, Any] | None:
        return self.briefs.get(key, self.store.brief)

    def story_items(self) -> list[Any]:
        rows = list(self.snapshot().stories)
        return story_list(rows, self.store.article_infos(), {r.key: self.brief(r.key) for r in rows})

    def current_keys(self) -> list[str]:
        return self.snapshot().keys

    def successor(self, key: str) -> str | None:
        """The current story sharing most articles with an older story key (its URL stays useful)."""
        old = self.brief(key)
        if old is None:
            return None
        ids = {a["id"] for a in old["articles"]}
        best = max(self.snapshot().stories, key=lambda row: len(ids & set(row.article_ids)), default=None)
        return best.key if best and ids & set(best.article_ids) else None

    def story_body(self, key: str, brief: dict[str, Any]) -> Any:
        """The rendered story (cached: a brief never changes under its key)."""
        from markupsafe import Markup

        with self._lock:
            found = self._rendered.get(key)
        if found is not None:
            return found
        story = brief["stories"][0]
        body = Markup(self.env.get_template("desk/story_body.html").render(
            st=story, labels=labels(brief), outlets=story_outlets(brief), articles=brief["articles"],
            coverage={c["article"]: c for c in story.get("coverage", [])}))
        with self._lock:
            self._rendered[key] = body
            while len(self._rendered) > RENDERED_CACHE_SIZE:
                self._rendered.popitem(last=False)
        return body

    def status(self) -> dict[str, Any]:
        progress = self.worker.progress
        return {"updating": self.pending(), "done": progress.done, "total": progress.total,
                "revision": self.snapshot().revision, "error": progress.error}

    # ---- writes
    def add(self, texts: list[tuple[str | None, str]] = (), urls: list[str] = (),  # type: ignore[assignment]
            files: list[tuple[str, bytes]] = ()) -> Added:  # type: ignore[assignment]
        """Extract and store articles through the CLI's pipeline (URLs through its fetcher)."""
        from ..pipeline import load_articles

        settings = self.settings.with_(keep_going=True)
        inputs: list[Any] = []
        for given_id, text in texts:
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
            inputs.append(Source(id=given_id or f"text-{digest}", path=None, data=text.encode("utf-8"),
                                 media_type="text/html" if _looks_html(text) else "text/plain", charset="utf-8"))
        inputs += urls
        with tempfile.TemporaryDirectory(prefix="newsfuse-upload-") as folder:
            for index, (name, data) in enumerate(files):
                path = Path(folder) / f"{index}" / _safe_name(name)
                path.parent.mkdir()
                path.write_bytes(data)
                inputs.append(str(path))
            articles, errors = load_articles(inputs, settings)
        errors = [InputError(Path(e.path).name if e.path.startswith(folder) else e.path, e.message) for e in errors]
        result = self.store.add(articles)
        self._snapshot = None
        self.worker.poke()
        return Added(result, errors)

    def delete(self, article_id: str) -> bool:
        deleted = self.store.delete(article_id)
        self._snapshot = None
        self.worker.poke()
        return deleted

    # ---- authorisation
    def can_write(self, request: Any, form_token: str | None = None) -> bool:
        header = request.headers.get("authorization", "")
        bearer = header[7:].strip() if header.lower().startswith("bearer ") else None
        return any(self.token.matches(t) for t in (bearer, form_token, request.cookies.get(TOKEN_COOKIE)))

    def page_context(self, request: Any) -> dict[str, Any]:
        """What every page template needs: write state, the form token, re-brief progress."""
        signed_in = self.can_write(request)
        return {"can_write": signed_in or not self.token.configured,
                "form_token": None if self.token.configured else self.token.value,
                "updating": self.pending(), "progress": self.worker.progress}


def _looks_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype", "<html")) or ("<p" in head and "</" in text)


def _safe_name(name: str) -> str:
    """An upload's file name without any directory part (the suffix tells ingest the format)."""
    base = Path(name.replace("\\", "/")).name.strip(". ") or "upload"
    return "".join(c if c.isalnum() or c in "._-" else "_" for c in base)[:100]


def split_urls(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def add_page_routes(app: Any, desk: Desk) -> None:

    def page(request: Request, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        context = desk.page_context(request) | {"notice": request.query_params.get("notice")} | values
        return HTMLResponse(desk.env.get_template(template).render(**context), status_code=status)

    def refuse(request: Request) -> HTMLResponse:
        return page(request, "desk/login.html", 403, notice="this needs the desk's token: sign in first")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def index(request: Request) -> HTMLResponse:
        return page(request, "desk/index.html", stories=desk.story_items(), max_mb=desk.max_body // 1_000_000)

    @app.get("/story/{key}", response_class=HTMLResponse, include_in_schema=False)
    async def story(request: Request, key: str) -> Any:
        if key not in desk.current_keys():
            newer = desk.successor(key)
            if newer:
                return RedirectResponse(f"/story/{newer}", status_code=303)
            raise HTTPException(404, f"no story {key}")
        brief = desk.brief(key)
        if brief is None:
            return page(request, "desk/base.html", updating=True,
                        notice="this story's brief is being computed; the page reloads when it is ready")
        return page(request, "desk/story.html", headline=brief["stories"][0]["headline"],
                    body=desk.story_body(key, brief))

    @app.get("/article/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def article(request: Request, article_id: str, q: str | None = None) -> HTMLResponse:
        found = desk.store.article(article_id)
        if found is None:
            raise HTTPException(404, f"no article {article_id}")
        head, tail = removed_blocks(found)
        return page(request, "desk/article.html", article=found, query=q, found=locate(found, q), head=head, tail=tail)

    @app.post("/add", include_in_schema=False)
    def add_form(request: Request, text: str = Form(""), urls: str = Form(""), token: str = Form(""),
                 files: list[UploadFile] = File(default=[])) -> Any:
        if not desk.can_write(request, token):
            return refuse(request)
        uploads = [(f.filename or "upload", f.file.read()) for f in files if f.filename]
        wanted = split_urls(urls)
        bad = [u for u in wanted if not u.startswith(URL_SCHEMES)] or wanted[MAX_FORM_URLS:]
        if bad:
            return page(request, "desk/base.html", 422, notice=f"not an http(s) URL or too many URLs: {bad[0]}")
        if not (text.strip() or uploads or wanted):
            return page(request, "desk/base.html", 422, notice="nothing to add: paste text, choose files or give URLs")
        added = desk.add([(None, text)] if text.strip() else [], wanted, uploads)
        return RedirectResponse("/?" + _query(notice=added.message()), status_code=303)

    @app.post("/article/{article_id:path}/delete", include_in_schema=False)
    def delete_form(request: Request, article_id: str, token: str = Form("")) -> Any:
        if not desk.can_write(request, token):
            return refuse(request)
        if not desk.delete(article_id):
            raise HTTPException(404, f"no article {article_id}")
        return RedirectResponse("/?" + _query(notice=f"deleted {article_id}"), status_code=303)

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(request: Request) -> HTMLResponse:
        return page(request, "desk/login.html")

    @app.post("/login", include_in_schema=False)
    def login(request: Request, token: str = Form("")) -> Any:
        if not desk.token.matches(token):
            return page(request, "desk/login.html", 403, notice="wrong token")
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https")
        return response


def _query(**values: str) -> str:
    from urllib.parse import urlencode

    return urlencode(values)
