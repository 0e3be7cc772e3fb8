"""Command line: parses arguments and calls the library, nothing more."""

from __future__ import annotations

import argparse
import json
import logging
import os
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from . import __version__
from .errors import (
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    NewsfuseError,
    OutputError,
    UsageError,
)
from .extras import missing_extra
from .settings import Settings

DEBUG_ENV = "NEWSFUSE_DEBUG"  # 1: print the traceback of an internal error


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; every failure is one line `newsfuse: error: ...` and an exit status of docs/errors.md."""
    words = list(sys.argv[1:] if argv is None else argv)
    # the benchmarks (and the NumPy/SciPy some of them import) load only for `bench` or help: start-up time
    parser = build_parser(with_bench=not words or "bench" in words or any(w in ("-h", "--help") for w in words),
                          words=words)
    args = parser.parse_args(argv)
    _quiet_library_logs()
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.handler(args) or 0)
    except NewsfuseError as error:
        print(f"newsfuse: error: {error}", file=sys.stderr)
        return error.exit_status
    except ModuleNotFoundError as error:  # an optional extra's package (benchmarks' peers, web, Dask...)
        message = missing_extra(error)
        if message is None:
            return _internal_error(error)
        print(f"newsfuse: error: {message}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("newsfuse: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the catch-all: a bug is one line too, never a traceback
        return _internal_error(error)


def _quiet_library_logs() -> None:
    """Libraries log the repairs they make to odd input as warnings (warcio: "Replacing spaces in invalid
    WARC-Target-URI"); the CLI's contract is one line per failure, so theirs show only with NEWSFUSE_DEBUG=1.
    newsfuse's own loggers keep warnings."""
    if logging.getLogger().handlers:  # an embedding program configured logging: leave it alone
        return
    debug = os.environ.get(DEBUG_ENV, "") not in ("", "0")
    logging.basicConfig(level=logging.DEBUG if debug else logging.CRITICAL + 1,
                        format="newsfuse: %(levelname)s: %(name)s: %(message)s")
    logging.getLogger("newsfuse").setLevel(logging.DEBUG if debug else logging.WARNING)


def _internal_error(error: Exception) -> int:
    """One line for an unexpected exception; NEWSFUSE_DEBUG=1 prints its traceback as well."""
    if os.environ.get(DEBUG_ENV, "") not in ("", "0"):
        import traceback

        traceback.print_exc()
    text = " ".join(str(error).split())[:300]
    print(f"newsfuse: error: internal error ({type(error).__name__}: {text}); please report it, "
          f"and set {DEBUG_ENV}=1 to see the traceback", file=sys.stderr)
    return EXIT_INTERNAL


def build_parser(with_bench: bool = True, words: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; given the `words` to parse, `bench` imports only the benchmarks they name."""
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
                            f"({Settings.support_probability}; higher trades recall for precision, and facts then "
                            "count only articles cited at P, not related coverage giving the same figures and names)")
    brief.add_argument("--db", metavar="STORE",
                       help="also brief every article in this store (SQLite file or postgresql:// URL); "
                            "the inputs are added to it first")
    brief.set_defaults(handler=cmd_brief)

    add = commands.add_parser("add", help="extract articles and add them to a store, so their story can grow")
    _add_input_options(add)
    add.add_argument("--db", metavar="STORE", required=True,
                     help="SQLite file (created if absent) or postgresql:// URL")
    add.set_defaults(handler=cmd_add)

    _add_desk_parsers(commands)

    extract = commands.add_parser("extract", help="clean articles only: one JSON object per article")
    _add_input_options(extract)
    extract.add_argument("--format", "-f", choices=["jsonl", "json", "txt"], default="jsonl")
    extract.add_argument("--favor-precision", action="store_true", help="drop doubtful blocks from HTML pages")
    extract.add_argument("-o", "--output", metavar="OUT", help="write to this file instead of standard output")
    extract.set_defaults(handler=cmd_extract)

    corpus = commands.add_parser("corpus", help="stories of a corpus (files, folders, WARC, .jsonl), locally or on a "
                                                 "Dask cluster; one JSON line per story with its articles")
    corpus.add_argument("inputs", nargs="+", metavar="PATH", help="article files, .jsonl(.gz) piles or directories")
    corpus.add_argument("--runner", "--scheduler", dest="runner", default="local",
                        help="local (default), dask (a local process cluster) or a scheduler address tcp://host:8786")
    corpus.add_argument("--workers", type=int, default=None, metavar="N", help="workers of --runner dask (2)")
    corpus.add_argument("--briefs", action="store_true", help="also brief every story (slow: about 1 s a story)")
    corpus.add_argument("--words", "-w", type=int, default=Settings.summary_words, metavar="N",
                        help="summary length bound in words per story (with --briefs)")
    _add_intake_options(corpus)
    corpus.add_argument("-o", "--output", metavar="OUT", help="JSON lines file (standard output by default)")
    corpus.set_defaults(handler=cmd_corpus)

    stories = commands.add_parser("stories", help="group a pile of any size into stories and copies: "
                                                   "DIR/assignments.jsonl and DIR/stories.jsonl")
    stories.add_argument("inputs", nargs="+", metavar="INPUT", help="article files, WARC, .jsonl(.gz) piles or folders")
    stories.add_argument("--out", default="stories-out", metavar="DIR", help="output folder (stories-out)")
    stories.add_argument("--briefs", action="store_true", help="also write DIR/briefs/<story>.json and .md")
    stories.add_argument("--scheduler", default="local",
                         help="local (default), dask (a local process cluster) or a Dask scheduler tcp://host:port")
    stories.add_argument("--workers", type=int, default=None, metavar="N", help="workers of --scheduler dask (2)")
    stories.add_argument("--no-embeddings", action="store_true",
                         help="words only: skip MiniLM lead embeddings (about 10 articles/s a core) for speed")
    _add_intake_options(stories)
    stories.set_defaults(handler=cmd_stories)

    if with_bench:
        from .bench import add_bench_parser

        add_bench_parser(commands, words)
    return parser


def _add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="*", metavar="FILE", help="article files, URLs, or - for stdin")
    parser.add_argument("--keep-going", "-k", action="store_true",
                        help="report unusable inputs and go on with the others (the default; exit status 1)")
    _add_intake_options(parser)


def _add_intake_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--strict", action="store_true",
                        help="stop at the first unusable input and write nothing (default: report it, go on)")
    parser.add_argument("--max-bytes", type=int, default=Settings.max_input_bytes, metavar="N",
                        help="refuse inputs larger than N bytes")
    parser.add_argument("--allow-private", action="store_true",
                        help="let URLs reach loopback, private and link-local addresses (refused by default)")


def _settings(args: argparse.Namespace, **extra: object) -> Settings:
    if args.max_bytes < 1:
        raise UsageError("--max-bytes must be at least 1")
    if getattr(args, "output", None) not in (None, "-"):
        check_output(args.output)  # before the work, not after it
    return Settings(keep_going=not args.strict, max_input_bytes=args.max_bytes,
                    allow_private_urls=args.allow_private).with_(**extra)


def _report(errors: Sequence[object]) -> int:
    for error in errors:
        print(f"newsfuse: error: {error}", file=sys.stderr)
    return EXIT_INPUT if errors else EXIT_OK


def cmd_brief(args: argparse.Namespace) -> int:
    from .pipeline import brief_articles, load_articles
    from .render import RENDERERS

    if args.words < 1:
        raise UsageError("--words must be at least 1")
    if not 0.0 <= args.min_confidence <= 1.0:
        raise UsageError("--min-confidence must be between 0 and 1")
    settings = _settings(args, summary_words=args.words, single_story=args.one_story,
                         support_probability=args.min_confidence,
                         fact_structure_match=args.min_confidence <= Settings.support_probability)
    if not args.inputs and not args.db:
        raise UsageError("no input files (give FILE... or --db STORE)")
    articles, errors = load_articles(args.inputs, settings)
    status = _report(errors)
    if args.db:
        articles = _store_and_reload(args.db, articles)
    if not articles:
        if not errors:  # each unusable input was named already
            print("newsfuse: error: no readable articles in the input", file=sys.stderr)
        return EXIT_INPUT
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
        raise UsageError("no input files to add")
    articles, errors = load_articles(args.inputs, _settings(args))
    status = _report(errors)
    with open_store(args.db) as store:
        result = store.add(articles)
        total = len(store)
    print(f"added {len(result.added)}, already stored {len(result.skipped)}, {total} article(s) in {args.db}")
    return status


# ---------------------------------------------------------------- the story desk: list, show, delete, serve
def _add_desk_parsers(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    listing = commands.add_parser("list", help="list a store's articles (id, outlet, date, title)")
    listing.add_argument("--db", metavar="STORE", required=True, help="SQLite file or postgresql:// URL")
    listing.add_argument("--format", "-f", choices=["txt", "json"], default="txt")
    listing.set_defaults(handler=cmd_list)

    show = commands.add_parser("show", help="print one stored article (clean text, or JSON)")
    show.add_argument("id", help="article id, as `newsfuse list` prints it")
    show.add_argument("--db", metavar="STORE", required=True, help="SQLite file or postgresql:// URL")
    show.add_argument("--format", "-f", choices=["txt", "json"], default="txt")
    show.set_defaults(handler=cmd_show)

    delete = commands.add_parser("delete", help="delete stored articles by id (their stories are re-briefed)")
    delete.add_argument("ids", nargs="+", metavar="ID", help="article ids, as `newsfuse list` prints them")
    delete.add_argument("--db", metavar="STORE", required=True, help="SQLite file or postgresql:// URL")
    delete.set_defaults(handler=cmd_delete)

    serve = commands.add_parser("serve", help="the story desk: web UI and JSON API over a store")
    serve.add_argument("--db", metavar="STORE", required=True, help="SQLite file or postgresql:// URL")
    serve.add_argument("--host", default="127.0.0.1",
                       help="interface to listen on (127.0.0.1); beyond loopback NEWSFUSE_TOKEN must be set")
    serve.add_argument("--port", type=int, default=8000, help="port (8000)")
    serve.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                       help="a host name browsers use to reach the desk (Host header check; repeatable)")
    serve.add_argument("--max-body", type=int, default=None, metavar="BYTES",
                       help="largest request body or upload, answered 413 beyond (10000000)")
    serve.add_argument("--rebrief", choices=["process", "thread"], default="process",
                       help="brief in a worker process (default: readers keep the CPU) or a thread")
    serve.set_defaults(handler=cmd_serve)


def cmd_list(args: argparse.Namespace) -> int:
    from .store import open_store

    with open_store(args.db) as store:
        infos = store.article_infos()
    if args.format == "json":
        write_output(json.dumps([vars(i) for i in infos], ensure_ascii=False, indent=2), None)
    else:
        for i in infos:
            print("\t".join([i.id, i.outlet or "-", i.date or "-", i.title or "-"]))
        print(f"{len(infos)} article(s) in {args.db}", file=sys.stderr)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from .render import article_dict
    from .store import open_store

    with open_store(args.db) as store:
        article = store.article(args.id)
    if article is None:
        raise NewsfuseError(f"{args.id}: no such article in {args.db}")
    if args.format == "json":
        write_output(json.dumps(article_dict(article), ensure_ascii=False, indent=2), None)
    else:
        head = " · ".join(x for x in (article.outlet, article.date, article.url) if x)
        write_output(f"# {article.title or article.id}\n{head}\n\n{article.text}", None)
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from .store import open_store

    missing = []
    with open_store(args.db) as store:
        for article_id in args.ids:
            if store.delete(article_id):
                print(f"deleted {article_id}")
            else:
                missing.append(article_id)
    for article_id in missing:
        print(f"newsfuse: error: {article_id}: no such article in {args.db}", file=sys.stderr)
    return 1 if missing else 0


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn
    except ImportError:
        raise NewsfuseError("the web UI needs its extra: pip install 'newsfuse[web]'") from None
    from .web.serve import serve

    return serve(args.db, args.host, args.port, tuple(args.allow_host), args.max_body, args.rebrief, uvicorn)


def cmd_corpus(args: argparse.Namespace) -> int:
    from .runners.stories import corpus_records, run_stories

    settings = _settings(args, summary_words=args.words, keep_going=True)
    with _scheduler(args.runner, args.workers) as scheduler:
        run = run_stories(args.inputs, settings, scheduler, keep_articles=True, progress=_show_progress())
    _fail_if_strict(args, run)
    records = corpus_records(run, settings, args.briefs)
    if not args.output or args.output == "-":
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        with atomic_file(args.output) as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return _report_run(run)


def cmd_stories(args: argparse.Namespace) -> int:
    from .runners.stories import run_stories, write_outputs

    settings = _settings(args, keep_going=True, story_embeddings=not args.no_embeddings,
                         languages=Settings.languages if args.briefs else None)
    with _scheduler(args.scheduler, args.workers) as scheduler:
        run = run_stories(args.inputs, settings, scheduler, keep_articles=args.briefs, progress=_show_progress())
    _fail_if_strict(args, run)
    write_outputs(run, args.out, settings, args.briefs)
    return _report_run(run, f" -> {args.out}")


def _fail_if_strict(args: argparse.Namespace, run) -> None:  # type: ignore[no-untyped-def]
    """--strict: the first unusable input is fatal, before anything is written (as in brief and extract)."""
    from .errors import InputRejected

    if args.strict and run.errors:
        raise InputRejected(run.errors[0].path, run.errors[0].message)


def _report_run(run, where: str = "") -> int:  # type: ignore[no-untyped-def]
    """Bad inputs one line each on stderr (`newsfuse: error: PATH: why`, as for every command: docs/errors.md),
    then a summary; exit status 1 when any input was bad."""
    for error in run.errors:
        print(f"newsfuse: error: {error.path}: {error.message}", file=sys.stderr)
    copies = len(run.grouping.duplicate_of)
    print(f"newsfuse: {len(run.features)} articles, {len(run.grouping.groups)} stories, {copies} copies, "
          f"{len(run.errors)} unreadable input(s){where}", file=sys.stderr)
    return EXIT_INPUT if run.errors else EXIT_OK


def _show_progress() -> bool:
    return sys.stderr.isatty()


@contextmanager
def _scheduler(name: str, workers: int | None) -> Iterator[str]:
    """"local", a scheduler address as given, or "dask": a local process cluster for the run's length."""
    if name != "dask":
        yield name
        return
    try:
        from distributed import LocalCluster
    except ImportError:
        raise NewsfuseError("--scheduler dask needs its extra: pip install 'newsfuse[dask]'") from None
    with LocalCluster(n_workers=workers or 2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import load_articles
    from .render import article_dict

    settings = _settings(args, favor_precision=args.favor_precision, languages=None)
    if not args.inputs:
        raise UsageError("no input files")
    articles, errors = load_articles(args.inputs, settings)
    status = _report(errors)
    if not articles:
        return EXIT_INPUT
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
    """A text file that appears at `output` only once fully written; on any error the old file stays.
    It gets the mode a plain open() would (0666 less the umask, or the replaced file's), not mkstemp's 0600;
    a missing folder, a folder in the way or a failed write is an OutputError (exit status 3)."""
    target = Path(output)
    folder = check_output(output)
    if _is_special(target):
        yield from _write_in_place(target, output)
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.")
    except OSError as error:
        raise OutputError(f"{output}: cannot write the output ({error.strerror or error})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            yield handle
        os.chmod(tmp, _new_file_mode(target))
        os.replace(tmp, target)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"{output}: cannot write the output ({error.strerror or error})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_output(output: str) -> Path:
    """The folder the output goes to; an OutputError when the output is a folder or its folder is missing."""
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise OutputError(f"{output}: cannot write the output: is a directory")
    if not folder.is_dir():
        raise OutputError(f"{output}: cannot write the output: folder {folder} does not exist")
    return folder


def _is_special(target: Path) -> bool:
    """Whether the output is a device, pipe or socket (-o /dev/null, a FIFO) rather than a regular file."""
    try:
        return not stat.S_ISREG(target.stat().st_mode)
    except OSError:
        return False


def _write_in_place(target: Path, output: str) -> Iterator[TextIO]:
    """Write straight into a device or pipe: renaming a temporary file over it would replace the device
    itself with a plain file (run as root, `-o /dev/null` did exactly that)."""
    try:
        with open(target, "w", encoding="utf-8") as handle:
            yield handle
    except OSError as error:
        raise OutputError(f"{output}: cannot write the output ({error.strerror or error})") from None


def _new_file_mode(target: Path) -> int:
    """The replaced file's permissions, else 0666 less the process umask."""
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


if __name__ == "__main__":
    sys.exit(main())
