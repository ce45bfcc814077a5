"""Provenance: which articles are rewrites of one another (sentence alignment), rewrite families, and shared claims.

A rewrite keeps most of its source's sentences *and their order*, however reworded; independent reports of one event
share facts, names and sometimes an official's quote, but not the sequence of sentences. text_reuse measures both for
every pair of articles. Thresholds live in data/lexicons/reuse_thresholds.csv with how they were calibrated.
"""
from __future__ import annotations

import bisect
import os
import re
from array import array
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import numpy as np
import pandas as pd

from .corpus import article_labels, by_article
from .lexicons import read_lexicon
from .results_cache import cached

REUSE_COLUMNS = ["doc_a", "doc_b", "aligned_sentences", "shared_quotes", "coverage", "coverage_a", "coverage_b",
                 "order_agreement", "mean_similarity", "score", "verdict"]
#: score = coverage × max(order agreement, share near-verbatim), all over the aligned sentences in the articles' own
#: words: a sentence that is mostly quoted speech on both sides is a shared quote, counted apart (shared_quotes),
#: because independent reports quote the same official statement word for word.
#: A sentence is "mostly quoted speech" when at least this share of its characters lies inside quote marks.
QUOTE_SHARE = 0.5
#: families() role of the member the others' rewrites align to most: the likely original if the original is among
#: them, but a family of copies has no original in the corpus, so the role says only what was measured.
CLOSEST = "closest to the others"
ALIGNMENT_COLUMNS = ["doc_a", "doc_b", "sentence_a", "sentence_b", "similarity", "shared_quote", "text_a", "text_b"]
#: Up to this many articles every pair is compared; above it MinHash LSH proposes candidate pairs.
ALL_PAIRS_MAX = 60
MINHASH_PERMUTATIONS = 64
#: Jaccard similarity of two sentences' lemma sets at which LSH proposes them (recall first: alignment decides).
MINHASH_THRESHOLD = 0.3
MINHASH_MIN_SHARED = 2
RANDOM_SEED = 0
#: Sentence pairs per sparse product (a few articles against their partners): bounds its memory (~12 bytes each).
CHUNK_ENTRIES = 4_000_000


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


@cached
def sentence_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """The sentences compared: doc_id, sentence, text (helpers.sentences numbering), lemmas (content words), quoted
    (share of the sentence's characters inside quoted speech, helpers.quoting; 1 = all quotation)."""
    from .nlp import doc_text, docs, sentence_spans
    from .quoting import quote_spans

    from spacy.attrs import IS_ALPHA, IS_STOP, LEMMA

    rows = []
    lowered: dict[int, str] = {}  # lemma hash -> lower-case lemma, looked up once per lemma
    for doc_id, doc in docs(corpus):
        text = doc_text(doc)
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


def sentence_vectors(sents: pd.DataFrame, rows: np.ndarray | None = None):  # noqa: ANN201 - (lemma, char)
    """L2-normalised TF-IDF of content-word lemmas (survives rewording and inflection) and of character 3-5-grams
    (survives spelling variants); a sentence pair's similarity is the mean of the two cosines. IDF comes from every
    sentence; only `rows` (sentence positions; default all) get vectors, the other rows are left empty."""
    lemmas = sents["lemmas"].where(sents["lemmas"].str.strip() != "", sents["text"].str.lower())
    word = _tfidf((_TOKEN.findall(text.lower()) for text in lemmas), _own_features, rows)
    return word, _char_tfidf(sents["text"].tolist(), rows)


_TOKEN = re.compile(r"(?u)\b\w+\b")  # TfidfVectorizer(token_pattern=r"(?u)\b\w+\b")
_WHITESPACE = re.compile(r"\s\s+")  # as sklearn's char_wb analyzer normalises it
#: Sentences per step of the corpus-wide passes (n-gram document frequencies, MinHash signatures, LSH neighbours):
#: bounds what each holds at once (at 200,000 sentences one pass over all would need about a gigabyte).
CHUNK_SENTENCES = 2_000


def _char_tfidf(texts: list[str], rows: np.ndarray | None = None, min_n: int = 3, max_n: int = 5):  # noqa: ANN202
    """Exactly TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(texts), same
    floats in the same within-row order (rows outside `rows` left empty), but n-grams are cut once per distinct word,
    not once per occurrence (see _tfidf), and numbered with array operations (_char_grams)."""
    return _tfidf((_WHITESPACE.sub(" ", text.lower()).split() for text in texts),
                  lambda words: _char_grams(words, min_n, max_n), rows)


