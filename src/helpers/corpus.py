"""Load a folder of articles into the corpus DataFrame, and account for every line that did not reach the text."""
from __future__ import annotations

import codecs
import contextlib
import logging
import multiprocessing
import os
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .clean import CleanResult, clean_text, decisions_frame, word_count
from .paths import SEEDS

log = logging.getLogger(__name__)

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
#: Document formats people save articles in that are not text: skipped with advice to save the text instead.
DOCUMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".pages", ".epub")
HTML_SUFFIXES = (".html", ".htm")
#: Files larger than this are refused unread: news articles are kilobytes, not megabytes.
MAX_BYTES = 5 * 1024 * 1024
#: Longest article text Newslens parses: spaCy's default nlp.max_length (its parser refuses longer texts).
MAX_TEXT_CHARS = 1_000_000
MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("doc_id", "outlet", "url", "published", "notes")
CORPUS_COLUMNS = [
    "outlet", "label", "title", "date", "byline", "text", "raw", "n_words", "homoglyphs_fixed", "invisibles_removed",
    "n_paragraphs", "headings", "encoding", "file", "url", "notes",
]
AUDIT_COLUMNS = ["doc_id", "line_no", "line", "action", "reason"]


class CorpusError(ValueError):
    """The corpus folder or manifest cannot be used; the message names the file and the fix."""


class SkippedFileWarning(UserWarning):
    """One or more files were not loaded; each is named with the reason and listed in the audit."""


_format_warning = warnings.formatwarning


def _format_skipped(message, category, filename, lineno, line=None) -> str:  # noqa: ANN001 - warnings' signature
    """A SkippedFileWarning as its message alone: the code location Python adds (in a notebook, a temporary kernel
    file) tells a reader nothing about which article was skipped; other warnings keep the usual format."""
    if isinstance(category, type) and issubclass(category, SkippedFileWarning):
        return f"{category.__name__}: {message}\n"
    return _format_warning(message, category, filename, lineno, line)


warnings.formatwarning = _format_skipped


@dataclass(frozen=True)
class Skipped:
    """A file that was not loaded, and why."""

    file: str
    reason: str


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode article bytes: UTF-8 (BOM or not), UTF-16 with BOM, else cp1252; returns (text, encoding)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as err:
            raise CorpusError(f"{name}: starts with a UTF-16 byte-order mark but is not valid UTF-16 ({err.reason}); "
                              "re-save it as UTF-8.") from None
    if b"\x00" in data:
        raise CorpusError(f"{name}: contains NUL bytes, so it looks binary, not text; "
                          "export the article as plain text (UTF-8) or HTML.")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as err:
        raise CorpusError(f"{name}: byte {data[err.start]:#04x} at offset {err.start} is neither UTF-8 nor "
                          "Windows-1252; re-save the file as UTF-8.") from None


def _name_text(name: str) -> str:
    """A file name as printable text: a name whose bytes are not UTF-8 (Latin-1 from an old zip) is decoded like
    article bytes, so no lone surrogate reaches a doc_id, a CSV or a report."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        try:
            return decode_bytes(os.fsencode(name))[0]
        except CorpusError:
            return os.fsencode(name).decode("utf-8", "replace")


def _html_to_text(html: str) -> tuple[str, dict[str, str | None]]:
    """Article body and metadata of an HTML page, by trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False,
                                      favor_recall=True)  # keeps <h2> sub-headings, which the default drops
    if doc is None:
        return "", {}
    data = doc if isinstance(doc, dict) else doc.as_dict()
    body = data.get("text") or ""
    return body, {"title": data.get("title"), "date": data.get("date"), "byline": data.get("author")}


#: Block elements of a page: each one's own text (inline children such as links and buttons included, nested blocks
#: left to themselves) is compared with the extracted article body.
TEXT_BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "blockquote", "td", "th", "dt",
                         "dd", "caption", "address", "pre", "summary", "div", "section", "aside", "header", "footer",
                         "nav", "article", "form", "figure", "main", "body", "ul", "ol", "dl", "table", "tr"})
NOT_TEXT = frozenset({"script", "style", "noscript", "template", "head", "svg"})
LANDMARKS = ("nav", "header", "footer", "aside", "form")


