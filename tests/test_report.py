"""The HTML report: escaping of hostile article text, an offline site for any corpus, and a real browser check."""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import report
from helpers.paths import REPORTS, ROOT

from .conftest import make_corpus

#: Payloads that would set window.__xss if any of them ever ran in a page.
SCRIPT = "<script>window.__xss = 1</script>"
IMG = '<img src="x" onerror="window.__xss = 1">'
HOSTILE = {
    "attack one.txt": (f"Kim Jong Un {SCRIPT} will meet Vladimir Putin {IMG}\n\n"
                       f"By Eve {IMG}\n\n"
                       "North Korean leader Kim Jong Un will travel to Russia to meet President Vladimir Putin, "
                       "a US official said on Monday. The two leaders will discuss weapons, officials said.\n\n"
                       f"\"We urge the DPRK to stop {SCRIPT} its arms talks,\" John Kirby said at the White House.\n\n"
                       "Mr Kim is expected to travel by armoured train, according to the New York Times.\n\n"
                       f"Pyongyang has denied supplying arms to Russia {IMG} for its war in Ukraine."),
    "attack-two.txt": (f"Putin {SCRIPT} to host Kim\n\n"
                       "Russian President Vladimir Putin will host North Korea's Kim Jong Un in Vladivostok, "
                       "the Kremlin said. The meeting could take place next week.\n\n"
                       f"Analysts said {IMG} the talks may focus on artillery shells and satellite technology.\n\n"
                       "\"We discuss this with everyone,\" Dmitry Peskov told reporters in Moscow.\n\n"
                       "South Korea warned that any arms deal would violate United Nations sanctions."),
}


def _inert(page: str) -> None:
    """No payload survives as live markup in a rendered page."""
    assert "<script>window.__xss" not in page
    assert not re.search(r"<img[^>]*onerror", page, re.IGNORECASE)
    assert not re.search(r"""(?:src|href)\s*=\s*["']\s*(?:https?:)?//""", page, re.IGNORECASE)


def test_index_page_escapes_titles_and_bodies(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path, HOSTILE)
    page = report.index_page(corpus, [report.Page("01_ingestion", "01 · Ingestion")], "hostile <corpus>", [])
    _inert(page)
    assert "&lt;script&gt;" in page
    assert "hostile &lt;corpus&gt;" in page


