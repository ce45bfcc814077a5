"""analyse_ahead: the per-article tables computed slice by slice on worker processes are exactly the whole-corpus
tables, and the analyses then read them back instead of parsing."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import nlp as nlp_module
from helpers import results_cache, single_pass

from .conftest import make_corpus

ARTICLES = {
    "wire.txt": "Kim Jong Un will travel to Vladivostok, officials said on Monday.\n\n"
                "“We expect talks on weapons,” said John Kirby, a White House spokesman. Kirby added that the "
                "meeting could happen soon, according to Reuters.",
    "rewrite.txt": "Kim Jong Un is expected to travel to Vladivostok, officials said.\n\n"
                   "“We expect talks on weapons,” Kirby told reporters. Analysts say the visit may be unlikely.",
    "plain.txt": "Nothing here names anyone. It rained all day and the roads were wet.",
    "quotes.txt": "Putin told state media: “Our friends are welcome.”\n\nHe said the two leaders would talk.",
    "short.txt": "Moscow and Pyongyang deny it.",
    "unnamed.txt": "A witness said the train left at dawn.\n\n“It was very loud,” one resident said.",
}
MANIFEST = "doc_id,outlet\nwire,Wire\nrewrite,Daily\nplain,\nquotes,Daily\nshort,Wire\nunnamed,Daily\n"
#: Tests that patch this module and rely on the workers inheriting the patch (forked, as on Linux).
FORKED = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked only on Linux")


@pytest.fixture
def fresh_results(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Empty parse and results caches for this test, nothing held in memory."""
    monkeypatch.setenv("NEWSLENS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NEWSLENS_RESULT_CACHE", "1")
    results_cache.clear_memory()
    nlp_module._memory.clear()
    yield tmp_path / "cache"
    results_cache.clear_memory()
    nlp_module._memory.clear()


def whole_corpus_tables(corpus: pd.DataFrame, monkeypatch: pytest.MonkeyPatch) -> dict[str, pd.DataFrame]:
    """Each stored analysis computed the ordinary way, on the whole corpus, with the results cache off."""
    monkeypatch.setenv("NEWSLENS_RESULT_CACHE", "0")
    tables = {f.__name__: f(*args) for f, args in single_pass._targets(corpus)}
    monkeypatch.setenv("NEWSLENS_RESULT_CACHE", "1")
    return tables


