"""Every public analysis on an empty and on a one-article corpus: its documented columns, or a clear message."""
from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import entities, framing, reuse, sentiment, sourcing
from helpers.readability import readability_findings

from .conftest import make_corpus

#: call -> the columns DESIGN.md documents for it
DOCUMENTED = {
    "audit": ["doc_id", "line_no", "line", "action", "reason"],
    "entity_mentions": ["doc_id", "sentence", "start", "end", "surface", "label", "entity"],
    "entity_counts": ["doc_id", "outlet", "entity", "label", "count", "per_1k_words", "first_position"],
    "readability": ["doc_id", "outlet", "flesch_reading_ease", "flesch_kincaid_grade"],
    "sentence_sentiment": ["doc_id", "sentence", "text", "compound", "in_quote"],
    "article_sentiment": ["doc_id", "outlet", "voice", "n_sentences", "mean_compound"],
    "entity_sentiment": ["doc_id", "outlet", "entity", "n_sentences", "mean_compound"],
    "distinctive_terms": ["group", "term", "count", "log_odds", "z"],
    "quotes": ["doc_id", "speaker", "entity", "quote", "kind", "cue"],
    "sources": ["doc_id", "outlet", "source", "source_type", "quotes"],
    "hedging": ["doc_id", "outlet", "hedges", "boosters", "per_1k_words"],
    "frames": ["doc_id", "outlet", "frame", "hits", "share", "terms"],
    "headlines": ["doc_id", "headline", "main_verb", "hedges", "actors", "lede"],
    "claims": ["claim_id", "claim", "doc_id", "sentence"],
    "text_reuse": ["doc_a", "doc_b", "aligned_sentences", "coverage", "order_agreement", "score", "verdict"],
}
FINDINGS = [entities.entity_findings, readability_findings, sentiment.sentiment_findings, sourcing.sourcing_findings,
            framing.framing_findings, reuse.reuse_findings]


@pytest.fixture(scope="module")
def one(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    return make_corpus(tmp_path_factory.mktemp("one"), {"only.txt": (
        "Kim Jong Un will meet Vladimir Putin in Vladivostok, a US official said.\n\n"
        "\"We urge them to stop,\" John Kirby said. The talks may take place next week.")})


@pytest.fixture(scope="module")
def empty(one: pd.DataFrame) -> pd.DataFrame:
    return one.iloc[0:0]


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
def test_one_article_corpus_gives_documented_columns(one: pd.DataFrame, name: str) -> None:
    table = getattr(helpers, name)(one)
    assert set(DOCUMENTED[name]) <= set(table.columns), name
    if name == "text_reuse":
        assert table.empty  # no pair to compare: no row pretends to
    if name == "distinctive_terms":
        assert set(table["group"]) <= {one["outlet"].iloc[0], "only"}


@pytest.mark.parametrize("name", sorted(DOCUMENTED))
def test_empty_corpus_gives_documented_columns(empty: pd.DataFrame, name: str) -> None:
    table = getattr(helpers, name)(empty)
    assert isinstance(table, pd.DataFrame)
    assert table.empty
    assert set(DOCUMENTED[name]) <= set(table.columns), name


@pytest.mark.parametrize("findings", FINDINGS, ids=lambda f: f.__name__)
def test_findings_on_one_article_never_compare_it_with_nobody(one: pd.DataFrame, findings) -> None:  # noqa: ANN001
    lines = findings(one)
    assert lines and all(isinstance(line, str) for line in lines)
    text = " ".join(lines).lower()
    assert "most negative article" not in text and "ranges from" not in text


def test_sentiment_scores_on_no_sentences() -> None:
    assert list(helpers.sentiment_scores([]).columns) == ["text", "compound", "label", "drivers"]


def test_an_empty_folder_is_a_clear_error(tmp_path) -> None:  # noqa: ANN001
    with pytest.raises(helpers.CorpusError, match="no article could be loaded"):
        helpers.load_corpus(tmp_path)