@pytest.fixture(scope="session")
def hostile_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full report (every notebook executed) for a two-article hostile corpus: the any-corpus path end to end."""
    folder = tmp_path_factory.mktemp("corpora") / "hostile-corpus"
    folder.mkdir()
    for name, text in HOSTILE.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = report.build(folder, progress=False)
    yield out
    shutil.rmtree(out, ignore_errors=True)


@pytest.mark.slow
def test_report_for_any_corpus_is_complete_offline_and_inert(hostile_report: Path) -> None:
    assert hostile_report == REPORTS / "hostile-corpus"
    pages = sorted(p.name for p in hostile_report.glob("*.html"))
    assert pages == ["01_ingestion.html", "02_entities.html", "03_readability_sentiment.html", "04_framing.html",
                     "05_provenance.html", "index.html"]
    assert sorted(p.name for p in (hostile_report / "with-code").glob("*.html")) == pages
    for page in [*hostile_report.glob("*.html"), *(hostile_report / "with-code").glob("*.html")]:
        _inert(page.read_text(encoding="utf-8"))
    figures = list((hostile_report / "figures").glob("*.png"))
    assert len(figures) >= 10
    for png in figures:
        assert png.with_suffix(".svg").is_file() and png.with_suffix(".csv").is_file()
    index = (hostile_report / "index.html").read_text(encoding="utf-8")
    assert "2 independent reports" in index
    assert "workshop/facilitator_guide.html" in index
    # the code-hidden page hides code, the analysts' page shows it
    assert "load_corpus" not in (hostile_report / "02_entities.html").read_text(encoding="utf-8")
    assert "load_corpus" in (hostile_report / "with-code" / "02_entities.html").read_text(encoding="utf-8")
    # each page's "Show the code" leads to the same notebook with its code, and back
    assert '<a href="with-code/02_entities.html">Show the code</a>' in (hostile_report / "02_entities.html").read_text(
        encoding="utf-8")
    assert '<a href="../02_entities.html">Hide the code</a>' in (hostile_report / "with-code" / "02_entities.html"
                                                                 ).read_text(encoding="utf-8")
    assert str(ROOT) not in index


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.mark.browser
@pytest.mark.slow
def test_report_in_headless_chromium_with_network_disabled(hostile_report: Path, tmp_path: Path) -> None:
    executable = _chromium()
    if executable is None:
        if os.environ.get("NEWSLENS_REQUIRE_BROWSER"):
            pytest.fail("Chromium not found: install Debian's chromium and chromium-driver (.ci/run does it)")
        pytest.skip("Chromium not installed (set NEWSLENS_REQUIRE_BROWSER=1 to make this a failure)")
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"]
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(str(tmp_path / "profile"), executable_path=executable,
                                                       headless=True, args=args, offline=True)
        try:
            requests: list[str] = []
            context.route("**/*", lambda route: (requests.append(route.request.url), route.continue_()
                                                 if route.request.url.startswith(("file:", "data:"))
                                                 else route.abort())[-1])
            for name in ("index.html", "02_entities.html", "05_provenance.html"):
                page = context.new_page()
                errors: list[str] = []
                page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
                page.on("pageerror", lambda exc: errors.append(str(exc)))
                page.goto((hostile_report / name).as_uri(), wait_until="load")
                assert errors == [], f"{name}: console errors {errors}"
                assert page.evaluate("window.__xss === undefined"), f"{name}: a hostile payload ran"
                broken = page.evaluate("Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))"
                                       ".map(i => i.src.slice(0, 60))")
                assert broken == [], f"{name}: images that did not load {broken}"
                if name != "index.html":
                    assert page.evaluate("document.images.length") >= 3
                # kept in pytest's temporary folder, never in reports/, where a user would share it with their own
                page.screenshot(path=str(tmp_path / f"browser-check-{Path(name).stem}.png"), full_page=False)
                page.close()
            remote = [u for u in requests if not u.startswith(("file:", "data:"))]
            assert remote == [], f"pages tried to load remote resources: {remote}"
        finally:
            context.close()


def test_a_failing_notebook_stops_with_its_name_and_the_cell_error(tmp_path: Path) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("raise ValueError('corpus too small')")]
    path = tmp_path / "09_broken.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(report.ReportError, match=r"09_broken\.ipynb[\s\S]*corpus too small"):
        report.execute(path, progress=False)


def test_report_folder_is_named_after_the_corpus(tmp_path: Path) -> None:
    from helpers.paths import SEEDS

    assert report.report_dir(None) == REPORTS
    assert report.report_dir(SEEDS) == REPORTS
    folder = tmp_path / "my story (2024)"
    folder.mkdir()
    assert report.report_dir(folder) == REPORTS / "my-story-2024"


@pytest.mark.parametrize("processes", [1, 2])
def test_a_corpus_big_enough_for_two_processes_is_analysed_once_before_the_notebooks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, processes: int) -> None:
    from helpers import nlp, single_pass

    folder = tmp_path / "big-story"
    folder.mkdir()
    for name, text in HOSTILE.items():
        (folder / name).write_text(text, encoding="utf-8")
    events: list[str] = []
    monkeypatch.setattr(nlp, "parse_plan", lambda n_texts, n_words: (processes, 32))
    monkeypatch.setattr(single_pass, "analyse_ahead", lambda corpus, processes=None, progress=None: events.append(
        f"analyse_ahead {len(corpus)}"))

    def first_notebook(path: Path, progress: bool = True, position: int = 0) -> None:
        events.append("notebook")
        raise report.ReportError("stop here: the order is what this test checks")

    monkeypatch.setattr(report, "execute", first_notebook)
    try:
        with pytest.raises(report.ReportError, match="stop here"):
            report.build(folder, progress=False)
    finally:
        shutil.rmtree(REPORTS / "big-story", ignore_errors=True)
    assert events[0] == ("analyse_ahead 2" if processes == 2 else "notebook")
    assert events.count("analyse_ahead 2") == (processes == 2)


def test_front_page_says_that_versions_of_one_text_are_counted_once_each(corpus) -> None:  # noqa: ANN001
    from helpers.report import headline_findings

    sections = dict(headline_findings(corpus))
    reports = sections["How many independent reports"]
    assert reports[0].startswith("The 5 articles hold 3 independent reports")
    assert reports[1].startswith("The counts below take every article as one")  # the seeds hold a text in 3 versions


@pytest.mark.slow
def test_a_one_article_corpus_builds_the_whole_report(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A participant's folder with a single article: every notebook runs, and the pages say there is nothing to
    compare instead of failing (notebook 05's alignment chart once raised on zero pairs)."""
    folder = tmp_path_factory.mktemp("corpora") / "one-article-corpus"
    folder.mkdir()
    (folder / "only.txt").write_text(HOSTILE["attack-two.txt"], encoding="utf-8")
    out = report.build(folder, progress=False)
    try:
        assert sorted(p.name for p in out.glob("*.html"))[-1] == "index.html"
        index = (out / "index.html").read_text(encoding="utf-8")
        assert "how 1 article covers one story" in index and ">None<" not in index
        assert "with one article there is nothing to compare" in index
        assert "No pair of articles to align" not in index  # the chart says it, as an image, on page 05
        assert (out / "figures" / "05_alignment_pairs.png").is_file()
    finally:
        shutil.rmtree(out, ignore_errors=True)


