"""The benchmark runs end to end on a tiny synthetic corpus and reports every figure issue 8 asks for."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import pipeline


def test_synthetic_corpus_is_deterministic_and_spread_over_outlets(tmp_path: Path) -> None:
    pipeline.synthetic_corpus(tmp_path / "a", 25, keep=0.25, vocabulary="dictionary")
    pipeline.synthetic_corpus(tmp_path / "b", 25, keep=0.25, vocabulary="dictionary")
    names = sorted(p.name for p in (tmp_path / "a").glob("*.txt"))
    assert len(names) == 25 and names[0] == "synthetic_00000.txt"
    assert all((tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names)
    manifest = (tmp_path / "a" / "manifest.csv").read_text(encoding="utf-8").splitlines()
    assert manifest[0] == "doc_id,outlet" and len(manifest) == 26
    assert len({line.split(",")[1] for line in manifest[1:]}) == pipeline.OUTLETS
    with pytest.raises(ValueError, match="vocabulary"):
        pipeline.synthetic_corpus(tmp_path / "c", 1, vocabulary="klingon")


def test_naive_baseline_reads_every_article_load_corpus_reads(tmp_path: Path) -> None:
    """(c) must do the same work as (b): HTML and non-UTF-8 files too, not only UTF-8 .txt."""
    (tmp_path / "a.txt").write_bytes("Caf\xe9 owners met on Monday.".encode("cp1252"))
    (tmp_path / "b.html").write_text("<html><body><article><p>" + "The summit opened in Vladivostok. " * 12
                                     + "</p></article></body></html>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    frame = pipeline.naive_read(tmp_path)
    assert [p.name for p in frame["path"]] == ["a.txt", "b.html"]
    assert frame["text"].iloc[0] == "Caf\ufffd owners met on Monday."
    assert frame["text"].iloc[1].startswith("The summit opened in Vladivostok.") and "<p>" not in frame["text"].iloc[1]


def test_benchmark_reports_ratios_memory_and_stages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLENS_CACHE_DIR", str(tmp_path / "unused"))  # main() points it elsewhere; restored after
    out = tmp_path / "result.json"
    assert pipeline.main(["--articles", "8", "--out", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["articles"] == 8 and result["words"] > 1_000
    stages = ["load_corpus", "parse_and_per_article", "entity_counts", "readability", "sentence_sentiment", "quotes",
              "distinctive_terms", "text_reuse"]
    assert list(result["stages_cold_s"]) == stages and list(result["stages_warm_s"]) == stages
    assert result["pipeline_cold_s"] == pytest.approx(sum(result["stages_cold_s"].values()), abs=0.05)
    for stage, runs in result["runs_s"].items():  # two interleaved runs of each; the fastest is the one reported
        assert len(runs) == 2 and min(runs) == pytest.approx(result[f"{stage}_s"], abs=0.01), stage
    assert 0 < result["ratio_pipeline_over_bare"] and 0 < result["ratio_pipeline_over_naive"]
    assert result["pipeline_warm_s"] < result["pipeline_cold_s"]  # the results cache answered
    assert result["stages_warm_s"]["text_reuse"] < result["stages_cold_s"]["text_reuse"]
    assert result["peak_rss_mb"] >= max(result["peak_rss_mb_after_stage"].values()) > 0
