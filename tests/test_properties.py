"""Property-based tests of ingestion (hypothesis). `make fuzz` runs them with 10,000 examples each."""
from __future__ import annotations

import os
import tempfile
import unicodedata
import warnings
from datetime import date
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import example, given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import helpers  # noqa: E402
from helpers.clean import (CONTROL, INVISIBLE, LETTER_RUN, clean_text, decisions_frame, parse_dateline,  # noqa: E402
                           repair_line, repair_text, word_count)
from helpers.corpus import CorpusError, SkippedFileWarning, decode_bytes  # noqa: E402
from helpers.quoting import in_quote, quote_spans  # noqa: E402

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
@example("Published 2023-09-13 12:30 +99:99\n\nKim met Putin, officials said.")
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


# --- hidden characters, look-alikes through the whole cleaner, debris-free output --------------------------------------

#: Invisible characters scrapers and spammers hide in words: zero-width space/joiners, word joiner, soft hyphen,
#: left-to-right/right-to-left marks, embeddings, overrides and isolates, byte-order mark.
HIDDEN = "\u200b\u200c\u200d\u2060\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


@given(articles(), st.data())
def test_property_hidden_characters_in_words_are_removed_counted_and_audited(text: str, data: st.DataObject) -> None:
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    where = data.draw(st.lists(st.sampled_from(letters), min_size=1, max_size=8, unique=True))
    chars = list(text)
    for i in where:
        chars[i] = data.draw(st.sampled_from(HIDDEN)) + chars[i]
    result = clean_text("".join(chars))
    assert result.text == text
    assert result.invisibles_removed == len(where)
    audited = decisions_frame("x", result)
    flagged = audited[audited["reason"].str.contains("invisible")]
    counts = flagged["reason"].str.extract(r"(\d+) invisible")[0].astype(int)
    assert counts.sum() == len(where)  # the audit accounts for every hidden character, line by line


@given(articles(), st.data())
def test_property_lookalikes_in_whole_articles_are_restored_and_counted(text: str, data: st.DataObject) -> None:
    spans = [(m.start(), m.end()) for m in LETTER_RUN.finditer(text)]
    chars, count = list(text), 0
    for start, end in data.draw(st.lists(st.sampled_from(spans), min_size=1, max_size=6, unique=True)):
        swappable = [i for i in range(start, end) if text[i] in TWINS]
        if not swappable or end - start < 2:
            continue
        chosen = data.draw(st.sets(st.sampled_from(swappable), min_size=1, max_size=min(len(swappable), end - start - 1)))
        for i in chosen:
            chars[i] = TWINS[text[i]]
        count += len(chosen)
    result = clean_text("".join(chars))
    assert result.text == text
    assert result.homoglyphs_fixed == count


@given(st.one_of(ODD, st.lists(LINE, max_size=25).map("\n".join)))
def test_property_cleaned_output_is_free_of_debris(raw: str) -> None:
    result = clean_text(raw)
    for part in (result.text, result.title or "", result.byline or "", *result.headings):
        assert not INVISIBLE.search(part) and not CONTROL.search(part)
        assert unicodedata.is_normalized("NFC", part)
    if result.text:
        paragraphs = result.text.split("\n\n")
        assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)
    assert result.invisibles_removed >= 0 and result.homoglyphs_fixed >= 0
    assert word_count(result.text) <= word_count(repair_text(raw.replace("\r", "\n")))


# --- bytes and files ---------------------------------------------------------------------------------------------------

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00\ufeff"), min_size=1, max_size=200)


@given(TEXT, st.sampled_from(("utf-8", "utf-8-sig", "utf-16")))
def test_property_unicode_files_decode_back_exactly(text: str, encoding: str) -> None:
    decoded, found = decode_bytes(text.encode(encoding), "x.txt")
    assert decoded == text
    assert found == ("utf-16" if encoding == "utf-16" else encoding)


#: File names: any characters a Linux file name may hold (no slash, no NUL), not hidden (no leading dot).
NAMES = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="/\x00"), min_size=1, max_size=40).filter(
    lambda s: not s.startswith(".") and len(s.encode("utf-8")) <= 200)


@given(NAMES, st.one_of(st.binary(max_size=400), articles().map(str.encode)), st.sampled_from((".txt", ".html")))
def test_property_any_file_loads_or_is_refused_by_name(stem: str, data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / (stem + suffix)).write_bytes(data)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                corpus = helpers.load_corpus(folder, progress=False)
            except CorpusError as err:
                assert stem + suffix in str(err)  # refused, and the refusal names the file
                assert any(issubclass(w.category, SkippedFileWarning) for w in caught)
                return
        assert list(corpus.index) == [stem] and corpus["file"].iloc[0] == stem + suffix
        assert isinstance(corpus["text"].iloc[0], str) and corpus["n_words"].iloc[0] >= 0
        helpers.audit(corpus)


@given(st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\x00" not in b and b[:1] != b"."))
def test_property_any_file_name_bytes_become_utf8_text(name: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / os.fsdecode(name + b".txt")).write_text("Kim Jong Un met Vladimir Putin, officials said.")
        corpus = helpers.load_corpus(folder, progress=False)
    doc_id = corpus.index[0]
    doc_id.encode("utf-8")  # no lone surrogate: CSVs, figures and the report can write it
    assert corpus["file"].iloc[0] == doc_id + ".txt"
    if _is_utf8(name):
        assert doc_id == name.decode("utf-8")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# --- dates and quotation marks -----------------------------------------------------------------------------------------

DATELIKE = st.builds(
    lambda prefix, y, m, d, time, zone: f"{prefix}{y:04d}-{m:02d}-{d:02d}{time}{zone}",
    st.sampled_from(("", "Published ", "Updated: ", "Posted ")), st.integers(0, 9999), st.integers(0, 99),
    st.integers(0, 99), st.sampled_from(("", " 12:30", "T99:99", " 7.05 pm", " 23:59:60")),
    st.sampled_from(("", " BST", " ZZZZ", "Z", " +99:99", " -0500")))
MONTHLIKE = st.builds(lambda d, mon, y: f"{d} {mon} {y}", st.integers(0, 99),
                      st.sampled_from(("Jan", "February", "Sept.", "may", "Dec")), st.integers(0, 99999))


@given(st.one_of(DATELIKE, MONTHLIKE, st.text(max_size=60)))
@example("0001-01-01 12:30 +99:99")  # found by `make fuzz`: a zone offset past 24 h crashed the whole load
def test_property_dates_parse_to_iso_or_none(line: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateutil warns about unknown time zone names; that is fine
        parsed = parse_dateline(line)
    if parsed is not None:
        date.fromisoformat(parsed[:10])


@given(st.text(alphabet=st.sampled_from('ab .,\n“”«»„"\'’'), max_size=120) | st.text(max_size=120))
def test_property_quote_spans_are_ordered_disjoint_and_in_bounds(text: str) -> None:
    spans = quote_spans(text)
    last_end = 0
    for start, end in spans:
        assert last_end <= start < end <= len(text)
        last_end = end
    for start in range(0, len(text), 7):
        in_quote(text, start, start + 5, spans)
