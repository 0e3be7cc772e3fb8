"""A command whose optional package is missing says which extra to install, in one line, never a traceback."""

from __future__ import annotations

import json
import sys

import pytest

from newsfuse.cli import main
from newsfuse.errors import EXIT_USAGE
from newsfuse.extras import missing_extra

FLOOD = ("Flood waters forced 300 families from their homes in Carlisle on Saturday, officials said. "
         "The River Eden rose two metres overnight after heavy rain, the Environment Agency said.")
RATES = ("The central bank raised interest rates by a quarter point on Thursday, its third rise this year. "
         "Markets had expected the move, and shares barely moved after the announcement.")


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # two tiny clusters: newsfuse's own rows average empty slices
def test_bench_without_its_peer_names_the_extra(tmp_path, monkeypatch, capsys):
    """`bench stories --pooled` compares against scikit-learn's TF-IDF: without it, one line naming [bench]."""
    data = tmp_path / "clusters.jsonl"
    data.write_text("\n".join(json.dumps({"documents": [text, text.replace("said", "told reporters")],
                                          "summary": text}) for text in (FLOOD, RATES)), encoding="utf-8")
    monkeypatch.setitem(sys.modules, "sklearn", None)
    monkeypatch.setitem(sys.modules, "sklearn.feature_extraction.text", None)
    status = main(["bench", "stories", "--pooled", str(data), "--limit", "2"])
    err = capsys.readouterr().err.strip().splitlines()
    assert status == EXIT_USAGE  # the command cannot run in this install: docs/errors.md, status 2
    assert err[-1] == "newsfuse: error: this needs the optional package 'sklearn': pip install \"newsfuse[bench]\""


def test_only_optional_packages_are_explained():
    assert "newsfuse[web]" in missing_extra(ModuleNotFoundError("no fastapi", name="fastapi.responses"))
    assert missing_extra(ModuleNotFoundError("no numpy", name="numpy")) is None  # a broken install: raise
