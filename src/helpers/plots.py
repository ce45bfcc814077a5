"""Every Newslens chart: a tidy DataFrame in, one matplotlib Figure out; one palette and one colour per outlet."""
from __future__ import annotations

from collections.abc import Iterable

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

#: Okabe & Ito (2008) colour-blind-safe palette, in the order outlets are assigned colours.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
GREY = "#999999"
#: Diverging colour map for signed scores (sentiment, z): blue negative, red positive; colour-blind safe.
DIVERGING = "RdBu_r"
SEQUENTIAL = "cividis"


def setup() -> None:
    """Deterministic, offline chart defaults (bundled DejaVu font, fixed SVG ids, no timestamps)."""
    plt.rcParams.update({
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "figure.figsize": (8, 4.5),
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
        "svg.hashsalt": "newslens",
        "svg.fonttype": "none",
    })
    pd.set_option("display.max_colwidth", 120)
    pd.set_option("display.width", 160)


def outlet_colors(labels: Iterable[str]) -> dict[str, str]:
    """One colour per outlet label, assigned in sorted order so every notebook agrees."""
    ordered = sorted(dict.fromkeys(str(label) for label in labels))
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(ordered)}


def corpus_colors(corpus: pd.DataFrame) -> dict[str, str]:
    """Colour per outlet label of a corpus, keyed by label (the short name charts show)."""
    return outlet_colors(corpus["label"])


def _new(figsize: tuple[float, float] | None = None) -> tuple[Figure, plt.Axes]:
    fig, ax = plt.subplots(figsize=figsize or plt.rcParams["figure.figsize"], layout="constrained")
    return fig, ax


# --- ingestion (notebook 01) -----------------------------------------------------------------------------------------


def raw_line_fates(summary: pd.DataFrame) -> Figure:
    """Stacked bars: each article's non-blank raw lines by fate (verbatim, repaired, moved to metadata, removed)."""
    fates = [("verbatim", GREY), ("repaired", PALETTE[1]), ("moved_to_metadata", PALETTE[0]), ("removed", PALETTE[5])]
    data = summary.sort_values("label", key=lambda s: s.str.lower()).reset_index(drop=True)
    fig, ax = _new((8, 0.55 * len(data) + 2))
    left = pd.Series(0, index=data.index)
    for fate, color in fates:
        ax.barh(data["label"], data[fate], left=left, label=fate.replace("_", " "), color=color)
        left += data[fate]
    ax.invert_yaxis()
    ax.set_xlabel("non-blank raw lines (count)")
    ax.set_title("What ingestion did with each article's lines")
    ax.legend(ncols=4, loc="upper center", bbox_to_anchor=(0.5, -0.18), frameon=False)
    return fig


def homoglyph_counts(corpus: pd.DataFrame) -> Figure:
    """Bars: look-alike letters repaired per article."""
    data = corpus.sort_values("label", key=lambda s: s.str.lower())
    colors = corpus_colors(corpus)
    fig, ax = _new((8, 0.5 * len(data) + 1.6))
    ax.barh(data["label"], data["homoglyphs_fixed"], color=[colors[l] for l in data["label"]])
    for y, value in enumerate(data["homoglyphs_fixed"]):
        ax.annotate(f"{value:,}", (value, y), xytext=(3, 0), textcoords="offset points", va="center")
    ax.invert_yaxis()
    ax.set_xlabel("look-alike letters mapped to Latin (count)")
    ax.set_title("Hidden look-alike letters per article")
    return fig


# --- entities (notebook 02) ------------------------------------------------------------------------------------------

# --- readability and sentiment (notebook 03) -------------------------------------------------------------------------

# --- framing and sourcing (notebook 04) ------------------------------------------------------------------------------

# --- provenance (notebook 05) ----------------------------------------------------------------------------------------
