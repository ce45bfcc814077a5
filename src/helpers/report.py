"""`make report`: execute every notebook in a fresh kernel and render a static, offline HTML site with its figures."""
from __future__ import annotations

import argparse
import copy
import html
import os
import re
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .paths import NOTEBOOKS, REPORTS, ROOT, SEEDS

TEMPLATES = Path(__file__).parent / "templates"
WORKSHOP = ROOT / "workshop"
CELL_TIMEOUT_S = 600
#: Notebooks executed at once (each in its own kernel process).
PARALLEL_KERNELS = 2
#: Written beside index.html when files or manifest rows were skipped: one "name: reason" line each.
SKIPPED_NAME = "skipped.txt"
#: Remote resources a report page must never load (checked after rendering).
REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']\s*(?:https?:)?//""", re.IGNORECASE)


class ReportError(RuntimeError):
    """A notebook failed to execute or render."""


@dataclass(frozen=True)
class Page:
    """One rendered notebook: its file stem and its title."""
    stem: str
    title: str


def notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The numbered notebooks, in order."""
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def report_dir(corpus: Path | None) -> Path:
    """reports/ for the embedded corpus, reports/<folder name>/ for another corpus."""
    if corpus is None or corpus.resolve() == SEEDS.resolve():
        return REPORTS
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", corpus.resolve().name).strip("-.") or "corpus"
    return REPORTS / name


def _title(nb) -> str:  # noqa: ANN001
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return "Notebook"


def execute(path: Path, progress: bool = True, position: int = 0):  # noqa: ANN201 - nbformat node
    """Run one notebook top to bottom in a fresh kernel; stop with its name and the failing cell's error."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from tqdm import tqdm

    nb = nbformat.read(path, as_version=4)
    code_cells = sum(cell.cell_type == "code" for cell in nb.cells)
    bar = tqdm(total=code_cells, desc=f"{path.stem:<28}", unit="cell", disable=not progress, file=sys.stderr,
               position=position)
    client = NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}},
                            # the kernel's own notices (one per notebook: "running over TCP without encryption" on a
                            # local socket) are not the reader's business; its errors still show
                            extra_arguments=["--IPKernelApp.log_level=ERROR"],
                            on_cell_executed=lambda **_: bar.update(1))
    try:
        client.execute()
    except CellExecutionError as err:
        raise ReportError(f"{path.name} failed while executing a cell:\n{err}") from None
    finally:
        bar.close()
    return nb


_TABLE = re.compile(r'(<table[^>]*class="dataframe"[^>]*>)(.*?)(</table>)', re.DOTALL)
_HEAD = re.compile(r"<thead>(.*?)</thead>", re.DOTALL)
_ROW_NUMBER = re.compile(r"(<tr[^>]*>\s*)<th>(\d+)</th>\s*")


def hide_row_numbers(page: str) -> str:
    """Drop the row-number column (0, 1, 2, ...) pandas prints before a table's first column: a reader takes it for
    data ("claim 13" beside claim_id 14). Only tables with one header row whose rows are numbered 0..n-1 in order."""
    def table(match: re.Match) -> str:
        start, inner, end = match.groups()
        head = _HEAD.search(inner)
        if head is None or head.group(1).count("<tr") != 1:
            return match.group(0)
        body = inner[head.end():]
        numbers = [int(n) for _, n in _ROW_NUMBER.findall(body)]
        if not numbers or numbers != list(range(len(numbers))) or len(numbers) != body.count("<tr"):
            return match.group(0)
        new_head = re.sub(r"(<tr[^>]*>\s*)<th></th>\s*", r"\1", head.group(0), count=1)
        if new_head == head.group(0):
            return match.group(0)
        return start + inner[:head.start()] + new_head + _ROW_NUMBER.sub(r"\1", body) + end
    return _TABLE.sub(table, page)


_CELL = re.compile(r"<td>([^<]*)</td>")
_NUMBER = re.compile(r"[-+−]?[\d.,]+%?|NaN|nan|None|True|False|")


def left_align_text(page: str) -> str:
    """Table cells that hold text, not a number, aligned left (pandas's tables align every cell right, which leaves
    sentences with a ragged left edge, hard to read side by side or on paper)."""
    return _CELL.sub(lambda m: m.group(0) if _NUMBER.fullmatch(m.group(1).strip())
                     else f'<td style="text-align:left">{m.group(1)}</td>', page)


