"""Evidence of hidden look-alike letters: where they were, how they look, and what they do to entity recognition."""
from __future__ import annotations

import html

import pandas as pd

from .clean import LETTER_RUN, _script, clean_text, latin_twin
from .corpus import by_article
from .nlp import iter_docs

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT")


def lookalike_letters(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per repaired look-alike letter: doc_id, line_no, word as found, letter, code point, Latin twin."""
    rows = []
    for doc_id, row in corpus.iterrows():
        for decision in clean_text(row["raw"]).decisions:
            if "look-alike" not in decision.reason:
                continue
            for match in LETTER_RUN.finditer(decision.raw):
                word = match.group()
                for char in word:
                    if _script(char) in ("CYRILLIC", "GREEK") and latin_twin(char) and latin_twin(char) in decision.text:
                        rows.append({"doc_id": doc_id, "line_no": decision.line_no, "word": word, "letter": char,
                                     "code_point": f"U+{ord(char):04X}", "script": _script(char),
                                     "latin": latin_twin(char)})
    columns = ["doc_id", "line_no", "word", "letter", "code_point", "script", "latin"]
    return pd.DataFrame(rows, columns=columns)


def mark_lookalikes(line: str) -> str:
    """HTML of a line with every Cyrillic/Greek letter that has a Latin twin highlighted (text escaped)."""
    out = []
    for char in line:
        if _script(char) in ("CYRILLIC", "GREEK") and latin_twin(char):
            title = f"U+{ord(char):04X} {_script(char).title()}, looks like Latin {latin_twin(char)}"
            out.append(f'<mark style="background:#E69F00" title="{html.escape(title)}">{html.escape(char)}</mark>')
        else:
            out.append(html.escape(char))
    return "".join(out)


def unrepaired_text(raw: str) -> str:
    """The body text as it would be without Unicode repair: the same kept lines, raw."""
    decisions = clean_text(raw).decisions
    return "\n\n".join(d.raw.strip() for d in decisions if d.action in ("kept", "repaired") and d.text)


def entities_raw_vs_repaired(corpus: pd.DataFrame) -> pd.DataFrame:
    """Named entities spaCy finds in each article's unrepaired versus repaired text: doc_id, version, entity, label, count."""
    affected = corpus[corpus["homoglyphs_fixed"] > 0]
    columns = ["doc_id", "version", "entity", "label", "count"]
    if affected.empty:
        return pd.DataFrame(columns=columns)
    texts = pd.concat([
        pd.Series({(doc_id, "raw"): unrepaired_text(row["raw"]) for doc_id, row in affected.iterrows()}),
        pd.Series({(doc_id, "repaired"): row["text"] for doc_id, row in affected.iterrows()}),
    ])
    rows = []
    for (doc_id, version), doc in iter_docs(texts):
        for ent in doc.ents:
            if ent.label_ in ENTITY_LABELS:
                rows.append({"doc_id": doc_id, "version": version, "entity": ent.text, "label": ent.label_})
    table = pd.DataFrame(rows, columns=columns[:-1])
    return (table.groupby(columns[:-1]).size().rename("count").reset_index()
            .sort_values(["doc_id", "version", "count", "entity"], ascending=[True, True, False, True])
            .reset_index(drop=True))


def has_lookalike(text: str) -> bool:
    """True when a string contains a Cyrillic or Greek letter that has a Latin twin."""
    return any(_script(c) in ("CYRILLIC", "GREEK") and latin_twin(c) for c in text)


def lookalike_summary(corpus: pd.DataFrame) -> pd.DataFrame:
    """Per article: look-alike letters repaired, lines and share of words touched, entity mentions they would corrupt."""
    letters = lookalike_letters(corpus)
    entities = entities_raw_vs_repaired(corpus)
    raw = entities[entities["version"] == "raw"]
    letters_of, raw_of = by_article(letters), by_article(raw)
    rows = []
    for doc_id, row in corpus.iterrows():
        mine = letters_of(doc_id)
        words = len(LETTER_RUN.findall(row["text"]))
        ents = raw_of(doc_id)
        corrupted = ents[ents["entity"].map(has_lookalike)] if len(ents) else ents
        rows.append({
            "doc_id": doc_id,
            "label": row["label"],
            "lookalike_letters": int(row["homoglyphs_fixed"]),
            "lines_touched": int(mine["line_no"].nunique()),
            "words_affected_pct": round(100 * mine.groupby(["line_no", "word"]).ngroups / max(words, 1), 1),
            "entity_mentions_misspelt": int(corrupted["count"].sum()) if len(corrupted) else 0,
            "misspelt_entities": ", ".join(sorted(corrupted["entity"].unique())) if len(corrupted) else "",
        })
    return pd.DataFrame(rows)


def ingestion_findings(corpus: pd.DataFrame, audit_table: pd.DataFrame) -> list[str]:
    """Plain sentences on what ingestion found and did, built from the numbers (untrusted parts escaped)."""
    from .notebook import counted, escape

    lines = []
    n = len(corpus)
    raw_lines = sum(sum(1 for ln in raw.splitlines() if ln.strip()) for raw in corpus["raw"])
    lines.append(f"{counted(n, 'article')} loaded, {int(corpus['n_words'].sum()):,} words of body text from {raw_lines:,} "
                 f"non-blank raw lines" + (" — a small sample: read every figure below as a description of these "
                                           "articles, not of \"the media\"." if n < 20 else "."))
    actions = audit_table[audit_table["action"] != "skipped"]["action"].value_counts()
    if len(actions):
        lines.append("Lines not kept verbatim: " + ", ".join(f"{count} {action}" for action, count in
                                                             sorted(actions.items())) + " (every one is in the audit "
                     "table with its reason).")
    removed = audit_table[audit_table["action"] == "removed"]
    if len(removed):
        counts = removed["reason"].str.split(" \\(boilerplate", regex=True).str[0].value_counts()
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        cutoff = ranked[min(2, len(ranked) - 1)][1]  # the third commonest count: every reason tied with it is shown
        top = [(r, c) for r, c in ranked if c >= cutoff]
        more = len(top) - 6
        lines.append("Most common reasons for removal: " + "; ".join(f"{escape(r)} ({c})" for r, c in top[:6])
                     + (f"; and {counted(more, 'other reason')} with {cutoff} each" if more > 0 else "") + ".")
    lines.append(lookalike_line(corpus))
    skipped = audit_table[audit_table["action"] == "skipped"]
    if len(skipped):
        lines.append(f"{counted(len(skipped), 'file or manifest row', 'files or manifest rows')} skipped; see the audit "
                     "table.")
    untitled = corpus["title"].isna().sum()
    if untitled:
        lines.append(f"{counted(untitled, 'article')} {'has' if untitled == 1 else 'have'} no headline in the copy; none "
                     "was invented.")
    undated = corpus["date"].isna().sum()
    if undated:
        lines.append(f"{undated} of {counted(n, 'article')} {'carries' if undated == 1 else 'carry'} no date in the text "
                     "or manifest.")
    return lines


def lookalike_line(corpus: pd.DataFrame) -> str:
    """One findings sentence: which articles hid look-alike letters, and how many each (untrusted labels escaped)."""
    from .notebook import counted, escape

    fixed = corpus[corpus["homoglyphs_fixed"] > 0]
    if not len(fixed):
        return "No article hides look-alike letters."
    parts = [f"{escape(row['label'])}: {int(row['homoglyphs_fixed'])}" for _, row in fixed.iterrows()]
    return (f"{len(fixed)} of {counted(len(corpus), 'article')} {'hides' if len(fixed) == 1 else 'hide'} look-alike "
            "Cyrillic or Greek letters inside English words "
            f"({'; '.join(parts)}); all were mapped back to Latin.")


def marked_passage(corpus: pd.DataFrame, max_lines: int = 3) -> str:
    """HTML: the first lines of each article that had look-alike letters, raw, with those letters highlighted."""
    letters = lookalike_letters(corpus)
    if letters.empty:
        return "<p>No article in this corpus hides look-alike letters.</p>"
    blocks = []
    for doc_id, group in letters.groupby("doc_id", sort=True):
        raw_lines = corpus.loc[doc_id, "raw"].splitlines()
        numbers = sorted(group["line_no"].unique())[:max_lines]
        quoted = "".join(f"<p><small>line {no}</small><br>{mark_lookalikes(raw_lines[no - 1])}</p>" for no in numbers)
        blocks.append(f"<blockquote><b>{html.escape(str(corpus.loc[doc_id, 'label']))}</b> "
                      f"({len(group)} look-alike letters in all){quoted}</blockquote>")
    return "\n".join(blocks)
