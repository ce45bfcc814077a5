"""Entity mentions and counts: canonical names on hand-made texts, a hand-counted fixture, the seeds, escaping."""
from __future__ import annotations

import re

import pandas as pd
import pytest

import helpers
from helpers import entities
from helpers.entities import name_key, strip_name

from .conftest import make_corpus


@pytest.mark.parametrize(("surface", "label", "expected"), [
    ("Mr Kim", "PERSON", "Kim"),
    ("Mr. Putin's", "PERSON", "Putin"),
    ("President Vladimir Putin", "PERSON", "Vladimir Putin"),
    ("the White House’s", "ORG", "White House"),
    ("The Kremlin", "ORG", "Kremlin"),
    ("North Korea’s", "GPE", "North Korea"),
    ("Kim Jong Un’s", "PERSON", "Kim Jong Un"),
    ("President", "PERSON", "President"),  # a bare title is kept rather than emptied
])
def test_strip_name_removes_articles_possessives_and_titles(surface: str, label: str, expected: str) -> None:
    assert strip_name(surface, label) == expected


def test_name_key_joins_hyphen_and_space_variants() -> None:
    assert name_key("Kim Jong-un") == name_key("Kim Jong Un") == "kimjongun"
    assert name_key("U.S.") == name_key("US")
    assert name_key("Moon Jae-in") != name_key("Moon")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    folder = tmp_path_factory.mktemp("entities")
    return make_corpus(folder, {
        "a.txt": ("North Korean leader Kim Jong-un will meet President Vladimir Putin in Vladivostok, officials said.\n\n"
                  "Mr Kim will travel by train. Putin's aides declined to comment. Kim has not left the country since 2019.\n\n"
                  "The DPRK denied the report, and Pyongyang said the talks were routine."),
        "b.txt": ("Kim Jong Un is expected to meet Vladimir Putin in Russia next week, according to the New York Times.\n\n"
                  "Mr. Putin has hosted Mr. Kim before. The NYT said the Kremlin would not confirm the visit. "
                  "Washington warned North Korea against arms sales."),
    })


def test_short_forms_resolve_within_article_and_variants_meet_across(small: pd.DataFrame) -> None:
    mentions = helpers.entity_mentions(small)
    people = mentions[mentions["label"] == "PERSON"]
    assert set(people["entity"]) == {"Kim Jong Un", "Vladimir Putin"}
    # every surface form of Kim in both articles became one entity
    kim = people[people["entity"] == "Kim Jong Un"]
    assert set(kim["surface"]) == {"Kim Jong-un", "Kim", "Kim Jong Un"}  # the model leaves "Mr" outside the span
    assert kim.groupby("doc_id").size().to_dict() == {"a": 3, "b": 2}


def test_aliases_apply_and_metonyms_stay_themselves(small: pd.DataFrame) -> None:
    mentions = helpers.entity_mentions(small)
    by_surface = dict(zip(mentions["surface"], mentions["entity"]))
    assert by_surface["DPRK"] == "North Korea"
    assert by_surface["NYT"] == "The New York Times"
    assert by_surface["the New York Times"] == "The New York Times"
    for metonym in ("Pyongyang", "Washington", "Kremlin"):
        assert metonym in set(mentions["entity"]), metonym
    assert "North Korea" in set(mentions["entity"])
    assert mentions.loc[mentions["surface"] == "Pyongyang", "entity"].item() == "Pyongyang"


def test_counts_match_a_hand_count(small: pd.DataFrame) -> None:
    counts = helpers.entity_counts(small).set_index(["doc_id", "entity"])
    # hand-counted in the fixture text above
    assert counts.loc[("a", "Kim Jong Un"), "count"] == 3
    assert counts.loc[("a", "Vladimir Putin"), "count"] == 2
    assert counts.loc[("a", "North Korea"), "count"] == 1  # "DPRK"; "North Korean" is a NORP adjective
    assert counts.loc[("b", "The New York Times"), "count"] == 2
    assert counts.loc[("b", "Vladimir Putin"), "count"] == 2
    n_words = small.loc["a", "n_words"]
    assert counts.loc[("a", "Kim Jong Un"), "per_1k_words"] == pytest.approx(3000 / n_words, abs=0.01)
    # Kim is the 4th word of article a; Vladivostok comes later; positions lie in [0, 1]
    assert counts.loc[("a", "Kim Jong Un"), "first_position"] < counts.loc[("a", "Vladivostok"), "first_position"]
    assert counts["first_position"].between(0, 1).all()
    assert list(helpers.entity_counts(small).columns[:8]) == entities.COUNT_COLUMNS


