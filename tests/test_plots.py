"""Charts say when a number is thin: means of fewer than THIN_SENTENCES sentences are drawn faded."""
from __future__ import annotations

import pandas as pd

from helpers import plots


def test_voice_bars_of_one_or_two_sentences_are_faded() -> None:
    table = pd.DataFrame({"article": ["A", "A", "B", "B"], "voice": ["authorial", "quoted", "authorial", "quoted"],
                          "mean_compound": [0.1, -0.5, 0.2, 0.3], "n_sentences": [20, 1, 15, 6]})
    fig = plots.voice_tone(table)
    alphas = [bar.get_alpha() for bar in fig.axes[0].patches]  # own voice A, B, then quoted A, B
    assert alphas == [None, None, 0.35, None]
    legend = [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    assert legend == ["outlet's own voice", "quoted speech", "fewer than 3 sentences: an anecdote"]
    plots.plt.close(fig)


def test_heatmap_veils_cells_of_one_or_two_sentences() -> None:
    table = pd.DataFrame({"article": ["A", "A", "B", "B"], "entity": ["Kim", "Moscow", "Kim", "Moscow"],
                          "mean_compound": [-0.2, -0.72, 0.1, 0.05], "n_sentences": [9, 1, 4, 2]})
    fig = plots.entity_sentiment(table, ["Kim", "Moscow"])
    veils = [patch for patch in fig.axes[0].patches if patch.get_hatch() == "//"]
    assert sorted((patch.get_x() + 0.5, patch.get_y() + 0.5) for patch in veils) == [(1.0, 0.0), (1.0, 1.0)]
    grey = [text.get_text() for text in fig.axes[0].texts if text.get_color() == plots.VEILED_TEXT]
    assert sorted(grey) == ["+0.05\nn=2", "-0.72\nn=1"]
    assert fig.axes[0].get_title().startswith("Sentiment toward each entity")  # as its colour bar says
    plots.plt.close(fig)
    near_zero = table.assign(mean_compound=[-0.001, 0.2, 0.0, 0.1], article=["b", "b", "A", "A"])
    fig = plots.entity_sentiment(near_zero, ["Kim", "Moscow"])
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["A", "b"]  # case-blind, as the other charts
    assert "0.00\nn=9" in [text.get_text() for text in fig.axes[0].texts]  # not "-0.00"
    plots.plt.close(fig)


def test_frame_rows_of_an_article_with_few_frame_words_are_veiled() -> None:
    table = pd.DataFrame({"article": ["A", "A", "B", "B"], "frame": ["diplomacy", "economy", "diplomacy", "economy"],
                          "share": [0.5, 0.5, 0.8, 0.2], "hits": [1, 1, 8, 2]})
    fig = plots.frame_shares(table)
    veils = [patch for patch in fig.axes[0].patches if patch.get_hatch() == "//"]
    assert [(patch.get_y() + 0.5) for patch in veils] == [0.0]  # row A (2 hits in all), not row B (10)
    assert "hatched: fewer than 5 in all" in fig.axes[0].get_title()
    plots.plt.close(fig)


def test_entity_and_reuse_heatmaps_list_articles_alphabetically_as_the_other_charts() -> None:
    matrix = pd.DataFrame({"Kim": [3.0, 1.0, 2.0], "Putin": [0.0, 5.0, 4.0]}, index=["wire", "BBC", "ap"])
    fig = plots.entity_heatmap(matrix)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["ap", "BBC", "wire"]
    assert [t.get_text() for t in fig.axes[0].texts][:2] == ["2", "4"]  # ap's row moved with its label
    plots.plt.close(fig)
    scores = pd.DataFrame([[1.0, 0.1, 0.9], [0.1, 1.0, 0.2], [0.9, 0.2, 1.0]], index=["wire", "BBC", "ap"],
                          columns=["wire", "BBC", "ap"])
    fig = plots.reuse_matrix(scores, 0.3)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["ap", "BBC", "wire"]
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["ap", "BBC", "wire"]
    assert [t.get_text() for t in fig.axes[0].texts][:3] == ["", "0.20", "0.90"]  # ap against ap, BBC, wire
    plots.plt.close(fig)
    grid = pd.DataFrame([[1, 0, 1], [0, 1, 1]], index=["1. a claim", "2. another"], columns=["wire", "BBC", "ap"])
    fig = plots.claims_matrix(grid)
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["ap", "BBC", "wire"]
    assert fig.axes[0].images[0].get_array().tolist() == [[1, 0, 1], [1, 1, 0]]  # columns moved with their labels
    plots.plt.close(fig)


def test_cooccurrence_leaves_an_entity_with_itself_blank() -> None:
    pairs = pd.DataFrame({"entity_a": ["A"], "entity_b": ["B"], "sentences": [3], "articles": [1]})
    fig = plots.cooccurrence_matrix(pairs, ["A", "B"])
    assert sorted(t.get_text() for t in fig.axes[0].texts) == ["3", "3"]
