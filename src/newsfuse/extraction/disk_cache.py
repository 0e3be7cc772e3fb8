"""Start-up work that every fresh process would redo, kept on disk: same numbers, same output, less CPU.

- py3langid ships its model LZMA-compressed (4.5 MB, 68 MB unpacked); unpacking costs about 0.4 s of CPU at
  the first page of every process. The cache holds the unpacked arrays (.npy, the very same values), so a
  process reads them in a few milliseconds and every language ID stays the same.
- dateparser (htmldate's extensive search) compiles three regexes per locale, about 200 locales and 2 s of
  CPU, the first time a process meets a date string that is not English. `regex` patterns pickle with their
  compiled code, so the cache restores the very same patterns without compiling them again.

Where: $NEWSFUSE_CACHE_DIR, else $XDG_CACHE_HOME/newsfuse, else ~/.cache/newsfuse (about 70 MB);
NEWSFUSE_CACHE_DIR=off turns it off. Files are named by the library versions they come from. A cache that
cannot be read or written (read-only home, a damaged file, a file another user could have written) is
simply not used: never an error, never a different result.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

CACHE_ENV = "NEWSFUSE_CACHE_DIR"
CACHE_OFF = frozenset({"off", "0", "none", "false", "no"})
DATEPARSER_CACHES = ("_split_regex_cache", "_split_relative_regex_cache", "_match_relative_regex_cache")


@lru_cache(maxsize=1)
def cache_dir() -> Path | None:
    """The cache folder (created 0700), or None when caching is off or impossible."""
    setting = os.environ.get(CACHE_ENV)
    if setting is not None and setting.strip().lower() in CACHE_OFF | {""}:
        return None
    if setting:
        folder = Path(setting)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "newsfuse"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if _trusted(folder) else None


def _trusted(path: Path) -> bool:
    """Ours and writable by nobody else: a pickle from such a file is as safe as our own code."""
    try:
        info = path.stat()
    except OSError:
        return False
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        return False
    return not info.st_mode & 0o022


def _atomic_write(path: Path, data: bytes) -> None:
    """Write a whole file or nothing (a concurrent process may write the same file: the last one wins)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


# ------------------------------------------------------------------------------------------ py3langid
def classify_lang(text: str) -> str:
    """py3langid's language code for `text`, its model loaded through the cache."""
    return str(langid_identifier().classify(text)[0])


@lru_cache(maxsize=1)
def langid_identifier() -> Any:
    """py3langid's identifier (the module's own one, so every user in the process shares it)."""
    from py3langid import langid

    if langid.IDENTIFIER is None:
        try:
            folder = _langid_folder(langid)
            identifier = _load_langid(folder, langid) if folder is not None else None
        except Exception:  # noqa: BLE001 - a cache problem only means the slow path
            folder, identifier = None, None
        if identifier is None:
            identifier = langid._get_identifier()
            if folder is not None:
                _store_langid(folder, identifier)
        langid.IDENTIFIER = identifier
    return langid.IDENTIFIER


def _langid_folder(langid: Any) -> Path | None:
    root = cache_dir()
    model = Path(langid.MODEL_DIR) / langid.MODEL_FILE
    if root is None or not model.exists():
        return None
    stat = model.stat()  # the model file itself names the cache (importlib.metadata costs 0.05 s to import)
    return root / f"py3langid-{stat.st_size}-{stat.st_mtime_ns}"


def _load_langid(folder: Path, langid: Any) -> Any:
    """The identifier from the unpacked arrays, as py3langid's from_model_file builds it; None if absent."""
    from array import array

    import numpy as np

    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        nextmove = array(meta["nextmove"])
        nextmove.frombytes((folder / "nextmove.bin").read_bytes())
        row = array(meta["row"])
        row.frombytes((folder / "row.bin").read_bytes())
        ptc = np.load(folder / "ptc.npy", mmap_mode="r", allow_pickle=False)
        pc = np.load(folder / "pc.npy", allow_pickle=False)
        output = np.load(folder / "output.npy", allow_pickle=False).tolist()
        if len(row) != len(output) or ptc.shape != (meta["features"], len(meta["classes"])):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return langid.LanguageIdentifier(np.asarray(ptc), np.asarray(pc), meta["classes"], nextmove, output, tk_row=row)


