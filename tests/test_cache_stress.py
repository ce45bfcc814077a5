"""The parse cache under stress: concurrent writers, an unusable folder, a missing folder, truncated entries."""
from __future__ import annotations

import multiprocessing
import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

from helpers import nlp as nlp_module

TEXTS = {f"t{i}": f"Kim Jong Un met Vladimir Putin in Vladivostok on day {i}, officials said." for i in range(12)}


def _parse_into(cache: str) -> int:
    os.environ["NEWSLENS_CACHE_DIR"] = cache
    return len(dict(nlp_module.iter_docs(pd.Series(TEXTS))))


def test_two_processes_parsing_at_once_leave_a_valid_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        assert pool.map(_parse_into, [str(cache)] * 2) == [12, 12]
    entries = sorted(cache.rglob("*.spacy"))
    assert len(entries) == 12
    assert not list(cache.rglob(".tmp-*"))  # no half-written temporary file left behind
    monkeypatch.setenv("NEWSLENS_CACHE_DIR", str(cache))
    nlp = nlp_module.load_pipeline()
    for text in TEXTS.values():
        assert nlp_module._read_cached(nlp_module._cache_path(cache, nlp, text), nlp).text == text


def test_unusable_cache_folder_falls_back_to_parsing_with_a_warning(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("NEWSLENS_CACHE_DIR", str(blocker / "cache"))
    with pytest.warns(RuntimeWarning, match="not writable"):
        docs = dict(nlp_module.iter_docs(pd.Series(TEXTS)))
    assert len(docs) == 12 and docs["t3"].text == TEXTS["t3"]


def test_missing_cache_folder_is_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "deep" / "missing" / "cache"
    monkeypatch.setenv("NEWSLENS_CACHE_DIR", str(cache))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning: a missing folder is simply made
        dict(nlp_module.iter_docs(pd.Series(TEXTS)))
    assert len(list(cache.rglob("*.spacy"))) == 12
