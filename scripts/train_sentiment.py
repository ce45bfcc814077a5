"""Train the target-dependent sentiment model shipped in data/models/, and cut the validation sample in data/validation/.

Usage: python scripts/train_sentiment.py --newsmtsc path/to/newsmtsc   (folder with train.jsonl and devtest_mt.jsonl)

The model is trained on the NewsMTSC train split only. The validation sample (at most 500 sentences, with all their targets) is drawn from the
devtest_mt split, leaving out the few devtest sentences that also occur in train, so the model has never seen them.
The features read spaCy's parse of each sentence (the pipeline helpers.load_pipeline() picks), so train with the same
model the notebooks use. Deterministic: fixed seed, sorted vocabularies.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from helpers import sentiment
from helpers.paths import DATA

SEED = 0
SAMPLE_SIZE = 500
LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def targets(path: Path) -> list[dict]:
    """One record per (sentence, target mention) in a NewsMTSC jsonl file."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        for target in item["targets"]:
            rows.append({"text": item["sentence_normalized"], "start": target["from"], "end": target["to"],
                         "mention": target["mention"], "label": LABELS[target["polarity"]]})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--newsmtsc", type=Path, required=True)
    args = parser.parse_args()
    train = targets(args.newsmtsc / "train.jsonl")
    seen = {r["text"] for r in train}
    # a few devtest sentences also occur in train: the sample keeps only sentences the model has never seen
    dev = [r for r in targets(args.newsmtsc / "devtest_mt.jsonl") if r["text"] not in seen]
    # at most SAMPLE_SIZE sentences, each with all its targets (devtest_mt sentences name two or more people)
    chosen = set(random.Random(SEED).sample(sorted({r["text"] for r in dev}), SAMPLE_SIZE))
    sample = [r for r in dev if r["text"] in chosen]
    out = DATA / "validation"
    out.mkdir(exist_ok=True)
    with (out / "newsmtsc_sample.jsonl").open("w", encoding="utf-8") as handle:
        for row in sample:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    shutil.copyfile(args.newsmtsc / "LICENSE", out / "NEWSMTSC_LICENSE")

    sentence_vec = TfidfVectorizer(**sentiment.SENTENCE_TFIDF)
    window_vec = TfidfVectorizer(**sentiment.WINDOW_TFIDF)
    dependency_vec = TfidfVectorizer(**sentiment.DEPENDENCY_TFIDF)
    docs = sentiment.parse_sentences([r["text"] for r in train])
    sentence_vec.fit([sentiment.marked_sentence(r["text"], r["start"], r["end"]) for r in train])
    window_vec.fit([sentiment.target_window(r["text"], r["start"], r["end"]) for r in train])
    dependency_vec.fit([sentiment.target_dependencies(docs[r["text"]], r["start"], r["end"]) for r in train])
    model = {
        "labels": [], "coef": [], "intercept": [],
        "sentence_vocabulary": sorted(sentence_vec.vocabulary_, key=sentence_vec.vocabulary_.get),
        "sentence_idf": sentence_vec.idf_.round(6).tolist(),
        "window_vocabulary": sorted(window_vec.vocabulary_, key=window_vec.vocabulary_.get),
        "window_idf": window_vec.idf_.round(6).tolist(),
        "dependency_vocabulary": sorted(dependency_vec.vocabulary_, key=dependency_vec.vocabulary_.get),
        "dependency_idf": dependency_vec.idf_.round(6).tolist(),
        "parser": sentiment.parser_id(),
        "trained_on": f"NewsMTSC train split, {len(train)} targets (Hamborg & Donnay 2021, EACL)",
    }
    features = sentiment.TargetModel(model).features([(r["text"], r["start"], r["end"]) for r in train], docs)
    clf = LogisticRegression(C=sentiment.MODEL_C, max_iter=3000, class_weight="balanced", random_state=SEED)
    clf.fit(features, [r["label"] for r in train])
    model.update(labels=clf.classes_.tolist(), coef=np.round(clf.coef_, 6).tolist(),
                 intercept=np.round(clf.intercept_, 6).tolist())
    (DATA / "models").mkdir(exist_ok=True)
    with gzip.open(DATA / "models" / "newsmtsc_target_sentiment.json.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(model, f, separators=(",", ":"))
    # the gzip header carries a timestamp; rewrite it as 0 so the file is byte-for-byte reproducible
    path = DATA / "models" / "newsmtsc_target_sentiment.json.gz"
    data = bytearray(path.read_bytes())
    data[4:8] = b"\0\0\0\0"
    path.write_bytes(bytes(data))
    print(sentiment.validate_sentiment().to_string(index=False))


if __name__ == "__main__":
    main()
