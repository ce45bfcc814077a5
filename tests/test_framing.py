"""Framing: log-odds against a hand computation, hedges only outside quotes, frames lexicon, headlines."""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import framing
from helpers.lexicons import read_lexicon

from .conftest import make_corpus


def test_log_odds_matches_a_hand_computed_example() -> None:
    counts = pd.DataFrame({"group": ["A", "A", "B", "B"], "term": ["war", "talks", "war", "talks"],
                           "count": [3, 1, 1, 3]})
    scores = framing.log_odds_dirichlet(counts, prior_scale=1.0).set_index(["group", "term"])
    # prior alpha_w = corpus counts: war 4, talks 4; alpha0 = 8; n_A = n_B = 4
    # delta(A, war) = log((3+4)/(4+8-3-4)) - log((1+4)/(4+8-1-4)) = log(7/5) - log(5/7)
    delta = math.log(7 / 5) - math.log(5 / 7)
    sigma = math.sqrt(1 / 7 + 1 / 5)
    assert scores.loc[("A", "war"), "log_odds"] == pytest.approx(delta)
    assert scores.loc[("A", "war"), "z"] == pytest.approx(delta / sigma)
    assert scores.loc[("B", "war"), "z"] == pytest.approx(-delta / sigma)
    assert scores.loc[("A", "talks"), "z"] == pytest.approx(-delta / sigma)


def test_log_odds_works_for_three_groups() -> None:
    counts = pd.DataFrame({"group": list("AABBCC"), "term": ["x", "y"] * 3, "count": [5, 1, 1, 5, 3, 3]})
    scores = framing.log_odds_dirichlet(counts).set_index(["group", "term"])["z"]
    assert scores[("A", "x")] > 0 > scores[("B", "x")]
    assert abs(scores[("C", "x")]) < 1e-9


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    return make_corpus(tmp_path_factory.mktemp("framing"), {
        "a.txt": ("Officials said the talks may reportedly resume. Missiles and weapons were displayed.\n\n"
                  '"We might strike, and we could certainly win," the general said. Sanctions will clearly follow.'),
        "b.txt": "The summit was a diplomatic meeting. Leaders discussed cooperation and trade in May.",
    })


def test_hedges_count_only_the_outlets_own_voice(pair: pd.DataFrame) -> None:
    matches = framing.hedge_matches(pair)
    a = matches[matches["doc_id"] == "a"]
    assert sorted(a.loc[a["kind"] == "hedge", "term"]) == ["may", "reportedly"]  # not "might"/"could": quoted
    assert sorted(a.loc[a["kind"] == "booster", "term"]) == ["clearly"]  # not "certainly": quoted; "will" is future
    assert "may" not in set(matches.loc[matches["doc_id"] == "b", "term"])  # the month May is not a modal
    table = helpers.hedging(pair).set_index("doc_id")
    assert table.loc["a", "hedges"] == 2 and table.loc["b", "hedges"] == 0
    assert (table.loc["a", "examples"], table.loc["a", "booster_examples"]) == ("may ×1, reportedly ×1",
                                                                              "clearly ×1")
    assert table.loc["a", "per_1k_words"] == pytest.approx(2000 / table.loc["a", "words"], abs=0.1)
    assert table.loc["a", "words"] < len(pair.loc["a", "text"].split())  # quoted words excluded from the base


def test_would_in_a_reported_clause_is_the_speakers_tense_not_the_outlets_hedge(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, {"a.txt": (
        "He warned that the United States would take measures. Mr Putin stated that Mr Kim would require guarantees. "
        "Everard noted the shortage and said that Pyongyang would demand a high price.\n\n"
        "According to the official, the two leaders would discuss weapons. "
        "A deal would give Moscow shells. The summit would probably take place in Vladivostok.")})
    found = framing.hedge_matches(corpus)
    assert found["term"].tolist() == ["would", "would", "probably"]
    assert found["text"].tolist()[:2] == ["A deal would give Moscow shells.",
                                          "The summit would probably take place in Vladivostok."]


def test_frames_lexicon_loads_and_every_row_has_a_source() -> None:
    lexicon = framing.frames_lexicon()
    assert len(lexicon) >= 50
    assert (lexicon["source"].str.strip() != "").all()
    assert lexicon["frame"].nunique() == 7


