"""Parse a corpus and run every per-article analysis in one pass over each article, on two worker processes.

Each analysis on its own reads every parsed article again (from memory, or from the disk cache once a corpus has more
articles than memory keeps), and runs in this one process after the parse. `analyse_ahead` instead hands slices of
the corpus to worker processes (two, as nlp.parse_plan parses with two): a worker parses its slice (caching the
parses as usual) and, while the parses are in its memory, runs the per-article analyses on them and writes their
tables to disk; then the workers join the slices' tables, one analysis at a time, into the results cache
(helpers.results_cache), where the analyses read them back. The slices' tables joined are exactly the
whole-corpus tables (tests/test_single_pass.py compares them), because these analyses look at one article at a time;
the steps that compare articles (canonical entity names, distinctive terms, text reuse) run here on the joined
tables. Quotes need the corpus's canonical names, so they are a second pass on the workers.

    corpus = helpers.load_corpus("path/to/articles")
    helpers.analyse_ahead(corpus)       # one pass: parse + per-article tables, on two processes
    helpers.entity_counts(corpus)       # read back (plus the cross-article step)

On a corpus too small for a second process to pay (nlp.parse_plan), the analyses simply run here in turn.
"""
from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

from . import nlp, results_cache
from .paths import cache_dir
from .entities import article_mentions, canonical_mentions, entity_mentions
from .framing import frame_matches, hedge_matches, term_counts
from .readability import sentence_counts
from .reuse import sentence_table
from .sentiment import sentence_sentiment
from .sourcing import quotes

#: Analyses that look at one article at a time: their table for a corpus is their tables for its slices, joined.
PER_ARTICLE: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "sentences": nlp.sentences,
    "sentence_counts": sentence_counts,
    "sentence_sentiment": sentence_sentiment,
    "sentence_table": sentence_table,
    "hedge_matches": hedge_matches,
    "frame_matches": frame_matches,
}
#: Tables the workers join and store after the first pass: the per-article ones and the term counts (summed).
JOINED: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {**PER_ARTICLE, "term_counts": term_counts}
#: Each slice is this share of what is left per worker (MIN_SLICE to MAX_SLICE articles): large slices while
#: much is left, small ones at the end, so the workers finish within about one article of each other.
SLICE_SHARE = 0.25
MAX_SLICE = 32
MIN_SLICE = 2
#: Slices' term counts read back at a time before they are added to the running total.
TERM_SLICES = 16


#: Parses a worker keeps in memory when its share of the corpus is over nlp.MEMORY_DOCS: its quotes pass reads the
#: slices again in the order it parsed them, so a least-recently-used memory smaller than its share would miss on
#: every one; only the slices at hand are worth keeping, two slices' worth (measured at 10,000 articles: 1,511-1,552 MB
#: resident per worker before, 1,058-1,085 MB after).
LARGE_SHARE_DOCS = 2 * MAX_SLICE


def worker_memory_docs(n_articles: int, n_workers: int) -> int:
    """How many parses each worker keeps in memory: all of its share when they fit in nlp.MEMORY_DOCS, else a slice's."""
    return nlp.MEMORY_DOCS if math.ceil(n_articles / max(1, n_workers)) <= nlp.MEMORY_DOCS else LARGE_SHARE_DOCS


def _start_worker(memory_docs: int = nlp.MEMORY_DOCS) -> None:
    """In each worker: parse in this process only, keep at most `memory_docs` parses in memory and no results cache
    (the main process says where each joined table goes)."""
    sys.setprofile(None)  # a profiler running where the worker was forked (make bench) would slow every call here
    nlp.IN_WORKER = True
    nlp.MEMORY_DOCS = memory_docs
    os.environ["NEWSLENS_RESULT_CACHE"] = "0"
    nlp.load_pipeline()  # already loaded where the worker was forked; a spawned worker loads it here


def _first_pass(part: pd.DataFrame, folder: str, k: int) -> None:
    """A worker's tables for slice k: parse it (cached on disk), run every per-article analysis on the parses, and
    write each table to `folder` (so this process never holds them all)."""
    nlp.parse_ahead(part, progress=False)
    for name, analysis in {**PER_ARTICLE, "article_mentions": article_mentions, "term_counts": term_counts}.items():
        analysis(part).to_pickle(_slice_file(Path(folder), k, name))