def test_entity_patterns_fix_known_model_slips(tmp_path) -> None:  # noqa: ANN001
    corpus = make_corpus(tmp_path, {"c.txt": (
        "It was the first time Mr Kim had welcomed foreign visitors since the Covid pandemic. "
        "Russian Defense Minister Sergei Shoigu visited in July. Shoigu saw the Hwasong missile.")})
    mentions = helpers.entity_mentions(corpus)
    assert "Covid" not in set(mentions["surface"])
    assert "Defense" not in set(mentions["surface"])
    assert set(mentions.loc[mentions["surface"] == "Shoigu", "label"]) == {"PERSON"}
    assert set(mentions.loc[mentions["surface"] == "Shoigu", "entity"]) == {"Sergei Shoigu"}


def test_a_person_whose_name_ends_in_a_newspaper_or_street_word_is_relabelled(nlp) -> None:  # noqa: ANN001
    """person_name_endings.csv, model-independent: spans set by hand as the model would tag them."""
    from spacy.tokens import Doc, Span

    from helpers import entities

    doc = Doc(nlp.vocab, words=["Records", "seen", "by", "the", "Ashford", "Gazette", "and", "Ann", "Post", "on",
                                "Willow", "Lane", "and", "Wall", "Street"])
    doc.ents = [Span(doc, 4, 6, "PERSON"), Span(doc, 7, 9, "PERSON"), Span(doc, 10, 12, "PERSON"),
                Span(doc, 13, 15, "ORG")]
    labels = {doc[s.start:s.end].text: (s.label, s.model_label) for s in entities._pattern_fixes(doc, nlp)}
    assert labels == {"Ashford Gazette": ("ORG", "PERSON"), "Ann Post": ("PERSON", "PERSON"),  # a surname: not listed
                      "Willow Lane": ("FAC", "PERSON"), "Wall Street": ("ORG", "ORG")}  # only PERSON tags change


def test_local_paper_and_street_are_not_counted_as_people(tmp_path) -> None:  # noqa: ANN001
    corpus = make_corpus(tmp_path, {"local.txt": (
        "“I’ve lived here 52 years and I have never seen anything like this,” said Margaret Ellis, 71, who had walked "
        "from her home on Willow Lane.\n\nRecords seen by the Gazette show that Kessler Freight Lines was cited twice "
        "in 2023 for brake defects on its tankers.")})
    mentions = helpers.entity_mentions(corpus)
    people = set(mentions.loc[mentions["label"] == "PERSON", "entity"])
    assert "Margaret Ellis" in people and not {"Gazette", "Willow Lane"} & people


def test_mentions_sentence_numbers_match_sentences(corpus: pd.DataFrame) -> None:
    mentions = helpers.entity_mentions(corpus)
    sents = helpers.sentences(corpus).set_index(["doc_id", "sentence"])
    for row in mentions.sample(40, random_state=0).itertuples():
        sent = sents.loc[(row.doc_id, row.sentence)]
        assert sent["start"] <= row.start < sent["end"]
        assert corpus.loc[row.doc_id, "text"][row.start:row.end] == row.surface


def test_seeds_key_actors_are_one_entity_in_all_five(corpus: pd.DataFrame) -> None:
    counts = helpers.entity_counts(corpus)
    for name in ("Kim Jong Un", "Vladimir Putin", "North Korea"):
        assert counts.loc[counts["entity"] == name, "doc_id"].nunique() == 5, name
    names = set(counts["entity"])
    assert not {"Kim Jong-un", "Kim", "Putin", "DPRK", "Mr Kim"} & names
    assert not any(re.search("[\u0400-\u04ff\u0370-\u03ff]", n) for n in names)
    assert counts.loc[counts["entity"] == "Kim Jong Un", "count"].sum() >= 35


def test_cooccurrence_counts_sentences_once_per_pair(small: pd.DataFrame) -> None:
    pairs = entities.cooccurrence(small)
    row = pairs[(pairs["entity_a"] == "Kim Jong Un") & (pairs["entity_b"] == "Vladimir Putin")]
    # a: sentence 1 (Kim, Putin, Vladivostok); b: sentence 1 and "Mr. Putin has hosted Mr. Kim before."
    assert row["sentences"].item() == 3
    assert row["articles"].item() == 2
    assert (pairs["entity_a"] < pairs["entity_b"]).all()