def assert_read_back_equal(corpus: pd.DataFrame, expected: dict[str, pd.DataFrame],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Every stored table reads back, without any parse, equal to the whole-corpus table value for value."""
    nlp_module._memory.clear()
    results_cache.clear_memory()

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("an analysis parsed instead of reading its stored table")

    monkeypatch.setattr(nlp_module, "iter_docs", no_parsing)
    for analysis, args in single_pass._targets(corpus):
        pd.testing.assert_frame_equal(analysis(*args), expected[analysis.__name__], check_exact=True)


@pytest.mark.parametrize("slice_size", [1, 2])
def test_worker_slices_equal_the_whole_corpus(tmp_path: Path, fresh_results: Path, monkeypatch: pytest.MonkeyPatch,
                                              slice_size: int) -> None:
    corpus = make_corpus(tmp_path, ARTICLES, MANIFEST)
    expected = whole_corpus_tables(corpus, monkeypatch)
    assert len(expected["quotes"]) >= 3 and len(expected["entity_mentions"]) >= 6  # the fixture exercises them
    unnamed = expected["quotes"][expected["quotes"]["doc_id"] == "unnamed"]
    assert len(unnamed) and unnamed["entity"].isna().all()  # a slice whose speakers have no name
    assert "" not in set(expected["term_counts"]["group"])  # a blank outlet groups under its doc_id
    results_cache.clear_memory()
    nlp_module._memory.clear()
    monkeypatch.setattr(single_pass, "MAX_SLICE", slice_size)
    monkeypatch.setattr(single_pass, "MIN_SLICE", slice_size)
    monkeypatch.setattr(single_pass, "TERM_SLICES", 1)  # term counts summed as slices arrive, not at the end
    monkeypatch.setenv("NEWSLENS_CACHE_DIR", str(tmp_path / "cold"))  # the workers parse, nothing is cached yet
    done = helpers.analyse_ahead(corpus, processes=2, progress=False)
    assert list(done["analysis"]) == [*single_pass.PER_ARTICLE, "term_counts", "entity_mentions", "quotes"]
    assert dict(zip(done["analysis"], done["rows"])) == {k: len(v) for k, v in expected.items()}
    assert len(list((tmp_path / "cold").rglob("*.spacy"))) == len(ARTICLES)  # the workers cached their parses
    assert not list((tmp_path / "cold").glob("slices-*"))  # the slices' tables written on the way are gone
    assert_read_back_equal(corpus, expected, monkeypatch)


def test_seed_corpus_in_two_processes_equals_one(corpus: pd.DataFrame, fresh_results: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    expected = whole_corpus_tables(corpus, monkeypatch)
    results_cache.clear_memory()
    helpers.analyse_ahead(corpus, processes=2, progress=False)
    assert_read_back_equal(corpus, expected, monkeypatch)


def test_one_process_runs_the_analyses_in_turn_and_a_second_call_reads_back(
        tmp_path: Path, fresh_results: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = make_corpus(tmp_path, ARTICLES, MANIFEST)
    first = helpers.analyse_ahead(corpus, progress=False)  # five short articles: too little text for two processes
    assert (first["seconds"] > 0).all()
    results_cache.clear_memory()
    again = helpers.analyse_ahead(corpus, progress=False)
    assert (again["seconds"] == 0).all() and list(again["rows"]) == list(first["rows"])


def test_a_corpus_repeating_a_doc_id_is_refused(corpus: pd.DataFrame, fresh_results: Path) -> None:
    with pytest.raises(ValueError, match="one row per doc_id"):
        helpers.analyse_ahead(pd.concat([corpus, corpus.iloc[:1]]), processes=2)


def test_switched_off_results_cache_is_a_clear_error(corpus: pd.DataFrame, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLENS_RESULT_CACHE", "0")
    with pytest.raises(RuntimeError, match="NEWSLENS_RESULT_CACHE=0"):
        helpers.analyse_ahead(corpus)


@FORKED
def test_a_failing_worker_raises_its_own_error(tmp_path: Path, fresh_results: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = make_corpus(tmp_path, ARTICLES, MANIFEST)

    def broken(part: pd.DataFrame) -> pd.DataFrame:
        raise ValueError(f"cannot analyse {len(part)} articles")

    monkeypatch.setitem(single_pass.PER_ARTICLE, "broken", broken)  # the forked workers inherit it
    with pytest.raises(ValueError, match="cannot analyse"):
        helpers.analyse_ahead(corpus, processes=2, progress=False)
    assert not list(fresh_results.glob("slices-*"))  # nothing left behind


def test_slices_cover_the_corpus_in_order_and_shrink_towards_the_end(corpus: pd.DataFrame) -> None:
    parts = single_pass.slices(corpus, workers=2)
    assert [d for p in parts for d in p.index] == list(corpus.index)
    assert [len(p) for p in parts] == [2, 2, 1]  # five articles: never fewer than MIN_SLICE but the last
    big = pd.DataFrame({"text": ["a"] * 1000}, index=[f"d{i}" for i in range(1000)])
    sizes = [len(p) for p in single_pass.slices(big, workers=2)]
    assert sum(sizes) == 1000 and sizes[0] == single_pass.MAX_SLICE
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] <= 2


def worker_pid(items: list) -> int:
    """The process a task ran in."""
    import os

    return os.getpid()


@FORKED
def test_the_quotes_pass_returns_each_slice_to_the_worker_that_parsed_it() -> None:
    with single_pass._worker_pool(2) as workers:
        tasks = [([k],) for k in range(7)]
        first, owner = single_pass._gather(workers, worker_pid, tasks, None, "first", False)
        again, ran_on = single_pass._gather(workers, worker_pid, tasks, owner, "again", False)
    assert len(set(first)) == 2 and set(owner) == {0, 1}  # both workers took slices
    assert again == first and ran_on == owner


@FORKED
def test_workers_do_not_inherit_a_profiler() -> None:
    """make bench profiles the main process; forked workers carrying the profiler ran 1.5x slower."""
    sys.setprofile(lambda *args: None)
    try:
        with single_pass._worker_pool(1) as workers:
            inherited = workers[0].submit(sys.getprofile).result()
    finally:
        sys.setprofile(None)
    assert inherited is None


def worker_memory_limit() -> int:
    return nlp_module.MEMORY_DOCS


def test_a_worker_keeps_its_whole_share_in_memory_only_when_it_fits() -> None:
    """The quotes pass re-reads a worker's slices in parse order: a memory smaller than its share would never hit."""
    fits = nlp_module.MEMORY_DOCS
    assert single_pass.worker_memory_docs(2 * fits, 2) == fits  # 1,000 each: all kept for the quotes pass
    assert single_pass.worker_memory_docs(2 * fits + 1, 2) == single_pass.LARGE_SHARE_DOCS
    assert single_pass.worker_memory_docs(10_000, 2) == 2 * single_pass.MAX_SLICE  # a slice fits, whatever its size
    assert single_pass.worker_memory_docs(5, 1) == fits


@FORKED
def test_workers_apply_their_memory_limit() -> None:
    with single_pass._worker_pool(1, 7) as workers:
        assert workers[0].submit(worker_memory_limit).result() == 7
    assert nlp_module.MEMORY_DOCS != 7  # this process keeps its own


def test_joins_go_largest_first_to_the_less_loaded_worker(tmp_path: Path) -> None:
    for name, sizes in {"big": [900, 900], "middle": [700], "small": [300, 200], "tiny": [100]}.items():
        for k, size in enumerate(sizes):
            (tmp_path / f"{k:06d}-{name}.pkl").write_bytes(b"x" * size)
    plan = single_pass._join_plan(tmp_path, ["tiny", "small", "middle", "big"], 2)
    assert plan == [("big", 0), ("middle", 1), ("small", 1), ("tiny", 1)]  # 1,800 bytes on one, 1,300 on the other
