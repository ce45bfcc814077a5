"""Every Newslens chart: a tidy DataFrame in, one matplotlib Figure out; one palette and one colour per outlet."""
from __future__ import annotations

import textwrap
from collections.abc import Iterable

import matplotlib
import matplotlib.colors
import matplotlib.image
import matplotlib.lines
import matplotlib.patches
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

#: Okabe & Ito (2008) colour-blind-safe palette, in the order outlets are assigned colours.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
GREY = "#999999"
#: Diverging colour map for signed scores (sentiment): red negative, blue positive (as readers expect); colour-blind safe.
DIVERGING = "RdBu"
SEQUENTIAL = "cividis"
VEILED_TEXT = "#444444"  # numbers on a veiled (thin) cell: dimmer than black, still readable on the hatch


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
    pd.set_option("display.max_colwidth", None)  # whole sentences: a reader checks a score against all its words
    pd.set_option("display.max_rows", 300)  # the audit and quote tables in full for a workshop-sized corpus
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


#: Means over fewer sentences than this are drawn faded: one or two sentences are an anecdote, not a tone.
THIN_SENTENCES = 3


def _paired_bars(rows: list[str], series: list[tuple[str, str, list[float], list[str]]], xlabel: str, title: str,
                 margin: float = 0.15, thin: list[list[bool]] | None = None, thin_label: str = "") -> Figure:
    """Two bars per row (one per series: label, colour, values, annotations), labelled, with a legend below; bars
    marked in `thin` (per series, per row) are drawn faded and hatched, and the legend says why (thin_label)."""
    fig, ax = _new((8, 0.6 * len(rows) + 2))
    for k, (label, color, values, notes) in enumerate(series):
        ys = [y + (k - 0.5) * 0.38 for y in range(len(rows))]
        values = [0.0 if pd.isna(v) else float(v) for v in values]
        bars = ax.barh(ys, values, height=0.36, color=color, label=label)
        for bar, faded in zip(bars, thin[k] if thin else []):
            if faded:
                bar.set_alpha(0.35)
                bar.set_hatch("//")
        for y, value, note in zip(ys, values, notes):
            ax.annotate(note, (value, y), xytext=(3 if value >= 0 else -3, 0), textcoords="offset points",
                        ha="left" if value >= 0 else "right", va="center", fontsize=8)
    ax.set_yticks(range(len(rows)), rows)
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    handles = [matplotlib.patches.Patch(color=color, label=label) for label, color, _, _ in series]
    if thin and any(any(marks) for marks in thin):
        handles.append(matplotlib.patches.Patch(facecolor="white", edgecolor="black", hatch="//", label=thin_label))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=len(handles), frameon=False)
    ax.margins(x=margin)
    return fig


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
        if pd.isna(value):  # a cell left blank on purpose (an entity with itself)
            continue
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


def _alphabetical(labels: Iterable[object]) -> list[int]:
    """Positions of the labels in the article order of the other charts (case-insensitive alphabetical; a repeated
    label keeps its rows' order)."""
    labels = [str(label) for label in labels]
    return sorted(range(len(labels)), key=lambda k: labels[k].lower())


def entity_heatmap(matrix: pd.DataFrame) -> Figure:
    """Heatmap: mentions per 1,000 words, article (rows, alphabetical as in the other charts) × entity (columns)."""
    matrix = matrix.iloc[_alphabetical(matrix.index)]
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
    for name in entities:  # an entity with itself is not a pair: left blank rather than 0
        table.loc[name, name] = float("nan")
    fig, ax = _new((0.55 * len(entities) + 3.5, 0.5 * len(entities) + 2.5))
    image = _annotated_heatmap(ax, table, SEQUENTIAL, fmt="{:.0f}")
    fig.colorbar(image, ax=ax, label="sentences naming both (count)", shrink=0.8)
    ax.set_title("Which entities are named in the same sentence")
    return fig


# --- readability and sentiment (notebook 03) -------------------------------------------------------------------------


from .readability import GRADE_MEASURES  # noqa: E402 - a constant, not an analysis