def _store_langid(folder: Path, identifier: Any) -> None:
    """Unpacked arrays into a new folder, renamed into place when complete."""
    import numpy as np

    try:
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    except OSError:
        return
    try:
        np.save(tmp / "ptc.npy", np.asarray(identifier.nb_ptc), allow_pickle=False)
        np.save(tmp / "pc.npy", np.asarray(identifier.nb_pc), allow_pickle=False)
        np.save(tmp / "output.npy", np.asarray(identifier.tk_output, dtype=np.int64), allow_pickle=False)
        (tmp / "nextmove.bin").write_bytes(identifier.tk_nextmove.tobytes())
        (tmp / "row.bin").write_bytes(identifier.tk_row.tobytes())
        meta = {"classes": list(identifier.nb_classes), "nextmove": identifier.tk_nextmove.typecode,
                "row": identifier.tk_row.typecode, "features": int(np.asarray(identifier.nb_ptc).shape[0])}
        (tmp / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        tmp.rename(folder)
    except (OSError, ValueError):
        for path in tmp.glob("*"):
            path.unlink(missing_ok=True)
        tmp.rmdir()


# ----------------------------------------------------------------------------------------- dateparser
@lru_cache(maxsize=1)
def warm_dateparser() -> None:
    """Restore dateparser's compiled locale regexes (once per process, before htmldate's first search) and
    save the ones this process compiles at exit. Never raises: without the cache dateparser compiles them."""
    try:
        _restore_dateparser()
    except Exception:  # noqa: BLE001
        pass


def _restore_dateparser() -> None:
    path = _dateparser_path()
    if path is None:
        return
    try:
        from dateparser.languages.dictionary import Dictionary
    except ImportError:
        return
    found = [getattr(Dictionary, name, None) for name in DATEPARSER_CACHES]
    caches: list[dict[Any, Any]] = [cache for cache in found if isinstance(cache, dict)]
    if len(caches) != len(found):  # another dateparser layout: leave it alone
        return
    stored = _read_pickle(path)
    if isinstance(stored, list) and len(stored) == len(caches):
        for cache, saved in zip(caches, stored):
            _merge(cache, saved)
    atexit.register(_save_dateparser, path, caches, _size(caches))


def _dateparser_path() -> Path | None:
    root = cache_dir()
    if root is None:
        return None
    import dateparser
    import regex

    releases = f"{dateparser.__version__}-regex{regex.__version__}"
    return root / f"dateparser-{releases}-py{sys.version_info[0]}{sys.version_info[1]}.pickle"


def _read_pickle(path: Path) -> object:
    import pickle

    if not path.exists() or not _trusted(path):
        return None
    try:
        return pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - a damaged or stale cache is no cache
        return None


def _merge(cache: dict[Any, Any], saved: object) -> None:
    """Entries of `saved` ({key: {locale: pattern}}) that the process does not have yet."""
    if not isinstance(saved, dict):
        return
    for key, entries in saved.items():
        if isinstance(entries, dict):
            mine = cache.setdefault(key, {})
            for name, pattern in entries.items():
                mine.setdefault(name, pattern)


def _size(caches: list[dict[Any, Any]]) -> int:
    return sum(len(entries) for cache in caches for entries in cache.values())


def _save_dateparser(path: Path, caches: list[dict[Any, Any]], loaded: int) -> None:
    """At exit: the regex caches, when this process compiled new ones."""
    import pickle

    if _size(caches) <= loaded:
        return
    try:
        data = pickle.dumps([dict(cache) for cache in caches], protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - something unpicklable: no cache
        return
    _atomic_write(path, data)
