"""The parse cache under stress: concurrent writers, a read-only, unusable or missing folder, a full disk, truncated
entries and entries that hold another text's parse."""
from __future__ import annotations

import errno
import logging
import multiprocessing
import os
import warnings
from pathlib import Path

import pandas as pd
import pytest

from helpers import nlp as nlp_module

TEXTS = {f"t{i}": f"Kim Jong Un met Vladimir Putin in Vladivostok on day {i}, officials said." for i in range(40)}
SOME = pd.Series({k: TEXTS[k] for k in ("t1", "t2", "t3")})


def _parse_after_barrier(cache: str, barrier, results) -> None:  # noqa: ANN001
    """Child process: load the model, wait for the other child, then parse every text into the shared cache."""
    os.environ["NEWSLENS_CACHE_DIR"] = cache
    messages: list[str] = []
    logging.getLogger("helpers.nlp").addHandler(_ListHandler(messages))
    nlp_module.load_pipeline()
    barrier.wait(timeout=120)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs = dict(nlp_module.iter_docs(pd.Series(TEXTS)))
    ok = all(docs[k].text == TEXTS[k] for k in TEXTS)
    results.put((len(docs), ok, messages + [str(w.message) for w in caught]))


class _ListHandler(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__()
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        self.sink.append(record.getMessage())


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSLENS_CACHE_DIR", str(folder))
    nlp_module._memory.clear()  # every test reads the disk, not the in-memory copies of an earlier test
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.spacy"))


def test_two_processes_parsing_at_once_leave_a_valid_cache(cache: Path) -> None:
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    children = [context.Process(target=_parse_after_barrier, args=(str(cache), barrier, results)) for _ in range(2)]
    for child in children:
        child.start()
    outcomes = [results.get(timeout=300) for _ in children]
    for child in children:
        child.join(timeout=60)
        assert child.exitcode == 0
    assert [(n, ok) for n, ok, _ in outcomes] == [(40, True), (40, True)]
    assert [messages for _, _, messages in outcomes] == [[], []]  # no unreadable entry, no unwritable folder
    assert len(_entries(cache)) == 40
    assert not [p for p in cache.rglob("*") if p.name.startswith(".tmp-")]  # no half-written file left behind
    nlp = nlp_module.load_pipeline()
    for text in TEXTS.values():
        assert nlp_module._read_cached(nlp_module._cache_path(cache, nlp, text), nlp).text == text


def test_unusable_cache_folder_falls_back_to_parsing_with_a_warning(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("NEWSLENS_CACHE_DIR", str(blocker / "cache"))
    with pytest.warns(RuntimeWarning, match="not writable.*NEWSLENS_CACHE_DIR") as caught:
        docs = dict(nlp_module.iter_docs(SOME))
    assert len(caught) == 1  # one warning, not one per text
    assert [docs[k].text for k in SOME.index] == SOME.tolist()


def test_read_only_cache_is_read_and_new_texts_parse_with_a_warning(cache: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    list(nlp_module.iter_docs(SOME))
    nlp_module._memory.clear()
    if os.geteuid() != 0:  # a real read-only folder (root ignores permissions, so it is simulated below too)
        for folder in (cache, *[p for p in cache.rglob("*") if p.is_dir()]):
            folder.chmod(0o555)
        monkeypatch.setattr(nlp_module, "_memory", nlp_module._memory)  # restored with the permissions below
    else:
        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(nlp_module.tempfile, "NamedTemporaryFile", refuse)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # cached texts are read without complaint
            again = dict(nlp_module.iter_docs(SOME))
        assert [again[k].text for k in SOME.index] == SOME.tolist()
        new = pd.Series({"n": "Moscow denied any arms deal with Pyongyang."})
        with pytest.warns(RuntimeWarning, match="not writable"):
            docs = dict(nlp_module.iter_docs(new))
        assert docs["n"].text == new["n"]
        assert len(_entries(cache)) == 3
    finally:
        for folder in (cache, *[p for p in cache.rglob("*") if p.is_dir()]):
            folder.chmod(0o755)


def test_missing_cache_folder_is_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "deep" / "missing" / "cache"
    monkeypatch.setenv("NEWSLENS_CACHE_DIR", str(cache))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning: a missing folder is simply made
        dict(nlp_module.iter_docs(SOME))
    assert len(_entries(cache)) == 3


def test_a_full_disk_leaves_no_half_written_files(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(nlp_module.os, "replace", full)
    with pytest.warns(RuntimeWarning, match="No space left"):
        docs = dict(nlp_module.iter_docs(SOME))
    assert [docs[k].text for k in SOME.index] == SOME.tolist()
    assert not [p for p in cache.rglob("*") if p.is_file()]  # neither entries nor temporary files


@pytest.mark.parametrize("keep", [0, 1, 0.5, -1], ids=["empty", "one-byte", "half", "last-byte-cut"])
def test_truncated_entries_are_rebuilt(cache: Path, keep: float, caplog: pytest.LogCaptureFixture) -> None:
    list(nlp_module.iter_docs(SOME))
    nlp_module._memory.clear()
    for entry in _entries(cache):
        data = entry.read_bytes()
        entry.write_bytes(data[:int(len(data) * keep)] if isinstance(keep, float) else data[:keep])
    with caplog.at_level(logging.WARNING, logger="helpers.nlp"):
        docs = dict(nlp_module.iter_docs(SOME))
    assert [docs[k].text for k in SOME.index] == SOME.tolist()
    assert caplog.text.count("unreadable") == 3
    nlp = nlp_module.load_pipeline()
    for text in SOME:  # rewritten whole
        assert nlp_module._read_cached(nlp_module._cache_path(cache, nlp, text), nlp).text == text


def test_an_entry_holding_another_texts_parse_is_not_used(cache: Path) -> None:
    list(nlp_module.iter_docs(SOME))
    nlp_module._memory.clear()
    nlp = nlp_module.load_pipeline()
    first, second = (nlp_module._cache_path(cache, nlp, SOME[k]) for k in ("t1", "t2"))
    first.write_bytes(second.read_bytes())  # a copied or mixed-up cache file
    docs = dict(nlp_module.iter_docs(SOME))
    assert docs["t1"].text == SOME["t1"]
    assert nlp_module._read_cached(first, nlp).text == SOME["t1"]  # rebuilt
