"""Editable knowledge tables under data/lexicons/: CSV files with '#' comment lines on top saying where entries come from."""
from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .paths import LEXICONS


class LexiconError(ValueError):
    """A lexicon file is missing, malformed or lacks required columns."""


def read_lexicon(name: str, required: tuple[str, ...] = (), folder: Path | None = None) -> pd.DataFrame:
    """Read data/lexicons/<name>.csv (leading '#' lines are comments) and check its columns."""
    path = (folder or LEXICONS) / f"{name}.csv"
    return _read_cached(path, required).copy()


@lru_cache(maxsize=64)
def _read_cached(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    if not path.is_file():
        raise LexiconError(f"{path.name}: lexicon not found at data/lexicons/{path.name}; restore it from git.")
    lines = path.read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if not line.lstrip().startswith("#")]
    table = pd.read_csv(io.StringIO("\n".join(body)), dtype=str, keep_default_na=False)
    missing = [column for column in required if column not in table.columns]
    if missing:
        raise LexiconError(f"{path.name}: missing column(s) {missing}; the header must include {list(required)}.")
    return table


def lexicon_source(name: str, folder: Path | None = None) -> str:
    """The comment lines on top of a lexicon: where its entries come from."""
    path = (folder or LEXICONS) / f"{name}.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line.lstrip("# ").rstrip() for line in lines if line.lstrip().startswith("#"))
