"""The results cache: a re-run on the same inputs reads the table back; any change to the inputs computes it again."""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import nlp as nlp_module
from helpers import results_cache
from helpers.results_cache import cached

from .conftest import make_corpus

CALLS: list[str] = []


@cached
def word_table(corpus: pd.DataFrame, min_length: int = 1, progress: bool | None = None) -> pd.DataFrame:
    """A tiny analysis that records each time it really runs."""
    CALLS.append("run")
    words = [(doc_id, w) for doc_id, text in corpus["text"].items() for w in text.split() if len(w) >= min_length]
    return pd.DataFrame(words, columns=["doc_id", "word"])


@pytest.fixture
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder with the results cache switched on and nothing held in memory."""
    monkeypatch.setenv("NEWSLENS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NEWSLENS_RESULT_CACHE", "1")
    results_cache.clear_memory()
    CALLS.clear()
    yield tmp_path / "cache"
    results_cache.clear_memory()


def small_corpus() -> pd.DataFrame:
    return pd.DataFrame({"text": ["Kim met Putin.", "Putin met Kim in Vladivostok."], "headings": [["A"], []]},
                        index=pd.Index(["a", "b"], name="doc_id"))


def test_same_inputs_are_computed_once(fresh_cache: Path) -> None:
    first = word_table(small_corpus())
    second = word_table(small_corpus(), progress=False)  # how progress is shown is not part of the key
    results_cache.clear_memory()  # a new kernel: only the disk entry is left
    third = word_table(small_corpus())
    assert CALLS == ["run"]
    assert len(first) == 8 and first["word"].tolist()[:3] == ["Kim", "met", "Putin."]
    pd.testing.assert_frame_equal(first, second)
    pd.testing.assert_frame_equal(first, third)
    assert len(list((fresh_cache / "results").glob("word_table-*.pkl"))) == 1


@pytest.mark.parametrize("change", ["text", "list cell", "index", "column order", "argument"])
def test_any_change_to_the_inputs_computes_again(fresh_cache: Path, change: str) -> None:
    word_table(small_corpus())
    corpus, kwargs = small_corpus(), {}
    if change == "text":
        corpus.loc["b", "text"] = "Putin met Kim in Vladivostok!"
    elif change == "list cell":
        corpus.at["b", "headings"] = ["B"]
    elif change == "index":
        corpus.index = pd.Index(["a", "c"], name="doc_id")
    elif change == "column order":
        corpus = corpus[["headings", "text"]]
    else:
        kwargs = {"min_length": 4}
    result = word_table(corpus, **kwargs)
    assert CALLS == ["run", "run"]
    if change == "argument":
        assert result["word"].tolist() == ["Putin.", "Putin", "Vladivostok."]


def test_the_caller_cannot_change_the_cached_table(fresh_cache: Path) -> None:
    table = word_table(small_corpus())
    table["word"] = "changed"
    table.loc[0, "doc_id"] = "z"
    again = word_table(small_corpus())
    assert CALLS == ["run"]
    assert len(again) == 8 and "changed" not in set(again["word"])


def test_switched_off_always_computes(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLENS_RESULT_CACHE", "0")
    word_table(small_corpus())
    word_table(small_corpus())
    assert CALLS == ["run", "run"]
    assert not (fresh_cache / "results").exists()


def test_an_argument_that_cannot_be_keyed_is_computed_uncached(fresh_cache: Path) -> None:
    class Opaque:
        pass

    assert results_cache.result_key("x", (small_corpus(), Opaque()), {}) is None
    assert results_cache.result_key("x", (small_corpus(),), {"labels": ("PERSON", "GPE")}) is not None
    assert results_cache.result_key("x", (small_corpus(),), {"labels": None}) != \
        results_cache.result_key("x", (small_corpus(),), {"labels": "None"})


def test_a_corrupt_entry_is_computed_again(fresh_cache: Path, caplog: pytest.LogCaptureFixture) -> None:
    word_table(small_corpus())
    results_cache.clear_memory()
    (entry,) = (fresh_cache / "results").glob("word_table-*.pkl")
    entry.write_bytes(entry.read_bytes()[:20])
    with caplog.at_level(logging.WARNING, logger="helpers.results_cache"):
        result = word_table(small_corpus())
    assert CALLS == ["run", "run"] and len(result) == 8
    assert "unreadable" in caplog.text


def test_another_model_is_another_key(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    word_table(small_corpus())
    monkeypatch.setenv("NEWSLENS_SPACY_MODEL", "some_other_model")
    word_table(small_corpus())
    assert CALLS == ["run", "run"]


def test_editing_a_lexicon_changes_every_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(results_cache.DATA / "lexicons", data / "lexicons")
    (data / "models").mkdir()
    monkeypatch.setattr(results_cache, "DATA", data)
    results_cache.code_fingerprint.cache_clear()
    try:
        before = results_cache.code_fingerprint()
        hedges = data / "lexicons" / "hedges.csv"
        hedges.write_text(hedges.read_text(encoding="utf-8") + "arguably,hedge,\n", encoding="utf-8")
        results_cache.code_fingerprint.cache_clear()
        assert results_cache.code_fingerprint() != before
    finally:
        results_cache.code_fingerprint.cache_clear()


def test_a_real_analysis_is_read_back_without_parsing(tmp_path: Path, fresh_cache: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = make_corpus(tmp_path, {"one.txt": "Kim Jong Un met Vladimir Putin. They talked for hours.\n\n"
                                               "The talks were said to be long."})
    first = helpers.readability(corpus)
    counts = helpers.entity_counts(corpus)
    shutil.rmtree(fresh_cache / nlp_module.model_id(helpers.load_pipeline()))  # no cached parse left
    nlp_module._memory.clear()
    results_cache.clear_memory()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(type(helpers.load_pipeline()), "__call__", refuse)
    monkeypatch.setattr(type(helpers.load_pipeline()), "pipe", refuse)
    pd.testing.assert_frame_equal(helpers.readability(corpus), first)
    pd.testing.assert_frame_equal(helpers.entity_counts(corpus), counts)
    assert first["sentences"].tolist() == [3]
    assert set(counts["entity"]) >= {"Kim Jong Un", "Vladimir Putin"}


def test_old_entries_are_pruned(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(results_cache, "MAX_ENTRIES", 3)
    folder = fresh_cache / "results"
    folder.mkdir(parents=True)
    for k in range(4):  # entries left by earlier code versions, oldest first
        old = folder / f"word_table-old{k}.pkl"
        old.write_bytes(b"x")
        os.utime(old, (1_000_000 + k, 1_000_000 + k))
    word_table(small_corpus())
    left = sorted(p.name for p in folder.glob("*.pkl"))
    assert len(left) == 3
    assert "word_table-old0.pkl" not in left and "word_table-old1.pkl" not in left
    assert "word_table-old3.pkl" in left and any(not n.startswith("word_table-old") for n in left)


def test_memory_holds_results_up_to_its_byte_limit(fresh_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    size = int(word_table(small_corpus()).memory_usage(index=True, deep=True).sum())
    results_cache.clear_memory()
    monkeypatch.setattr(results_cache, "MEMORY_BYTES", size + 1)  # room for one table
    word_table(small_corpus())
    word_table(small_corpus(), min_length=4)
    assert len(results_cache._memory) == 1  # the first was dropped to make room
    (kept,) = results_cache._memory.values()
    assert kept[0]["word"].tolist() == ["Putin.", "Putin", "Vladivostok."]
    monkeypatch.setattr(results_cache, "MEMORY_BYTES", 10)  # too big to hold: read back from disk instead
    results_cache.clear_memory()
    again = word_table(small_corpus())
    assert len(again) == 8 and not results_cache._memory
    assert CALLS == ["run", "run"]


def test_defaults_and_keywords_share_one_entry(fresh_cache: Path) -> None:
    corpus = small_corpus()
    word_table(corpus)
    word_table(corpus, min_length=1)
    word_table(corpus, 1, progress=True)
    assert CALLS == ["run"]
    assert results_cache.call_key(word_table, (corpus,), {}) == \
        results_cache.call_key(word_table, (corpus,), {"min_length": 1})
    assert results_cache.call_key(word_table, (corpus, 2), {}) != results_cache.call_key(word_table, (corpus,), {})


def test_a_stored_table_is_what_the_call_returns(fresh_cache: Path) -> None:
    corpus = small_corpus()
    made = pd.DataFrame({"doc_id": ["x"], "word": ["made elsewhere"]})
    assert not results_cache.is_stored(word_table, corpus)
    assert results_cache.store(word_table, made, corpus)
    assert results_cache.is_stored(word_table, corpus) and not results_cache.is_stored(word_table, corpus, 3)
    results_cache.clear_memory()  # read back from disk
    pd.testing.assert_frame_equal(word_table(corpus), made)
    assert CALLS == []


def test_an_entry_written_by_another_process_is_read_back(fresh_cache: Path) -> None:
    corpus = small_corpus()
    made = pd.DataFrame({"doc_id": ["x"], "word": ["joined in a worker"]})
    path = results_cache.entry_path(word_table, corpus)
    assert path is not None and not path.exists()
    results_cache.write_entry(path, made)
    pd.testing.assert_frame_equal(word_table(corpus), made)
    assert CALLS == []


def test_an_unchanged_frame_is_hashed_once_and_keyed_as_before(fresh_cache: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = small_corpus()
    plain = results_cache.call_key(word_table, (corpus,), {})
    hashed: list[int] = []
    original = results_cache.frame_fingerprint
    monkeypatch.setattr(results_cache, "frame_fingerprint", lambda frame: hashed.append(1) or original(frame))
    with results_cache.unchanged(corpus):
        keys = {results_cache.call_key(word_table, (corpus,), {}) for _ in range(5)}
        other = results_cache.call_key(word_table, (corpus.copy(),), {})  # another frame: hashed as usual
    assert keys == {plain} and other == plain
    assert len(hashed) == 2  # once on entry, once for the copy
    corpus.loc[corpus.index[0], "text"] = "changed after the block"
    assert results_cache.call_key(word_table, (corpus,), {}) != plain  # hashed again once the block is left