def _own_text(element) -> str:  # noqa: ANN001 - lxml element
    """A block's text without its nested blocks (and without scripts), white space collapsed."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in TEXT_BLOCKS and child.tag not in NOT_TEXT:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return " ".join(" ".join(parts).split())


def html_blocks_left_out(html: str, body: str) -> list[tuple[int, str, str]]:
    """The page's text blocks (a menu, a cookie notice, share buttons, a caption, a footer) whose text is not in the
    article body trafilatura extracted: (source line, text, where: the tag and any enclosing nav/header/footer/aside)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    kept = " ".join(body.split())
    found = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag not in TEXT_BLOCKS:
            continue
        if any(a.tag in NOT_TEXT for a in element.iterancestors()):
            continue
        text = _own_text(element)
        if not text or text in kept:
            continue
        landmark = next((a.tag for a in element.iterancestors() if a.tag in LANDMARKS), None)
        found.append((element.sourceline or 0, text, f"<{element.tag}>" + (f" in <{landmark}>" if landmark else "")))
    return found


def _clean(raw: str, is_html: bool) -> tuple[CleanResult, dict[str, str | None], str]:
    """A raw file's cleaning, its HTML metadata and the text that was cleaned (an HTML page's extracted body): the one
    path both ingestion and the audit take, so the audit lists exactly what ingestion did."""
    if not is_html:
        return clean_text(raw), {}, raw
    body, meta = _html_to_text(raw)
    return clean_text(body, html_subheadings(raw)), meta, body


