"""Shared test fixtures: the seed corpus and the spaCy pipeline load once per session; a network blocker."""
from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pandas as pd
import pytest

import helpers

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests parse into their own cache folder, so they never depend on (or disturb) a developer's cache."""
    if "NEWSLENS_CACHE_DIR" not in os.environ:
        os.environ["NEWSLENS_CACHE_DIR"] = str(tmp_path_factory.mktemp("parse-cache"))


@pytest.fixture(scope="session")
def corpus() -> pd.DataFrame:
    """The embedded seed corpus (five articles)."""
    return helpers.load_corpus()


@pytest.fixture(scope="session")
def nlp():  # noqa: ANN201
    """The spaCy pipeline Newslens uses."""
    return helpers.load_pipeline()


@pytest.fixture(scope="session")
def reuse_corpus(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """The hand-built reuse fixtures (tests/fixtures/reuse): a source, its rewrites and independent reports."""
    folder = tmp_path_factory.mktemp("reuse")
    for path in (FIXTURES / "reuse").glob("*.txt"):
        shutil.copy(path, folder / path.name)
    return helpers.load_corpus(folder)


def make_corpus(tmp_path: Path, articles: dict[str, str], manifest: str | None = None) -> pd.DataFrame:
    """A corpus from a dict of file name -> text, written into tmp_path."""
    for name, text in articles.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    if manifest is not None:
        (tmp_path / "manifest.csv").write_text(manifest, encoding="utf-8")
    return helpers.load_corpus(tmp_path)


class NetworkBlocked(RuntimeError):
    """A test tried to open a network connection."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to resolve a name or connect a socket raises NetworkBlocked."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkBlocked(f"network access attempted: {args[:2]}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


# Hypothesis: a CI profile with a few hundred examples per property, and `make fuzz` with ten thousand or more.
try:
    from hypothesis import HealthCheck, settings

    settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.register_profile("fuzz", max_examples=10_000, deadline=None,
                              suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
except ImportError:  # hypothesis is a test extra; without it the property tests are skipped
    pass