def test_frames_count_lemmas_and_shares_sum_to_one(pair: pd.DataFrame) -> None:
    table = helpers.frames(pair)
    a = table[table["doc_id"] == "a"].set_index("frame")
    assert a.loc["security and defence", "hits"] == 2  # missiles, weapons (lemmas)
    assert "missile ×1" in a.loc["security and defence", "terms"]
    b = table[table["doc_id"] == "b"].set_index("frame")
    assert b.loc["diplomacy and international relations", "hits"] == 4  # summit, diplomatic, meeting, cooperation
    for _, group in table.groupby("doc_id"):
        assert group["share"].sum() == pytest.approx(1.0, abs=0.01)


def test_frame_words_inside_names_do_not_count(tmp_path) -> None:  # noqa: ANN001
    corpus = make_corpus(tmp_path, {"n.txt": (
        "John Kirby, a spokesman for the National Security Council, spoke on Monday. "
        "The security of the border and the war worried the UN Security Council. "
        "It was the worst crisis since the Cold War, delegates at the annual Eastern Economic Forum said.")})
    hits = framing.frame_matches(corpus)
    assert sorted(hits.loc[hits["frame"] == "security and defence", "term"]) == ["security", "war"]  # not the office
    assert not hits["term"].isin(["economic", "forum"]).any()  # a name, whether or not the recogniser found it
    assert list(hits.loc[hits["frame"] == "legality and norms", "term"]) == ["un security council"]  # a phrase entry
    assert (hits.loc[hits["term"] == "security", "sentence"] == 1).all()


def test_distinctive_terms_on_seeds_have_documented_columns(corpus: pd.DataFrame) -> None:
    terms = helpers.distinctive_terms(corpus, by="label")
    assert list(terms.columns) == framing.TERM_COLUMNS
    assert terms["group"].nunique() == 5
    assert (terms["count"] >= framing.MIN_TERM_COUNT).all()
    assert not {"kim", "putin", "russia"} & set(terms["term"])  # names are left to notebook 02


def test_headlines_sentence_case_and_missing_title(corpus: pd.DataFrame) -> None:
    assert framing.sentence_case("US Reports Planned Visit to Putin", "Putin met US officials.") == \
        "US reports planned visit to Putin"
    assert framing.sentence_case("Kim to meet Putin", "") == "Kim to meet Putin"  # not Title Case: unchanged
    table = helpers.headlines(corpus).set_index("doc_id")
    assert table["headline"].isna().sum() == 1  # the copy without a headline keeps none
    assert set(table["main_verb"].dropna()) >= {"meet", "say", "claim"}
    assert "likely" in " ".join(table["hedges"])


def test_headline_attribution(nlp, corpus: pd.DataFrame) -> None:  # noqa: ANN001
    assert framing.headline_attribution(nlp("Kim plans to visit Putin, US says")) == "US (say)"
    assert framing.headline_attribution(nlp("Kim likely to meet Putin, claims US")) == "US (claim)"
    assert framing.headline_attribution(nlp("Kim ‘to meet Putin for talks’")) == "quotation marks"
    assert framing.headline_attribution(nlp("Kim Jong Un’s train arrives in Russia")) == ""  # apostrophe only
    table = helpers.headlines(corpus).set_index("doc_id")["attribution"]
    assert table["003_ddabe0bb499dbc38"] == "US (claim)"
    assert table["000_fa42c83ed67bb1c0"] == "quotation marks"


def test_hedges_lexicon_has_source_header() -> None:
    read_lexicon("hedges", required=("term", "kind", "pos"))
    from helpers.lexicons import lexicon_source
    assert "Hyland" in lexicon_source("hedges")
    assert "Boydstun" in lexicon_source("frames")


def test_findings_weigh_distinctive_terms_against_chance(corpus: pd.DataFrame) -> None:
    terms = helpers.distinctive_terms(corpus, by="label")
    first = framing.framing_findings(corpus, terms=terms)[0]
    strong = int((terms["z"] >= framing.Z_DISTINCTIVE).sum())
    assert first.startswith(f"{strong} of {len(terms)} word-in-article pairs tested")
    assert f"about {framing.CHANCE_SHARE * len(terms):.0f} would get there by chance" in first
    assert "no more than chance" in first  # the seeds: 1 strong term where about 4 are expected by chance


def test_log_odds_without_zeros_keeps_the_used_terms_with_the_same_values() -> None:
    counts = pd.DataFrame({"group": list("AABBCC"), "term": ["x", "y", "x", "z", "y", "z"], "count": [5, 1, 2, 4, 3, 3]})
    dense = framing.log_odds_dirichlet(counts)
    used = framing.log_odds_dirichlet(counts, zeros=False)
    assert len(dense) == 9 and len(used) == 6  # 3 groups x 3 terms, of which 6 are used
    pd.testing.assert_frame_equal(used, dense[dense["count"] > 0].reset_index(drop=True))