def html_subheadings(html: str) -> list[str]:
    """The texts of a page's sub-headings (<h2> to <h6>), white space collapsed: trafilatura keeps them as lines of
    the body, where a question heading ("What happened?") would otherwise read as a sentence."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    texts = (" ".join(element.text_content().split()) for element in root.iter("h2", "h3", "h4", "h5", "h6"))
    return [text for text in texts if text]


def read_manifest(folder: Path, manifest: str | Path | None) -> pd.DataFrame:
    """The manifest (doc_id, outlet, url, published, notes[, label]) or an empty one when there is none."""
    path = Path(manifest) if manifest is not None else folder / MANIFEST_NAME
    if not path.is_absolute() and manifest is not None and not path.exists():
        path = folder / path
    if not path.is_file():
        if manifest is not None:
            raise CorpusError(f"{path}: manifest not found; pass manifest=None to load without one.")
        return pd.DataFrame(columns=list(MANIFEST_COLUMNS)).set_index("doc_id")
    import csv
    from io import StringIO

    numbered = [(n, ln) for n, ln in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1)
                if ln.strip() and not ln.lstrip().startswith("#")]
    rows = list(csv.reader([ln for _, ln in numbered]))
    for (n, _), row in zip(numbered[1:], rows[1:]):  # extra values cannot be placed (a short row just ends early)
        if rows and len(row) > len(rows[0]):
            raise CorpusError(f"{path.name}: line {n} has {len(row)} values but the header has {len(rows[0])} "
                              f"({', '.join(rows[0])}); put a value that holds a comma in double quotes "
                              '("Times, London").')
    table = pd.read_csv(StringIO("\n".join(ln for _, ln in numbered)), dtype=str, keep_default_na=False)
    if "doc_id" not in table.columns:
        raise CorpusError(f"{path.name}: the manifest needs a doc_id column (the file name without extension); "
                          f"found columns {list(table.columns)}.")
    # "wire_report.txt" for "wire_report": the file name with its extension names the same article
    table["doc_id"] = [d.strip()[: -len(Path(d.strip()).suffix)] if Path(d.strip()).suffix.lower() in ARTICLE_SUFFIXES
                       else d.strip() for d in table["doc_id"]]
    duplicated = table["doc_id"][table["doc_id"].duplicated()].tolist()
    if duplicated:
        raise CorpusError(f"{path.name}: doc_id {duplicated[0]!r} appears more than once; keep one row per article.")
    return table.set_index("doc_id")


def _article_files(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """Article files directly in the folder (no recursion), sorted; links and odd entries are skipped with a reason."""
    files, skipped = [], []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or entry.name == MANIFEST_NAME:
            continue
        if entry.is_symlink():
            skipped.append(Skipped(entry.name, "is a symbolic link; links are not followed, copy the file in instead"))
        elif entry.is_dir():
            skipped.append(Skipped(entry.name, "is a folder; sub-folders are not read, move its articles up a level"))
        elif entry.suffix.lower() in ARTICLE_SUFFIXES:
            files.append(entry)
        elif entry.suffix.lower() in DOCUMENT_SUFFIXES:
            skipped.append(Skipped(entry.name, f"is a {entry.suffix.lower()} document, not plain text; open it and "
                                               "save or paste its text into a .txt file (or save the web page as .html)"))
        elif entry.suffix.lower() not in (".csv", ".md", ".json"):
            skipped.append(Skipped(entry.name, f"has extension {entry.suffix or '(none)'!r}; rename it to .txt or .html"))
    return files, skipped


def _read_article(path: Path) -> tuple[str, str]:
    if not path.is_file():
        raise CorpusError(f"{path.name}: is not a regular file (a pipe, socket or device); copy the article into a "
                          "plain file.")
    size = path.stat().st_size
    if size == 0:
        raise CorpusError(f"{path.name}: the file is empty; remove it or paste the article text into it.")
    if size > MAX_BYTES:
        raise CorpusError(f"{path.name}: {size / 1e6:.1f} MB is over the {MAX_BYTES / 1e6:.0f} MB limit for one "
                          "article; split it into one file per article.")
    raw, encoding = decode_bytes(path.read_bytes(), path.name)
    if not raw.strip():
        raise CorpusError(f"{path.name}: the file holds only white space; remove it or paste the article text into it.")
    return raw, encoding


def _row(doc_id: str, path: Path, raw: str, encoding: str, meta: pd.Series | None) -> dict:
    result, html_meta, _ = _clean(raw, path.suffix.lower() in HTML_SUFFIXES)
    manifest = {k: v for k, v in (meta.to_dict() if meta is not None else {}).items() if v}
    found = {"title": result.title, "date": result.date, "byline": result.byline}
    for key, value in html_meta.items():
        found[key] = found[key] or value
    outlet = manifest.get("outlet")
    return {
        "doc_id": doc_id,
        "outlet": outlet or doc_id,
        "label": manifest.get("label") or outlet or doc_id,
        "title": manifest.get("title") or found["title"],
        "date": manifest.get("published") or found["date"],
        "byline": manifest.get("byline") or found["byline"],
        "text": result.text,
        "raw": raw,
        "n_words": word_count(result.text),
        "homoglyphs_fixed": result.homoglyphs_fixed,
        "invisibles_removed": result.invisibles_removed,
        "n_paragraphs": len([p for p in result.text.split("\n\n") if p.strip()]),
        "headings": result.headings,
        "encoding": encoding,
        "file": _name_text(path.name),
        "url": manifest.get("url"),
        "notes": manifest.get("notes"),
    }


#: Folders with more article files than this are read on two processes where processes fork (Linux): ingestion is
#: a pure function of each file (1,000 synthetic files: 1.3-1.5 s on one process, 0.9 s on two).
PARALLEL_MIN_FILES = 300
FILES_PER_TASK = 50


def _load_file(path: Path, doc_id: str, meta: pd.Series | None) -> tuple[str, dict | str]:
    """One file's corpus row ("row", row), or why it is skipped ("unreadable" / "too long", reason)."""
    try:
        raw, encoding = _read_article(path)
    except CorpusError as err:
        return "unreadable", str(err).split(": ", 1)[-1]
    except OSError as err:
        return "unreadable", f"could not be read ({err.strerror}); check its permissions"
    row = _row(doc_id, path, raw, encoding, meta)
    if len(row["text"]) > MAX_TEXT_CHARS:
        return "too long", (f"its text is {len(row['text']):,} characters, over the {MAX_TEXT_CHARS:,} one parse can "
                            "take; split it into one file per article")
    return "row", row


@contextlib.contextmanager
def _file_pool(n_files: int) -> Iterator[ProcessPoolExecutor | None]:
    """Two forked processes for a large folder on a machine with two cores or more; None (read here) otherwise."""
    if n_files <= PARALLEL_MIN_FILES or (os.cpu_count() or 1) < 2 or not sys.platform.startswith("linux"):
        yield None
        return
    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork"))
    try:
        yield pool
    finally:  # an error or Ctrl-C part-way through does not wait for the rest of the folder to be read
        pool.shutdown(wait=True, cancel_futures=True)


