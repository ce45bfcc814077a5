"""Run Newslens on Dask: ingestion, parsing and per-article analyses on workers; corpus-level steps on the results.

Every per-article step is a pure function of one article, so a corpus splits into partitions of files that workers
ingest (by load_corpus's rules: skipped files are warned about and listed in corpus.attrs["skipped"] as there), parse
(each worker with its parse cache, one process per worker) and analyse; the client gathers the tidy tables. Steps that
compare articles need the whole corpus and run after gathering: canonical entity names across articles, distinctive
terms, text reuse; quotes go back to the workers for a second round once the client has named the entities their
speakers resolve to. The workers also send what the corpus-level steps read from the parses (term counts, the
sentences compared), which the client keeps in its results cache, so it never parses an article itself. The gathered
tables equal the single-process results (tests/test_distributed.py checks it).

    from dask.distributed import Client, LocalCluster
    with Client(LocalCluster(n_workers=2, threads_per_worker=1)) as client:
        results = run("path/to/articles", client=client)

On a real cluster, start `dask scheduler` and `dask worker tcp://scheduler:8786 --nthreads 1` on each machine (one
thread per worker process: spaCy's parse holds the GIL; start one worker per core), each with the same versions of
Newslens, its dependencies and its model installed (`pip install -c constraints.txt -e '.[distributed]'`), and the
articles on a file system that the client and every worker see at the same path; then, on the client,
`client = Client("tcp://scheduler:8786"); client.wait_for_workers(n)` before `run(path, client=client)` (the corpus is
split into two partitions per worker connected when run starts).
"""
from __future__ import annotations

import functools
import math
from pathlib import Path

import pandas as pd

#: per-article analyses (any slice of a corpus gives the same rows for its articles)
PER_ARTICLE = ("readability", "sentence_sentiment", "hedging", "frames")
#: steps that need the whole corpus: run on the client after gathering, but for quotes, which the workers attribute in
#: a second round once the client has named the corpus's entities
CORPUS_LEVEL = ("entity_counts", "quotes", "distinctive_terms", "text_reuse")


def _ingest(folder: str, files: list[tuple[int, str, str]], manifest: str | None) -> dict:
    """Load one partition's files (position in the folder's listing, name, doc_id) by load_corpus's rules: the
    corpus rows, the position of the file each came from, and the files not used, each with its position."""
    from .corpus import _load_file, corpus_frame, kept_rows, read_manifest

    path = Path(folder)
    table = read_manifest(path, manifest)
    paths, doc_ids = [path / name for _, name, _ in files], [doc_id for _, _, doc_id in files]
    rows, unused = kept_rows(paths, doc_ids, (_load_file(file, doc_id, table.loc[doc_id] if doc_id in table.index
                                                         else None) for file, doc_id in zip(paths, doc_ids)))
    return {"corpus": corpus_frame([row for _, row in rows]), "rows": [(files[k][0], row) for k, row in rows],
            "skipped": [(files[k][0], skip) for k, skip in unused]}


def _analyse(part: dict, analyses: tuple[str, ...]) -> dict:
    """One ingested partition with its per-article analyses, plus what the corpus-level steps read from its parses
    (within-article entity mentions, term counts, the sentences text reuse compares)."""
    import helpers
    from .entities import article_mentions
    from .framing import term_counts
    from .reuse import sentence_table

    corpus = part["corpus"]
    out = {key: value for key, value in part.items() if key != "corpus"}  # the client rebuilds it from the rows
    if corpus.empty:
        return out
    for name in analyses:
        out[name] = getattr(helpers, name)(corpus)
    out["article_mentions"] = article_mentions(corpus)
    out["term_counts"] = term_counts(corpus)
    out["sentence_table"] = sentence_table(corpus)
    return out


def _partition(chunk: list[tuple[int, str, str]], folder: str, manifest: str | None, analyses: tuple[str, ...]) -> dict:
    """One partition's task on a worker: ingest its files, then analyse them."""
    return _analyse(_ingest(folder, chunk, manifest), analyses)


def partitions_of(names: list, n: int) -> list[list]:
    """Split a list into n contiguous, similar-sized partitions (order kept)."""
    size = max(1, math.ceil(len(names) / max(1, n)))
    return [names[i:i + size] for i in range(0, len(names), size)]