def readability_grades(table: pd.DataFrame, info: pd.DataFrame) -> Figure:
    """Dot plot: the grade-level measures per article, over shaded plain-English and hard bands."""
    names = info.set_index("column")["measure"]
    plain = float(info.set_index("column").loc["flesch_kincaid_grade", "plain_limit"])
    hard = float(info.set_index("column").loc["flesch_kincaid_grade", "hard_limit"])
    data = table.sort_values("article", key=lambda s: s.str.lower()).reset_index(drop=True)
    fig, ax = _new((8, 0.55 * len(data) + 2.2))
    top = max(hard + 4, float(data[GRADE_MEASURES].max().max()) + 1)
    ax.axvspan(0, plain, color="#e8f4ea", zorder=0)
    ax.axvspan(hard, top, color="#fbe9e7", zorder=0)
    ax.text(plain / 2, -0.9, "plain English", ha="center", fontsize=8, color="#2e7d32")
    ax.text((hard + top) / 2, -0.9, f"grade {hard:g}+: end of high school, college", ha="center", fontsize=8, color="#b23c17")
    markers = ["o", "s", "D", "^", "v"]
    for k, column in enumerate(GRADE_MEASURES):  # each formula a little above or below: equal grades stay visible
        offset = (k - (len(GRADE_MEASURES) - 1) / 2) * 0.11
        ax.scatter(data[column], [y + offset for y in range(len(data))], marker=markers[k], label=names[column],
                   color=PALETTE[k], zorder=3, s=36)
    ax.set_yticks(range(len(data)), data["article"])
    ax.set_ylim(len(data) - 0.5, -1.3)
    ax.set_xlim(0, top)
    ax.set_xlabel("US school grade needed to read the text (higher = harder)")
    ax.set_title("How hard each article is to read, by five formulas")
    ax.legend(ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False, fontsize=8)
    return fig


def paragraph_grades(paragraphs: pd.DataFrame, colors: dict[str, str]) -> Figure:
    """Strip plot: Flesch-Kincaid grade of every paragraph, one row per article, with the article median."""
    articles = sorted(paragraphs["article"].unique(), key=str.lower)
    fig, ax = _new((8, 0.55 * len(articles) + 1.8))
    for y, article in enumerate(articles):
        values = paragraphs.loc[paragraphs["article"] == article, "flesch_kincaid_grade"].dropna()
        jitter = [((i * 7919) % 11 - 5) / 40 for i in range(len(values))]  # fixed, not random: deterministic
        ax.scatter(values, [y + j for j in jitter], color=colors.get(article, GREY), alpha=0.75, s=22, zorder=3)
        if len(values):
            ax.plot([values.median()] * 2, [y - 0.3, y + 0.3], color="black", lw=2, zorder=4)
    ax.set_yticks(range(len(articles)), articles)
    ax.invert_yaxis()
    ax.set_xlabel("Flesch-Kincaid grade of each paragraph (black bar: median; higher = harder)")
    ax.set_title("Paragraph by paragraph: how uneven is each article?")
    ax.grid(axis="x", color="#dddddd", zorder=0)
    return fig


def sentence_sentiment(scored: pd.DataFrame, colors: dict[str, str]) -> Figure:
    """Strip plot: VADER compound of every sentence per article; hollow markers are quoted speech."""
    articles = sorted(scored["article"].unique(), key=str.lower)
    fig, ax = _new((8, 0.55 * len(articles) + 2))
    ax.axvspan(-0.05, 0.05, color="#eeeeee", zorder=0)
    for y, article in enumerate(articles):
        rows = scored[scored["article"] == article].reset_index(drop=True)
        jitter = [((i * 7919) % 11 - 5) / 40 for i in range(len(rows))]
        color = colors.get(article, GREY)
        for quoted, face in ((False, color), (True, "none")):
            part = rows[rows["in_quote"] == quoted]
            ax.scatter(part["compound"], [y + jitter[i] for i in part.index], facecolors=face, edgecolors=color,
                       s=26, zorder=3)
    ax.set_yticks(range(len(articles)), articles)
    ax.invert_yaxis()
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("VADER compound score of each sentence (-1 most negative, +1 most positive; grey band: neutral)")
    ax.set_title("Tone sentence by sentence")
    # the key is about the marker's fill, not its colour (each article has its own): drawn in neutral grey
    key = [matplotlib.lines.Line2D([], [], ls="", marker="o", markersize=6, markerfacecolor=face, markeredgecolor=GREY,
                                   label=label) for face, label in ((GREY, "outlet's own voice"), ("none", "quoted speech"))]
    ax.legend(handles=key, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2, frameon=False)
    return fig


