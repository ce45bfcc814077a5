"""Provenance: which articles are rewrites of one another (sentence alignment), rewrite families, and shared claims.

A rewrite keeps most of its source's sentences *and their order*, however reworded; independent reports of one event
share facts, names and sometimes an official's quote, but not the sequence of sentences. text_reuse measures both for
every pair of articles. Thresholds live in data/lexicons/reuse_thresholds.csv with how they were calibrated.
"""
from __future__ import annotations

import bisect
from functools import lru_cache

import numpy as np
import pandas as pd

from .corpus import article_labels, by_article
from .lexicons import read_lexicon

REUSE_COLUMNS = ["doc_a", "doc_b", "aligned_sentences", "shared_quotes", "coverage", "coverage_a", "coverage_b",
                 "order_agreement", "mean_similarity", "score", "verdict"]
#: score = coverage × max(order agreement, share near-verbatim), all over the aligned sentences in the articles' own
#: words: a sentence that is mostly quoted speech on both sides is a shared quote, counted apart (shared_quotes),
#: because independent reports quote the same official statement word for word.
#: A sentence is "mostly quoted speech" when at least this share of its characters lies inside quote marks.
QUOTE_SHARE = 0.5
ALIGNMENT_COLUMNS = ["doc_a", "doc_b", "sentence_a", "sentence_b", "similarity", "shared_quote", "text_a", "text_b"]
#: Up to this many articles every pair is compared; above it MinHash LSH proposes candidate pairs.
ALL_PAIRS_MAX = 60
MINHASH_PERMUTATIONS = 64
#: Jaccard similarity of two sentences' lemma sets at which LSH proposes them (recall first: alignment decides).
MINHASH_THRESHOLD = 0.3
MINHASH_MIN_SHARED = 2
RANDOM_SEED = 0


@lru_cache(maxsize=1)
def thresholds() -> dict[str, float]:
    """Calibrated thresholds (data/lexicons/reuse_thresholds.csv): name -> value."""
    table = read_lexicon("reuse_thresholds", required=("name", "value"))
    return {row.name: float(row.value) for row in table.itertuples()}


def calibration_note() -> list[str]:
    """How the thresholds were set, as plain sentences (the header of data/lexicons/reuse_thresholds.csv) followed
    by the values in use."""
    import re

    from .lexicons import lexicon_source

    text = " ".join(lexicon_source("reuse_thresholds").split())
    lines = [s for s in re.split(r"(?<=[.;])\s+(?=[A-Z])", text) if s]
    limits = thresholds()
    lines.append(f"In use: sentences align at a similarity of {limits['sentence_similarity']:.2f}; a pair is a rewrite "
                 f"at a score of {limits['score_min']:.2f} or more with at least {limits['min_aligned']:.0f} aligned "
                 f"sentences (shared quotes included); a sentence at least {QUOTE_SHARE:.0%} inside quote marks on "
                 "both sides counts as a shared quote, not as reuse.")
    return lines


def sentence_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """The sentences compared: doc_id, sentence, text (helpers.sentences numbering), lemmas (content words), quoted
    (share of the sentence's characters inside quoted speech, helpers.quoting; 1 = all quotation)."""
    from .nlp import docs, sentence_spans
    from .quoting import quote_spans

    from spacy.attrs import IS_ALPHA, IS_STOP, LEMMA

    rows = []
    lowered: dict[int, str] = {}  # lemma hash -> lower-case lemma, looked up once per lemma
    for doc_id, doc in docs(corpus):
        text = doc.text
        spans = quote_spans(text)
        strings = doc.vocab.strings
        attrs = doc.to_array([LEMMA, IS_ALPHA, IS_STOP]).tolist()
        for i, sent in enumerate(sentence_spans(doc)):
            words = []
            for lemma, alpha, stop in attrs[sent.start:sent.end]:
                if alpha and not stop:
                    word = lowered.get(lemma)
                    if word is None:
                        word = lowered[lemma] = strings[lemma].lower()
                    words.append(word)
            start, end = sent.start_char, sent.end_char
            rows.append({"doc_id": doc_id, "sentence": i, "text": text[start:end].strip(), "lemmas": " ".join(words),
                         "quoted": _quoted_share(start, end, spans)})
    return pd.DataFrame(rows, columns=["doc_id", "sentence", "text", "lemmas", "quoted"])


