"""Run Newslens on Dask: ingestion, parsing and per-article analyses on workers; corpus-level steps on the results.

Every per-article step is a pure function of one article, so a corpus splits into partitions of files that workers
ingest, parse (each worker with its parse cache) and analyse; the client gathers the tidy tables. Steps that compare
articles need the whole corpus and run after gathering: canonical entity names across articles, distinctive terms,
text reuse. The workers also send what those steps read from the parses (term counts, the sentences compared), which
the client keeps in its results cache, so it never parses an article itself (its machine need not see the parse
caches of the workers). The gathered tables equal the single-process results (tests/test_distributed.py checks it).

    from dask.distributed import Client, LocalCluster
    with Client(LocalCluster(n_workers=2, threads_per_worker=1)) as client:
        results = run("path/to/articles", client=client)

On a real cluster, start `dask scheduler` and `dask worker tcp://scheduler:8786` on each machine (with Newslens and
its model installed, and the articles on a shared file system), then pass `Client("tcp://scheduler:8786")`.
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

#: per-article analyses (any slice of a corpus gives the same rows for its articles)
PER_ARTICLE = ("readability", "sentence_sentiment", "hedging", "frames")
#: steps that need the whole corpus, run on the client after gathering
CORPUS_LEVEL = ("entity_counts", "distinctive_terms", "text_reuse")


def _ingest(folder: str, names: list[str], manifest: str | None) -> pd.DataFrame:
    """Load a subset of a folder's articles (same rules as load_corpus)."""
    from .corpus import CORPUS_COLUMNS, CorpusError, _read_article, _row, read_manifest

    path = Path(folder)
    table = read_manifest(path, manifest)
    rows = []
    for name in names:
        file = path / name
        try:
            raw, encoding = _read_article(file)
        except (CorpusError, OSError):
            continue  # reported by the client's own listing (load_corpus warns about every skipped file)
        rows.append(_row(file.stem, file, raw, encoding, table.loc[file.stem] if file.stem in table.index else None))
    if not rows:
        return pd.DataFrame(columns=CORPUS_COLUMNS)
    corpus = pd.DataFrame(rows).set_index("doc_id")[CORPUS_COLUMNS]
    corpus["n_words"] = corpus["n_words"].astype(int)
    return corpus


def _analyse(corpus: pd.DataFrame, analyses: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    """Per-article analyses of one partition, plus what the corpus-level steps read from its parses (within-article
    entity mentions, term counts, the sentences text reuse compares)."""
    import helpers
    from .entities import article_mentions
    from .framing import term_counts
    from .reuse import sentence_table

    out = {"corpus": corpus}
    if corpus.empty:
        return out
    for name in analyses:
        out[name] = getattr(helpers, name)(corpus)
    out["article_mentions"] = article_mentions(corpus)
    out["term_counts"] = term_counts(corpus)
    out["sentence_table"] = sentence_table(corpus)
    return out


def partitions_of(names: list[str], n: int) -> list[list[str]]:
    """Split file names into n contiguous, similar-sized partitions (order kept)."""
    size = max(1, math.ceil(len(names) / max(1, n)))
    return [names[i:i + size] for i in range(0, len(names), size)]


def run(path: str | Path, client=None, analyses: tuple[str, ...] = PER_ARTICLE,  # noqa: ANN001
        corpus_level: tuple[str, ...] = CORPUS_LEVEL, partitions: int | None = None,
        manifest: str | None = None) -> dict[str, pd.DataFrame]:
    """Run Newslens on a folder with Dask (a distributed Client, or Dask's local scheduler when client is None)."""
    import dask.bag as db

    from . import results_cache
    from .corpus import _article_files
    from .entities import canonical_mentions, entity_counts
    from .framing import term_counts
    from .reuse import sentence_table
    from .single_pass import _joined, _summed_terms

    folder = Path(path).resolve()
    files, _ = _article_files(folder)
    names = [f.name for f in files]
    workers = len(client.scheduler_info()["workers"]) if client is not None else 2
    chunks = partitions_of(names, partitions or 2 * max(1, workers))
    bag = db.from_sequence(chunks, npartitions=len(chunks)) \
        .map(lambda chunk: _ingest(str(folder), chunk, manifest)) \
        .map(lambda part: _analyse(part, tuple(analyses)))
    parts = client.compute(bag).result() if client is not None else bag.compute()
    analysed = [p for p in parts if len(p["corpus"])]  # _analyse left the empty partitions without tables
    corpus = pd.concat([p["corpus"] for p in analysed])
    corpus = corpus.loc[[n.rsplit(".", 1)[0] for n in names if n.rsplit(".", 1)[0] in corpus.index]]
    results: dict[str, pd.DataFrame] = {"corpus": corpus}
    for name in analyses:
        results[name] = pd.concat([p[name] for p in analysed], ignore_index=True)
    mentions = pd.concat([p["article_mentions"] for p in analysed], ignore_index=True)
    # what distinctive terms and text reuse would otherwise parse every article again for, here on the client
    results_cache.store(term_counts, _summed_terms([p["term_counts"] for p in analysed]), corpus)
    results_cache.store(sentence_table, _joined([p["sentence_table"] for p in analysed]), corpus)
    if "entity_counts" in corpus_level:
        results["entity_counts"] = entity_counts(corpus, mentions=canonical_mentions(mentions))
    import helpers

    for name in corpus_level:
        if name != "entity_counts":
            results[name] = getattr(helpers, name)(corpus)
    return results
