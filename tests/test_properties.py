"""Property-based tests of ingestion (hypothesis). `make fuzz` runs them with 10,000 examples each."""
from __future__ import annotations

import unicodedata

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from helpers.clean import INVISIBLE, clean_text, decisions_frame, repair_line, repair_text  # noqa: E402
from helpers.corpus import CorpusError, decode_bytes  # noqa: E402

#: Neutral English words (no boilerplate trigger such as "subscribe", "share", "comment").
WORDS = ("the", "leader", "will", "travel", "to", "meet", "officials", "said", "talks", "train", "weapons", "city",
         "visit", "minister", "report", "north", "east", "coast", "summit", "deal", "month", "people", "open", "price",
         "space", "copy", "expect", "year", "policy", "press")
PUNCT = (",", " —", ";", ":", " –")
#: Latin letters and the Cyrillic letters that look like them.
TWINS = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у", "i": "і"}


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=4, max_size=14))
    text = " ".join(words)
    if draw(st.booleans()):
        k = draw(st.integers(1, len(words) - 2))
        text = " ".join(words[:k]) + draw(st.sampled_from(PUNCT)) + " " + " ".join(words[k:])
    if draw(st.booleans()):
        text = f"“{text}”"
    return text[0].upper() + text[1:] + draw(st.sampled_from((".", "?", "!", "…")))


@st.composite
def articles(draw: st.DrawFn) -> str:
    paragraphs = draw(st.lists(st.lists(sentences(), min_size=1, max_size=3).map(" ".join), min_size=2, max_size=6,
                               unique=True))
    return "\n\n".join(paragraphs)


@given(articles())
def test_property_clean_text_without_debris_passes_unchanged(text: str) -> None:
    result = clean_text(text)
    assert result.text == text
    assert result.homoglyphs_fixed == 0
    assert result.title is None


@given(st.text(max_size=400))
def test_property_cleaning_is_idempotent(raw: str) -> None:
    once = clean_text(raw).text
    assert repair_text(once) == once
    assert clean_text(once).text == clean_text(clean_text(once).text).text


@given(articles())
def test_property_cleaning_clean_article_is_idempotent(text: str) -> None:
    once = clean_text(text).text
    assert clean_text(once).text == once


CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
GREEK = "αβγδεζηθικλμνξοπρστυφχψω"
HANGUL = "".join(chr(c) for c in range(0xAC00, 0xAC00 + 200))


@given(st.sampled_from((CYRILLIC, GREEK, HANGUL)).flatmap(
    lambda alphabet: st.lists(st.text(alphabet=alphabet, min_size=1, max_size=10), min_size=1, max_size=12)))
def test_property_other_scripts_are_never_repaired(words: list[str]) -> None:
    line = " ".join(words) + "."
    repaired = repair_line(line)
    assert repaired.text == unicodedata.normalize("NFC", line)
    assert repaired.homoglyphs == 0


@given(st.lists(st.sampled_from(WORDS), min_size=3, max_size=15), st.data())
def test_property_injected_lookalikes_are_restored_exactly(words: list[str], data: st.DataObject) -> None:
    injected, count = [], 0
    for word in words:
        positions = [i for i, c in enumerate(word) if c in TWINS]
        chosen = data.draw(st.sets(st.sampled_from(positions), max_size=max(0, len(word) - 1))) if positions else set()
        chosen = {i for i in chosen if len(chosen) < len(word)}  # keep at least one Latin letter: a mixed word
        letters = [TWINS[c] if i in chosen else c for i, c in enumerate(word)]
        count += len(chosen)
        injected.append("".join(letters))
    line = " ".join(injected) + "."
    repaired = repair_line(line)
    assert repaired.text == " ".join(words) + "."
    assert repaired.homoglyphs == count


LINE = st.one_of(sentences(), st.sampled_from(("Share this article", "Subscribe to our newsletter", "Advertisement",
                                                "Related stories", "By Jane Doe", "Image: Reuters", "", "  ")),
                 st.text(max_size=80))


@given(st.lists(LINE, min_size=1, max_size=25))
def test_property_every_raw_line_is_accounted_for(lines: list[str]) -> None:
    raw = "\n".join(lines)
    result = clean_text(raw)
    body = set(result.text.split("\n\n"))
    audited = decisions_frame("x", result)
    audited_lines = set(zip(audited["line_no"], audited["line"]))
    for decision in result.decisions:
        if not decision.text:
            continue  # blank (after repair): separates paragraphs
        assert decision.text in body or (decision.line_no, decision.raw) in audited_lines, decision


ODD = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=300)


@given(st.one_of(ODD, st.text(alphabet="\u0300\u0301\u200b\u202e\u0000\x07\r\n\t ", max_size=50),
                 st.text(min_size=1, max_size=3).map(lambda s: s * 3000)))
def test_property_no_input_string_raises(raw: str) -> None:
    result = clean_text(raw)
    assert isinstance(result.text, str)
    assert not INVISIBLE.search(result.text)


@given(st.binary(max_size=300))
def test_property_bytes_decode_or_are_refused_clearly(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data, "x.txt")
    except CorpusError as err:
        assert "x.txt" in str(err)
    else:
        assert isinstance(text, str) and encoding
