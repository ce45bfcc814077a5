"""The parse cache: a hit reuses the stored Doc, a changed text or model misses, a corrupt entry is rebuilt."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers import nlp as nlp_module


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("NEWSLENS_CACHE_DIR", str(folder))
    return folder


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.spacy"))


def test_hit_miss_on_text_change(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = pd.Series({"a": "Kim Jong Un met Vladimir Putin.", "b": "Moscow said nothing."})
    first = dict(nlp_module.iter_docs(texts))
    assert len(_entries(cache)) == 2
    parsed_texts: list[str] = []
    real_pipe = type(nlp_module.load_pipeline()).pipe

    def counting_pipe(self, stream, **kw):  # noqa: ANN001, ANN202
        stream = list(stream)
        parsed_texts.extend(stream)
        return real_pipe(self, stream, **kw)

    monkeypatch.setattr(type(nlp_module.load_pipeline()), "pipe", counting_pipe)
    again = dict(nlp_module.iter_docs(texts))
    assert parsed_texts == []  # both texts came from the cache
    assert [t.text for t in again["a"]] == [t.text for t in first["a"]]
    assert [e.text for e in again["a"].ents] == [e.text for e in first["a"].ents]
    assert len(_entries(cache)) == 2
    changed = dict(nlp_module.iter_docs(pd.Series({"a": "Kim Jong Un met Vladimir Putin again."})))
    assert changed["a"].text.endswith("again.")
    assert parsed_texts == ["Kim Jong Un met Vladimir Putin again."]
    assert len(_entries(cache)) == 3  # a changed text is a new entry, the old one is left alone


def test_model_change_uses_another_folder(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nlp = nlp_module.load_pipeline()
    texts = pd.Series({"a": "The Kremlin said nothing."})
    list(nlp_module.iter_docs(texts))
    before = {p.parent.name for p in _entries(cache)}
    monkeypatch.setitem(nlp.meta, "version", "9.9.9")
    list(nlp_module.iter_docs(texts))
    after = {p.parent.name for p in _entries(cache)}
    assert len(before) == 1 and len(after) == 2
    assert any("9.9.9" in name for name in after)


def test_corrupt_and_truncated_entries_are_rebuilt(cache: Path, caplog: pytest.LogCaptureFixture) -> None:
    texts = pd.Series({"a": "Pyongyang denied the report.", "b": "Washington warned Pyongyang."})
    list(nlp_module.iter_docs(texts))
    a, b = _entries(cache)
    nlp_module._memory.clear()  # force reading from disk
    a.write_bytes(b"not a docbin")
    b.write_bytes(b.read_bytes()[:20])
    docs = dict(nlp_module.iter_docs(texts))
    assert docs["a"].text == "Pyongyang denied the report."
    assert docs["b"].text == "Washington warned Pyongyang."
    assert "unreadable" in caplog.text
    fresh = dict(nlp_module.iter_docs(texts))  # rebuilt entries now read back cleanly
    assert [t.text for t in fresh["b"]] == [t.text for t in docs["b"]]
