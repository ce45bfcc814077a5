"""The fast text-reuse internals give exactly what the straightforward ones gave: the same TF-IDF floats, the same LSH
candidates and the same text_reuse / alignments tables, value for value (nbval outputs depend on it)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import reuse


def _reference_run(corpus: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """text_reuse and alignments as computed before the vectorised version: a dense block and a sort per pair."""
    limits = reuse.thresholds()
    sents = reuse.sentence_table(corpus)
    vectors = reuse._joint(reuse.sentence_vectors(sents))
    rows_of = {d: np.asarray(v) for d, v in sents.groupby("doc_id", sort=False).indices.items()}
    quoted = sents["quoted"].to_numpy() >= reuse.QUOTE_SHARE
    rows, aligned = [], []
    for a, b in reuse._candidates(sents, list(corpus.index)):
        ra, rb = rows_of[a], rows_of[b]
        block = reuse._similarity(vectors, ra, rb)
        order = sorted(((block[i, j], i, j) for i, j in np.argwhere(block >= limits["sentence_similarity"])),
                       key=lambda t: (-t[0], t[1], t[2]))
        used_a, used_b, pairs = set(), set(), []
        for sim, i, j in order:
            if i not in used_a and j not in used_b:
                used_a.add(i)
                used_b.add(j)
                pairs.append((int(i), int(j), float(sim)))
        pairs.sort()
        qa, qb = quoted[ra], quoted[rb]
        quotes = [p for p in pairs if qa[p[0]] and qb[p[1]]]
        own = [p for p in pairs if not (qa[p[0]] and qb[p[1]])]
        shorter = min(len(ra), len(rb)) - len(quotes)
        coverage = len(own) / shorter if shorter > 0 else 0.0
        order_ = reuse.order_agreement(pairs)
        mean_sim = sum(s for _, _, s in own) / len(own) if own else 0.0
        verbatim = sum(s >= limits["verbatim_similarity"] for _, _, s in own) / len(own) if own else 0.0
        score = coverage * max(0.0 if np.isnan(order_) else order_, verbatim)
        verdict = "rewrite" if score >= limits["score_min"] and len(pairs) >= limits["min_aligned"] else "independent"
        rows.append({"doc_a": a, "doc_b": b, "aligned_sentences": len(own), "shared_quotes": len(quotes),
                     "coverage": round(coverage, 3), "coverage_a": round(len(pairs) / len(ra), 3),
                     "coverage_b": round(len(pairs) / len(rb), 3),
                     "order_agreement": round(order_, 3) if not np.isnan(order_) else np.nan,
                     "mean_similarity": round(mean_sim, 3), "score": round(score, 3), "verdict": verdict})
        for i, j, sim in pairs:
            aligned.append({"doc_a": a, "doc_b": b, "sentence_a": int(sents["sentence"].iloc[ra[i]]),
                            "sentence_b": int(sents["sentence"].iloc[rb[j]]), "similarity": round(sim, 3),
                            "shared_quote": bool(qa[i] and qb[j]), "text_a": sents["text"].iloc[ra[i]],
                            "text_b": sents["text"].iloc[rb[j]]})
    return (pd.DataFrame(rows, columns=reuse.REUSE_COLUMNS),
            pd.DataFrame(aligned, columns=reuse.ALIGNMENT_COLUMNS))


@pytest.mark.parametrize("name", ["fixtures", "seeds"])
def test_text_reuse_and_alignments_match_the_per_pair_computation(name: str, reuse_corpus: pd.DataFrame,
                                                                   corpus: pd.DataFrame) -> None:
    data = reuse_corpus if name == "fixtures" else corpus
    expected_reuse, expected_alignments = _reference_run(data)
    pd.testing.assert_frame_equal(reuse.text_reuse(data), expected_reuse, check_exact=True)
    pd.testing.assert_frame_equal(reuse.alignments(data), expected_alignments, check_exact=True)


@pytest.mark.parametrize(("small", "waste"), [(0, 1.0), (10**12, 10.0**12)])
def test_grouping_of_products_changes_no_value(reuse_corpus: pd.DataFrame, corpus: pd.DataFrame, small: int,
                                               waste: float, monkeypatch: pytest.MonkeyPatch) -> None:
    """One product per article (no pair scored that no candidate needs) or as many articles per product as allowed:
    the same tables as the per-pair computation."""
    monkeypatch.setattr(reuse, "SMALL_PRODUCT", small)
    monkeypatch.setattr(reuse, "CHUNK_WASTE", waste)
    data = pd.concat([reuse_corpus, corpus])
    expected_reuse, expected_alignments = _reference_run(data)
    got_reuse, got_alignments = reuse._run(data, with_alignments=True)
    pd.testing.assert_frame_equal(got_reuse, expected_reuse, check_exact=True)
    pd.testing.assert_frame_equal(got_alignments, expected_alignments, check_exact=True)
    assert (expected_reuse["verdict"] == "rewrite").sum() >= 3


def _job(first_pair: int, rows_a: range, partners: list[range]) -> tuple:
    return first_pair, np.asarray(rows_a), [np.asarray(block) for block in partners]


def test_products_group_articles_only_while_few_unneeded_pairs_are_scored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Articles with the same partners share a product; articles with different partners share one only while it is
    small; every job is in exactly one product, in order."""
    monkeypatch.setattr(reuse, "SMALL_PRODUCT", 500)
    monkeypatch.setattr(reuse, "CHUNK_WASTE", 1.5)
    partner_x, partner_y = range(100, 120), range(120, 140)  # 20 sentences each
    same = [_job(0, range(0, 10), [partner_x, partner_y]), _job(2, range(10, 20), [partner_x, partner_y])]
    assert [len(chunk) for chunk in reuse._chunks(same)] == [2]  # no pair scored that is not needed
    different = [_job(0, range(0, 10), [partner_x]), _job(1, range(10, 20), [partner_y])]
    assert [len(chunk) for chunk in reuse._chunks(different)] == [1, 1]  # 20 × 40 = 800 cells for 400 needed
    tiny = [_job(0, range(40, 42), [range(200, 205)]), _job(1, range(42, 44), [range(205, 210)])]
    assert [len(chunk) for chunk in reuse._chunks(tiny)] == [2]  # 4 × 10 = 40 cells: under SMALL_PRODUCT
    jobs = [*same, _job(4, range(20, 30), [partner_x]), *tiny]
    assert [job[0] for chunk in reuse._chunks(jobs) for job in chunk] == [0, 2, 4, 0, 1]