def _own_features(words: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each word its own feature, for _tfidf: (feature's word, feature number, alphabetical rank of each number)."""
    numbers = np.arange(len(words), dtype=np.int32)
    alphabetical = np.empty(len(words), dtype=np.int32)
    alphabetical[sorted(range(len(words)), key=words.__getitem__)] = numbers
    return numbers, numbers, alphabetical


def _char_grams(words: list[str], min_n: int = 3, max_n: int = 5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """sklearn's char_wb n-grams of each word (padded with a space each side; min_n to max_n characters, or the whole
    padded word when shorter than min_n), for _tfidf: (n-gram's word, n-gram's feature number in order of first
    appearance, alphabetical rank of each feature number). Each n-gram is packed into integers that sort as the
    strings do (its characters' ranks in code-point order, then its length), so numbering is a sort, not a dictionary
    lookup per n-gram (tests compare with sklearn bit for bit)."""
    if max_n > 5 or min_n < 1:
        raise ValueError("_char_grams packs n-grams of 1 to 5 characters")
    padded = [f" {w} " for w in words]
    length = np.fromiter(map(len, padded), dtype=np.int64, count=len(padded))
    codes = np.frombuffer("".join(padded).encode("utf-32-le", "surrogatepass"), dtype="<u4")
    offset = np.concatenate([[0], np.cumsum(length)[:-1]]).astype(np.int64)
    # per word, in sklearn's order: each size n (min_n..max_n, up to the padded length) and every start; a padded
    # word shorter than min_n is one n-gram, whole
    sizes = np.arange(min_n, max_n + 1, dtype=np.int8)
    counts = np.stack([np.where(length >= n, length - n + 1, 0) for n in sizes.tolist()], axis=1)
    counts[:, 0] = np.where(length < min_n, 1, counts[:, 0])
    per_word = counts.sum(axis=1)
    total = int(per_word.sum())
    word = np.repeat(np.arange(len(words), dtype=np.int32), per_word)
    flat = counts.ravel()  # (word, size) blocks, in emission order
    block_start = np.cumsum(flat) - flat
    first = np.arange(total, dtype=np.int64) - np.repeat(block_start, flat)  # position inside its (word, size) block
    first += offset[word]  # now the position of its first character in `codes`
    size = np.repeat(np.tile(sizes, len(words)), flat)
    np.minimum(size, length[word], out=size, casting="unsafe")  # the whole-word n-gram of a short word (size ≤ 5)
    # characters renumbered densely in code-point order (0 pads an n-gram shorter than max_n), so that an n-gram's
    # characters and length pack into one integer whenever the corpus has fewer than 4,096 distinct characters
    present = np.zeros(0x110000, dtype=bool)
    present[codes] = True
    codes = np.cumsum(present, dtype=np.uint32)[codes]  # 1 for the lowest code point in use, 2 for the next, ...
    bits = max(1, int(present.sum()).bit_length())
    last = len(codes) - 1

    def char(j: int, shift: int) -> np.ndarray:  # each n-gram's character j (0 past its end), shifted, as uint64
        if j >= max_n:
            return np.zeros(total, dtype=np.uint64)
        at = first + j
        np.minimum(at, last, out=at)
        found = codes[at]
        del at
        found[size <= j] = 0
        found = found.astype(np.uint64)
        return np.left_shift(found, np.uint64(shift), out=found)

    if 5 * bits + 3 <= 64:
        key = size.astype(np.uint64)
        for j in range(5):
            key |= char(j, bits * (4 - j) + 3)
        order = np.argsort(key)  # alphabetical: Python compares strings by code point, shorter prefix first
        key = key[order]
        new = np.ones(total, dtype=bool)
        new[1:] = key[1:] != key[:-1]
        del key
    else:  # two integers: three characters of 21 bits, then two and the length
        high = char(0, 42) | char(1, 21) | char(2, 0)
        low = char(3, 24) | char(4, 3) | size.astype(np.uint64)
        order = np.lexsort((low, high))
        high, low = high[order], low[order]
        new = np.ones(total, dtype=bool)
        new[1:] = (high[1:] != high[:-1]) | (low[1:] != low[:-1])
        del high, low
    del first, size, codes
    rank = np.cumsum(new, dtype=np.int32) - 1  # alphabetical rank of each n-gram in sorted order
    n_features = int(rank[-1]) + 1 if total else 0
    first_seen = np.minimum.reduceat(order, np.flatnonzero(new)) if total else np.zeros(0, dtype=np.int64)
    number = np.empty(n_features, dtype=np.int32)  # feature number (order of first appearance) of each rank
    number[np.argsort(first_seen, kind="stable")] = np.arange(n_features, dtype=np.int32)
    feature = np.empty(total, dtype=np.int32)
    feature[order] = number[rank]
    alphabetical = np.empty(n_features, dtype=np.int32)
    alphabetical[number] = np.arange(n_features, dtype=np.int32)
    return word, feature, alphabetical


#: Words numbered at a time by numbered_words (bounds the word strings held at once).
CHUNK_WORDS = 200_000


def numbered_words(documents: Iterable[list[str]]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Each document's words as numbers, in order of first appearance: (numbers of all words, where each document's
    start, the distinct words). pandas numbers a chunk of words at a time against the words already known, so only
    one chunk's strings are held besides the distinct words."""
    known = pd.Index([], dtype=object)
    parts, word_ptr, chunk = [], array("q", [0]), []

    def number_chunk() -> None:
        nonlocal known
        codes, uniques = pd.factorize(np.array(chunk, dtype=object))  # in order of first appearance in the chunk
        ids = known.get_indexer(uniques)
        new = ids < 0
        ids[new] = np.arange(len(known), len(known) + int(new.sum()))
        if new.any():
            known = known.append(pd.Index(uniques[new], dtype=object))
        parts.append(ids[codes].astype(np.int32))
        chunk.clear()

    for document in documents:
        chunk.extend(document)
        word_ptr.append(word_ptr[-1] + len(document))
        if len(chunk) >= CHUNK_WORDS:
            number_chunk()
    number_chunk()
    return np.concatenate(parts), np.asarray(word_ptr), known.tolist()


def _tfidf(documents: Iterable[list[str]], features: Callable[[list[str]], tuple[np.ndarray, np.ndarray, np.ndarray]],  # noqa: ANN202
           rows: np.ndarray | None = None):
    """sklearn's TfidfTransformer(sublinear_tf=True).fit_transform of the documents' feature counts, to the last bit,
    for the documents given as word lists, each word standing for its features (`features` numbers them for the
    distinct words: _own_features or _char_grams). IDF counts every document; only `rows` (positions; default all)
    get vectors, the others are left empty, so memory follows them.

    Counts are document × word counts times word × feature counts (exact integers). Features are numbered in order of
    first appearance, as sklearn numbers them before sorting its vocabulary: each row is sorted by that number, then
    columns are renamed alphabetically without re-sorting the rows, as sklearn does (the dot products of
    _similarity add the same floats in the same order)."""
    from scipy import sparse
    from sklearn.preprocessing import normalize

    words, word_ptr, distinct = numbered_words(documents)
    feature_word, feature, alphabetical = features(distinct)
    n_docs, n_features = len(word_ptr) - 1, len(alphabetical)
    doc_words = sparse.csr_matrix((np.ones(len(words), dtype=np.int32), words, word_ptr),
                                  shape=(n_docs, len(distinct)))
    word_features = sparse.csr_matrix((np.ones(len(feature), dtype=np.int32), (feature_word, feature)),
                                      shape=(len(distinct), n_features))
    wanted = np.zeros(n_docs, dtype=bool)
    wanted[slice(None) if rows is None else rows] = True
    df, parts = np.zeros(n_features, dtype=np.int64), []
    for start in range(0, n_docs, CHUNK_SENTENCES):
        counts = (doc_words[start:start + CHUNK_SENTENCES] @ word_features).tocsr()
        df += np.bincount(counts.indices, minlength=n_features)
        kept = counts[np.flatnonzero(wanted[start:start + CHUNK_SENTENCES])]
        kept.sort_indices()  # only the rows kept: sorting a row does not depend on the others
        parts.append(kept)
    counts = sparse.vstack(parts, format="csr") if parts else sparse.csr_matrix((0, n_features), dtype=np.int32)
    idf = np.full(n_features, n_docs + 1, dtype=np.float64)  # sklearn's smooth idf: ln((1 + n) / (1 + df)) + 1
    idf /= df + 1.0
    np.log(idf, out=idf)
    idf += 1.0
    data = counts.data.astype(np.float64)
    np.log(data, out=data)  # sublinear tf: 1 + ln(tf)
    data += 1.0
    data *= idf[counts.indices]
    indptr = np.zeros(n_docs + 1, dtype=np.int64)
    indptr[1:][wanted] = np.diff(counts.indptr)
    np.cumsum(indptr, out=indptr)
    index_type = np.int32 if len(data) < 2**31 else np.int64
    matrix = sparse.csr_matrix((data, alphabetical[counts.indices], indptr.astype(index_type)),
                               shape=(n_docs, n_features))
    return normalize(matrix, norm="l2", copy=False)


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


def _similar_pairs(vectors, rows_a: np.ndarray, rows_b: np.ndarray,  # noqa: ANN001
                   threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, similarity) of the entries of _similarity(vectors, rows_a, rows_b) at or above threshold, read from the
    sparse product (the same floats) without building the dense block. When rows_b fill most of the range they span,
    the product reads that range of the CSR matrix in place instead of copying the rows out.

    The product is computed as b × aᵀ, so only the few rows of a are transposed, not the many of b (at 1,000
    one-story articles that transposition was a sixth of the products' time). The floats are the same: every row
    lists its features in one global order, so both ways add a pair's shared features in the same sequence."""
    from scipy import sparse

    low, high = int(rows_b.min()), int(rows_b.max()) + 1
    if high - low <= 2 * len(rows_b):
        start, end = vectors.indptr[low], vectors.indptr[high]
        block = sparse.csr_matrix((vectors.data[start:end], vectors.indices[start:end],
                                   vectors.indptr[low:high + 1] - start), shape=(high - low, vectors.shape[1]))
        position = np.full(high - low, -1)
        position[rows_b - low] = np.arange(len(rows_b))
    else:
        block, position = vectors[rows_b], None
    indptr, indices, data = _product(block, vectors[rows_a].T.tocsr())
    keep = np.flatnonzero(data >= threshold)
    j = np.searchsorted(indptr, keep, side="right") - 1  # the row of each kept entry
    i, sim = indices[keep], data[keep]
    if position is None:
        return i, j, sim
    j = position[j]
    return i[j >= 0], j[j >= 0], sim[j >= 0]


#: Largest product (rows × columns) given room for every entry up front; a larger one is counted first (see _product).
DIRECT_PRODUCT_MAX = 2 * CHUNK_ENTRIES


def _product(a, b) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # noqa: ANN001 - csr matrices
    """(indptr, indices, data) of the CSR product a @ b, the same floats in the same order as scipy's.

    scipy first walks the whole product once only to count its entries, then again to compute them: 40% of the time
    when nearly every entry is non-zero, as sentence products are. A product of at most DIRECT_PRODUCT_MAX cells is
    given room for all of them and computed in one walk by scipy's own (private) kernel; any other product, or a scipy
    whose kernel is not there as expected, goes through the public `a @ b`."""
    rows, columns = a.shape[0], b.shape[1]
    index = a.indices.dtype
    if rows * columns <= DIRECT_PRODUCT_MAX and index == a.indptr.dtype == b.indptr.dtype == b.indices.dtype \
            and a.dtype == b.dtype == np.float64:
        indptr = np.empty(rows + 1, dtype=index)
        indices = np.empty(rows * columns, dtype=index)  # pages the kernel never writes are never touched
        data = np.empty(rows * columns, dtype=np.float64)
        try:
            from scipy.sparse._sparsetools import csr_matmat

            csr_matmat(rows, columns, a.indptr, a.indices, a.data, b.indptr, b.indices, b.data, indptr, indices, data)
        except (ImportError, TypeError, ValueError):  # a scipy whose private kernel moved or changed: the public way
            pass
        else:
            n = int(indptr[-1])
            return indptr, indices[:n], data[:n]
    product = (a @ b).tocsr()
    return product.indptr, product.indices, product.data


#: A product of a few articles against the union of their partners' sentences also scores the pairs no candidate
#: asked for; articles share one product only while it costs at most this many times the pairs they need, or is
#: small (SMALL_PRODUCT cells). In a one-story corpus each article's partners are a random quarter of the others, so
#: a union of 64 articles' partners was nearly every article: 2.7 times the pairs needed at 1,000 articles.
CHUNK_WASTE = 1.5
SMALL_PRODUCT = 50_000


def _chunks(jobs: list[tuple]) -> list[list[tuple]]:
    """Jobs (first pair, article's sentence rows, its partners' sentence rows) grouped into products: consecutive
    articles share one while it stays within CHUNK_ENTRIES needed pairs and 64 articles, and scores few pairs that
    no candidate needs (CHUNK_WASTE, SMALL_PRODUCT)."""
    chunks: list[list[tuple]] = []
    needed = rows_a = union = 0
    seen: set[int] = set()
    for job in jobs:
        cost = len(job[1]) * sum(len(block) for block in job[2])
        new = [block for block in job[2] if int(block[0]) not in seen]
        grown_union = union + sum(len(block) for block in new)
        product = (rows_a + len(job[1])) * grown_union
        if not chunks or needed + cost > CHUNK_ENTRIES or len(chunks[-1]) == 64 \
                or product > max(SMALL_PRODUCT, CHUNK_WASTE * (needed + cost)):  # 64: keeps `table` small
            chunks.append([])
            needed = rows_a = union = 0
            seen = set()
            new = job[2]
            grown_union = sum(len(block) for block in new)
        chunks[-1].append(job)
        needed += cost
        rows_a += len(job[1])
        union = grown_union
        seen.update(int(block[0]) for block in new)
    return chunks


def _greedy(pair: np.ndarray, i: np.ndarray, j: np.ndarray, sim: np.ndarray) -> np.ndarray:
    """Positions of the (pair, i, j, similarity) entries kept by a one-to-one greedy alignment within each pair: most
    similar first, ties to the lower i, then the lower j. An entry alone on its row and column in its pair is kept
    without looking; only pairs with a contested row or column go through the loop."""
    order = np.lexsort((j, i, -sim, pair))
    pair, i, j = pair[order], i[order], j[order]
    contested = np.isin(pair, pair[_repeated(pair, i) | _repeated(pair, j)])
    keep = ~contested
    used_i, used_j = set(), set()
    for k, p, a, b in zip(np.flatnonzero(contested).tolist(), pair[contested].tolist(), i[contested].tolist(),
                          j[contested].tolist()):
        if (p, a) not in used_i and (p, b) not in used_j:
            used_i.add((p, a))
            used_j.add((p, b))
            keep[k] = True
    return order[keep]


def _repeated(group: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Per entry: whether another entry has the same (group, value)."""
    _, inverse, counts = np.unique(group * (int(value.max(initial=0)) + 1) + value, return_inverse=True,
                                   return_counts=True)
    return counts[inverse.ravel()] > 1


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
    return _order_of([j for _, j, _ in sorted(pairs)])


def _order_of(later: list[int]) -> float:
    """order_agreement from the b-side sentences of the aligned pairs, in a-side order."""
    return longest_increasing(later) / len(later) if len(later) >= 3 else float("nan")


def _candidates(sents: pd.DataFrame, doc_ids: list) -> list[tuple[object, object]]:
    """Pairs of articles worth aligning: all pairs for small corpora, MinHash LSH neighbours for large ones."""
    if len(doc_ids) <= ALL_PAIRS_MAX:
        return [(a, b) for i, a in enumerate(doc_ids) for b in doc_ids[i + 1:]]
    return lsh_candidates(sents, doc_ids)


def one_word_minhashes(words: list[str]) -> np.ndarray:
    """Each word's one-word MinHash (datasketch, MINHASH_PERMUTATIONS values, seed RANDOM_SEED), one row per word.

    datasketch makes one MinHash object per word (about 50 µs each; a large vocabulary takes seconds); this applies
    its hash and permutations to all words in one array operation, and checks the first words against datasketch's
    own MinHash, falling back to it whole if any value differs (another datasketch version)."""
    from datasketch import MinHash

    def reference(some: list[str]) -> np.ndarray:
        made = MinHash.generator(([w.encode("utf-8")] for w in some), num_perm=MINHASH_PERMUTATIONS, seed=RANDOM_SEED)
        return np.array([m.hashvalues for m in made]).reshape(len(some), MINHASH_PERMUTATIONS)

    if not words:
        return np.empty((0, MINHASH_PERMUTATIONS), dtype=MinHash(num_perm=MINHASH_PERMUTATIONS).hashvalues.dtype)
    try:
        values = _affine_minhashes(words)
    except (ImportError, AttributeError, KeyError, TypeError, ValueError):
        return reference(words)
    sample = reference(words[:64])
    if values.dtype != sample.dtype or not np.array_equal(values[:len(sample)], sample):
        return reference(words)
    return values


def _affine_minhashes(words: list[str]) -> np.ndarray:
    """What datasketch 2's MinHash.update computes for one word (affine32 scheme), for all words at once."""
    from datasketch import MinHash
    from datasketch.minhash import _SCHEME_WIDTHS, _fmix

    empty = MinHash(num_perm=MINHASH_PERMUTATIONS, seed=RANDOM_SEED)
    a, b = empty.permutations
    hashed = empty._hash_input_array([empty.hashfunc(w.encode("utf-8")) for w in words]).reshape(-1, 1)
    return np.minimum(_fmix(hashed, _SCHEME_WIDTHS[empty.scheme]) * a + b, empty.hashvalues)


def lsh_candidates(sents: pd.DataFrame, doc_ids: list) -> list[tuple[object, object]]:
    """Candidate pairs from sentence-level MinHash LSH over content lemmas (datasketch): two articles are aligned only
    when at least MINHASH_MIN_SHARED of their sentences look alike, so the cost grows with the corpus, not its square.

    Same pairs as inserting every sentence's MinHash in a datasketch MinHashLSH and querying each, computed in bulk:
    a set's MinHash is the element-wise minimum of its words' one-word MinHashes, and two sentences are neighbours
    when all the values of one of the LSH bands are equal."""
    from datasketch import MinHash, MinHashLSH
    from scipy import sparse

    if sents.empty:
        return []
    # a repeated word changes no minimum: no need to drop it
    words, word_ptr, distinct = numbered_words((lemmas or text.lower()).split()
                                               for lemmas, text in zip(sents["lemmas"], sents["text"]))
    empty = MinHash(num_perm=MINHASH_PERMUTATIONS, seed=RANDOM_SEED).hashvalues
    signatures = np.tile(empty, (len(sents), 1))
    word_values = one_word_minhashes(distinct)
    n_sents, n_docs = len(sents), len(doc_ids)
    for start in range(0, n_sents, CHUNK_SENTENCES):  # a row of hash values per word occurrence, a chunk at a time
        rows = start + np.flatnonzero(np.diff(word_ptr[start:start + CHUNK_SENTENCES + 1]))
        if len(rows):
            values = word_values[words[word_ptr[rows[0]]:word_ptr[rows[-1] + 1]]]
            signatures[rows] = np.minimum.reduceat(values, word_ptr[rows] - word_ptr[rows[0]], axis=0)
    buckets, n_buckets = [], 0  # per LSH band, each sentence's bucket (its band's values), numbered across bands
    for start, end in MinHashLSH(threshold=MINHASH_THRESHOLD, num_perm=MINHASH_PERMUTATIONS).hashranges:
        bucket = np.unique(signatures[:, start:end], axis=0, return_inverse=True)[1].ravel()
        buckets.append(bucket + n_buckets)
        n_buckets += int(bucket.max()) + 1
    member = sparse.csr_matrix((np.ones(n_sents * len(buckets), dtype=np.int64), np.column_stack(buckets).ravel(),
                                np.arange(0, n_sents * len(buckets) + 1, len(buckets))), shape=(n_sents, n_buckets))
    position = {d: k for k, d in enumerate(doc_ids)}
    in_doc = sparse.csr_matrix((np.ones(n_sents, dtype=np.int64), sents["doc_id"].map(position).to_numpy(),
                                np.arange(n_sents + 1)), shape=(n_sents, n_docs))
    shared = sparse.csr_matrix((n_docs, n_docs), dtype=np.int64)  # look-alike sentence pairs per article pair
    bucket_members = member.T.tocsr()
    for start in range(0, n_sents, CHUNK_SENTENCES):  # a chunk of sentences against all: bounds the `near` matrix
        near = member[start:start + CHUNK_SENTENCES] @ bucket_members  # sentences sharing a bucket in some band
        near.data[:] = 1
        shared += in_doc[start:start + CHUNK_SENTENCES].T @ near @ in_doc
    shared = sparse.triu(shared, k=1).tocsr()
    shared.data[shared.data < MINHASH_MIN_SHARED] = 0
    shared.eliminate_zeros()
    shared.sort_indices()  # earlier article first, then the later one
    first = np.repeat(np.arange(n_docs), np.diff(shared.indptr))
    return [(doc_ids[a], doc_ids[b]) for a, b in zip(first.tolist(), shared.indices.tolist())]


def _reuse_rows(pair: np.ndarray, j: np.ndarray, sim: np.ndarray, shared_quote: np.ndarray, n_a: np.ndarray,
                n_b: np.ndarray, limits: dict[str, float]) -> dict[str, list]:
    """The text_reuse columns (but doc_a, doc_b) of every pair from its aligned sentences, given as entries sorted by
    pair and sentence (pair index, j = sentence of b, similarity, both mostly quoted) and each pair's sentence counts.

    coverage = own-words aligned / (shorter article's sentences − shared quotes); order agreement is read over every
    aligned pair (quotes in the same sequence are evidence of sequence too) but cannot make a score without own-words
    coverage, so a shared statement alone scores 0; min_aligned counts all aligned pairs. Floats are summed in the
    order a per-pair Python loop would add them, so every value is the same to the last bit."""
    n_pairs = len(n_a)
    count = np.bincount(pair, minlength=n_pairs)
    quotes = np.bincount(pair[shared_quote], minlength=n_pairs)
    own_pair, own_sim = pair[~shared_quote], sim[~shared_quote]
    aligned = count - quotes
    own = np.minimum(n_a, n_b) - quotes
    coverage = np.divide(aligned, own, out=np.zeros(n_pairs), where=own > 0)
    # mean similarity: add each pair's k-th own-words similarity in turn, as sum() over its sorted list does
    rank = np.arange(len(own_pair)) - np.searchsorted(own_pair, own_pair)
    total = np.zeros(n_pairs)
    for k in range(int(rank.max(initial=-1)) + 1):
        total[own_pair[rank == k]] += own_sim[rank == k]
    mean_sim = np.divide(total, aligned, out=np.zeros(n_pairs), where=aligned > 0)
    # near-verbatim sentences count as reuse even when reordered (a shuffled copy is still a copy)
    verbatim = np.divide(np.bincount(own_pair[own_sim >= limits["verbatim_similarity"]], minlength=n_pairs), aligned,
                         out=np.zeros(n_pairs), where=aligned > 0)
    ends, later = np.cumsum(count).tolist(), j.tolist()
    order = np.asarray([_order_of(later[end - n:end]) for end, n in zip(ends, count.tolist())], dtype=float)
    score = coverage * np.maximum(np.nan_to_num(order, nan=0.0), verbatim)
    rewrite = (score >= limits["score_min"]) & (count >= limits["min_aligned"])
    return {"aligned_sentences": aligned, "shared_quotes": quotes, "coverage": _round3(coverage),
            "coverage_a": _round3(count / n_a), "coverage_b": _round3(count / n_b),
            "order_agreement": _round3(order),
            "mean_similarity": _round3(mean_sim), "score": _round3(score),
            "verdict": np.where(rewrite, "rewrite", "independent").tolist()}


def _round3(values: np.ndarray) -> np.ndarray:
    """Python's round(x, 3) of each value, to the last bit.

    numpy's rounding can differ from Python's where x × 1000 lands next to a half: those few values go through
    round(); for the rest rint(x × 1000) is the right integer k and k / 1000 (one correctly rounded division) is the
    double nearest to k/1000, which is what round() returns. At 1,000 one-story articles this took 0.6 s per call
    as a list comprehension."""
    values = np.asarray(values, dtype=float)
    scaled = values * 1000.0
    rounded = np.rint(scaled) / 1000.0
    near_half = np.flatnonzero(~(np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) > 1e-6))  # NaN included
    rounded[near_half] = [round(x, 3) for x in values[near_half].tolist()]
    return rounded


def _run(corpus: pd.DataFrame, with_alignments: bool, progress: bool | None = None,
         candidates: list | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """text_reuse and, if asked, its aligned sentences for the candidate pairs (all pairs or LSH neighbours)."""
    from tqdm import tqdm

    limits = thresholds()
    sents = sentence_table(corpus)
    doc_ids = list(corpus.index)
    if sents.empty or len(doc_ids) < 2:
        return pd.DataFrame(columns=REUSE_COLUMNS), pd.DataFrame(columns=ALIGNMENT_COLUMNS)
    rows_of = {d: np.asarray(v) for d, v in sents.groupby("doc_id", sort=False).indices.items()}
    pairs = _candidates(sents, doc_ids) if candidates is None else candidates  # lemma sets only: no vectors yet
    partners: dict = {}
    for a, b in pairs:
        partners.setdefault(a, []).append(b)
    show = progress if progress is not None else len(pairs) >= 500
    bar = tqdm(total=len(pairs), desc="Aligning sentences", unit="pair", disable=not show)
    # one row per pair whose articles both have sentences; one entry per sentence pair at or above the threshold
    docs_a, docs_b, n_a, n_b, jobs = [], [], [], [], []
    for a, others in partners.items():
        others = [b for b in others if b in rows_of] if a in rows_of else []
        if others:
            jobs.append((len(docs_a), rows_of[a], [rows_of[b] for b in others]))
            docs_a += [a] * len(others)
            docs_b += others
            n_a += [len(rows_of[a])] * len(others)
            n_b += [len(rows_of[b]) for b in others]
    doc_of = np.empty(len(sents), dtype=np.int64)  # sentence row -> position of its article in docs order
    for k, d in enumerate(rows_of):
        doc_of[rows_of[d]] = k
    position = {d: k for k, d in enumerate(rows_of)}
    # vectors only for the sentences of articles in a candidate pair (IDF still counts every sentence)
    needed = [rows_of[d] for d in {*docs_a, *docs_b}]
    vectors = _joint(sentence_vectors(sents, np.concatenate(needed))) if needed else None

    def matches(chunk: list[tuple]) -> tuple[np.ndarray, ...]:
        """One sparse product for a few consecutive articles against all their candidate partners' sentences, then
        the entries at or above the threshold that belong to a candidate pair: (pair, row a, row b, similarity)."""
        rows_a = np.concatenate([ra for _, ra, _ in chunk])
        rows_b = np.unique(np.concatenate([block for _, _, blocks in chunk for block in blocks]))
        owner = np.repeat(np.arange(len(chunk)), [len(ra) for _, ra, _ in chunk])
        table = np.full((len(chunk), len(rows_of)), -1)  # (article of the chunk, partner article) -> pair
        for k, (first_pair, _, blocks) in enumerate(chunk):
            pairs_k = range(first_pair, first_pair + len(blocks))
            table[k, [position[docs_b[p]] for p in pairs_k]] = list(pairs_k)
        i, j, sim = _similar_pairs(vectors, rows_a, rows_b, limits["sentence_similarity"])
        pair = table[owner[i], doc_of[rows_b[j]]]
        keep = pair >= 0
        return pair[keep], rows_a[i[keep]], rows_b[j[keep]], sim[keep]

    chunks = _chunks(jobs)
    entries = []
    with ThreadPoolExecutor(min(os.cpu_count() or 1, 4)) as pool:  # scipy's sparse product releases the GIL
        for chunk, found in zip(chunks, pool.map(matches, chunks)):
            entries.append(found)
            bar.update(sum(len(blocks) for _, _, blocks in chunk))
    bar.update(len(pairs) - bar.n)  # pairs skipped for an article without sentences
    bar.close()
    if not docs_a:
        return pd.DataFrame(columns=REUSE_COLUMNS), pd.DataFrame(columns=ALIGNMENT_COLUMNS)
    pair, sent_a, sent_b, sim = (np.concatenate(column) for column in zip(*entries))
    kept = _greedy(pair, sent_a, sent_b, sim)
    kept = kept[np.lexsort((sent_a[kept], pair[kept]))]  # by pair, then sentence of a (each used once per pair)
    pair, sent_a, sent_b, sim = pair[kept], sent_a[kept], sent_b[kept], sim[kept]
    quoted = sents["quoted"].to_numpy() >= QUOTE_SHARE
    shared_quote = quoted[sent_a] & quoted[sent_b]
    rows = {"doc_a": docs_a, "doc_b": docs_b,
            **_reuse_rows(pair, sent_b, sim, shared_quote, np.asarray(n_a), np.asarray(n_b), limits)}
    reuse = pd.DataFrame(rows, columns=REUSE_COLUMNS)
    if not with_alignments or not len(pair):
        return reuse, pd.DataFrame(columns=ALIGNMENT_COLUMNS)
    number, text = sents["sentence"].to_numpy(), sents["text"].to_numpy()
    alignment = pd.DataFrame({"doc_a": [docs_a[p] for p in pair.tolist()], "doc_b": [docs_b[p] for p in pair.tolist()],
                              "sentence_a": number[sent_a], "sentence_b": number[sent_b], "similarity": _round3(sim),
                              "shared_quote": shared_quote, "text_a": text[sent_a], "text_b": text[sent_b]},
                             columns=ALIGNMENT_COLUMNS)
    return reuse, alignment


@cached
def text_reuse(corpus: pd.DataFrame, progress: bool | None = None) -> pd.DataFrame:
    """Per pair of articles: aligned sentences in their own words, shared quotes, coverage, order agreement, score
    (coverage × order, 0-1, higher = more of one article is the other's text in its order) and verdict."""
    return _run(corpus, with_alignments=False, progress=progress)[0]


@cached
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

    The member "closest to the others" has the strongest rewrite links to them (sum of pair scores: the text they all
    align to, the likely original when one of them is), ties broken by the earliest date, then the most sentences.
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
                         (CLOSEST if m == original else "rewrite"),
                         "support": round(support[m], 3)})
    return pd.DataFrame(rows, columns=["family", "doc_id", "article", "size", "role", "support"])


def copies_note(corpus: pd.DataFrame, reuse: pd.DataFrame | None = None) -> list[str]:
    """A findings line for notebooks that count articles: which articles are versions of one text, so that a count
    of articles counts that report once per version; no line when no article rewrites another."""
    from .notebook import escape

    if len(corpus) < 2:
        return []
    fam = families(corpus, reuse)
    groups = [g["article"].tolist() for _, g in fam.groupby("family", sort=True) if len(g) > 1]
    if not groups:
        return []
    n_reports = fam["family"].nunique()
    versions = "; ".join(", ".join(escape(a) for a in g) + f" are {len(g)} versions of one text" for g in groups)
    return [f"The {len(corpus)} articles hold {n_reports} independent report{'s' if n_reports != 1 else ''} "
            f"(notebook 05: {versions}), so a count of articles below counts such a report once per version."]


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
                 (f"one text in {len(g)} versions ({', '.join(escape(a) for a in g['article'])}; the one closest to "
                  f"the others is {escape(g[g['role'] == CLOSEST]['article'].iloc[0])}, which may itself "
                  "be a copy)")
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
        n, quotes = int(closest["aligned_sentences"]), int(closest["shared_quotes"])
        one_sided = _quoted_on_one_side(corpus, closest["doc_a"], closest["doc_b"])
        lines.append(f"The closest pair judged independent is {escape(labels[closest['doc_a']])} / "
                     f"{escape(labels[closest['doc_b']])} (score {closest['score']:.2f} against a rewrite threshold of "
                     f"{thresholds()['score_min']:.2f}): they share {n} sentence{'s' if n != 1 else ''} that "
                     f"{'is' if n == 1 else 'are'} not quotation in both"
                     + (f" ({one_sided} of them quotation in one and the outlet's own words in the other: the same "
                        "statement, quoted by one and paraphrased by the other)" if one_sided else "")
                     + f" and {quotes} quote{'s' if quotes != 1 else ''} in both: by this measure shared facts rather "
                     "than a shared text (read its aligned sentences to check)."
                     + (f" Its score is above that of 99% of the independent reports the threshold was set on "
                        f"({thresholds()['independent_p99']:.2f}): a close call." if closest["score"]
                        > thresholds().get("independent_p99", 1.0) else ""))
    return lines


def _mostly_quoted(corpus: pd.DataFrame) -> pd.Series:
    """Per (doc_id, sentence) of sentence_table: whether it is mostly quotation (QUOTE_SHARE)."""
    return sentence_table(corpus).set_index(["doc_id", "sentence"])["quoted"] >= QUOTE_SHARE


def _quoted_on_one_side(corpus: pd.DataFrame, doc_a: object, doc_b: object) -> int:
    """Aligned sentence pairs of two articles that are mostly quotation (QUOTE_SHARE) in one article only."""
    pairs = alignments(corpus, doc_a, doc_b)
    quoted = _mostly_quoted(corpus)
    return sum(quoted[(doc_a, a)] != quoted[(doc_b, b)] for a, b in zip(pairs["sentence_a"], pairs["sentence_b"]))


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
    quoted = _mostly_quoted(corpus)
    panels = []
    for verdict, a, b in example_pairs(reuse_table):
        data = alignments(corpus, a, b)
        data = data.assign(quoted_a=[bool(quoted[(a, s)]) for s in data["sentence_a"]],
                           quoted_b=[bool(quoted[(b, s)]) for s in data["sentence_b"]])
        panels.append((f"{verdict}: {labels[a]} / {labels[b]}", data, int(counts.get(a, 0)), int(counts.get(b, 0)),
                       labels[a], labels[b]))
    return panels


def side_by_side(panel: tuple[str, pd.DataFrame, int, int, str, str]) -> pd.DataFrame:
    """One alignment_panels entry's aligned sentences, each side's columns named after its article ("text: FT copy")
    rather than a and b; `quotation` says which side has the sentence mostly in quote marks ("both" is a shared
    quote)."""
    _, data, _, _, label_a, label_b = panel
    columns = {"sentence_a": f"sentence: {label_a}", "sentence_b": f"sentence: {label_b}",
               "text_a": f"text: {label_a}", "text_b": f"text: {label_b}"}
    if label_a == label_b:  # two articles with one label: keep them apart
        columns = {k: f"{v} ({k[-1]})" for k, v in columns.items()}
    shown = data[[c for c in ALIGNMENT_COLUMNS if c not in ("doc_a", "doc_b")]]  # the pair is named by the columns
    if {"quoted_a", "quoted_b"} <= set(data.columns):  # which side quotes it: a statement one quotes, one paraphrases
        a, b = data["quoted_a"].to_numpy(bool), data["quoted_b"].to_numpy(bool)
        where = np.where(a & b, "both", np.where(a, f"{label_a} only", np.where(b, f"{label_b} only", "")))
        shown = shown.drop(columns="shared_quote").assign(quotation=where)
        shown = shown[[c for c in shown.columns if not c.startswith("text")] + ["text_a", "text_b"]]
    return shown.rename(columns=columns).reset_index(drop=True)
