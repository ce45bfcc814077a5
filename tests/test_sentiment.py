"""Sentiment: direction on clear cases, the words behind a score, quotes apart, entity sentiment, validation figures."""
from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import sentiment

from .conftest import make_corpus


def test_direction_on_clear_cases() -> None:
    scores = helpers.sentiment_scores([
        "The attack killed dozens of civilians and wounded many more.",
        "The talks were a great success and both sides praised the friendly agreement.",
        "The meeting is scheduled for Tuesday.",
    ])
    assert list(scores["label"]) == ["negative", "positive", "neutral"]
    assert scores["compound"].iloc[0] < -0.5 < 0.5 < scores["compound"].iloc[1]
    assert list(scores.columns) == ["text", "compound", "label", "drivers"]


def test_drivers_show_the_lexicon_words() -> None:
    drivers = sentiment.drivers("The threat was real and two people were killed.")
    assert drivers.startswith("killed -3.5")
    assert "threat -2.4" in drivers
    assert sentiment.drivers("The meeting is on Tuesday.") == ""
    # a word counted twice by VADER says so: the Cold War's "war" and the war in Ukraine
    assert sentiment.drivers("Since the Cold War, the war in Ukraine has killed many.") == "killed -3.5, war -2.9 ×2"


@pytest.mark.parametrize(("text", "expected"), [
    ('"We urge them to stop," he said. The talks ended.', [True, False]),
    ("“We urge them to stop,” he said. The talks ended.", [True, False]),
    # an unclosed quote runs to the end of its paragraph (how multi-sentence quotes are printed)
    ("He said: “We urge them to stop and we will not wait. The talks ended badly.", [True, True]),
    ("He said: “We urge them to stop.\n\nThe talks ended badly.", [True, False]),
    ("The plan was called “reckless” by critics. Nobody commented.", [False, False]),
])
def test_in_quote_marks_quoted_sentences(tmp_path, text: str, expected: list[bool]) -> None:  # noqa: ANN001
    corpus = make_corpus(tmp_path, {"q.txt": text})
    scored = helpers.sentence_sentiment(corpus)
    assert scored["in_quote"].tolist()[: len(expected)] == expected


def test_article_sentiment_keeps_voices_apart(tmp_path) -> None:  # noqa: ANN001
    corpus = make_corpus(tmp_path, {"a.txt": (
        '"This is a terrible, dangerous and hostile provocation," the minister said.\n\n'
        "The talks took place in a calm and friendly atmosphere. Both delegations praised the progress.")})
    table = helpers.article_sentiment(corpus).set_index("voice")
    assert table.loc["quoted", "n_sentences"] == 1
    assert table.loc["authorial", "n_sentences"] == 2
    assert table.loc["quoted", "mean_compound"] < 0 < table.loc["authorial", "mean_compound"]


def test_entity_sentiment_on_a_hand_made_fixture(tmp_path) -> None:  # noqa: ANN001
    corpus = make_corpus(tmp_path, {"e.txt": (
        "Critics condemned Vladimir Putin for the brutal and illegal invasion. "
        "Putin was accused of war crimes and atrocities.\n\n"
        "Angela Merkel was praised for her wise, generous and successful leadership.")})
    table = helpers.entity_sentiment(corpus).set_index("entity")
    assert table.loc["Vladimir Putin", "n_sentences"] == 2
    assert table.loc["Angela Merkel", "n_sentences"] == 1
    assert table.loc["Vladimir Putin", "mean_compound"] < 0 < table.loc["Angela Merkel", "mean_compound"]
    assert table.loc["Vladimir Putin", "mean_vader"] < 0
    assert "Putin" in table.loc["Vladimir Putin", "most_negative"]
    vader = helpers.entity_sentiment(corpus, method="vader").set_index("entity")
    assert vader.loc["Vladimir Putin", "mean_compound"] == vader.loc["Vladimir Putin", "mean_vader"]


def test_seed_sentence_sentiment_shape(corpus: pd.DataFrame) -> None:
    scored = helpers.sentence_sentiment(corpus)
    assert len(scored) == len(helpers.sentences(corpus))
    assert scored["compound"].between(-1, 1).all()
    assert scored["in_quote"].sum() >= 3  # the seeds quote officials in several articles
    table = helpers.entity_sentiment(corpus)
    assert {"Kim Jong Un", "Vladimir Putin"} <= set(table["entity"])
    assert (table["n_sentences"] >= 1).all()