def load_corpus(path: str | Path = SEEDS, manifest: str | Path | None = None, *, progress: bool | None = None) -> pd.DataFrame:
    """Load every .txt/.html article in a folder: one row per article, index doc_id (the file stem)."""
    folder = Path(path)
    if not folder.is_absolute() and not folder.exists():
        from .paths import ROOT

        folder = ROOT / folder
    if not folder.is_dir():
        raise CorpusError(f"{path}: not a folder; point load_corpus at a folder of .txt or .html articles.")
    table = read_manifest(folder, manifest)
    files, skipped = _article_files(folder)
    from tqdm import tqdm

    show = progress if progress is not None else len(files) > 200
    doc_ids = [_name_text(f.stem) for f in files]
    metas = [table.loc[doc_id] if doc_id in table.index else None for doc_id in doc_ids]
    with _file_pool(len(files)) as pool:
        loaded_files = pool.map(_load_file, files, doc_ids, metas, chunksize=FILES_PER_TASK) if pool is not None \
            else map(_load_file, files, doc_ids, metas)
        rows, unused = kept_rows(files, doc_ids, tqdm(loaded_files, total=len(files), desc="Loading articles",
                                                       unit="file", disable=not show))
    return finished_corpus(folder, table, corpus_frame([row for _, row in rows]), skipped + [s for _, s in unused])


def kept_rows(files: list[Path], doc_ids: list[str],
              loaded: Iterable[tuple[str, dict | str]]) -> tuple[list[tuple[int, dict]], list[tuple[int, Skipped]]]:
    """The corpus rows among the files' _load_file results (the first readable file of each doc_id) and the files not
    used and why, each with its file's position in `files`."""
    rows, skipped, seen = [], [], set()
    for k, (file, doc_id, (kind, value)) in enumerate(zip(files, doc_ids, loaded)):
        if kind == "row" and doc_id not in seen:
            rows.append((k, value))
            seen.add(doc_id)
        elif kind == "unreadable" or doc_id not in seen:  # value says why the file cannot be used
            skipped.append((k, Skipped(file.name, value)))
        else:  # a second file of that name (read or too long): the name is what to fix first
            skipped.append((k, Skipped(file.name, f"has the same name as another article ({doc_id}); rename one of them")))
    return rows, skipped


def corpus_frame(rows: list[dict]) -> pd.DataFrame:
    """Corpus rows as the corpus table (index doc_id)."""
    if not rows:
        return pd.DataFrame(columns=CORPUS_COLUMNS, index=pd.Index([], name="doc_id"))
    corpus = pd.DataFrame(rows).set_index("doc_id")[CORPUS_COLUMNS]
    corpus["n_words"] = corpus["n_words"].astype(int)
    return corpus


def finished_corpus(folder: Path, table: pd.DataFrame, corpus: pd.DataFrame, skipped: list[Skipped]) -> pd.DataFrame:
    """The loaded articles with every skipped file and unmatched manifest row recorded (and warned about); a
    CorpusError naming the folder when no article could be loaded."""
    loaded = set(corpus.index)
    for doc_id in table.index:
        if ".." in doc_id or "/" in doc_id or "\\" in doc_id:
            skipped.append(Skipped(MANIFEST_NAME, f"row {doc_id!r} names a path outside the corpus folder; "
                                                  "use the file name without extension as doc_id"))
        elif doc_id not in loaded and not any(s.file.startswith(doc_id + ".") for s in skipped):
            import difflib

            close = difflib.get_close_matches(doc_id, [str(d) for d in loaded if d not in table.index], n=1)
            skipped.append(Skipped(MANIFEST_NAME, f"row {doc_id!r} names no article in {folder.name}/; "
                                                  + (f"did you mean {close[0]!r}? " if close else "")
                                                  + "fix the name, add the file or delete the row"))
    skipped = [Skipped(_name_text(s.file), s.reason) for s in skipped]
    if skipped:
        listing = "\n".join(f"  {s.file}: {s.reason}" for s in skipped)
        warnings.warn(f"{len(skipped)} file(s) or manifest row(s) skipped in {folder.name}/:\n{listing}",
                      SkippedFileWarning, stacklevel=3)
    if corpus.empty:
        raise CorpusError(f"{folder}: no article could be loaded (.txt, .html or .htm, directly in the folder)"
                          + (f"; skipped: {'; '.join(f'{s.file} {s.reason}' for s in skipped)}" if skipped else "")
                          + ".")
    corpus.attrs["skipped"] = [(s.file, s.reason) for s in skipped]
    corpus.attrs["folder"] = folder.name
    return corpus


