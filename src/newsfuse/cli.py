"""Command line: parses arguments and calls the library, nothing more."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import NewsfuseError
from .settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except NewsfuseError as error:
        print(f"newsfuse: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsfuse: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsfuse", description="Many outlets, one story, one brief you can check.")
    parser.add_argument("--version", action="version", version=f"newsfuse {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    brief = commands.add_parser("brief", help="brief a pile of articles (files, URLs, .gz, WARC, feeds, - for stdin)")
    _add_input_options(brief)
    brief.add_argument("--format", "-f", choices=["md", "json", "html"], default="md", help="output format (md)")
    brief.add_argument("--words", "-w", type=int, default=Settings.summary_words, metavar="N",
                       help=f"summary length bound in words per story ({Settings.summary_words})")
    brief.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of standard output")
    brief.set_defaults(handler=cmd_brief)

    extract = commands.add_parser("extract", help="clean articles only: one JSON object per article")
    _add_input_options(extract)
    extract.add_argument("--format", "-f", choices=["jsonl", "json", "txt"], default="jsonl")
    extract.add_argument("--favor-precision", action="store_true", help="drop doubtful blocks from HTML pages")
    extract.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of standard output")
    extract.set_defaults(handler=cmd_extract)

    from .bench import add_bench_parser

    add_bench_parser(commands)
    return parser


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="FILE", help="article files, URLs, or - for stdin")
    parser.add_argument("--keep-going", "-k", action="store_true",
                        help="report unreadable inputs and go on with the others (exit status stays 1)")
    parser.add_argument("--max-bytes", type=int, default=Settings.max_input_bytes, metavar="N",
                        help="refuse inputs larger than N bytes")


def _settings(args: argparse.Namespace, **extra: object) -> Settings:
    return Settings(keep_going=args.keep_going, max_input_bytes=args.max_bytes).with_(**extra)


def _report(errors: Sequence[object]) -> int:
    for error in errors:
        print(f"newsfuse: error: {error}", file=sys.stderr)
    return 1 if errors else 0


def cmd_brief(args: argparse.Namespace) -> int:
    from .pipeline import brief_articles, load_articles
    from .render import RENDERERS

    if args.words < 1:
        raise NewsfuseError("--words must be at least 1")
    settings = _settings(args, summary_words=args.words)
    articles, errors = load_articles(args.inputs, settings)
    status = _report(errors)
    if not articles:
        print("newsfuse: error: no readable articles in the input", file=sys.stderr)
        return 1
    brief = brief_articles(articles, settings, errors)
    write_output(RENDERERS[args.format](brief), args.output)
    return status


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import load_articles
    from .render import article_dict

    settings = _settings(args, favor_precision=args.favor_precision)
    articles, errors = load_articles(args.inputs, settings)
    status = _report(errors)
    if args.format == "json":
        out = json.dumps([article_dict(a) for a in articles], ensure_ascii=False, indent=2) + "\n"
    elif args.format == "txt":
        out = "".join(f"# {a.title or a.id}\n\n{a.text}\n\n" for a in articles)
    else:
        out = "".join(json.dumps(article_dict(a), ensure_ascii=False) + "\n" for a in articles)
    write_output(out, args.output)
    return status


def write_output(text: str, output: str | None) -> None:
    """Write to stdout, or atomically to a file so a failed run never leaves half a file behind."""
    if not output or output == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
        return
    target = Path(output)
    fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


if __name__ == "__main__":
    sys.exit(main())