def test_validation_figures_are_measured_on_the_shipped_sample() -> None:
    sample = sentiment.validation_sample()
    assert 100 <= sample["text"].nunique() <= 500  # at most 500 sentences, each with all its labelled targets
    assert len(sample) > sample["text"].nunique()
    assert set(sample["label"]) == {"negative", "neutral", "positive"}
    assert all(t[s:e] == m for t, s, e, m in zip(sample["text"], sample["start"], sample["end"], sample["mention"]))
    table = sentiment.validate_sentiment().set_index("method")
    assert 0.40 < table.loc["vader", "macro_f1"] < 0.56  # the literature's ~0.5 for lexicon methods on NewsMTSC
    assert table.loc["model", "macro_f1"] > table.loc["vader", "macro_f1"] + 0.1
    assert table.loc["model", "accuracy"] > 0.6
    assert (table["n"] == len(sample)).all()
    assert table.loc["baseline", "macro_f1"] < 0.3
    by_label = sentiment.validation_by_label().set_index(["method", "label"])
    assert by_label.xs("model")["n"].sum() == len(sample)
    for method in ("vader", "model"):  # per-label F1s average to the macro-F1 above; positive is the hardest tone
        f1 = by_label.xs(method)["f1"]
        assert f1.mean() == pytest.approx(table.loc[method, "macro_f1"], abs=0.002)
        assert f1.idxmin() == "positive"


def test_target_features_read_the_parse(nlp) -> None:  # noqa: ANN001
    text = "Critics accused Putin of war crimes, while Merkel praised the brave volunteers."
    doc = nlp(text)
    putin = text.index("Putin")
    relations = sentiment.target_dependencies(doc, putin, putin + len("Putin")).split()
    assert "gov_accuse" in relations
    assert sentiment.target_dependencies(doc, 0, 0) == "NOSPAN"
    near_putin = sentiment.lexicon_distance(doc, putin, putin + len("Putin"))
    merkel = text.index("Merkel")
    near_merkel = sentiment.lexicon_distance(doc, merkel, merkel + len("Merkel"))
    assert near_putin[0] < near_merkel[0]  # "accused" sits nearer Putin, "praised"/"brave" nearer Merkel
    assert len(near_putin) == 8


def test_gap_by_chance_tells_a_real_gap_from_noise() -> None:
    import numpy as np

    groups = np.repeat(["a", "b", "c"], 12)
    apart = np.concatenate([np.full(12, -0.6), np.full(12, 0.0), np.full(12, 0.6)]) + np.tile(np.linspace(-.1, .1, 12), 3)
    assert sentiment.gap_by_chance(apart, groups) < 0.01
    mixed = np.tile(np.linspace(-0.6, 0.6, 12), 3)  # every group holds the same values: any reshuffle is as far apart
    assert sentiment.gap_by_chance(mixed, groups) == 1.0
    assert sentiment.gap_by_chance(apart, groups) == sentiment.gap_by_chance(apart, groups)  # fixed seed


def test_tone_finding_does_not_rank_articles_on_noise(corpus: pd.DataFrame) -> None:
    lines = sentiment.sentiment_findings(corpus)
    # seeds: the extremes differ by 0.17, which most reshufflings of the same sentences match, and both extremes are
    # versions of the BBC report
    assert lines[0].startswith("In the outlets' own voice, no article reads measurably more negative than another")
    assert "a gap of 0.17" in lines[0] and lines[0].endswith("of the time, so chance alone could explain it.")
    assert lines[1] == ("BBC paraphrase and BBC SEO rewrite are versions of one report (notebook 05), so their gap is "
                        "between two rewrites of one text, not between two outlets' views.")


def test_tone_finding_names_extremes_when_the_gap_is_real(tmp_path) -> None:  # noqa: ANN001
    grim = "The attack killed dozens and wounded hundreds. Officials condemned the horrific bombing. Grief and anger spread."
    glad = "The festival was a joyful success. Visitors praised the wonderful music. Everyone loved the happy crowd."
    corpus = make_corpus(tmp_path, {"grim.txt": " ".join([grim] * 3), "glad.txt": " ".join([glad] * 3)})
    line = sentiment.sentiment_findings(corpus)[0]
    assert "the most negative article is" in line and "at random gives a gap at least that large 0% of the time" in line


def test_tone_finding_tells_articles_apart_when_their_labels_repeat(tmp_path) -> None:  # noqa: ANN001
    grim = "The attack killed dozens and wounded hundreds. Officials condemned the horrific bombing."
    calm = "The committee met on Tuesday. It will meet again next month to review the plan."
    corpus = make_corpus(tmp_path, {"a.txt": grim, "b.txt": calm, "c.txt": calm + " " + grim},
                         "doc_id,outlet\na,Wire\nb,Wire\n")  # two articles of one outlet: one label, two articles
    line = sentiment.sentiment_findings(corpus)[0]
    assert line.startswith("In the outlets' own voice") and "Wire" in line