def _second_pass(part: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """A worker's quotes for one slice, speakers resolved to the whole corpus's canonical entities."""
    return quotes(part, mentions=mentions)


def _join_into(folder: Path, name: str, n_slices: int, path: Path | None) -> int:
    """In a worker: the slices' tables of one analysis joined (term counts summed as they are read) and written to
    its results-cache entry; the joined table's rows."""
    ks = range(n_slices)
    if name == "term_counts":  # a running sum: slices repeat most of each other's terms
        terms: list[pd.DataFrame] = []
        for k in range(0, n_slices, TERM_SLICES):
            terms = [_summed_terms([*terms, *_pieces(folder, name, ks[k:k + TERM_SLICES])])]
        table = terms[0]
    else:
        table = _joined(_pieces(folder, name, ks))
    if path is not None:
        results_cache.write_entry(path, table)
    return len(table)


def _join_plan(folder: Path, names: list[str], n_workers: int) -> list[tuple[str, int]]:
    """(analysis, worker) for each join: the largest slice tables on disk first, each to the worker with the fewest
    bytes to read so far."""
    size = {name: sum(p.stat().st_size for p in folder.glob(f"*-{name}.pkl")) for name in names}  # _slice_file's
    load, plan = [0] * n_workers, []
    for name in sorted(names, key=lambda name: -size[name]):
        w = load.index(min(load))
        load[w] += size[name]
        plan.append((name, w))
    return plan


def _spill_root() -> Path | None:
    """Where the workers write their slices' tables: the cache folder (on disk, next to the results), else the
    system's temporary folder."""
    root = cache_dir()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return root if os.access(root, os.W_OK) else None


def _slice_file(folder: Path, k: int, name: str) -> Path:
    """Where slice k's table of one analysis is spilled."""
    return folder / f"{k:06d}-{name}.pkl"


def _pieces(folder: Path, name: str, ks: range) -> list[pd.DataFrame]:
    """The slices' tables of one analysis, read back in slice order (each file deleted once read)."""
    frames = []
    for k in ks:
        path = _slice_file(folder, k, name)
        frames.append(pd.read_pickle(path))
        path.unlink()
    return frames


def _joined(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Slices' tables as one, with the column types one table of all the rows would have had: empty slices left
    out, and a column that was all missing in some slice (object) and text in others re-inferred as text."""
    filled = [f for f in frames if len(f)]
    return pd.concat(filled, ignore_index=True).infer_objects() if filled else frames[0].reset_index(drop=True)


def _summed_terms(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Term counts of slices added up per group and term, in term_counts's order."""
    table = _joined(frames)
    if table.empty:
        return table
    summed = table.groupby(["group", "term"], sort=False)["count"].sum().reset_index()
    return summed.sort_values(["group", "term"]).reset_index(drop=True)


def slices(corpus: pd.DataFrame, workers: int) -> list[pd.DataFrame]:
    """Contiguous slices of the corpus, in order, shrinking towards the end (guided scheduling) so no worker waits
    long for the other's last slice."""
    parts, start = [], 0
    while start < len(corpus):
        size = max(MIN_SLICE, min(MAX_SLICE, math.ceil((len(corpus) - start) * SLICE_SHARE / workers)))
        parts.append(corpus.iloc[start:start + size])
        start += size
    return parts


def _targets(corpus: pd.DataFrame) -> list[tuple[Callable, tuple]]:
    """(analysis, arguments) of every table analyse_ahead stores."""
    calls = [(analysis, (corpus,)) for analysis in PER_ARTICLE.values()]
    return calls + [(entity_mentions, (corpus,)), (term_counts, (corpus,)), (quotes, (corpus,))]


def analyse_ahead(corpus: pd.DataFrame, *, processes: int | None = None, progress: bool | None = None) -> pd.DataFrame:
    """Parse every article and compute the per-article tables in one pass, on two worker processes; one row per table
    stored: analysis, rows, seconds (of the pass that made it; tables of one pass share its time; 0 when cached).
    `processes` overrides the number of worker processes (default: worker_count, from the corpus size)."""
    if not results_cache.enabled():
        raise RuntimeError("analyse_ahead stores its tables in the results cache, which NEWSLENS_RESULT_CACHE=0 "
                           "switches off; unset it, or call the analyses one by one.")
    if corpus.empty:  # nothing to parse; the analyses answer an empty corpus at once
        return pd.DataFrame(columns=["analysis", "rows", "seconds"])
    nlp.load_pipeline()  # loaded before the workers start, which then share it (where processes fork)
    targets = _targets(corpus)
    if all(results_cache.is_stored(f, *args) for f, args in targets):
        return pd.DataFrame({"analysis": [f.__name__ for f, _ in targets], "rows": [len(f(*a)) for f, a in targets],
                             "seconds": 0.0})
    if not corpus.index.is_unique:
        raise ValueError("analyse_ahead needs one row per doc_id; the corpus repeats "
                         f"{sorted(map(str, corpus.index[corpus.index.duplicated()].unique()))[:5]} "
                         "(load_corpus gives every file its own doc_id)")
    n_process = processes or worker_count(corpus)
    rows = []
    if n_process < 2 or len(corpus) < 2:  # too little text for a second process to pay: the analyses in turn
        for analysis, args in targets:
            started = time.perf_counter()
            rows.append((analysis.__name__, len(analysis(*args)), time.perf_counter() - started))
        return pd.DataFrame(rows, columns=["analysis", "rows", "seconds"])
    parts = slices(corpus, n_process)
    with tempfile.TemporaryDirectory(prefix="slices-", dir=_spill_root()) as spill, \
            _worker_pool(n_process, worker_memory_docs(len(corpus), n_process)) as workers, \
            results_cache.unchanged(corpus):  # workers done before the folder goes
        folder = Path(spill)
        started = time.perf_counter()
        _, owner = _gather(workers, _first_pass, [(p, spill, k) for k, p in enumerate(parts)], None,
                           "Parsing and analysing", progress)
        elapsed = time.perf_counter() - started
        # the workers join the per-article tables (largest first, each to the less loaded worker) and write them to
        # the results cache, while this process finds the canonical entity names the quotes pass needs
        joins = {name: workers[w].submit(_join_into, folder, name, len(parts),
                                         results_cache.entry_path(JOINED[name], corpus))
                 for name, w in _join_plan(folder, list(JOINED), len(workers))}
        started = time.perf_counter()
        mentions = canonical_mentions(_joined(_pieces(folder, "article_mentions", range(len(parts)))))
        mentions_row = ("entity_mentions", _store(entity_mentions, mentions, corpus), time.perf_counter() - started)
        started = time.perf_counter()
        of_article = mentions.groupby("doc_id", sort=False).indices if len(mentions) else {}
        tasks = [(p, mentions.take([i for d in p.index for i in of_article.get(d, ())])) for p in parts]
        # each slice goes back to the worker that parsed it, whose memory still holds the parses
        found, _ = _gather(workers, _second_pass, tasks, owner, "Attributing quotes", progress)
        quotes_row = ("quotes", _store(quotes, _joined(found), corpus), time.perf_counter() - started)
        rows = [(name, joins[name].result(), elapsed) for name in JOINED]
        rows += [mentions_row, quotes_row]
    return pd.DataFrame(rows, columns=["analysis", "rows", "seconds"])


def worker_count(corpus: pd.DataFrame) -> int:
    """Worker processes analyse_ahead uses for this corpus: nlp.parse_plan's (two once there is enough text)."""
    words = corpus["n_words"] if "n_words" in corpus else corpus["text"].astype(str).str.split().str.len()
    return nlp.parse_plan(len(corpus), int(words.sum()))[0]


@contextlib.contextmanager
def _worker_pool(n: int, memory_docs: int = nlp.MEMORY_DOCS) -> Iterator[list[ProcessPoolExecutor]]:
    """n single-process pools (so a slice can go back to the worker that parsed it), shut down on the way out after
    their running tasks finish. On Linux workers are forked and share the loaded pipeline, as spaCy's own
    multiprocessing does; elsewhere (macOS, Windows) they are spawned and load it themselves, so a script calling
    analyse_ahead there needs the usual `if __name__ == "__main__":` guard."""
    method = "fork" if sys.platform.startswith("linux") else None
    context = multiprocessing.get_context(method)
    workers = [ProcessPoolExecutor(1, mp_context=context, initializer=_start_worker, initargs=(memory_docs,))
               for _ in range(n)]
    try:
        yield workers
    finally:
        for worker in workers:
            worker.shutdown(wait=True, cancel_futures=True)


def _store(analysis: Callable, table: pd.DataFrame, corpus: pd.DataFrame) -> int:
    results_cache.store(analysis, table, corpus)
    return len(table)


def _gather(workers: list[ProcessPoolExecutor], work: Callable, tasks: list[tuple], owner: list[int] | None,
            label: str, progress: bool | None) -> tuple[list, list[int]]:
    """Results of work(*task) for each task, in task order, and the worker that ran each. Tasks go to whichever
    worker is free (owner None), or each to its owner, the latest first: a worker's memory keeps the parses it made
    last (least recently used dropped first), so going backwards reads the most of them from memory."""
    from collections import deque
    from concurrent.futures import FIRST_COMPLETED, wait

    from tqdm import tqdm

    total = sum(len(task[0]) for task in tasks)
    show = progress if progress is not None else total >= nlp.PROGRESS_MIN_TEXTS
    queues = [deque(range(len(tasks)))] if owner is None else \
        [deque(k for k in reversed(range(len(tasks))) if owner[k] == w) for w in range(len(workers))]
    results: list = [None] * len(tasks)
    ran_on = [0] * len(tasks)
    running: dict = {}
    busy = [0] * len(workers)

    def hand_out() -> None:
        for w, worker in enumerate(workers):
            queue = queues[0] if owner is None else queues[w]
            while busy[w] < 2 and queue:  # one running, one waiting: a worker never idles while this process reads
                k = queue.popleft()
                running[worker.submit(work, *tasks[k])] = (k, w)
                busy[w] += 1

    with tqdm(total=total, desc=label, unit="article", disable=not show) as bar:
        hand_out()
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                k, w = running.pop(future)
                busy[w] -= 1
                results[k], ran_on[k] = future.result(), w
                bar.update(len(tasks[k][0]))
            hand_out()
    return results, ran_on
