"""Where quoted speech is in a text: character spans between quotation marks, robust to unbalanced marks."""
from __future__ import annotations

import re

OPENERS = {"“": "”", "«": "»", "„": "“"}
CLOSERS = {"”", "»"}
#: A straight double quote opens at the start or after a space, bracket or dash; elsewhere it closes.
STRAIGHT_OPENS_AFTER = frozenset("([{—–-")
QUOTE_MARKS = re.compile('["“”«»„]')


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of quoted speech, marks included; unbalanced marks close at the paragraph's edge."""
    spans: list[tuple[int, int]] = []
    for para_start, para in _paragraphs(text):
        spans.extend((para_start + a, para_start + b) for a, b in _paragraph_spans(para))
    return spans


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for part in re.split(r"(\n\s*\n)", text):
        if part and not re.fullmatch(r"\n\s*\n", part):
            out.append((pos, part))
        pos += len(part)
    return out


def _paragraph_spans(para: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in QUOTE_MARKS.finditer(para):  # only the marks matter; a paragraph is mostly other characters
        i, char = match.start(), match.group()
        if char == '"':
            opening = open_at is None and (i == 0 or para[i - 1].isspace() or para[i - 1] in STRAIGHT_OPENS_AFTER)
            char = "“" if opening else "”"
        if char in OPENERS and open_at is None:
            open_at = i
        elif char in CLOSERS or (char in OPENERS and open_at is not None and OPENERS.get(char) != char):
            if open_at is not None:
                # A new opener while a quote is open means the last one never closed: close it before this mark.
                if char in OPENERS:
                    spans.append((open_at, i))
                    open_at = i
                    continue
                spans.append((open_at, i + 1))
                open_at = None
            elif not spans and _ends_speech(para[:i]):
                # A closing mark with no opener: the quote began at the start of the paragraph.
                spans.append((0, i + 1))
    if open_at is not None and len(para) - open_at > 1:
        spans.append((open_at, len(para.rstrip())))
    return spans


def _ends_speech(before: str) -> bool:
    """A lone closing mark ends speech when what precedes it is words ending in punctuation (``…Russia,”``)."""
    stripped = before.rstrip()
    return len(stripped.split()) >= 3 and stripped[-1:] in ",.!?…"


def in_quote(text: str, start: int, end: int, spans: list[tuple[int, int]] | None = None) -> bool:
    """True when most of the characters start..end lie inside quoted speech."""
    spans = quote_spans(text) if spans is None else spans
    length = max(end - start, 1)
    inside = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
    return inside / length > 0.5
