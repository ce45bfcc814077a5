"""Every Newslens chart: a tidy DataFrame in, one matplotlib Figure out; one palette and one colour per outlet."""
from __future__ import annotations

from collections.abc import Iterable

import matplotlib
import matplotlib.image
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


def _annotated_heatmap(ax: plt.Axes, table: pd.DataFrame, cmap: str, fmt: str = "{:.1f}",
                       vmin: float | None = None, vmax: float | None = None) -> matplotlib.image.AxesImage:
    """Draw a table as a heatmap with each cell's value written on it (dark text on light cells and vice versa)."""
    image = ax.imshow(table.to_numpy(dtype=float), cmap=cmap, aspect="auto", vmin=vmin, vmax=vmax)
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], rotation=45, ha="right")
    ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
    norm = image.norm
    for (i, j), value in pd.DataFrame(table.to_numpy(dtype=float)).stack().items():
        shade = norm(value) if norm.vmax != norm.vmin else 0.5
        ax.text(j, i, fmt.format(value), ha="center", va="center", fontsize=8,
                color="white" if (shade < 0.35 if cmap == SEQUENTIAL else abs(shade - 0.5) > 0.3) else "black")
    ax.spines[:].set_visible(False)
    return image


def top_entities(table: pd.DataFrame) -> Figure:
    """Horizontal bars: mentions of the most mentioned entities, with how many articles carry each."""
    data = table.iloc[::-1]
    fig, ax = _new((8, 0.32 * len(data) + 1.5))
    ax.barh(data["entity"], data["mentions"], color=PALETTE[0])
    for y, (mentions, articles) in enumerate(zip(data["mentions"], data["articles"])):
        ax.annotate(f"{mentions} in {articles} art.", (mentions, y), xytext=(3, 0), textcoords="offset points",
                    va="center", fontsize=8)
    ax.set_xlabel("mentions across all articles (count)")
    ax.set_title("Who and what the story is about")
    ax.margins(x=0.15)
    return fig


def entity_heatmap(matrix: pd.DataFrame) -> Figure:
    """Heatmap: mentions per 1,000 words, article (rows) × entity (columns)."""
    fig, ax = _new((max(6.0, 0.6 * matrix.shape[1] + 3), 0.5 * matrix.shape[0] + 2.2))
    image = _annotated_heatmap(ax, matrix, SEQUENTIAL, fmt="{:.0f}")
    fig.colorbar(image, ax=ax, label="mentions per 1,000 words", shrink=0.8)
    ax.set_title("How much each article talks about each entity")
    return fig


def first_positions(counts: pd.DataFrame, entities: list[str], colors: dict[str, str]) -> Figure:
    """Dot plot: where in each article (0 = first word, 1 = last) each entity is first mentioned."""
    data = counts[counts["entity"].isin(entities)]
    fig, ax = _new((8, 0.45 * len(entities) + 1.8))
    y_of = {entity: i for i, entity in enumerate(entities)}
    articles = sorted(data["article"].unique(), key=str.lower)
    offsets = {a: (k - (len(articles) - 1) / 2) * 0.12 for k, a in enumerate(articles)}
    for article in articles:
        rows = data[data["article"] == article]
        ax.scatter(rows["first_position"], [y_of[e] + offsets[article] for e in rows["entity"]],
                   color=colors.get(article, GREY), label=article, s=30, zorder=3)
    ax.set_yticks(range(len(entities)), entities)
    ax.invert_yaxis()
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("position of first mention (0 = first word of the article, 1 = last)")
    ax.set_title("How early each article names each entity")
    ax.grid(axis="x", color="#dddddd", zorder=0)
    ax.legend(ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False)
    return fig


def cooccurrence_matrix(pairs: pd.DataFrame, entities: list[str]) -> Figure:
    """Heatmap: number of sentences naming both entities, for the chosen entities."""
    table = pd.DataFrame(0, index=entities, columns=entities, dtype=float)
    for row in pairs.itertuples():
        if row.entity_a in table.index and row.entity_b in table.index:
            table.loc[row.entity_a, row.entity_b] = table.loc[row.entity_b, row.entity_a] = row.sentences
    fig, ax = _new((0.55 * len(entities) + 3.5, 0.5 * len(entities) + 2.5))
    image = _annotated_heatmap(ax, table, SEQUENTIAL, fmt="{:.0f}")
    fig.colorbar(image, ax=ax, label="sentences naming both (count)", shrink=0.8)
    ax.set_title("Which entities are named in the same sentence")
    return fig


# --- readability and sentiment (notebook 03) -------------------------------------------------------------------------

# --- framing and sourcing (notebook 04) ------------------------------------------------------------------------------

# --- provenance (notebook 05) ----------------------------------------------------------------------------------------