def voice_tone(table: pd.DataFrame) -> Figure:
    """Grouped bars: mean compound of the outlet's own sentences and of quoted sentences, per article."""
    data = table[table["voice"].isin(["authorial", "quoted"])]
    articles = sorted(data["article"].unique(), key=str.lower)
    series, thin = [], []
    for voice, label, color in (("authorial", "outlet's own voice", PALETTE[0]), ("quoted", "quoted speech", PALETTE[1])):
        part = data[data["voice"] == voice].set_index("article").reindex(articles)
        notes = ["no quoted speech" if pd.isna(v) else f"n={int(n)}" for v, n in zip(part["mean_compound"], part["n_sentences"])]
        series.append((label, color, part["mean_compound"].tolist(), notes))
        thin.append([not pd.isna(n) and n < THIN_SENTENCES for n in part["n_sentences"]])
    fig = _paired_bars(articles, series, "mean VADER compound (negative < 0 < positive); n = sentences",
                       "The outlet's own tone versus the voices it quotes", margin=0.2, thin=thin,
                       thin_label=f"fewer than {THIN_SENTENCES} sentences: an anecdote")
    fig.axes[0].axvline(0, color="black", lw=0.8)
    return fig


def _veil(ax: plt.Axes, x: float, y: float, width: float) -> None:
    """Hatch over heatmap cells (one row high, `width` cells wide) whose numbers are too thin to lean on."""
    ax.add_patch(matplotlib.patches.Rectangle((x, y), width, 1, facecolor="white", alpha=0.65, hatch="//",
                                              edgecolor=GREY, linewidth=0))


def entity_sentiment(table: pd.DataFrame, entities: list[str]) -> Figure:
    """Heatmap: mean sentiment toward each entity in each article, with the number of sentences in each cell."""
    data = table[table["entity"].isin(entities)]
    values = data.pivot_table(index="article", columns="entity", values="mean_compound", aggfunc="mean")
    counts = data.pivot_table(index="article", columns="entity", values="n_sentences", aggfunc="sum")
    values = values.reindex(index=sorted(values.index, key=str.lower),  # the article order of the other charts
                            columns=[e for e in entities if e in values.columns])
    counts = counts.reindex(index=values.index, columns=values.columns)
    fig, ax = _new((max(6.0, 0.8 * values.shape[1] + 3), 0.55 * values.shape[0] + 2.4))
    image = ax.imshow(values.to_numpy(dtype=float), cmap=DIVERGING, vmin=-1, vmax=1, aspect="auto")
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            v, n = values.iat[i, j], counts.iat[i, j]
            faded = not pd.isna(v) and n < THIN_SENTENCES  # an anecdote: veiled so the eye does not rest on it
            if faded:
                _veil(ax, j - 0.5, i - 0.5, 1)
            shown = "–" if pd.isna(v) else ("0.00" if round(v, 2) == 0 else f"{v:+.2f}") + f"\nn={int(n)}"
            ax.text(j, i, shown, ha="center", va="center", fontsize=7, color=VEILED_TEXT if faded else "black")
    ax.set_xticks(range(values.shape[1]), values.columns, rotation=45, ha="right")
    ax.set_yticks(range(values.shape[0]), values.index)
    ax.spines[:].set_visible(False)
    by_model = "method" not in data or (data["method"] == "model").all()
    fig.colorbar(image, ax=ax, shrink=0.8, label="sentiment toward the entity (-1 negative, +1 positive)" if by_model
                 else "VADER score of the sentences (-1 negative, +1 positive)")
    ax.set_title(("Sentiment toward each entity" if by_model else "Tone of the sentences that name each entity")
                 + f"\n(n = sentences; hatched: fewer than {THIN_SENTENCES} sentences, an anecdote)")
    return fig


# --- framing and sourcing (notebook 04) ------------------------------------------------------------------------------


