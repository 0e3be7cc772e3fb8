"""Every command and option of the CLI is documented in the README, and the README's commands are real."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from newsfuse.cli import build_parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
DOCS = README + "".join(p.read_text(encoding="utf-8") for p in sorted((Path(__file__).resolve().parents[1] / "docs").glob("*.md")))


def walk(parser: argparse.ArgumentParser, prefix: str = "newsfuse"):
    yield prefix, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from walk(sub, f"{prefix} {name}")


COMMANDS = list(walk(build_parser()))


@pytest.mark.parametrize(("command", "parser"), COMMANDS, ids=[c for c, _ in COMMANDS])
def test_command_and_options_documented(command, parser):
    assert command in DOCS
    for action in parser._actions:
        for option in action.option_strings:
            if option.startswith("--") and option not in {"--help", "--version"}:
                assert option in DOCS, f"{command} {option} is not in the README or docs/"


def test_readme_shows_the_two_setup_commands():
    assert "pip install -e . && newsfuse brief ../shared/seeds/*.txt" in README
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    test_command = re.search(r'^pip install -e "\.\[test\]" && python -m pytest -q$', ci, re.M)
    assert test_command and test_command.group(0) in README