def run(path: str | Path, client=None, analyses: tuple[str, ...] = PER_ARTICLE,  # noqa: ANN001
        corpus_level: tuple[str, ...] = CORPUS_LEVEL, partitions: int | None = None,
        manifest: str | None = None) -> dict[str, pd.DataFrame]:
    """Run Newslens on a folder with Dask (a distributed Client, or Dask's local scheduler when client is None): a
    dict of tables keyed "corpus", each of `analyses` and each of `corpus_level`, equal to the single-process ones.
    `partitions` overrides the number of partitions (default two per worker); `manifest` as in load_corpus."""
    import dask.bag as db

    from . import results_cache
    from .corpus import CorpusError, _article_files, _name_text, corpus_frame, finished_corpus, read_manifest
    from .entities import canonical_mentions, entity_counts
    from .framing import term_counts
    from .reuse import sentence_table
    from .single_pass import _joined, _summed_terms
    from .sourcing import quotes

    folder = Path(path).resolve()
    if not folder.is_dir():
        raise CorpusError(f"{path}: not a folder; point distributed.run at a folder of .txt or .html articles.")
    table = read_manifest(folder, manifest)
    files, skipped = _article_files(folder)
    groups: dict[str, list[tuple[int, str, str]]] = {}  # the files of one doc_id stay in one partition
    for k, file in enumerate(files):
        doc_id = _name_text(file.stem)
        groups.setdefault(doc_id, []).append((k, file.name, doc_id))
    workers = len(client.scheduler_info()["workers"]) if client is not None else 2
    chunks = [sorted(f for doc_id in chunk for f in groups[doc_id])
              for chunk in partitions_of(list(groups), partitions or 2 * max(1, workers))]
    task = functools.partial(_partition, folder=str(folder), manifest=manifest, analyses=tuple(analyses))
    if not chunks:
        parts, homes = [], []
    elif client is not None:  # futures, so that each partition's quotes go back to the worker holding its parses
        futures = client.map(task, chunks, pure=False)
        parts = client.gather(futures)
        holders = client.who_has(futures)
        homes = [list(holders.get(future.key, ())) for future in futures]
        del futures  # the workers may let go of the tables now
    else:  # Dask's local scheduler: every process shares this machine's parse cache
        parts = db.from_sequence(chunks, npartitions=len(chunks)).map(task).compute()
        homes = [[] for _ in parts]
    # _analyse left the empty partitions without tables
    analysed, homes = [p for p in parts if p["rows"]], [home for p, home in zip(parts, homes) if p["rows"]]
    # the articles and the skipped files in the folder's order, as load_corpus lists them (one frame, so the
    # columns' types are inferred from every row as there)
    rows = sorted(((k, row) for p in parts for k, row in p["rows"]), key=lambda kept: kept[0])
    unused = sorted(((k, skip) for p in parts for k, skip in p["skipped"]), key=lambda found: found[0])
    corpus = finished_corpus(folder, table, corpus_frame([row for _, row in rows]),
                             skipped + [skip for _, skip in unused])
    results: dict[str, pd.DataFrame] = {"corpus": corpus}
    for name in analyses:
        results[name] = pd.concat([p[name] for p in analysed], ignore_index=True)
    mentions = pd.concat([p["article_mentions"] for p in analysed], ignore_index=True)
    # what distinctive terms and text reuse would otherwise parse every article again for, here on the client
    results_cache.store(term_counts, _summed_terms([p["term_counts"] for p in analysed]), corpus)
    results_cache.store(sentence_table, _joined([p["sentence_table"] for p in analysed]), corpus)
    canonical = canonical_mentions(mentions)
    if "entity_counts" in corpus_level:
        results["entity_counts"] = entity_counts(corpus, mentions=canonical)
    if "quotes" in corpus_level:  # each worker attributes its partition's quotes to the corpus's canonical names
        ids = [[row["doc_id"] for _, row in p["rows"]] for p in analysed]
        jobs = [(corpus.loc[part], canonical[canonical["doc_id"].isin(part)]) for part in ids]
        if client is not None:  # a worker elsewhere would parse the partition again (parse caches are per machine)
            found = client.gather([client.submit(quotes, *job, workers=home or None, allow_other_workers=True,
                                                 pure=False) for job, home in zip(jobs, homes)])
        else:
            found = db.from_sequence(jobs, npartitions=len(jobs)).map(lambda job: quotes(*job)).compute()
        found = pd.concat(found, ignore_index=True)
        position = {doc_id: k for k, doc_id in enumerate(corpus.index)}  # in corpus order, as one process lists them
        found = found.iloc[found["doc_id"].map(position).argsort(kind="stable")].reset_index(drop=True)
        results_cache.store(quotes, found, corpus)  # as analyse_ahead does: sources() etc. read it back
        results["quotes"] = found
    import helpers

    for name in corpus_level:
        if name not in ("entity_counts", "quotes"):
            results[name] = getattr(helpers, name)(corpus)
    return results