def article_labels(corpus: pd.DataFrame) -> dict:
    """Short name per article for charts and tables: its manifest label, else its doc_id."""
    labels = corpus["label"] if "label" in corpus else pd.Series(index=corpus.index, dtype=object)
    return {d: (str(v) if isinstance(v, str) and v.strip() else str(d)) for d, v in labels.items()}


def article_label(corpus: pd.DataFrame, doc_id: object) -> str:
    """Short name of one article (see article_labels)."""
    value = corpus.loc[doc_id, "label"] if "label" in corpus else None
    return str(value) if isinstance(value, str) and value.strip() else str(doc_id)


def audit(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every non-blank raw line that did not go unchanged into `text`, plus every skipped file, with the reason."""
    frames = []
    for doc_id, row in corpus.iterrows():
        is_html = str(row.get("file", "")).lower().endswith(HTML_SUFFIXES)
        result, _, body = _clean(row["raw"], is_html)
        frame = decisions_frame(str(doc_id), result)
        if is_html:  # every text block of the page that is not in the article, then the body's own line decisions
            note = {"doc_id": str(doc_id), "line_no": 0, "line": f"<{len(row['raw'].splitlines())} lines of HTML>",
                    "action": "extracted", "reason": "HTML page: article body taken by trafilatura; next, the "
                                                     "page's other text blocks (line_no: their line in the HTML), then "
                                                     "the body's own lines (line_no: line of the extracted text)"}
            left_out = [{"doc_id": str(doc_id), "line_no": line, "line": text, "action": "removed",
                         "reason": f"not in the article body: page furniture ({where})"}
                        for line, text, where in html_blocks_left_out(row["raw"], body)]
            frame = pd.concat([pd.DataFrame([note] + left_out), frame], ignore_index=True)
        frames.append(frame)
    skipped = [{"doc_id": Path(f).stem, "line_no": 0, "line": f, "action": "skipped", "reason": reason}
               for f, reason in corpus.attrs.get("skipped", [])]
    frames.append(pd.DataFrame(skipped, columns=AUDIT_COLUMNS))
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=AUDIT_COLUMNS)
    return pd.concat(frames, ignore_index=True)[AUDIT_COLUMNS]


def corpus_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """The corpus at a glance: one row per article with its metadata and sizes (no text)."""
    columns = ["label", "outlet", "title", "date", "byline", "n_words", "n_paragraphs", "homoglyphs_fixed", "encoding"]
    return corpus[columns].copy()


def by_article(table: pd.DataFrame) -> Callable[[object], pd.DataFrame]:
    """A lookup from doc_id to that article's rows of a per-row table (empty frame when it has none): one pass over
    the table instead of one filter per article, so per-article loops stay linear in the corpus size."""
    groups = {doc_id: rows for doc_id, rows in table.groupby("doc_id", sort=False)} if len(table) else {}
    empty = table.iloc[0:0]
    return lambda doc_id: groups.get(doc_id, empty)


def raw_line_summary(corpus: pd.DataFrame, audit_table: pd.DataFrame) -> pd.DataFrame:
    """Per article: non-blank raw lines, how many went into the text verbatim, repaired, moved or removed."""
    rows = []
    audit_of = by_article(audit_table)
    for doc_id, row in corpus.iterrows():
        mine = audit_of(doc_id)["action"].value_counts().drop("extracted", errors="ignore")
        if str(row.get("file", "")).lower().endswith(HTML_SUFFIXES):
            # lines of text, not of markup: those in the article text, plus every audited one not in it (blocks of
            # the page left out, and the body's lines that were moved or removed)
            total = sum(1 for line in row["text"].splitlines() if line.strip()) + int(mine.sum()) \
                - int(mine.get("repaired", 0))
        else:
            total = sum(1 for line in row["raw"].splitlines() if line.strip())
        moved = int(sum(mine.get(a, 0) for a in ("title", "byline", "date", "heading")))
        rows.append({"doc_id": doc_id, "label": row["label"], "raw_lines": total,
                     "verbatim": total - int(mine.sum()), "repaired": int(mine.get("repaired", 0)),
                     "moved_to_metadata": moved, "removed": int(mine.get("removed", 0))})
    return pd.DataFrame(rows)
