"""The desk in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright): sign in, add the
seeds through the form, open the story, follow a citation to its highlighted passage, delete an article
and see the story shrink. Skips only when Chromium or Playwright is absent (.ci/run installs both)."""

from __future__ import annotations

import os
import re
import shutil

import pytest

pytest.importorskip("fastapi")
playwright_api = pytest.importorskip("playwright.sync_api")

from desk_server import TOKEN, start_desk  # noqa: E402

CHROMIUM = os.environ.get("NEWSFUSE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
BRIEF_MS = 240_000  # the first brief loads the language models

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM}")


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


def story_count(page) -> int:
    """Articles of the largest story on the list page."""
    counts = [int(re.match(r"\d+", text).group(0)) for text in page.locator(".story-item .count").all_inner_texts()]
    return max(counts, default=0)


def test_add_open_cite_delete_in_chromium(browser, tmp_path, seeds):
    server = start_desk(tmp_path / "browser.sqlite")
    problems: list[str] = []
    try:
        page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(f"{server.url}/login")
        page.fill("#token", TOKEN)
        page.click("button[type=submit]")
        page.wait_for_url(f"{server.url}/")
        page.wait_for_load_state()
        page.set_input_files("#files", [str(s) for s in seeds])
        page.click("#add button[type=submit]")
        page.wait_for_url("**/?notice=*", timeout=120_000)
        assert "added 4" in page.inner_text("#notice")
        page.wait_for_selector(".story-item:not(:has-text('updating'))", timeout=BRIEF_MS)
        page.wait_for_selector("body:not([data-updating])", state="attached", timeout=BRIEF_MS)
        assert story_count(page) == 3
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the list page is {width}px wide on a 390px phone"

        biggest = page.locator(".story-item", has=page.locator(".count", has_text="3 articles"))
        biggest.locator("a.headline").click()
        page.wait_for_selector("ol.summary")
        story_url = page.url
        assert page.locator("ol.timeline li").count() >= 1 and page.locator(".coverage .outlet").count() == 3
        badge = page.locator("ol.summary a.badge[href*='?q=']").last
        cited = badge.get_attribute("href").split("?")[0].rsplit("/", 1)[1]
        badge.click()
        page.wait_for_selector("mark#hl")
        marked = page.inner_text("mark#hl")
        assert len(marked.split()) >= 5 and page.locator("mark#hl").is_visible()
        assert page.evaluate("location.hash") == "#hl"

        page.click("#delete")
        page.wait_for_url("**/?notice=*")
        assert f"deleted {cited}" in page.inner_text("#notice")
        page.wait_for_selector("body:not([data-updating])", state="attached", timeout=BRIEF_MS)
        page.reload()
        counts = [int(t.split()[0]) for t in page.locator(".story-item .count").all_inner_texts()]
        assert sum(counts) == 3  # four seeds, one deleted
        page.goto(story_url)  # the story followed before: its old URL leads to what became of it
        page.wait_for_selector("ol.summary")
        ids = page.locator(".coverage .outlet").evaluate_all("nodes => nodes.map(n => n.id)")
        assert f"cov-{cited}" not in ids and len(ids) == max(counts)
        assert not problems, problems  # no script error, no Content-Security-Policy violation
    except Exception:
        page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
        print("screenshot:", tmp_path / "failure.png", page.url)
        raise
    finally:
        server.stop()
