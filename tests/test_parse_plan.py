"""How much text is parsed with two processes, and in what batches."""
from __future__ import annotations

import pytest

from helpers import nlp as nlp_module
from helpers.nlp import BATCH_SIZE, MULTIPROCESS_MIN_WORDS, parse_plan


def test_small_texts_parse_in_one_process() -> None:
    assert parse_plan(5, 2_742) == (1, BATCH_SIZE)  # the seeds
    assert parse_plan(30, MULTIPROCESS_MIN_WORDS - 1) == (1, BATCH_SIZE)


@pytest.mark.parametrize(("texts", "batch"), [(40, 5), (200, 25), (1_000, BATCH_SIZE)])
def test_larger_corpora_use_two_processes_with_fair_batches(texts: int, batch: int,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp_module.os, "cpu_count", lambda: 2)
    assert parse_plan(texts, MULTIPROCESS_MIN_WORDS) == (2, batch)


def test_one_core_never_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp_module.os, "cpu_count", lambda: 1)
    assert parse_plan(1_000, 10 * MULTIPROCESS_MIN_WORDS) == (1, BATCH_SIZE)


def _plan_in_daemon(queue) -> None:  # noqa: ANN001 - a multiprocessing queue
    queue.put(parse_plan(1_000, 10 * MULTIPROCESS_MIN_WORDS))


def test_daemonic_process_parses_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Dask worker is a daemonic process, and Python forbids those to start children: it parses in one process."""
    import multiprocessing

    monkeypatch.setattr(nlp_module.os, "cpu_count", lambda: 2)
    assert parse_plan(1_000, 10 * MULTIPROCESS_MIN_WORDS)[0] == 2  # the same call outside one
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=_plan_in_daemon, args=(queue,), daemon=True)
    worker.start()
    plan = queue.get(timeout=60)
    worker.join()
    assert plan == (1, BATCH_SIZE)
