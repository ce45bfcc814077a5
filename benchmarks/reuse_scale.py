"""Benchmark text_reuse at scale on real, mostly unrelated news text: N articles rebuilt from NewsMTSC sentences.

    python -m benchmarks.reuse_scale --newsmtsc path/to/newsmtsc [--articles 1000] [--rewrites 50]

Articles are NewsMTSC's article fragments (sentences grouped by their AllSides article id); `--rewrites` of them get a
light synthetic rewrite added, so the run must find those pairs among all the others. Prints the time of each step,
the number of candidate pairs MinHash LSH proposed (against all pairs), and how many planted rewrites were found.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

SEED = 0


def main(argv: list[str] | None = None) -> int:
    import os

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--newsmtsc", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rewrites", type=int, default=50)
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/reuse_scale.json"))
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    from calibrate_reuse import rewrite  # the same synthetic rewrite the calibration uses

    found: dict[str, dict[int, str]] = defaultdict(dict)
    for name in ("train.jsonl", "devtest_mt.jsonl"):
        for line in (args.newsmtsc / name).read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            parts = item["primary_gid"].split("_")
            found[parts[1]][int(parts[3])] = item["sentence_normalized"]
    rng = random.Random(SEED)
    ids = sorted(found, key=lambda k: (-len(found[k]), k))[: args.articles - args.rewrites]  # the longest fragments
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["NEWSLENS_CACHE_DIR"] = str(Path(tmp) / "cache")
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for k in ids:
            (folder / f"a{k}.txt").write_text("\n\n".join(s for _, s in sorted(found[k].items())), encoding="utf-8")
        planted = set()
        for k in rng.sample(ids, args.rewrites):
            sentences = [s for _, s in sorted(found[k].items())]
            (folder / f"r{k}.txt").write_text("\n\n".join(rewrite(sentences, rng, "")[:]), encoding="utf-8")
            planted.add(frozenset((f"a{k}", f"r{k}")))
        import helpers
        from helpers import reuse

        t = time.perf_counter()
        corpus = helpers.load_corpus(folder, progress=False)
        load_s = time.perf_counter() - t
        t = time.perf_counter()
        sents = reuse.sentence_table(corpus)
        parse_s = time.perf_counter() - t
        t = time.perf_counter()
        candidates = reuse.lsh_candidates(sents, list(corpus.index))
        lsh_s = time.perf_counter() - t
        counts = sents.groupby("doc_id").size().to_dict()
        t = time.perf_counter()
        table = helpers.text_reuse(corpus, progress=False)
        reuse_s = time.perf_counter() - t
    rewrites = {frozenset((a, b)) for a, b, v in zip(table["doc_a"], table["doc_b"], table["verdict"]) if v == "rewrite"}
    n = len(corpus)
    result = {"articles": n, "sentences": len(sents), "parse_s": round(parse_s, 1), "load_s": round(load_s, 1),
              "lsh_candidates_s": round(lsh_s, 1), "text_reuse_s": round(reuse_s, 1),
              "candidate_pairs": len(candidates), "all_pairs": n * (n - 1) // 2,
              "planted_rewrites": len(planted),
              "planted_in_candidates": len(planted & {frozenset(c) for c in candidates}),
              "planted_with_3_aligned_possible": sum(1 for pair in planted
                                                     if min(counts.get(d, 0) for d in pair) >= 3),
              "planted_found": len(planted & rewrites),
              "other_rewrite_verdicts": len(rewrites - planted)}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