def _quoted_share(start: int, end: int, spans: list[tuple[int, int]]) -> float:
    inside = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
    return round(inside / (end - start), 3) if end > start else 0.0


def sentence_vectors(sents: pd.DataFrame):  # noqa: ANN201 - (lemma matrix, char matrix)
    """L2-normalised TF-IDF of content-word lemmas (survives rewording and inflection) and of character 3-5-grams
    (survives spelling variants); a sentence pair's similarity is the mean of the two cosines."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    lemmas = sents["lemmas"].where(sents["lemmas"].str.strip() != "", sents["text"].str.lower()).tolist()
    word = TfidfVectorizer(sublinear_tf=True, token_pattern=r"(?u)\b\w+\b").fit_transform(lemmas)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True) \
        .fit_transform(sents["text"].tolist())
    return word, char


def _similarity(vectors, rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:  # noqa: ANN001
    """Mean of the lemma and character cosines for every (a, b) sentence pair: one sparse product over both blocks
    side by side, each scaled by sqrt(1/2), equals 0.5 × (word cosine + char cosine)."""
    if isinstance(vectors, tuple):
        vectors = _joint(vectors)
    return (vectors[rows_a] @ vectors[rows_b].T).toarray()


def _joint(vectors):  # noqa: ANN001, ANN202
    """The lemma and character TF-IDF blocks side by side, each scaled by sqrt(1/2) (see _similarity)."""
    from scipy.sparse import hstack

    word, char = vectors
    return (hstack([word, char], format="csr") * np.sqrt(0.5)).tocsr()


def _align(similarity: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """One-to-one sentence pairs above threshold, most similar first (greedy)."""
    pairs = np.argwhere(similarity >= threshold)
    order = sorted(((similarity[i, j], i, j) for i, j in pairs), key=lambda t: (-t[0], t[1], t[2]))
    used_a, used_b, out = set(), set(), []
    for sim, i, j in order:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        out.append((int(i), int(j), float(sim)))
    return sorted(out)


def longest_increasing(values: list[int]) -> int:
    """Length of the longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    for value in values:
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
        else:
            tails[k] = value
    return len(tails)


def order_agreement(pairs: list[tuple[int, int, float]]) -> float:
    """Share of aligned sentences that keep the same relative order in both articles (LIS / aligned); NaN below 3."""
    if len(pairs) < 3:
        return float("nan")
    return longest_increasing([j for _, j, _ in sorted(pairs)]) / len(pairs)


def _candidates(sents: pd.DataFrame, doc_ids: list) -> list[tuple[object, object]]:
    """Pairs of articles worth aligning: all pairs for small corpora, MinHash LSH neighbours for large ones."""
    if len(doc_ids) <= ALL_PAIRS_MAX:
        return [(a, b) for i, a in enumerate(doc_ids) for b in doc_ids[i + 1:]]
    return lsh_candidates(sents, doc_ids)