def render(nb, stem: str, nav: str, with_code: bool) -> str:  # noqa: ANN001
    """Static HTML for an executed notebook: code hidden for readers, shown for analysts; nothing loaded remotely."""
    from nbconvert import HTMLExporter

    nb = copy.deepcopy(nb)  # tables: text aligned left; for readers, without pandas's row numbers
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            page = output.get("data", {}).get("text/html")
            if page is not None:
                page = left_align_text("".join(page) if isinstance(page, list) else page)
                output["data"]["text/html"] = page if with_code else hide_row_numbers(page)
    exporter = HTMLExporter(template_name="newslens", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input=not with_code, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": stem}, "newslens_nav": nav})
    remote = REMOTE.findall(body)
    if remote:
        raise ReportError(f"{stem}: the rendered page would load remote resources {remote[:3]}; it must be offline.")
    return body


def _nav(pages: list[Page], prefix: str, other: str, other_label: str) -> str:
    links = [f'<a href="{prefix}index.html">Overview</a>'] + [
        f'<a href="{prefix}{html.escape(p.stem)}.html">{html.escape(_short(p.title))}</a>' for p in pages]
    links.append(f'<a href="{other}">{html.escape(other_label)}</a>')
    return " ".join(links)


def _short(title: str) -> str:
    """'02 · Entities: who and what…' -> '02 Entities' for the navigation bar."""
    return title.split(":")[0].replace("·", "").replace("  ", " ").strip()


def headline_findings(corpus: pd.DataFrame) -> list[tuple[str, list[str]]]:
    """The landing page's findings, computed from the data: (topic, sentences) per analysis."""
    from . import entities, framing, reuse, sentiment, sourcing
    from .readability import readability_findings

    reports = reuse.reuse_findings(corpus)[:1]
    if reuse.copies_note(corpus):  # some articles are versions of one text: say what that does to the counts below
        reports.append("The counts below take every article as one, so a text in several versions is counted once per "
                       "version: a source quoted in all of them, for example, is counted as many times.")
    return [
        ("How many independent reports", reports),
        ("Who is named", entities.entity_findings(corpus)[:1]),
        ("How hard to read", readability_findings(corpus)[:1]),
        ("Tone", sentiment.tone_gap_findings(corpus)),  # with the caveat when the extremes are one report's versions
        ("Who speaks", sourcing.sourcing_findings(corpus)[:2]),
        ("How sure they sound", framing.framing_findings(corpus)[1:2]),
    ]


def _findings_html(sections: list[tuple[str, list[str]]]) -> str:
    """Findings lines are Markdown with untrusted parts already escaped (helpers.notebook.escape); render each list."""
    import mistune

    parts = []
    for topic, lines in sections:
        bullets = "\n".join(f"- {line}" for line in lines) or "- Nothing to report."
        parts.append(f"<h3>{html.escape(topic)}</h3>{mistune.html(bullets)}")
    return "\n".join(parts)


def _skipped_html(corpus: pd.DataFrame) -> str:
    """A warning box listing the files and manifest rows load_corpus skipped, with the reason and fix of each."""
    skipped = corpus.attrs.get("skipped", [])
    if not skipped:
        return ""
    items = "".join(f"<li><b>{html.escape(str(name))}</b>: {html.escape(str(reason))}</li>" for name, reason in skipped)
    return (f'<div class="skipped"><p><b>{len(skipped)} file(s) or manifest row(s) were not read</b>, so nothing '
            f"below counts them (notebook 01's audit table lists them too):</p><ul>{items}</ul></div>\n")


def index_page(corpus: pd.DataFrame, pages: list[Page], corpus_name: str, extra_links: list[tuple[str, str]]) -> str:
    """The landing page: the corpus table, headline findings from the data, links to every page."""
    from .corpus import corpus_table

    readable = corpus_table(corpus).rename(columns={
        "label": "article", "n_words": "words", "n_paragraphs": "paragraphs",
        "homoglyphs_fixed": "look-alike letters repaired", "encoding": "file encoding"})
    readable = readable.astype(object).where(readable.notna(), "")  # None as well as NaN shows as a blank cell
    table = readable.to_html(index=False, escape=True, border=0, classes="corpus")
    articles = f"{len(corpus)} article{'s' if len(corpus) != 1 else ''}"
    links = "".join(f'<li><a href="{html.escape(p.stem)}.html">{html.escape(p.title)}</a></li>' for p in pages)
    extras = "".join(f'<li><a href="{html.escape(href)}">{html.escape(label)}</a></li>' for href, label in extra_links)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Newslens report: {html.escape(corpus_name)}</title>
<style>
 body {{ font-family: "DejaVu Sans", Arial, sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em;
        line-height: 1.5; color: #222; }}
 table.corpus {{ border-collapse: collapse; font-size: 0.9em; }}
 table.corpus th, table.corpus td {{ border-bottom: 1px solid #ddd; padding: 4px 8px; text-align: left;
                                     vertical-align: top; }}
 .note {{ color: #555; font-size: 0.9em; }}
 .skipped {{ border-left: 4px solid #b23c17; background: #fbe9e7; padding: 0.2em 1em; margin: 1em 0; }}
</style></head>
<body>
<h1>Newslens: how {articles} cover{'' if len(corpus) != 1 else 's'} one story</h1>
<p class="note">Corpus: {html.escape(corpus_name)}. Every number below is computed from the articles; each notebook
page shows the words and sentences behind it. {articles} {'are' if len(corpus) != 1 else 'is'} a small sample: read
differences as questions to ask, not conclusions.</p>
<h2>Headline findings</h2>
{_findings_html(headline_findings(corpus))}
<h2>The notebooks</h2>
<ol>{links}</ol>
<ul>{extras}</ul>
<h2>The articles</h2>
{_skipped_html(corpus)}{table}
<p class="note">A blank date or byline: none was found in the article's own text (in an HTML page, a "Posted by …"
line that the text extractor judged to be page furniture is left out; notebook 01's audit lists every line left out).
Look-alike letters: Cyrillic or Greek letters
that look like Latin ones, hidden in a copy's text and mapped back to Latin before any analysis (notebook 01).</p>
</body></html>
"""


#: Shown on the workshop pages, and in their links, in a report on any other corpus than the built-in one.
WORKSHOP_ELSEWHERE = ("These exercises are written for Newslens's built-in sample story (five web copies of the "
                      "September 2023 reports that Kim Jong Un would meet Vladimir Putin), not for the articles in "
                      "this report. For the sample story's report, run <code>make report</code> without CORPUS.")


#: Workshop pages listed last on the front page, marked as not for projecting: the facilitator guide projects it.
FACILITATORS_ONLY = frozenset({"answer_key"})


def workshop_pages(out: Path, sample_story: bool = True) -> list[tuple[str, str]]:
    """Render workshop/*.md to printable HTML pages under <report>/workshop/; (href, title) for each. In a report
    on another corpus (sample_story False) each page and link says the exercises are about the sample story."""
    import mistune

    if not WORKSHOP.is_dir():
        return []
    target = out / "workshop"
    target.mkdir(parents=True, exist_ok=True)
    links = []
    for md in sorted(WORKSHOP.glob("*.md"), key=lambda md: (md.stem in FACILITATORS_ONLY, md.stem)):
        text = md.read_text(encoding="utf-8")
        title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), md.stem)
        body = mistune.html(text)
        (target / f"{md.stem}.html").write_text(
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            '<style>body{font-family:"DejaVu Sans",Arial,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;'
            'line-height:1.5} @media print{a{color:inherit}}</style></head><body>'
            f'<p><a href="../index.html">Back to the report</a></p>'
            f'{"" if sample_story else f"<p><b>{WORKSHOP_ELSEWHERE}</b></p>"}{body}</body></html>', encoding="utf-8")
        links.append((f"workshop/{md.stem}.html",
                      f"Workshop: {title}" + (": not for projecting" if md.stem in FACILITATORS_ONLY else "")
                      + ("" if sample_story else " (for the built-in sample story)")))
    return links


def build(corpus_path: Path | None = None, progress: bool = True) -> Path:
    """Execute every notebook on a corpus and write the site; returns the folder holding index.html."""
    out = report_dir(corpus_path)
    fresh = not out.exists()
    try:
        return _build(out, corpus_path, progress)
    except BaseException:
        if fresh and out != REPORTS:  # a first build that failed leaves no half-written folder behind
            shutil.rmtree(out, ignore_errors=True)
        raise


def _build(out: Path, corpus_path: Path | None, progress: bool) -> Path:
    from . import results_cache
    from .corpus import load_corpus
    from .single_pass import analyse_ahead, worker_count

    code_out = out / "with-code"
    figures = out / "figures"
    for folder in (figures, code_out):
        shutil.rmtree(folder, ignore_errors=True)
    (out / SKIPPED_NAME).unlink(missing_ok=True)
    code_out.mkdir(parents=True, exist_ok=True)
    os.environ["NEWSLENS_FIGURES_DIR"] = str(figures)
    if corpus_path is not None:
        os.environ["NEWSLENS_CORPUS"] = str(corpus_path.resolve())
    corpus = load_corpus(corpus_path) if corpus_path is not None else load_corpus()
    skipped = corpus.attrs.get("skipped", [])
    if skipped:  # for the command line's closing summary
        (out / SKIPPED_NAME).write_text("".join(f"{name}: {reason}\n" for name, reason in skipped), encoding="utf-8")
    corpus_name = "embedded seed corpus (data/seeds)" if out == REPORTS else corpus_path.name
    workers = worker_count(corpus)
    if results_cache.enabled() and workers > 1:
        # a corpus big enough for two processes: parse it and compute the per-article tables once, on both cores,
        # before the notebooks (which would otherwise each parse it) read them back
        analyse_ahead(corpus, processes=workers, progress=progress)
    paths = notebooks()
    # notebooks are independent (each starts from load_corpus), so they run side by side, one kernel per core
    with ThreadPoolExecutor(max_workers=max(1, min(PARALLEL_KERNELS, os.cpu_count() or 1))) as pool:
        results = list(pool.map(lambda item: execute(item[1], progress=progress, position=item[0]),
                                enumerate(paths)))
    executed = list(zip(paths, results))
    pages = [Page(path.stem, _title(nb)) for path, nb in executed]
    for path, nb in executed:  # "Show the code" / "Hide the code" lead to the same notebook's other page
        (out / f"{path.stem}.html").write_text(
            render(nb, path.stem, _nav(pages, "", f"with-code/{path.stem}.html", "Show the code"), with_code=False),
            encoding="utf-8")
        (code_out / f"{path.stem}.html").write_text(
            render(nb, path.stem, _nav(pages, "", f"../{path.stem}.html", "Hide the code"), with_code=True),
            encoding="utf-8")
    extras = workshop_pages(out, sample_story=out == REPORTS) + \
        [("with-code/index.html", "The same pages with the code shown (for analysts)")]
    (out / "index.html").write_text(index_page(corpus, pages, corpus_name, extras), encoding="utf-8")
    (code_out / "index.html").write_text(
        index_page(corpus, pages, corpus_name, [("../index.html", "The pages without code (for readers)")]),
        encoding="utf-8")
    return out


#: What one build writes under its folder besides its pages (the seeds' folder, reports/, also holds the reports of
#: other corpora, one folder each, which are not part of its size).
REPORT_PARTS = frozenset({"with-code", "workshop", "figures"})


def report_size(out: Path) -> int:
    """Bytes of one report: its pages and the folders its build writes, not other corpora's reports beside them."""
    return sum(p.stat().st_size for p in out.rglob("*")
               if p.is_file() and (p.parent == out or p.relative_to(out).parts[0] in REPORT_PARTS))


def main(argv: list[str] | None = None) -> int:
    """Command line for `make report [CORPUS=folder]`."""
    parser = argparse.ArgumentParser(prog="python -m helpers.report", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=None, help="folder of .txt/.html articles (default: data/seeds)")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    args = parser.parse_args(argv)
    if args.corpus is not None and not args.corpus.is_dir():
        print(f"make report: corpus folder {args.corpus} not found (looked for {args.corpus.resolve()}); give "
              "CORPUS=the folder's full path, or a path relative to the Newslens folder (where make runs).",
              file=sys.stderr)
        return 2
    from .corpus import CorpusError

    started = time.perf_counter()
    try:
        out = build(args.corpus, progress=not args.quiet)
    except (ReportError, CorpusError) as err:
        print(f"make report stopped: {err}", file=sys.stderr)
        return 1
    size = report_size(out)
    print(f"Report written to {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}/index.html "
          f"({size / 1e6:.1f} MB, {time.perf_counter() - started:.0f} s)")
    skipped = (out / SKIPPED_NAME).read_text(encoding="utf-8").splitlines() if (out / SKIPPED_NAME).is_file() else []
    if skipped:
        print(f"{len(skipped)} file(s) or manifest row(s) were not read; the report's front page lists them:\n"
              + "\n".join(f"  {line}" for line in skipped), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