def test_front_page_lists_skipped_files_escaped(tmp_path: Path) -> None:
    with pytest.warns(helpers.corpus.SkippedFileWarning):
        corpus = make_corpus(tmp_path, {**HOSTILE, "notes <b>.pdf": "%PDF-1.4"})
    page = report.index_page(corpus, [], "c", [])
    _inert(page)
    assert "1 file(s) or manifest row(s) were not read" in page
    assert "<b>notes &lt;b&gt;.pdf</b>: is a .pdf document, not plain text; open it and save or paste its text" in page


def test_workshop_pages_in_a_report_on_another_corpus_say_they_are_about_the_sample_story(tmp_path: Path) -> None:
    own = report.workshop_pages(tmp_path / "own", sample_story=False)
    sample = report.workshop_pages(tmp_path / "sample")
    assert len(own) == len(sample) >= 3
    assert all(label.endswith("(for the built-in sample story)") for _, label in own)
    assert not any("sample story" in label for _, label in sample)
    # the facilitator guide projects the front page: the answer key comes last there, marked
    assert sample[-1] == ("workshop/answer_key.html",
                          "Workshop: Newslens workshop: answer key (for facilitators): not for projecting")
    assert not any("projecting" in label for _, label in sample[:-1])
    for href, _ in own:
        assert "written for Newslens's built-in sample story" in (tmp_path / "own" / href).read_text(encoding="utf-8")
    for href, _ in sample:
        assert "written for Newslens's built-in sample story" not in (tmp_path / "sample" / href).read_text(
            encoding="utf-8")


def test_report_size_counts_one_report_not_the_other_corpora_beside_it(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_bytes(b"x" * 10)
    for part in ("with-code", "workshop", "figures", "my-story", "my-story/with-code"):
        (tmp_path / part).mkdir()
        (tmp_path / part / "page.html").write_bytes(b"x" * 100)
    assert report.report_size(tmp_path) == 310  # my-story/ is another corpus's report


def test_reader_tables_lose_pandas_row_numbers_but_keep_a_real_index() -> None:
    numbered = pd.DataFrame({"claim_id": [1, 2], "claim": ["<b>x</b>", "y"]})._repr_html_()
    shown = report.hide_row_numbers(numbered)
    assert "<th>0</th>" not in shown and "<th>1</th>" not in shown and "<th></th>" not in shown
    assert "<td>1</td>" in shown and "&lt;b&gt;x&lt;/b&gt;" in shown and shown.count("<tr") == numbered.count("<tr")
    labelled = pd.DataFrame({"a": [1, 2]}, index=["x", "y"])._repr_html_()
    shuffled = pd.DataFrame({"a": [1, 2]}, index=[1, 0])._repr_html_()
    pivot = pd.DataFrame({("a", "b"): [1]})._repr_html_()  # two header rows
    truncated = pd.DataFrame({"a": range(100)}).to_html(max_rows=10)
    for page in (labelled, shuffled, pivot, truncated):
        assert report.hide_row_numbers(page) == page


def test_front_page_tone_finding_keeps_the_caveat_when_its_extremes_are_one_report(corpus: pd.DataFrame) -> None:
    tone = dict(report.headline_findings(corpus))["Tone"]
    assert len(tone) == 2 and tone[0].startswith("In the outlets' own voice, no article reads measurably more negative")
    assert tone[1].startswith("BBC paraphrase and BBC SEO rewrite are versions of one report (notebook 05)")


def test_text_cells_are_aligned_left_and_numbers_stay_right() -> None:
    page = pd.DataFrame({"n": [1, -2], "share": [0.25, float("nan")], "text": ["A <b> sentence.", "x"]}).to_html()
    shown = report.left_align_text(page)
    assert '<td style="text-align:left">A &lt;b&gt; sentence.</td>' in shown
    assert '<td style="text-align:left">x</td>' in shown
    assert "<td>1</td>" in shown and "<td>-2</td>" in shown and "<td>0.25</td>" in shown and "<td>NaN</td>" in shown