def test_char_tfidf_is_sklearns_char_wb_to_the_last_bit(reuse_corpus: pd.DataFrame) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = reuse.sentence_table(reuse_corpus)["text"].tolist() + [
        "A  b\tCC\n\nddd", "I", "Ünïcode ÉTÉ straße", "x y z", "word", "  spaced   out  ", "ab-cd ef.gh 12 345",
        "", "emoji x\U0001F600y", "nul ab\x00c ab\x00 abc\x00\x00"]  # NUL sorts below every other character
    expected = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                               lowercase=True).fit_transform(texts)
    _same_csr(reuse._char_tfidf(texts), expected)


def test_char_tfidf_with_more_characters_than_one_integer_packs() -> None:
    """Over 4,095 distinct characters, n-grams are packed into two integers: still sklearn's matrix to the bit."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    rng = np.random.default_rng(1)
    texts = [" ".join("".join(map(chr, rng.integers(0x4E00, 0xA000, size=rng.integers(1, 7)))) for _ in range(8))
             for _ in range(800)]
    assert len(set("".join(texts))) > 4095
    expected = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(texts)
    _same_csr(reuse._char_tfidf(texts), expected)


@pytest.mark.parametrize("chunk", [reuse.CHUNK_SENTENCES, 7])
def test_lsh_candidates_match_datasketch_insert_and_query(reuse_corpus: pd.DataFrame, corpus: pd.DataFrame,
                                                          chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from datasketch import MinHash, MinHashLSH

    monkeypatch.setattr(reuse, "CHUNK_SENTENCES", chunk)

    data = pd.concat([reuse_corpus, corpus])
    sents = reuse.sentence_table(data)
    doc_ids = list(data.index)
    position = {d: k for k, d in enumerate(doc_ids)}
    words = [[w.encode("utf-8") for w in set((lemmas or text.lower()).split())]
             for lemmas, text in zip(sents["lemmas"], sents["text"])]
    hashes = MinHash.bulk(words, num_perm=reuse.MINHASH_PERMUTATIONS, seed=reuse.RANDOM_SEED)
    lsh = MinHashLSH(threshold=reuse.MINHASH_THRESHOLD, num_perm=reuse.MINHASH_PERMUTATIONS)
    for k, m in enumerate(hashes):
        lsh.insert(k, m)
    doc_of = sents["doc_id"].map(position).tolist()
    shared: dict[tuple[int, int], int] = {}
    for k, m in enumerate(hashes):
        for other in lsh.query(m):
            if doc_of[other] > doc_of[k]:
                shared[(doc_of[k], doc_of[other])] = shared.get((doc_of[k], doc_of[other]), 0) + 1
    expected = [(doc_ids[a], doc_ids[b]) for (a, b), n in sorted(shared.items()) if n >= reuse.MINHASH_MIN_SHARED]
    assert reuse.lsh_candidates(sents, doc_ids) == expected


def _same_csr(got, expected) -> None:  # noqa: ANN001
    assert got.shape == expected.shape
    for part in ("data", "indices", "indptr"):
        assert np.array_equal(getattr(got, part), getattr(expected, part)), part


def test_lemma_tfidf_is_sklearns_to_the_last_bit(reuse_corpus: pd.DataFrame, corpus: pd.DataFrame) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    sents = reuse.sentence_table(pd.concat([reuse_corpus, corpus]))
    lemmas = sents["lemmas"].where(sents["lemmas"].str.strip() != "", sents["text"].str.lower()).tolist()
    expected = TfidfVectorizer(sublinear_tf=True, token_pattern=r"(?u)\b\w+\b").fit_transform(lemmas)
    _same_csr(reuse.sentence_vectors(sents)[0], expected)


@pytest.mark.parametrize("chunk", [reuse.CHUNK_SENTENCES, 13])
def test_vectors_of_some_rows_are_those_rows_of_all(reuse_corpus: pd.DataFrame, corpus: pd.DataFrame, chunk: int,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """IDF still counts every sentence (in chunks); the rows left out are empty."""
    sents = reuse.sentence_table(pd.concat([reuse_corpus, corpus]))
    everything = reuse.sentence_vectors(sents)
    monkeypatch.setattr(reuse, "CHUNK_SENTENCES", chunk)
    rows = np.flatnonzero(np.arange(len(sents)) % 3 != 1)
    for full, part in zip(everything, reuse.sentence_vectors(sents, rows)):
        _same_csr(part[rows], full[rows])
        assert part.nnz == full[rows].nnz


def test_text_reuse_with_lsh_candidates_matches_the_per_pair_computation(
        reuse_corpus: pd.DataFrame, corpus: pd.DataFrame, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through LSH, some articles are in no candidate pair: they get no vectors, and nothing else changes."""
    monkeypatch.setenv("NEWSLENS_RESULT_CACHE", "0")
    monkeypatch.setattr(reuse, "ALL_PAIRS_MAX", 2)
    monkeypatch.setattr(reuse, "CHUNK_SENTENCES", 11)
    data = pd.concat([reuse_corpus, corpus])
    in_pairs = {d for pair in reuse._candidates(reuse.sentence_table(data), list(data.index)) for d in pair}
    assert 0 < len(in_pairs) < len(data)
    expected_reuse, expected_alignments = _reference_run(data)
    pd.testing.assert_frame_equal(reuse.text_reuse(data), expected_reuse, check_exact=True)
    pd.testing.assert_frame_equal(reuse.alignments(data), expected_alignments, check_exact=True)


