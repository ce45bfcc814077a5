"""A hostile corpus: odd names, links, NUL bytes, hidden characters, a 50 MB file, nested folders, 10,000 files."""
from __future__ import annotations

import importlib.util
import time
import warnings
from pathlib import Path

import pytest

import helpers
from helpers.corpus import SkippedFileWarning

_spec = importlib.util.spec_from_file_location("make_hostile", Path(__file__).parent / "fixtures" / "hostile" /
                                               "make_hostile.py")
make_hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_hostile)

#: Bound stated in the README for loading 10,000 small files on a 2-core machine.
MANY_FILES_SECONDS = 90


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("hostile")
    expect = make_hostile.make_hostile(root / "corpus", big=True, outside=root)
    return root / "corpus", expect


def test_hostile_folder_loads_good_files_and_reports_the_rest(hostile, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    folder, expect = hostile
    read = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: (read.append(self.name), original(self))[1])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = helpers.load_corpus(folder, progress=False)
    loaded = {Path(f).name for f in corpus["file"]}
    assert loaded == {name for name, fate in expect.items() if fate.startswith("load")}
    skipped = {name for name, _ in corpus.attrs["skipped"]}
    assert skipped == {name for name, fate in expect.items() if fate.startswith("skip")}
    messages = " ".join(str(w.message) for w in caught if issubclass(w.category, SkippedFileWarning))
    for name in skipped:
        assert name in messages
    assert "huge.txt" not in read  # refused from its size, never read into memory
    assert "outside-target.txt" not in read  # the link is not followed
    audit = helpers.audit(corpus)
    assert set(audit.loc[audit["action"] == "skipped", "doc_id"]) >= {"huge", "nul", "empty"}


def test_hidden_characters_are_removed_counted_and_audited(hostile) -> None:  # noqa: ANN001
    folder, _ = hostile
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkippedFileWarning)
        corpus = helpers.load_corpus(folder, progress=False)
    row = corpus.loc["hidden"]
    assert row["invisibles_removed"] == 4
    assert "Kim Jong Un will meet Vladimir Putin" in row["text"]
    audit = helpers.audit(corpus)
    reasons = audit.loc[audit["doc_id"] == "hidden", "reason"]
    assert reasons.str.contains("invisible").sum() == 2  # both lines that carried hidden characters


@pytest.mark.slow
def test_ten_thousand_small_files_load_in_bounded_time(tmp_path: Path) -> None:
    make_hostile.make_many(tmp_path / "many")
    started = time.perf_counter()
    corpus = helpers.load_corpus(tmp_path / "many", progress=True)
    elapsed = time.perf_counter() - started
    assert len(corpus) == make_hostile.MANY
    assert elapsed < MANY_FILES_SECONDS, f"{elapsed:.0f} s"
