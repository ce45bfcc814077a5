"""Showing results in a notebook: findings as escaped Markdown, tables, and figures saved beside their numbers."""
from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pandas as pd

#: Set by `make report`: every figure shown is also saved there as PNG and SVG beside a CSV of its numbers.
FIGURES_ENV = "NEWSLENS_FIGURES_DIR"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: object) -> str:
    """Untrusted text made safe for Markdown and HTML: HTML-escaped, Markdown specials backslashed."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=True))


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """'1 article', '5 articles' (plural given when not noun + 's')."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def findings_markdown(lines: list[str], title: str | None = None) -> str:
    """A Markdown bullet list of findings (each line already built from computed numbers and escaped)."""
    bullets = "\n".join(f"- {line}" for line in lines) if lines else "- Nothing to report for this corpus."
    return f"**{title}**\n\n{bullets}" if title else bullets


def show_findings(lines: list[str], title: str | None = None) -> None:
    """Display findings as Markdown (callers escape untrusted parts with `escape`)."""
    from IPython.display import Markdown, display

    display(Markdown(findings_markdown(lines, title)))


def details_markdown(summary: str, lines: list[str]) -> str:
    """Findings folded away under a one-line summary (an HTML details element; opens on a click), for fine print."""
    return f"<details><summary>{html.escape(summary)}</summary>\n\n{findings_markdown(lines)}\n\n</details>"


def show_details(summary: str, lines: list[str]) -> None:
    """Display findings folded under a summary line (callers escape untrusted parts of the lines with `escape`)."""
    from IPython.display import Markdown, display

    display(Markdown(details_markdown(summary, lines)))


def show_figure(fig, data: pd.DataFrame | None = None, name: str | None = None) -> None:  # noqa: ANN001
    """Display a figure once; under `make report` also save it as PNG + SVG and its numbers as CSV."""
    from IPython.display import display

    folder = os.environ.get(FIGURES_ENV)
    if folder and name:
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        fig.savefig(out / f"{name}.png", bbox_inches="tight", metadata={"Software": None})
        fig.savefig(out / f"{name}.svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
        if data is not None:
            data.to_csv(out / f"{name}.csv", index=not isinstance(data.index, pd.RangeIndex))
    import io

    import matplotlib.pyplot as plt
    from IPython.display import Image

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    title = figure_title(fig)
    plt.close(fig)
    display(Image(data=buffer.getvalue(), format="png", metadata={"alt": title}))


def figure_title(fig) -> str:  # noqa: ANN001
    """A figure's title (suptitle, else the first axes title): its alternative text in the HTML report."""
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and suptitle.get_text():
        return suptitle.get_text()
    return next((ax.get_title() for ax in fig.axes if ax.get_title()), "Chart")


def label_articles(table: pd.DataFrame, corpus: pd.DataFrame, keep_doc_id: bool = False) -> pd.DataFrame:
    """A table for readers: its doc_id column replaced, in place, by an article column of short names
    (corpus.article_labels), so a reader sees "Hankyoreh" rather than a file-derived id. keep_doc_id=True keeps the
    doc_id too (it names the file, for tables about files) with the article column right after it."""
    from .corpus import article_labels

    if "doc_id" not in table:
        return table
    if "article" in table:  # already named: the doc_id only repeats it
        return table if keep_doc_id else table.drop(columns="doc_id")
    labels = article_labels(corpus)
    names = [labels.get(d, str(d)) for d in table["doc_id"]]
    if keep_doc_id:
        shown = table.copy()
        shown.insert(shown.columns.get_loc("doc_id") + 1, "article", names)
        return shown
    shown = table.rename(columns={"doc_id": "article"})
    shown["article"] = names
    return shown
