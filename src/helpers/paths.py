"""Project paths, found from the package location (never from the working directory)."""
from __future__ import annotations

import os
from pathlib import Path

ROOT: Path = Path(__file__).resolve().parents[2]
DATA: Path = ROOT / "data"
SEEDS: Path = DATA / "seeds"
LEXICONS: Path = DATA / "lexicons"
VALIDATION: Path = DATA / "validation"
NOTEBOOKS: Path = ROOT / "notebooks"
REPORTS: Path = ROOT / "reports"


def cache_dir() -> Path:
    """Folder of the parse cache: $NEWSLENS_CACHE_DIR, else .cache/ under the project root."""
    return Path(os.environ.get("NEWSLENS_CACHE_DIR", ROOT / ".cache" / "parse"))


def corpus_dir() -> Path:
    """Corpus folder the notebooks read: $NEWSLENS_CORPUS (relative to the project root), else data/seeds."""
    value = os.environ.get("NEWSLENS_CORPUS")
    if not value:
        return SEEDS
    path = Path(value)
    return path if path.is_absolute() else ROOT / path