def distinctive_terms(top: pd.DataFrame, colors: dict[str, str], threshold: float = 1.96) -> Figure:
    """Small multiples: per group, its most distinctive terms by z-score (dashed line: |z| = threshold)."""
    groups = sorted(top["group"].unique(), key=str.lower)
    cols = min(3, max(1, len(groups)))
    rows = -(-len(groups) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 2.6 * rows + 0.6), layout="constrained", squeeze=False)
    zmax = max(threshold + 0.5, float(top["z"].max()) + 0.5) if len(top) else threshold + 0.5
    for ax, group in zip(axes.flat, groups):
        data = top[top["group"] == group].iloc[::-1]
        ax.barh(data["term"], data["z"], color=colors.get(group, GREY))
        for y, (z, n) in enumerate(zip(data["z"], data["count"])):
            ax.annotate(f"×{n}", (max(z, 0), y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=7)
        ax.axvline(threshold, color="black", lw=0.8, ls="--")
        ax.set_xlim(min(0.0, float(data["z"].min()) if len(data) else 0.0), zmax)
        ax.set_title(group, fontsize=10)
        ax.tick_params(axis="y", labelsize=8)
    for ax in list(axes.flat)[len(groups):]:
        ax.axis("off")
    fig.supxlabel("z-score of weighted log-odds vs the other articles (right of dashed line: |z| > 1.96); ×n = uses",
                  fontsize=9)
    fig.suptitle("Words each article uses more than the others", fontweight="bold")
    return fig


SOURCE_TYPES = ["named person", "institution", "anonymous", "other", "unresolved pronoun", "unattributed"]


def source_mix(mix: pd.DataFrame) -> Figure:
    """Stacked bars: quotes and reported statements per article by type of source."""
    table = mix.pivot_table(index="article", columns="source_type", values="quotes", aggfunc="sum", fill_value=0)
    table = table.reindex(columns=[t for t in SOURCE_TYPES if t in table.columns])
    table = table.loc[sorted(table.index, key=str.lower)]
    colors = dict(zip(SOURCE_TYPES, [PALETTE[0], PALETTE[2], PALETTE[5], GREY, "#cccccc", "#eeeeee"]))
    fig, ax = _new((8, 0.55 * len(table) + 2))
    left = pd.Series(0, index=table.index)
    for kind in table.columns:
        ax.barh(table.index, table[kind], left=left, color=colors[kind], label=kind, edgecolor="white")
        left += table[kind]
    ax.invert_yaxis()
    ax.set_xlabel("quotes and reported statements (count)")
    ax.set_title("Who speaks: named people, institutions, unnamed sources")
    ax.legend(ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False, fontsize=8)
    return fig


def hedging_rates(table: pd.DataFrame) -> Figure:
    """Paired bars: hedges and boosters per 1,000 of the outlet's own words, per article (n = count)."""
    data = table.sort_values("article", key=lambda s: s.str.lower()).reset_index(drop=True)
    series = [(label, color, data[column].tolist(), [f"n={n}" for n in data[count]])
              for column, count, label, color in (("per_1k_words", "hedges", "hedges", PALETTE[1]),
                                                  ("boosters_per_1k", "boosters", "boosters", PALETTE[0]))]
    return _paired_bars(data["article"].tolist(), series, "per 1,000 words in the outlet's own voice (quotes excluded)",
                        "How much each article hedges, and how much it insists")


def frame_shares(table: pd.DataFrame) -> Figure:
    """Heatmap: share of each article's frame-lexicon hits per frame (hits in each cell)."""
    shares = table.pivot_table(index="article", columns="frame", values="share", aggfunc="sum", fill_value=0)
    hits = table.pivot_table(index="article", columns="frame", values="hits", aggfunc="sum", fill_value=0)
    order = list(dict.fromkeys(table["frame"]))
    articles = sorted(shares.index, key=str.lower)  # the article order of the other charts
    shares, hits = shares.reindex(index=articles, columns=order), hits.reindex(index=articles, columns=order)
    fig, ax = _new((max(7.0, 0.9 * shares.shape[1] + 3), 0.55 * shares.shape[0] + 2.8))
    image = ax.imshow(shares.to_numpy(dtype=float), cmap=SEQUENTIAL, vmin=0, vmax=max(0.5, float(shares.max().max())),
                      aspect="auto")
    from .framing import MIN_FRAME_HITS

    thin = hits.sum(axis=1) < MIN_FRAME_HITS  # an article with a word or two of the lexicon: its shares mean little
    for i in range(shares.shape[0]):
        if thin.iat[i]:
            _veil(ax, -0.5, i - 0.5, shares.shape[1])
        for j in range(shares.shape[1]):
            value = shares.iat[i, j]
            ax.text(j, i, f"{value:.0%}\n({hits.iat[i, j]})", ha="center", va="center", fontsize=7,
                    color=VEILED_TEXT if thin.iat[i] else "white" if value < 0.25 else "black")
    ax.set_xticks(range(shares.shape[1]), [textwrap.fill(c.replace(" and ", " & "), 14) for c in shares.columns],
                  fontsize=8)
    ax.set_yticks(range(shares.shape[0]), shares.index)
    ax.spines[:].set_visible(False)
    fig.colorbar(image, ax=ax, label="share of the article's frame-word hits", shrink=0.8)
    ax.set_title("Which frames each article's vocabulary leans on (hits in brackets"
                 + (f"; hatched: fewer than {MIN_FRAME_HITS} in all)" if thin.any() else ")"))
    return fig


# --- provenance (notebook 05) ----------------------------------------------------------------------------------------


def reuse_matrix(matrix: pd.DataFrame, threshold: float) -> Figure:
    """Heatmap: text-reuse score for every pair of articles (alphabetical, as in the other charts); cells at or above
    the rewrite threshold are outlined."""
    order = _alphabetical(matrix.index)
    matrix = matrix.iloc[order, order]
    fig, ax = _new((0.9 * len(matrix) + 3.5, 0.8 * len(matrix) + 2))
    values = matrix.to_numpy(dtype=float).copy()
    np.fill_diagonal(values, np.nan)  # an article against itself: grey, so the eye goes to the pairs
    cmap = matplotlib.colormaps[SEQUENTIAL].with_extremes(bad="#eeeeee")
    image = ax.imshow(values, cmap=cmap, vmin=0, vmax=1)
    for i in range(len(matrix)):
        for j in range(len(matrix)):
            value = matrix.iat[i, j]
            ax.text(j, i, "" if i == j else f"{value:.2f}", ha="center", va="center", fontsize=9,
                    color="white" if value < 0.5 else "black")
            if i != j and value >= threshold:
                ax.add_patch(matplotlib.patches.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, lw=2.5,
                                                          edgecolor=PALETTE[5]))
    ax.set_xticks(range(len(matrix)), matrix.columns, rotation=45, ha="right")
    ax.set_yticks(range(len(matrix)), matrix.index)
    ax.spines[:].set_visible(False)
    fig.colorbar(image, ax=ax, label="reuse score (coverage × order agreement)", shrink=0.8)
    ax.set_title(f"Which articles reuse each other's text (outlined: score ≥ {threshold:.2f}, a rewrite)")
    return fig


