"""Newslens helpers: load a corpus of articles on one story and compare how outlets cover it.

The public API is imported lazily, so `import helpers` is quick and spaCy loads only when a function needs it.
"""
from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: public name -> module that defines it
_API = {
    "ROOT": "paths",
    "load_corpus": "corpus",
    "audit": "corpus",
    "CorpusError": "corpus",
    "SkippedFileWarning": "corpus",
    "repair_text": "clean",
    "clean_text": "clean",
    "read_lexicon": "lexicons",
    "load_pipeline": "nlp",
    "parse": "nlp",
    "analyse_ahead": "single_pass",
    "sentences": "nlp",
    "entity_mentions": "entities",
    "entity_counts": "entities",
    "readability": "readability",
    "readability_measures": "readability",
    "sentence_sentiment": "sentiment",
    "article_sentiment": "sentiment",
    "entity_sentiment": "sentiment",
    "sentiment_scores": "sentiment",
    "distinctive_terms": "framing",
    "hedging": "framing",
    "frames": "framing",
    "headlines": "framing",
    "quotes": "sourcing",
    "sources": "sourcing",
    "text_reuse": "reuse",
    "claims": "reuse",
    "plots": None,
    "notebook": None,
    "lookalikes": None,
    "distributed": None,
    "corpus_table": "corpus",
    "raw_line_summary": "corpus",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    module_name = _API[name]
    if module_name is None:
        return importlib.import_module(f".{name}", __name__)
    return getattr(importlib.import_module(f".{module_name}", __name__), name)


def __dir__() -> list[str]:
    return __all__


# `readability` is both a module and its main function: bind the function eagerly (the module is light), so the
# submodule import cannot shadow it; `from helpers.readability import ...` still reaches the module.
from .readability import readability  # noqa: E402
