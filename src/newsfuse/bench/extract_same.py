"""Is `newsfuse extract` output byte-identical before and after a speed change?

    python -m newsfuse.bench.extract_same write   # on the old code: bench/out/extract-same/reference.jsonl
    python -m newsfuse.bench.extract_same check   # on the new code: every page's JSON line must be the same

Pages: the 181 article-extraction-benchmark pages and the WCXB dev pages (every page type; `--step N` takes
every Nth), written once as files under bench/out/extract-same/pages/ so that paths in the output stay the
same. The pages go through the `newsfuse extract -f jsonl` command in this one process, plain text pages
(the pages' own ground-truth bodies, so the plain-text cleaner is checked too) included. Speed-only changes
(imports, start-up, caches, hot paths) must keep every line; run `check` twice to cover a cold and a warm
cache. Exit status 1 and the differing page ids when anything changed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

from .extract import DEFAULT_DIR as AEB_DIR
from .wcxb import DEFAULT_DIR as WCXB_DIR

OUT_DIR = Path("bench") / "out" / "extract-same"


def write_pages(folder: Path, step: int) -> list[Path]:
    """The benchmark pages as files (written only when missing): HTML pages and plain-text bodies."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    truth = json.loads((AEB_DIR / "ground-truth.json").read_text(encoding="utf-8"))
    items: list[tuple[str, Path, str]] = []
    for page_id in sorted(truth):
        items.append((f"aeb-{page_id}.html", AEB_DIR / "html" / f"{page_id}.html.gz", ""))
        items.append((f"aeb-{page_id}.txt", Path(), truth[page_id].get("articleBody") or ""))
    for number, truth_path in enumerate(sorted((WCXB_DIR / "ground-truth").glob("*.json"))):
        if number % step == 0:
            items.append((f"wcxb-{truth_path.stem}.html", WCXB_DIR / "html" / f"{truth_path.stem}.html.gz", ""))
    for name, source, text in items:
        path = folder / name
        if not path.exists():
            if text or not source.name:
                if not text.strip():
                    continue
                path.write_text(text, encoding="utf-8")
            else:
                with gzip.open(source, "rt", encoding="utf-8", errors="replace") as handle:
                    path.write_text(handle.read(), encoding="utf-8")
        paths.append(path)
    return paths


def extract_lines(paths: list[Path], output: Path) -> dict[str, str]:
    """`newsfuse extract -f jsonl` over the files, one JSON line per article keyed by its path."""
    from ..cli import main

    main(["extract", "-f", "jsonl", "-o", str(output), *map(str, paths)])
    lines = output.read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["path"]: line for line in lines}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsfuse.bench.extract_same", description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["write", "check"])
    parser.add_argument("--step", type=int, default=1, metavar="N", help="every Nth WCXB page (1: all 1,497)")
    args = parser.parse_args(argv)
    if not (AEB_DIR / "ground-truth.json").exists() or not (WCXB_DIR / "ground-truth").is_dir():
        print(f"newsfuse: error: needs {AEB_DIR} and {WCXB_DIR}", file=sys.stderr)
        return 2
    paths = write_pages(OUT_DIR / "pages", args.step)
    reference = OUT_DIR / "reference.jsonl"
    if args.mode == "write":
        extract_lines(paths, reference)
        print(f"{len(reference.read_text(encoding='utf-8').splitlines())} articles from {len(paths)} files "
              f"-> {reference}")
        return 0
    old = {json.loads(line)["path"]: line for line in reference.read_text(encoding="utf-8").splitlines()}
    new = extract_lines(paths, OUT_DIR / "current.jsonl")
    changed = sorted(key for key in old.keys() | new.keys() if old.get(key) != new.get(key))
    print(f"{len(new)} articles from {len(paths)} files; {len(changed)} differ from the reference")
    for key in changed[:20]:
        print(f"  {key}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