def alignment_pair(panels: list[tuple[str, pd.DataFrame, int, int, str, str]]) -> Figure:
    """Side-by-side panels: aligned sentences of two article pairs as (position in A, position in B) with links.

    Each panel is (title, alignments, sentences in A, sentences in B, label of A, label of B). A rewrite's points climb
    along the diagonal (same order); an independent pair's are few and scattered. No panels (a corpus of one
    article): a figure that says so."""
    if not panels:
        fig, ax = _new((6, 1.2))
        ax.text(0.5, 0.5, "No pair of articles to align: fewer than two articles have sentences.", ha="center",
                va="center")
        ax.axis("off")
        ax.set_title("Aligned sentences")
        return fig
    fig, axes = plt.subplots(1, len(panels), figsize=(5.2 * len(panels), 4.6), layout="constrained", squeeze=False)
    for ax, (title, data, n_a, n_b, label_a, label_b) in zip(axes.flat, panels):
        ax.plot([0, n_a - 1], [0, n_b - 1], color="#dddddd", lw=1, zorder=1)
        quote = data["shared_quote"].astype(bool) if "shared_quote" in data else pd.Series(False, index=data.index)
        size = 30 + 120 * (data["similarity"] - 0.3).clip(lower=0)
        ax.scatter(data.loc[~quote, "sentence_a"], data.loc[~quote, "sentence_b"], s=size[~quote], color=PALETTE[0],
                   zorder=3, label="same sentence, own words")
        ax.scatter(data.loc[quote, "sentence_a"], data.loc[quote, "sentence_b"], s=size[quote], color=PALETTE[1],
                   marker="s", zorder=3, label="shared quote (not counted as reuse)")
        if quote.any():
            ax.legend(loc="lower left", fontsize=8, frameon=False)
        ax.set_xlim(-0.5, max(n_a, 1) - 0.5)
        ax.set_ylim(-0.5, max(n_b, 1) - 0.5)
        ax.invert_yaxis()
        ax.set_xlabel(f"sentence number in {label_a}")
        ax.set_ylabel(f"sentence number in {label_b}")
        ax.set_title(f"{title}: {int((~quote).sum())} aligned"
                     + (f" + {int(quote.sum())} shared quote{'s' if quote.sum() > 1 else ''}" if quote.any() else ""),
                     fontsize=10)
        ax.grid(color="#eeeeee", zorder=0)
    fig.suptitle("Aligned sentences: a rewrite follows its source sentence by sentence; "
                 "an independent report shares only a few\n(each dot an aligned pair; the bigger, the more similar)",
                 fontweight="bold")
    return fig