def lsh_candidates(sents: pd.DataFrame, doc_ids: list) -> list[tuple[object, object]]:
    """Candidate pairs from sentence-level MinHash LSH over content lemmas (datasketch): two articles are aligned only
    when at least MINHASH_MIN_SHARED of their sentences look alike, so the cost grows with the corpus, not its square."""
    from datasketch import MinHash, MinHashLSH

    if sents.empty:
        return []
    position = {d: k for k, d in enumerate(doc_ids)}
    doc_of = sents["doc_id"].map(position).to_numpy()
    words = [[w.encode("utf-8") for w in set((lemmas or text.lower()).split())]
             for lemmas, text in zip(sents["lemmas"], sents["text"])]
    # one permutation table for all sentences (MinHash.bulk), one insertion session: far faster than one at a time
    hashes = MinHash.bulk(words, num_perm=MINHASH_PERMUTATIONS, seed=RANDOM_SEED)
    lsh = MinHashLSH(threshold=MINHASH_THRESHOLD, num_perm=MINHASH_PERMUTATIONS)
    with lsh.insertion_session() as session:
        for k, m in enumerate(hashes):
            session.insert(k, m)
    n = len(doc_ids)
    codes = []
    for k, m in enumerate(hashes):
        others = np.fromiter(lsh.query(m), dtype=np.int64)
        a, b = doc_of[k], doc_of[others]
        codes.append(a * n + b[b > a])  # each article pair once, from its earlier article
    codes = np.concatenate(codes) if codes else np.asarray([], dtype=np.int64)
    pair_codes, counts = np.unique(codes, return_counts=True)  # sorted: earlier article first, then the later one
    return [(doc_ids[c // n], doc_ids[c % n]) for c in pair_codes[counts >= MINHASH_MIN_SHARED]]


def _pair_row(a, b, pairs, quoted_a: np.ndarray, quoted_b: np.ndarray,  # noqa: ANN001
              limits: dict[str, float]) -> dict:
    """One text_reuse row from the aligned (i, j, similarity) pairs and each article's mostly-quoted flags.

    coverage = own-words aligned / (shorter article's sentences − shared quotes); order agreement is read over every
    aligned pair (quotes in the same sequence are evidence of sequence too) but cannot make a score without own-words
    coverage, so a shared statement alone scores 0; min_aligned counts all aligned pairs."""
    n_a, n_b = len(quoted_a), len(quoted_b)
    coverage_a = len(pairs) / n_a if n_a else 0.0
    coverage_b = len(pairs) / n_b if n_b else 0.0
    order = order_agreement(pairs)
    quotes = [p for p in pairs if quoted_a[p[0]] and quoted_b[p[1]]]
    own_pairs = [p for p in pairs if not (quoted_a[p[0]] and quoted_b[p[1]])]  # the articles' own words
    aligned = len(own_pairs)
    own = min(n_a, n_b) - len(quotes)
    coverage = aligned / own if own > 0 else 0.0
    mean_sim = sum(s for _, _, s in own_pairs) / len(own_pairs) if own_pairs else 0.0
    # near-verbatim sentences count as reuse even when reordered (a shuffled copy is still a copy)
    verbatim = sum(s >= limits["verbatim_similarity"] for _, _, s in own_pairs) / len(own_pairs) if own_pairs else 0.0
    score = coverage * max(0.0 if np.isnan(order) else order, verbatim)
    verdict = "rewrite" if (score >= limits["score_min"] and len(pairs) >= limits["min_aligned"]) else "independent"
    return {"doc_a": a, "doc_b": b, "aligned_sentences": aligned, "shared_quotes": len(quotes),
            "coverage": round(coverage, 3),
            "coverage_a": round(coverage_a, 3), "coverage_b": round(coverage_b, 3),
            "order_agreement": round(order, 3) if not np.isnan(order) else np.nan,
            "mean_similarity": round(mean_sim, 3), "score": round(score, 3), "verdict": verdict}


def _run(corpus: pd.DataFrame, with_alignments: bool, progress: bool | None = None,
         candidates: list | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    from tqdm import tqdm

    limits = thresholds()
    sents = sentence_table(corpus)
    doc_ids = list(corpus.index)
    if sents.empty or len(doc_ids) < 2:
        return pd.DataFrame(columns=REUSE_COLUMNS), pd.DataFrame(columns=ALIGNMENT_COLUMNS)
    vectors = _joint(sentence_vectors(sents))
    rows_of = {d: np.asarray(v) for d, v in sents.groupby("doc_id", sort=False).indices.items()}
    quoted = sents["quoted"].to_numpy() >= QUOTE_SHARE
    pairs = _candidates(sents, doc_ids) if candidates is None else candidates
    partners: dict = {}
    for a, b in pairs:
        partners.setdefault(a, []).append(b)
    rows, alignments = [], []
    show = progress if progress is not None else len(pairs) >= 500
    bar = tqdm(total=len(pairs), desc="Aligning sentences", unit="pair", disable=not show)
    empty = np.asarray([], dtype=int)
    for a, others in partners.items():
        ra = rows_of.get(a, empty)
        blocks = [rows_of.get(b, empty) for b in others]
        if len(ra) and sum(len(rb) for rb in blocks):
            # one sparse product per article against all its candidate partners, then sliced per pair
            block = _similarity(vectors, ra, np.concatenate(blocks))
        offset = 0
        for b, rb in zip(others, blocks):
            bar.update(1)
            if len(ra) == 0 or len(rb) == 0:
                offset += len(rb)
                continue
            matched = _align(block[:, offset:offset + len(rb)], limits["sentence_similarity"])
            offset += len(rb)
            rows.append(_pair_row(a, b, matched, quoted[ra], quoted[rb], limits))
            if with_alignments:
                for i, j, sim in matched:
                    alignments.append({"doc_a": a, "doc_b": b, "sentence_a": int(sents.iloc[ra[i]]["sentence"]),
                                       "sentence_b": int(sents.iloc[rb[j]]["sentence"]), "similarity": round(sim, 3),
                                       "shared_quote": bool(quoted[ra[i]] and quoted[rb[j]]),
                                       "text_a": sents.iloc[ra[i]]["text"], "text_b": sents.iloc[rb[j]]["text"]})
    bar.close()
    return pd.DataFrame(rows, columns=REUSE_COLUMNS), pd.DataFrame(alignments, columns=ALIGNMENT_COLUMNS)


def text_reuse(corpus: pd.DataFrame, progress: bool | None = None) -> pd.DataFrame:
    """Per pair of articles: aligned sentences in their own words, shared quotes, coverage, order agreement, score
    (coverage × order, 0-1, higher = more of one article is the other's text in its order) and verdict."""
    return _run(corpus, with_alignments=False, progress=progress)[0]


def alignments(corpus: pd.DataFrame, doc_a: object | None = None, doc_b: object | None = None) -> pd.DataFrame:
    """The aligned sentence pairs behind text_reuse (all pairs, or one pair), with both texts to read side by side."""
    candidates = None if doc_a is None else [(doc_a, doc_b) if list(corpus.index).index(doc_a) <
                                             list(corpus.index).index(doc_b) else (doc_b, doc_a)]
    return _run(corpus, with_alignments=True, candidates=candidates)[1]


def similarity_matrix(reuse: pd.DataFrame, corpus: pd.DataFrame, value: str = "score") -> pd.DataFrame:
    """Square article × article table of a text_reuse column (1 on the diagonal), labelled by article."""
    labels = article_labels(corpus)
    table = pd.DataFrame(np.eye(len(corpus)), index=corpus.index, columns=corpus.index)
    for row in reuse.itertuples():
        table.loc[row.doc_a, row.doc_b] = table.loc[row.doc_b, row.doc_a] = getattr(row, value)
    table.index = [labels[d] for d in table.index]
    table.columns = [labels[d] for d in table.columns]
    return table


def families(corpus: pd.DataFrame, reuse: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every article's family of rewrites (connected by rewrite verdicts) and its role; singletons are their own family.

    The likely original is the member with the strongest rewrite links to the others (sum of pair scores: the text
    they all align to), ties broken by the earliest date, then the most sentences.
    """
    reuse = text_reuse(corpus) if reuse is None else reuse
    parent = {d: d for d in corpus.index}

    def find(x):  # noqa: ANN001, ANN202
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    rewrites = reuse[reuse["verdict"] == "rewrite"]
    for row in rewrites.itertuples():
        parent[find(row.doc_a)] = find(row.doc_b)
    groups: dict = {}
    for d in corpus.index:
        groups.setdefault(find(d), []).append(d)
    in_family = [d for members in groups.values() if len(members) > 1 for d in members]
    # sentence counts only break ties inside families: parse only their members
    n_sentences = sentence_table(corpus.loc[in_family]).groupby("doc_id").size() if in_family else pd.Series(dtype=int)
    position = {d: k for k, d in enumerate(corpus.index)}
    support = {d: 0.0 for d in corpus.index}
    for row in rewrites.itertuples():  # the original is the member the others' rewrites link to most
        support[row.doc_a] += row.score
        support[row.doc_b] += row.score
    labels = article_labels(corpus)
    rows = []
    ordered = sorted(groups.values(), key=lambda members: (-len(members), position[members[0]]))
    for k, members in enumerate(ordered, start=1):
        dates = corpus["date"] if "date" in corpus else pd.Series(index=corpus.index, dtype=object)

        def rank(m):  # noqa: ANN001, ANN202
            date = dates.get(m)
            return (-round(support[m], 6), str(date) if isinstance(date, str) and date else "9999",
                    -int(n_sentences.get(m, 0)), str(m))

        original = min(members, key=rank) if len(members) > 1 else members[0]
        for m in sorted(members, key=position.__getitem__):
            rows.append({"family": k, "doc_id": m, "article": labels[m], "size": len(members),
                         "role": "single report" if len(members) == 1 else
                         ("likely original" if m == original else "rewrite"),
                         "support": round(support[m], 3)})
    return pd.DataFrame(rows, columns=["family", "doc_id", "article", "size", "role", "support"])


def independent_reports(corpus: pd.DataFrame, reuse: pd.DataFrame | None = None) -> int:
    """How many independent reports the corpus holds: rewrite families count once."""
    return int(families(corpus, reuse)["family"].nunique()) if len(corpus) else 0


# --- claims -------------------------------------------------------------------------------------------------------


def claims(corpus: pd.DataFrame, family_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sentences clustered into claims across articles: claim_id, claim (a representative sentence), doc_id,
    sentence, text, n_articles, n_reports (rewrite families counted once)."""
    from sklearn.cluster import AgglomerativeClustering

    columns = ["claim_id", "claim", "doc_id", "sentence", "text", "n_articles", "n_reports"]
    sents = sentence_table(corpus).reset_index(drop=True)
    if len(sents) < 2:
        return pd.DataFrame(columns=columns)
    vectors = _joint(sentence_vectors(sents))
    index = np.arange(len(sents))
    similarity = _similarity(vectors, index, index)
    same_doc = sents["doc_id"].to_numpy()[:, None] == sents["doc_id"].to_numpy()[None, :]
    distance = 1.0 - similarity
    distance[same_doc] = 1.0  # sentences of one article never form a claim together
    np.fill_diagonal(distance, 0.0)
    labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                     distance_threshold=1.0 - thresholds()["claim_similarity"]).fit_predict(distance)
    family_of = ({r.doc_id: r.family for r in family_table.itertuples()} if family_table is not None
                 else {d: d for d in corpus.index})
    sents["cluster"] = labels
    rows = []
    for _, group in sents.groupby("cluster", sort=False):
        members = group.index.to_numpy()
        centrality = np.round(similarity[np.ix_(members, members)].mean(axis=1), 6)  # float noise must not pick
        representative = group.iloc[int(np.argmax(centrality))]["text"]
        for r in group.itertuples():
            rows.append({"cluster": r.cluster, "claim": representative, "doc_id": r.doc_id, "sentence": r.sentence,
                         "text": r.text, "n_articles": group["doc_id"].nunique(),
                         "n_reports": len({family_of.get(d, d) for d in group["doc_id"]}),
                         "first": (list(corpus.index).index(group.iloc[0]["doc_id"]), int(group.iloc[0]["sentence"]))})
    table = pd.DataFrame(rows)
    order = table.drop_duplicates("cluster").sort_values(["n_articles", "first"], ascending=[False, True],
                                                         kind="stable")["cluster"].tolist()
    table["claim_id"] = table["cluster"].map({c: k for k, c in enumerate(order, start=1)})
    return table.sort_values(["claim_id", "doc_id", "sentence"])[columns].reset_index(drop=True)


def claims_matrix(claim_table: pd.DataFrame, corpus: pd.DataFrame, min_articles: int = 2) -> pd.DataFrame:
    """Claim × article table (1 = the article carries the claim) for claims in at least min_articles articles."""
    labels = article_labels(corpus)
    data = claim_table[claim_table["n_articles"] >= min_articles]
    table = pd.crosstab(data["claim_id"], data["doc_id"]).clip(upper=1)
    table = table.reindex(columns=[d for d in corpus.index if d in table.columns], fill_value=0)
    table.columns = [labels[d] for d in table.columns]
    texts = data.drop_duplicates("claim_id").set_index("claim_id")["claim"]
    table.index = [f"{k}. {texts[k][:70]}{'…' if len(texts[k]) > 70 else ''}" for k in table.index]
    return table


def unique_claims(claim_table: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Per article, how many of its sentences carry a claim no other article makes, with an example."""
    labels = article_labels(corpus)
    solo = claim_table[claim_table["n_articles"] == 1]
    solo_of = by_article(solo)
    totals = claim_table["doc_id"].value_counts()
    rows = []
    for doc_id in corpus.index:
        mine = solo_of(doc_id)
        total = int(totals.get(doc_id, 0))
        rows.append({"doc_id": doc_id, "article": labels[doc_id], "sentences": total, "only_here": len(mine),
                     "share": round(len(mine) / total, 2) if total else np.nan,
                     "example": mine.iloc[0]["text"] if len(mine) else ""})
    return pd.DataFrame(rows)


# --- look-alike letters and duplicate detection ---------------------------------------------------------------------


def lookalike_effect(corpus: pd.DataFrame) -> pd.DataFrame:
    """For pairs involving an article with repaired look-alike letters: reuse on the unrepaired text vs the repaired."""
    from .lookalikes import unrepaired_text

    affected = [d for d in corpus.index if corpus.loc[d, "homoglyphs_fixed"] > 0]
    columns = ["doc_a", "doc_b", "text", "aligned_sentences", "coverage", "order_agreement", "score", "verdict"]
    if not affected or len(corpus) < 2:
        return pd.DataFrame(columns=columns)
    raw = corpus.copy()
    raw["text"] = [unrepaired_text(r) if d in affected else t for d, r, t in zip(corpus.index, corpus["raw"],
                                                                                  corpus["text"])]
    rows = []
    for name, frame in (("unrepaired (as scraped)", raw), ("repaired", corpus)):
        reuse = text_reuse(frame)
        reuse = reuse[reuse["doc_a"].isin(affected) | reuse["doc_b"].isin(affected)]
        rows.append(reuse.assign(text=name)[columns])
    return pd.concat(rows, ignore_index=True)


def reuse_findings(corpus: pd.DataFrame, reuse: pd.DataFrame | None = None) -> list[str]:
    """Plain sentences on provenance, built from the numbers (any corpus)."""
    from .notebook import escape

    if len(corpus) < 2:
        return ["Provenance compares articles with each other; with one article there is nothing to compare."]
    reuse = text_reuse(corpus) if reuse is None else reuse
    fam = families(corpus, reuse)
    n_reports = fam["family"].nunique()
    lines = [f"The {len(corpus)} articles hold {n_reports} independent report{'s' if n_reports != 1 else ''}: "
             + "; ".join(
                 (f"{escape(g[g['role'] == 'likely original']['article'].iloc[0])} and its "
                  f"{len(g) - 1} rewrite{'s' if len(g) > 2 else ''} "
                  f"({', '.join(escape(a) for a in g[g['role'] == 'rewrite']['article'])})")
                 if len(g) > 1 else escape(g["article"].iloc[0])
                 for _, g in fam.groupby("family", sort=True)) + "."]
    rewrites = reuse[reuse["verdict"] == "rewrite"]
    independent = reuse[reuse["verdict"] == "independent"]
    if len(rewrites):
        lowest = rewrites["order_agreement"].min()
        kept = "all of them" if lowest == 1 else f"at least {lowest:.0%} of them"
        lines.append(f"Rewrite pairs align {rewrites['coverage'].min():.0%}–{rewrites['coverage'].max():.0%} of the "
                     f"shorter article's sentences, {kept} in the source's order.")
    if len(independent):
        closest = independent.sort_values("score", ascending=False).iloc[0]
        labels = article_labels(corpus)
        lines.append(f"The closest pair judged independent is {escape(labels[closest['doc_a']])} / "
                     f"{escape(labels[closest['doc_b']])} (score {closest['score']:.2f} against a rewrite threshold of "
                     f"{thresholds()['score_min']:.2f}): they share {closest['aligned_sentences']} sentence"
                     f"{'s' if closest['aligned_sentences'] != 1 else ''} in their own words and "
                     f"{closest['shared_quotes']} quote{'s' if closest['shared_quotes'] != 1 else ''}: facts, not a text.")
    return lines


def example_pairs(reuse_table: pd.DataFrame) -> list[tuple[str, object, object]]:
    """Two pairs worth reading side by side: the closest rewrite and the independent pair sharing the most sentences."""
    out = []
    rewrites = reuse_table[reuse_table["verdict"] == "rewrite"].sort_values(["score", "doc_a"], ascending=[False, True])
    if len(rewrites):
        out.append(("rewrite", rewrites.iloc[0]["doc_a"], rewrites.iloc[0]["doc_b"]))
    independent = reuse_table[reuse_table["verdict"] == "independent"].sort_values(
        ["aligned_sentences", "score", "doc_a"], ascending=[False, False, True])
    if len(independent):
        out.append(("independent", independent.iloc[0]["doc_a"], independent.iloc[0]["doc_b"]))
    return out


def alignment_panels(corpus: pd.DataFrame, reuse_table: pd.DataFrame) -> list[tuple[str, pd.DataFrame, int, int, str, str]]:
    """Data for plots.alignment_pair: for each example pair, its aligned sentences and both articles' lengths."""
    labels = article_labels(corpus)
    counts = sentence_table(corpus).groupby("doc_id").size()
    panels = []
    for verdict, a, b in example_pairs(reuse_table):
        data = alignments(corpus, a, b)
        panels.append((f"{verdict}: {labels[a]} / {labels[b]}", data, int(counts.get(a, 0)), int(counts.get(b, 0)),
                       labels[a], labels[b]))
    return panels
