"""Optional LLM re-selection through any OpenAI-compatible chat endpoint (off unless configured).

The model only picks which of newsfuse's shortlisted sentences to keep; the text stays extractive, so
every sentence keeps its citations and the length bound is still enforced here. Any failure (network,
bad reply) returns None and the caller keeps its own selection.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

from ..settings import Settings
from .select import Candidate

SHORTLIST_FACTOR = 3  # the model chooses among sentences worth this many times the word budget
TIMEOUT_S = 60.0
PROMPT = (
    "You write the summary of a news story from several articles. Below are numbered candidate sentences. "
    "Pick the sentences that together give the most important, non-repetitive facts of the story, in at most "
    "{words} words in total. Reply with a JSON list of sentence numbers only, most important first."
)


def llm_select(shortlist: Sequence[Candidate], budget: int, settings: Settings,
               client: Any = None) -> list[Candidate] | None:
    """The model's pick among `shortlist`, fitted to `budget` words; None when the model cannot help."""
    if not (settings.llm_endpoint and settings.llm_model) or not shortlist:
        return None
    listing = "\n".join(f"{i + 1}. {c.text}" for i, c in enumerate(shortlist))
    messages = [{"role": "system", "content": PROMPT.format(words=budget)}, {"role": "user", "content": listing}]
    try:
        reply = _chat(settings, messages, client)
    except Exception as error:  # noqa: BLE001 - an optional backend must never break the brief
        print(f"newsfuse: warning: LLM summary backend failed ({error}); using the built-in one", file=sys.stderr)
        return None
    picked, used = [], 0
    for number in _numbers(reply):
        if 1 <= number <= len(shortlist):
            cand = shortlist[number - 1]
            if cand not in picked and used + cand.words <= budget:
                picked.append(cand)
                used += cand.words
    return picked or None


def _chat(settings: Settings, messages: list[dict[str, str]], client: Any) -> str:
    import httpx

    url = settings.llm_endpoint.rstrip("/")  # type: ignore[union-attr]
    if not url.endswith("/chat/completions"):
        url += "/chat/completions"
    headers = {"Content-Type": "application/json"}
    key = os.environ.get("NEWSFUSE_LLM_API_KEY")
    if key:
        headers["Authorization"] = f"Bearer {key}"
    body = {"model": settings.llm_model, "messages": messages, "temperature": 0}
    http = client or httpx.Client(timeout=TIMEOUT_S)
    response = http.post(url, headers=headers, content=json.dumps(body))
    response.raise_for_status()
    return str(response.json()["choices"][0]["message"]["content"])


def _numbers(reply: str) -> list[int]:
    """Sentence numbers from a JSON list, or from any integers in the reply."""
    try:
        data = json.loads(reply)
        if isinstance(data, list):
            return [int(x) for x in data if isinstance(x, (int, float, str)) and str(x).strip().isdigit()]
    except (ValueError, TypeError):
        pass
    return [int(x) for x in re.findall(r"\d+", reply)]