def family_graph(fam: pd.DataFrame, reuse_table: pd.DataFrame, labels: dict, colors: dict[str, str]) -> Figure:
    """Articles as points on a circle; solid lines join rewrite pairs (with their score), dashed lines pairs with some
    aligned sentences below the rewrite line; the member closest to the others is ringed in black."""
    import math

    doc_ids = list(fam["doc_id"])
    n = len(doc_ids)
    position = {d: (math.cos(2 * math.pi * k / max(n, 1) + math.pi / 2), math.sin(2 * math.pi * k / max(n, 1)
                                                                                    + math.pi / 2))
                for k, d in enumerate(doc_ids)}
    fig, ax = _new((7, 6))
    for row in reuse_table.itertuples():
        (xa, ya), (xb, yb) = position[row.doc_a], position[row.doc_b]
        if row.verdict == "rewrite":
            ax.plot([xa, xb], [ya, yb], color=PALETTE[5], lw=1 + 5 * row.score, zorder=1)
            ax.text((xa + xb) / 2, (ya + yb) / 2, f"{row.score:.2f}", fontsize=8, ha="center", va="center",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
        elif row.score > 0:
            ax.plot([xa, xb], [ya, yb], color="#cccccc", lw=0.8, ls="--", zorder=0)
    for row in fam.itertuples():
        x, y = position[row.doc_id]
        label = labels[row.doc_id]
        ax.scatter([x], [y], s=500, color=colors.get(label, GREY), zorder=3,
                   edgecolors="black" if row.role == "closest to the others" else "white", linewidths=3)
        ax.annotate(f"{label}\n({row.role})", (x, y), xytext=(0, -30 if y < 0 else 26), textcoords="offset points",
                    ha="center", va="center", fontsize=9)
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-1.5, 1.5)
    ax.axis("off")
    ax.set_title("Rewrite families (solid line: rewrite, with its score; dashed: some sentences align, not a rewrite;\n"
                 "black ring: the text the others align to most)", fontsize=10)
    return fig


def claims_matrix(matrix: pd.DataFrame) -> Figure:
    """Grid: which article (column, alphabetical as in the other charts) carries which recurring claim (row)."""
    matrix = matrix.iloc[:, _alphabetical(matrix.columns)]
    fig, ax = _new((0.9 * matrix.shape[1] + 7, 0.32 * matrix.shape[0] + 2))
    ax.imshow(matrix.to_numpy(dtype=float), cmap=matplotlib.colors.ListedColormap(["#f2f2f2", PALETTE[0]]),
              vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=45, ha="right")
    ax.set_yticks(range(matrix.shape[0]), matrix.index, fontsize=7)
    ax.set_xticks([x - 0.5 for x in range(1, matrix.shape[1])], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, matrix.shape[0])], minor=True)
    ax.grid(which="minor", color="white", lw=1.5)
    ax.tick_params(which="minor", length=0)
    ax.spines[:].set_visible(False)
    ax.set_title("Which facts each article carries (blue: carried; each claim's full text in the table below)")
    return fig


def lookalike_effect(effect: pd.DataFrame, labels: dict) -> Figure:
    """Paired bars: aligned sentences per pair on the text as scraped and after look-alike repair."""
    data = effect.assign(pair=[f"{labels[a]} / {labels[b]}" for a, b in zip(effect["doc_a"], effect["doc_b"])])
    pairs = list(dict.fromkeys(data["pair"]))
    series = []
    for kind, color in (("unrepaired (as scraped)", GREY), ("repaired", PALETTE[0])):
        part = data[data["text"] == kind].set_index("pair").reindex(pairs)
        notes = [f"{int(n)} ({v})" for n, v in zip(part["aligned_sentences"], part["verdict"])]
        series.append((kind, color, part["aligned_sentences"].tolist(), notes))
    return _paired_bars(pairs, series, "aligned sentences (count)",
                        "Hidden look-alike letters hide a copy; repairing them restores the match", margin=0.25)

