"""Display helpers for notebooks (helpers.notebook)."""
from __future__ import annotations

import pandas as pd

from helpers.notebook import label_articles


def test_label_articles_names_each_row_by_its_label_in_place() -> None:
    corpus = pd.DataFrame({"label": ["BBC", "", None]}, index=pd.Index(["a1", "b2", "c3"], name="doc_id"))
    table = pd.DataFrame({"doc_id": ["c3", "a1", "b2", "zz"], "sentence": [0, 1, 2, 3]})
    shown = label_articles(table, corpus)
    assert list(shown.columns) == ["article", "sentence"]
    assert list(shown["article"]) == ["c3", "BBC", "b2", "zz"]  # no label: the doc_id stands in
    assert list(table.columns) == ["doc_id", "sentence"]  # the caller's table is left as it was
    named = label_articles(table.assign(article="x"), corpus)
    assert list(named.columns) == ["sentence", "article"]
    assert label_articles(pd.DataFrame({"n": [1]}), corpus).equals(pd.DataFrame({"n": [1]}))

    beside = label_articles(table, corpus, keep_doc_id=True)  # tables about files keep the file's id
    assert list(beside.columns) == ["doc_id", "article", "sentence"]
    assert list(beside["article"]) == ["c3", "BBC", "b2", "zz"]
    assert list(table.columns) == ["doc_id", "sentence"]


def test_details_fold_findings_under_an_escaped_summary() -> None:
    from helpers.notebook import details_markdown

    text = details_markdown("How <it> was set", ["first", "second"])
    assert text.startswith("<details><summary>How &lt;it&gt; was set</summary>")
    assert "- first\n- second" in text and text.endswith("</details>")