def test_unique_entities_and_first_named(small: pd.DataFrame) -> None:
    counts = helpers.entity_counts(small)
    unique = entities.unique_entities(counts)
    assert "Vladivostok" in set(unique.loc[unique["doc_id"] == "a", "entity"])
    assert "Kim Jong Un" not in set(unique["entity"])
    first = entities.first_named(counts, n=1, labels=("PERSON",))
    assert first.set_index("doc_id")["entity"].to_dict() == {"a": "Kim Jong Un", "b": "Kim Jong Un"}


def test_highlighted_html_escapes_article_text(tmp_path) -> None:  # noqa: ANN001
    corpus = make_corpus(tmp_path, {"x.txt": "Vladimir Putin met <script>alert(1)</script> officials in Moscow."})
    page = entities.highlighted_html(corpus, "x")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "<mark" in page and "Vladimir Putin" in page


def test_empty_and_one_article_corpora(tmp_path) -> None:  # noqa: ANN001
    corpus = make_corpus(tmp_path, {"one.txt": "The weather was fine and nobody was named in this short text."})
    assert list(helpers.entity_counts(corpus).columns) == entities.COUNT_COLUMNS
    assert helpers.entity_counts(corpus).empty
    lines = entities.entity_findings(corpus)
    assert lines and "nothing to compare" in lines[0]


def test_unique_entities_say_where_the_words_appear_uncounted(tmp_path) -> None:  # noqa: ANN001
    corpus = make_corpus(tmp_path, {
        "a.txt": "Kim Jong Un crossed the Korean Peninsula by train to meet Vladimir Putin in Vladivostok.",
        "b.txt": "Kim Jong Un left the korean peninsula. He will meet Vladimir Putin in the Russian Far East.",
    })
    counts = helpers.entity_counts(corpus)
    unique = entities.unique_entities(counts, corpus).set_index("entity")
    assert "Korean Peninsula" not in set(counts.loc[counts["doc_id"] == "b", "entity"])  # lower case: not a name in b
    assert unique.loc["Korean Peninsula", "words_also_in"] == "b"  # ... but the words are there
    assert unique.loc["Vladivostok", "words_also_in"] == ""  # a's alone
    assert "words_also_in" not in entities.unique_entities(counts).columns  # counts alone cannot tell


@pytest.mark.parametrize(("surface", "label", "name"), [
    ("The state Department of Environmental Quality", "ORG", "Department of Environmental Quality"),
    ("a Supreme Court", "ORG", "Supreme Court"),
    ("the future Democratic Party's", "ORG", "Democratic Party"),
    ("al Qaeda", "ORG", "al Qaeda"),  # a lower-case particle before one name word is part of the name
    ("9th Circuit", "ORG", "9th Circuit"),
    ("Charles de Gaulle", "PERSON", "Charles de Gaulle"),
    ("de Gaulle", "PERSON", "de Gaulle"),
])
def test_lower_case_words_the_model_took_in_front_of_a_name_are_dropped(surface: str, label: str, name: str) -> None:
    assert strip_name(surface, label) == name


def test_a_capital_written_as_a_place_is_not_a_metonym(tmp_path) -> None:  # noqa: ANN001
    corpus = make_corpus(tmp_path, {"m.txt": (
        "Moscow denied the report on Monday. North Korea sells weapons to Moscow, officials said.\n\n"
        "An advance team of officials visited Vladivostok and Moscow last month. Kim was in Pyongyang when the letter "
        "came. He is planning a trip to Moscow in the autumn.\n\n"
        "Pyongyang's commitments were public. North Korea made no response. North Korea has not replied.")})
    roles = entities.metonym_roles(corpus)
    assert list(zip(roles["entity"], roles["role"])) == [
        ("Moscow", "government"), ("Moscow", "government"), ("Moscow", "place"), ("Pyongyang", "place"),
        ("Moscow", "place"), ("Pyongyang", "government")]
    assert roles["text"].iloc[3] == "Kim was in Pyongyang when the letter came."
    table = entities.metonym_use(corpus).set_index("state")
    assert table.loc["Russia", ["by_name", "by_metonym", "as_place"]].tolist() == [0, 2, 2]
    north = table.loc["North Korea"]
    assert (north["by_name"], north["by_metonym"], north["as_place"], north["metonym_share"]) == (3, 1, 1, 0.25)