def test_one_word_minhashes_equal_datasketch_and_fall_back_when_they_would_not(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from datasketch import MinHash

    words = ["kim", "putin", "Vladivostok", "ракета", "日本", "x" * 60, "a", "", "naïve"] + \
        [f"word{k}" for k in range(300)]
    made = MinHash.generator(([w.encode("utf-8")] for w in words), num_perm=reuse.MINHASH_PERMUTATIONS,
                             seed=reuse.RANDOM_SEED)
    expected = np.array([m.hashvalues for m in made])
    fast = reuse.one_word_minhashes(words)
    assert fast.dtype == expected.dtype and np.array_equal(fast, expected)
    # another datasketch whose arithmetic differs, or that lacks what the bulk form uses: datasketch's own MinHash
    monkeypatch.setattr(reuse, "_affine_minhashes", lambda some: np.zeros((len(some), 64), dtype=expected.dtype))
    assert np.array_equal(reuse.one_word_minhashes(words), expected)

    def missing(some: list[str]) -> np.ndarray:
        raise ImportError("cannot import name '_fmix'")

    monkeypatch.setattr(reuse, "_affine_minhashes", missing)
    assert np.array_equal(reuse.one_word_minhashes(words), expected)


@pytest.mark.parametrize("direct_max", [reuse.DIRECT_PRODUCT_MAX, 0])
def test_product_is_scipys_entry_for_entry(reuse_corpus: pd.DataFrame, corpus: pd.DataFrame, direct_max: int,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """One walk (room for every cell) or scipy's two (0: every product counted first): scipy's CSR, to the bit."""
    monkeypatch.setattr(reuse, "DIRECT_PRODUCT_MAX", direct_max)
    vectors = reuse._joint(reuse.sentence_vectors(reuse.sentence_table(pd.concat([reuse_corpus, corpus]))))
    later, first = vectors[vectors.shape[0] // 3:], vectors[:40].T.tocsr()
    expected = later @ first
    indptr, indices, data = reuse._product(later, first)
    assert len(data) == expected.nnz > 1000
    for got, want in ((indptr, expected.indptr), (indices, expected.indices), (data, expected.data)):
        assert np.array_equal(got, want)


def test_similar_pairs_read_the_same_floats_as_the_dense_block(reuse_corpus: pd.DataFrame,
                                                               corpus: pd.DataFrame) -> None:
    """b × aᵀ adds each pair's shared features in the order a × bᵀ does: every cosine equals _similarity's bit for
    bit, in place (a contiguous range) or gathered (scattered rows)."""
    vectors = reuse._joint(reuse.sentence_vectors(reuse.sentence_table(pd.concat([reuse_corpus, corpus]))))
    n = vectors.shape[0]
    rows_a = np.arange(0, 25)
    for rows_b in (np.arange(30, n), np.arange(30, n, 7)):
        dense = reuse._similarity(vectors, rows_a, rows_b)
        i, j, sim = reuse._similar_pairs(vectors, rows_a, rows_b, 0.05)
        expected = np.argwhere(dense >= 0.05)
        assert sorted(zip(i.tolist(), j.tolist())) == sorted(map(tuple, expected.tolist())) and len(expected) > 10
        assert np.array_equal(sim, dense[i, j])


def test_product_falls_back_to_scipys_public_product_when_the_kernel_changed(
        reuse_corpus: pd.DataFrame, monkeypatch: pytest.MonkeyPatch) -> None:
    from scipy.sparse import _sparsetools

    vectors = reuse._joint(reuse.sentence_vectors(reuse.sentence_table(reuse_corpus)))
    a, b = vectors[5:], vectors[:5].T.tocsr()
    expected = a @ b
    real, calls = _sparsetools.csr_matmat, []

    def changed(*args):  # noqa: ANN002, ANN202 - the first call (the direct one) fails as a changed signature would
        calls.append(len(args))
        if len(calls) == 1:
            raise TypeError("csr_matmat() takes 12 arguments")
        return real(*args)

    monkeypatch.setattr(_sparsetools, "csr_matmat", changed)
    indptr, indices, data = reuse._product(a, b)
    assert calls[0] == 11  # the direct call was tried and failed: the product came from a @ b
    assert np.array_equal(indptr, expected.indptr) and np.array_equal(indices, expected.indices)
    assert np.array_equal(data, expected.data) and expected.nnz > 0


@pytest.mark.parametrize("chunk", [reuse.CHUNK_WORDS, 1, 3])
def test_numbered_words_number_in_order_of_first_appearance(chunk: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunk by chunk, words get the numbers one dictionary over every word would give them."""
    monkeypatch.setattr(reuse, "CHUNK_WORDS", chunk)
    documents = [["b", "a", "b"], [], ["c", "a"], ["d", "d", "e", "b"], ["a"]]
    words, starts, distinct = reuse.numbered_words(iter(documents))
    assert distinct == ["b", "a", "c", "d", "e"]
    assert words.tolist() == [0, 1, 0, 2, 1, 3, 3, 4, 0, 1]
    assert starts.tolist() == [0, 3, 3, 5, 9, 10]
    assert [w.tolist() for w in reuse.numbered_words(iter([]))[:2]] == [[], [0]]


def test_round3_is_pythons_round_to_the_last_bit() -> None:
    halves = (np.arange(0, 2001) + 0.5) / 1000  # x × 1000 next to a half: where numpy's rounding can go the other way
    values = np.concatenate([np.random.default_rng(0).random(200_000), halves, np.nextafter(halves, 2),
                             np.nextafter(halves, -1), [np.nan, -0.0, 0.0, -0.0004, 1.0, 0.9995, 0.0005, 2.675]])
    got = reuse._round3(values)
    expected = np.array([round(x, 3) for x in values.tolist()])
    assert got.tobytes() == expected.tobytes()  # bit for bit, NaN and the sign of zero included
    naive = np.rint(values * 1000) / 1000
    assert (naive[~np.isnan(values)] != expected[~np.isnan(values)]).sum() > 100  # the cases the fallback is for
    x = float(np.nextafter(0.0705, 1))  # 0.07050000000000001: Python rounds it up, rint(x × 1000) / 1000 down
    assert reuse._round3(np.array([x]))[0] == round(x, 3) == 0.071 != np.rint(x * 1000) / 1000
