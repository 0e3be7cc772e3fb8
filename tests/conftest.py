"""Shared fixtures: the four seed articles and small helpers. Fixtures that parse are session-scoped
because spaCy is slow to load; tests must not mutate what they receive (records are frozen)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS_DIR = SHARED / "seeds"
DATA_DIR = SHARED / "data"
FIXTURES = Path(__file__).parent / "fixtures"


def seed_paths() -> list[Path]:
    """The seeds: ../shared/seeds when present, else the copy under tests/fixtures/seeds."""
    for folder in (SEEDS_DIR, FIXTURES / "seeds"):
        paths = sorted(folder.glob("*.txt"))
        if paths:
            return paths
    pytest.skip("seed articles not found")


@pytest.fixture(scope="session")
def seeds() -> list[Path]:
    return seed_paths()


@pytest.fixture(scope="session")
def seed_articles(seeds):
    from newsfuse.pipeline import load_articles

    articles, errors = load_articles(seeds)
    assert not errors
    return {a.id.split("_")[0]: a for a in articles}


@pytest.fixture(scope="session")
def seed_brief(seeds):
    import newsfuse

    return newsfuse.brief(seeds)


@pytest.fixture(scope="session", autouse=True)
def consistent_briefs():
    """Every brief the pipeline builds in this test run is checked against the brief's invariants
    (tests/invariants.py): one decision for citations, facts and single-source facts, distinct outlets,
    whole sentences."""
    import importlib

    from invariants import check_brief

    # the brief stage's module; the pipeline imports build_brief from it lazily at each call, so the
    # checked version is the one it calls
    brief_module = importlib.import_module("newsfuse.briefing")
    original = brief_module.build_brief

    def checked(*args, **kwargs):
        brief = original(*args, **kwargs)
        check_brief(brief)
        return brief

    brief_module.build_brief = checked
    yield
    brief_module.build_brief = original
