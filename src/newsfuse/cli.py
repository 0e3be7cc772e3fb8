"""Command line: parses arguments and calls the library, nothing more."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from . import __version__
from .errors import NewsfuseError
from .settings import Settings


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    # the benchmarks (and the NumPy/SciPy some of them import) load only for `bench` or help: start-up time
    parser = build_parser(with_bench=not words or "bench" in words or any(w in ("-h", "--help") for w in words))
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


def build_parser(with_bench: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsfuse", description="Many outlets, one story, one brief you can check.")
    parser.add_argument("--version", action="version", version=f"newsfuse {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    brief = commands.add_parser("brief", help="brief a pile of articles (files, URLs, .gz, WARC, feeds, - for stdin)")
    _add_input_options(brief)
    brief.add_argument("--format", "-f", choices=["md", "json", "html"], default="md", help="output format (md)")
    brief.add_argument("--words", "-w", type=int, default=Settings.summary_words, metavar="N",
                       help=f"summary length bound in words per story ({Settings.summary_words})")
    brief.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of standard output")
    brief.add_argument("--one-story", action="store_true",
                       help="treat all inputs as one story (skip grouping), e.g. to summarise a known cluster")
    brief.add_argument("--min-confidence", type=float, default=Settings.support_probability, metavar="P",
                       help="cite another article only when the support decision's probability reaches P "
                            f"({Settings.support_probability}; higher trades recall for precision)")
    brief.add_argument("--db", metavar="STORE",
                       help="also brief every article in this store (SQLite file or postgresql:// URL); "
                            "the inputs are added to it first")
    brief.set_defaults(handler=cmd_brief)

    add = commands.add_parser("add", help="extract articles and add them to a store, so their story can grow")
    _add_input_options(add)
    add.add_argument("--db", metavar="STORE", required=True, help="SQLite file (created if absent) or postgresql:// URL")
    add.set_defaults(handler=cmd_add)

    serve = commands.add_parser("serve", help="local web UI: the brief of a store's articles, and a form to add more")
    serve.add_argument("--db", metavar="STORE", required=True, help="SQLite file or postgresql:// URL")
    serve.add_argument("--host", default="127.0.0.1", help="interface to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (8000)")
    serve.set_defaults(handler=cmd_serve)

    extract = commands.add_parser("extract", help="clean articles only: one JSON object per article")
    _add_input_options(extract)
    extract.add_argument("--format", "-f", choices=["jsonl", "json", "txt"], default="jsonl")
    extract.add_argument("--favor-precision", action="store_true", help="drop doubtful blocks from HTML pages")
    extract.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of standard output")
    extract.set_defaults(handler=cmd_extract)

    corpus = commands.add_parser("corpus", help="the whole pipeline over a corpus (files or directories), "
                                                 "locally or on a Dask cluster; one JSON line per story")
    corpus.add_argument("inputs", nargs="+", metavar="PATH", help="article files or directories (walked recursively)")
    corpus.add_argument("--runner", default="local",
                        help="local (default), dask (local process cluster), dask-threads, or tcp://scheduler:8786")
    corpus.add_argument("--workers", type=int, default=None, metavar="N", help="Dask workers (default: Dask's)")
    corpus.add_argument("--words", "-w", type=int, default=Settings.summary_words, metavar="N",
                        help="summary length bound in words per story")
    corpus.add_argument("--max-bytes", type=int, default=Settings.max_input_bytes, metavar="N",
                        help="refuse inputs larger than N bytes")
    corpus.add_argument("-o", "--output", metavar="OUT", help="JSON lines file (standard output by default)")
    corpus.set_defaults(handler=cmd_corpus)

    if with_bench:
        from .bench import add_bench_parser

        add_bench_parser(commands)
    return parser


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="*", metavar="FILE", help="article files, URLs, or - for stdin")
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
    if not 0.0 <= args.min_confidence <= 1.0:
        raise NewsfuseError("--min-confidence must be between 0 and 1")
    settings = _settings(args, summary_words=args.words, single_story=args.one_story,
                         support_probability=args.min_confidence)
    if not args.inputs and not args.db:
        raise NewsfuseError("no input files (give FILE... or --db STORE)")
    articles, errors = load_articles(args.inputs, settings)
    status = _report(errors)
    if args.db:
        articles = _store_and_reload(args.db, articles)
    if not articles:
        print("newsfuse: error: no readable articles in the input", file=sys.stderr)
        return 1
    brief = brief_articles(articles, settings, errors)
    write_output(RENDERERS[args.format](brief), args.output)
    return status


def _store_and_reload(location: str, articles: list) -> list:  # type: ignore[type-arg]
    from .store import open_store

    with open_store(location) as store:
        result = store.add(articles)
        if result.skipped:
            print(f"newsfuse: {len(result.skipped)} article(s) already in {location}", file=sys.stderr)
        return store.articles()


def cmd_add(args: argparse.Namespace) -> int:
    from .pipeline import load_articles
    from .store import open_store

    if not args.inputs:
        raise NewsfuseError("no input files to add")
    articles, errors = load_articles(args.inputs, _settings(args))
    status = _report(errors)
    with open_store(args.db) as store:
        result = store.add(articles)
        total = len(store)
    print(f"added {len(result.added)}, already stored {len(result.skipped)}, {total} article(s) in {args.db}")
    return status


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn
    except ImportError:
        raise NewsfuseError("the web UI needs its extra: pip install 'newsfuse[web]'") from None
    from .store import open_store
    from .web import create_app

    store = open_store(args.db)
    print(f"newsfuse: serving {args.db} on http://{args.host}:{args.port}/", file=sys.stderr)
    uvicorn.run(create_app(store), host=args.host, port=args.port, log_level="warning")
    return 0


def cmd_corpus(args: argparse.Namespace) -> int:
    from .runners import make_runner
    from .runners.corpus import run_corpus, write_jsonl

    settings = Settings(summary_words=args.words, max_input_bytes=args.max_bytes, keep_going=True)
    records = run_corpus(args.inputs, settings, make_runner(args.runner, args.workers))
    if not args.output or args.output == "-":
        stories, errors = write_jsonl(records, sys.stdout)
    else:
        with atomic_file(args.output) as handle:
            stories, errors = write_jsonl(records, handle)
    print(f"newsfuse: {stories} stories, {errors} unreadable input(s)", file=sys.stderr)
    return 1 if errors else 0


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import load_articles
    from .render import article_dict

    settings = _settings(args, favor_precision=args.favor_precision, languages=None)
    if not args.inputs:
        raise NewsfuseError("no input files")
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
    with atomic_file(output) as handle:
        handle.write(text)


@contextmanager
def atomic_file(output: str) -> Iterator[TextIO]:
    """A text file that appears at `output` only once fully written; on any error the old file stays."""
    target = Path(output)
    fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


if __name__ == "__main__":
    sys.exit(main())
