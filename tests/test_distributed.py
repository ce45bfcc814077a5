"""Dask: the seeds on a LocalCluster with 2 workers give the same numbers as the single-process pipeline."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import distributed
from helpers.paths import SEEDS

pytest.importorskip("dask.distributed")


def _same(a: pd.DataFrame, b: pd.DataFrame, keys: list[str]) -> None:
    a = a.sort_values(keys).reset_index(drop=True)
    b = b.sort_values(keys).reset_index(drop=True)
    pd.testing.assert_frame_equal(a[sorted(a.columns)], b[sorted(b.columns)], check_dtype=False)


def own_parse_cache(root: str) -> None:
    """On a worker: a parse cache of its own, as a worker on another machine has."""
    import os

    os.environ["NEWSLENS_CACHE_DIR"] = str(Path(root) / f"worker-{os.getpid()}")


def test_partitions_keep_order_and_cover_everything() -> None:
    names = [f"{i}.txt" for i in range(7)]
    parts = distributed.partitions_of(names, 3)
    assert [n for p in parts for n in p] == names
    assert len(parts) == 3


@pytest.mark.slow
def test_local_cluster_matches_single_process(corpus: pd.DataFrame, monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    from dask.distributed import Client, LocalCluster

    from helpers import nlp, results_cache

    def no_parsing_here(*args: object, **kwargs: object) -> None:
        raise AssertionError("the client parsed an article: the workers' tables should be all it needs")

    monkeypatch.setenv("NEWSLENS_CACHE_DIR", str(tmp_path))  # no result of another test to fall back on
    results_cache.clear_memory()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.run(own_parse_cache, str(tmp_path / "workers"))  # as on machines that share no disk
        monkeypatch.setattr(nlp, "iter_docs", no_parsing_here)  # here only: the workers are other processes
        results = distributed.run(SEEDS, client=client, partitions=3)
        monkeypatch.undo()
    assert list(results["corpus"].index) == list(corpus.index)
    # each article parsed once: the quotes round went back to the worker holding the partition's parses
    assert len(list((tmp_path / "workers").rglob("*.spacy"))) == len(corpus)
    _same(results["readability"], helpers.readability(corpus), ["doc_id"])
    _same(results["sentence_sentiment"], helpers.sentence_sentiment(corpus), ["doc_id", "sentence"])
    _same(results["hedging"], helpers.hedging(corpus), ["doc_id"])
    _same(results["frames"], helpers.frames(corpus), ["doc_id", "frame"])
    _same(results["entity_counts"], helpers.entity_counts(corpus), ["doc_id", "entity", "label"])
    _same(results["quotes"], helpers.quotes(corpus), ["doc_id", "sentence", "quote"])
    _same(results["text_reuse"], helpers.text_reuse(corpus), ["doc_a", "doc_b"])
    _same(results["distinctive_terms"], helpers.distinctive_terms(corpus), ["group", "term"])


def test_skipped_files_are_reported_as_load_corpus_reports_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Unreadable files, a second file of one name and an odd extension: the same corpus, the same skipped list and the
    same warning as load_corpus, whichever partition each file lands in (Dask's synchronous scheduler, in process)."""
    import dask

    from helpers.corpus import SkippedFileWarning

    seeds = sorted(SEEDS.glob("*.txt"))
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.html").write_bytes(b"")  # empty: skipped, and a.txt is the article named a
    (folder / "a.txt").write_bytes(seeds[0].read_bytes())
    (folder / "a.z.txt").write_bytes(b"   \n")  # sorts between a.html and a.txt: only white space
    (folder / "b.htm").write_bytes(seeds[1].read_bytes())
    (folder / "b.txt").write_bytes(seeds[2].read_bytes())  # a second article named b
    (folder / "notes.docx").write_bytes(b"PK")
    monkeypatch.setenv("NEWSLENS_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.warns(SkippedFileWarning) as single:
        expected = helpers.load_corpus(folder)
    for partitions in (1, 2, 4):
        with pytest.warns(SkippedFileWarning) as caught, dask.config.set(scheduler="synchronous"):
            corpus = distributed.run(folder, analyses=("readability",), corpus_level=(), partitions=partitions)["corpus"]
        assert [str(w.message) for w in caught] == [str(w.message) for w in single]
        assert corpus.attrs == expected.attrs
        pd.testing.assert_frame_equal(corpus, expected)
    assert list(expected.index) == ["a", "b"]
    assert [file for file, _ in expected.attrs["skipped"]] == ["notes.docx", "a.html", "a.z.txt", "b.txt"]


def test_a_folder_with_no_article_is_an_error(tmp_path: Path) -> None:
    import dask

    from helpers.corpus import CorpusError, SkippedFileWarning

    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(CorpusError, match="no article could be loaded.*empty.txt"), \
            pytest.warns(SkippedFileWarning), dask.config.set(scheduler="synchronous"):
        distributed.run(tmp_path, corpus_level=())


@pytest.mark.slow
def test_a_worker_parses_a_large_partition(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A partition of over MULTIPROCESS_MIN_WORDS words, where one process would start two: a Dask worker is daemonic
    and may not, so it parses alone (this failed before parse_plan knew)."""
    from dask.distributed import Client, LocalCluster

    from benchmarks.pipeline import synthetic_corpus
    from helpers.nlp import MULTIPROCESS_MIN_WORDS

    folder = tmp_path / "articles"
    synthetic_corpus(folder, 36, keep=0.25, vocabulary="dictionary")
    monkeypatch.setenv("NEWSLENS_CACHE_DIR", str(tmp_path / "cache"))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        results = distributed.run(folder, client=client, corpus_level=(), partitions=1)
    assert results["corpus"]["n_words"].sum() > MULTIPROCESS_MIN_WORDS
    _same(results["readability"], helpers.readability(helpers.load_corpus(folder)), ["doc_id"])