def test_thousands_of_groups_do_not_build_a_group_by_term_grid() -> None:
    n = 5_000  # one article per outlet, each with its own word: a dense grid would hold 25 million cells
    counts = pd.DataFrame({"group": [f"g{k}" for k in range(n)] * 2,
                           "term": [f"t{k}" for k in range(n)] + ["shared"] * n, "count": [2] * (2 * n)})
    used = framing.log_odds_dirichlet(counts, zeros=False)
    assert len(used) == 2 * n
    own = used[used["term"] == "t0"].iloc[0]
    assert own["count"] == 2 and own["rest_count"] == 0 and own["z"] > 0


def test_a_title_with_or_without_its_period_is_one_word(tmp_path) -> None:  # noqa: ANN001
    """British style writes "Mr Kim", American "Mr. Kim": both are the word "mr", or house style looks like framing."""
    corpus = make_corpus(tmp_path, {
        "uk.txt": "Mr Lee met the minister on Monday. Mr Lee said the talks went well.",
        "us.txt": "Mr. Lee met the minister on Monday. Mr. Lee said the talks went well.",
    })
    counts = framing.term_counts(corpus).set_index(["group", "term"])["count"]
    assert counts[("uk", "mr")] == counts[("us", "mr")] == 2
    assert "mr." not in set(counts.index.get_level_values("term"))
    context = framing.term_in_context(corpus, "mr", by="outlet")
    assert sorted(context["doc_id"]) == ["uk", "uk", "us", "us"]
    assert not framing._is_word("U.S.") and not framing._is_word(".") and framing._is_word("Dr.")


def test_findings_name_every_colouring_verb_with_its_count(corpus: pd.DataFrame) -> None:
    from helpers import sourcing

    quoted = helpers.quotes(corpus)
    coloured = quoted.dropna(subset=["stance"])
    coloured = coloured[coloured["stance"] != "neutral"]
    line = [f for f in sourcing.sourcing_findings(corpus, quoted) if "colours the statement" in f][0]
    for verb, n in coloured["cue"].value_counts().items():
        assert f"{verb} {n}" in line


def test_terms_skip_words_used_as_prepositions_and_keep_hyphenated_compounds_whole(nlp) -> None:  # noqa: ANN001
    """ "according to" is how a text attributes, not what it says ("accord" was a top term); "co-operation" is one
    word, not "co" and "operation"."""
    doc = nlp("According to the official, bilateral co-operation will deepen, including long-range missiles.")
    assert list(framing.terms_of(doc)) == ["official", "bilateral", "co-operation", "deepen", "long-range", "missile"]
    doc = nlp("The well-received talks were reported by state-run media.")
    assert "well-received" in list(framing.terms_of(doc)) and "state-run" in list(framing.terms_of(doc))


def test_frame_words_in_a_name_the_recogniser_missed_do_not_count(corpus: pd.DataFrame) -> None:
    # one seed article's "the annual Eastern Economic Forum" is no entity to the recogniser; its words are proper nouns
    hits = framing.frame_matches(corpus)
    assert not hits["term"].isin(["economic", "forum"]).any()
    assert "security" in set(hits["term"])  # the word itself still counts where it is not a name


def test_frame_finding_leaves_out_articles_the_lexicon_barely_touches(tmp_path) -> None:  # noqa: ANN001
    spill = ("A tanker spilled solvent into the river on Tuesday. The council closed the bridge. Residents were told "
             "to boil their water. The company apologised and said the clean-up would take a week.")
    corpus = make_corpus(tmp_path, {"a.txt": spill, "b.txt": spill.replace("Tuesday", "Monday")})
    line = framing.framing_findings(corpus)[-1]
    assert line.startswith("Almost no frame words were found")  # not "the most frequent frame is ..." on 0 hits


def test_frame_terms_has_one_header_row_and_the_charts_article_order() -> None:
    table = pd.DataFrame({"article": ["b copy", "B rewrite", "A", "A"], "frame": ["x", "x", "x", "y"],
                          "hits": [1, 2, 0, 3], "terms": ["t ×1", "u ×2", "", "v ×3"]})
    terms = framing.frame_terms(table)
    assert terms.columns.tolist() == ["frame", "A", "b copy", "B rewrite"]  # case-insensitive, as the charts
    assert terms.to_dict("records") == [{"frame": "x", "A": "", "b copy": "t ×1", "B rewrite": "u ×2"},
                                        {"frame": "y", "A": "v ×3", "b copy": "", "B rewrite": ""}]
