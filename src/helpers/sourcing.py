"""Who speaks in each article: direct and indirect quotes, their speakers (resolved to entities), and source types.

Direct quotes come from quotation marks (helpers.quoting, robust to unbalanced marks); indirect speech from reporting
verbs with a clausal complement ("said that ...", "warned ..."), "according to X" and "X told Y". Speakers come from
the dependency parse (the verb's subject); pronoun speakers resolve to the nearest earlier named speaker.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from .corpus import article_label
from .lexicons import read_lexicon
from .quoting import quote_spans
from .results_cache import cached

#: A quotation of fewer words is a scare quote or a term ("Victory Day"), not speech.
MIN_QUOTE_WORDS = 4
QUOTE_COLUMNS = ["doc_id", "sentence", "speaker", "entity", "source_type", "quote", "kind", "cue", "stance", "words"]
SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: Parts of a subject phrase left out of the speaker's name (appositions, relative clauses, trailing punctuation).
TRIM_DEPS = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "prep"})
#: Pronoun speakers resolved to the nearest earlier named person ("it" is rarely a person: it resolves only to an
#: institution that spoke earlier in the same paragraph, see _Resolver).
PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
INSTITUTION_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
#: Reporting verbs that report speech through an object as well as a clause ("told CBS", "denied allegations").
OBJECT_SPEECH_VERBS = frozenset({"tell", "warn", "accuse", "urge", "deny", "reject", "dismiss", "confirm"})
#: Finite verb tags: only a finite reporting verb with a clause and no parsed subject gets a subject found leftwards.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
#: Named-entity types that are never speakers (a date the parser glued to a name: "On Monday Shoigu ...").
NOT_SPEAKER_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL"})


@lru_cache(maxsize=1)
def _verbs() -> dict[str, str]:
    table = read_lexicon("reporting_verbs", required=("verb", "stance"))
    return dict(zip(table["verb"].str.strip(), table["stance"].str.strip()))


@lru_cache(maxsize=1)
def _source_patterns() -> list[tuple[re.Pattern[str], str]]:
    table = read_lexicon("source_types", required=("pattern", "type"))
    return [(re.compile(p), t) for p, t in zip(table["pattern"], table["type"])]


def source_type_of(phrase: str, entity_label: str | None) -> str:
    """named person / institution / anonymous / other, from the speaker's entity label or the source-types lexicon."""
    if entity_label == "PERSON":
        return "named person"
    if entity_label in INSTITUTION_LABELS:
        return "institution"
    lowered = phrase.lower()
    for pattern, kind in _source_patterns():
        if pattern.search(lowered):
            return kind
    return "other"


def _speaker_tokens(subject) -> list:  # noqa: ANN001 - spaCy Token
    """The subject's name phrase: its subtree without appositions, relative clauses and punctuation, but never cut
    inside the name the subject word belongs to ("the state Department of Environmental Quality", not "the state
    Department")."""
    name = next((ent for ent in subject.doc.ents if ent.start <= subject.i < ent.end
                 and ent.label_ in INSTITUTION_LABELS | {"PERSON"}), None)
    skip = set()
    for token in subject.subtree:
        if token is not subject and token.dep_ in TRIM_DEPS:
            skip.update(t.i for t in token.subtree if name is None or not name.start <= t.i < name.end)
    return [t for t in subject.subtree if t.i not in skip]


def _attribution(verb):  # noqa: ANN001, ANN202 - spaCy types
    """(speaker head token, speaker tokens) for a reporting verb, or None."""
    subjects = []
    for child in verb.children:
        if child.dep_ == "expl" or (child.dep_ == "nsubjpass" and child.lower_ == "it"):
            if not subjects:
                return None  # impersonal "it is anticipated that ...": no speaker (the hedge lexicon counts these)
        elif child.dep_ in SUBJECT_DEPS:
            subjects.append(child)
    if subjects:  # a misparse can give a verb two subjects: the one nearest before it is the speaker
        before = [child for child in subjects if child.i < verb.i]
        child = before[-1] if before else subjects[0]
        return _title_then_name(child) or (child, _speaker_tokens(child))
    if verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):  # "... and said", "declined to say"
        return _attribution(verb.head)
    if verb.dep_ == "acl" and verb.head.pos_ in ("PROPN", "NOUN"):  # "said Watson, urging North Korea to ..."
        return verb.head, _speaker_tokens(verb.head)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in _verbs():  # "said, adding that"
        found = _attribution(verb.head)
        if found is not None:
            return found
    return _inverted_speaker(verb) or _subject_on_the_left(verb)


def _title_then_name(subject):  # noqa: ANN001, ANN202 - spaCy types
    """A title whose phrase ends in a person's name set right after it, which the parser hung under the title's
    preposition ("Russian ambassador to North Korea Alexander Matsegora remarked"): (the name's head token, the whole
    phrase), else None. Not when the name follows the preposition itself ("a spokesman for Kim said": Kim is not the
    speaker)."""
    if subject.pos_ != "NOUN" or subject.ent_type_ == "PERSON":
        return None
    last = max(t.i for t in subject.subtree)
    person = next((e for e in subject.doc.ents if e.label_ == "PERSON" and e.end - 1 == last and e.start > subject.i + 1),
                  None)
    if person is None or subject.doc[person.start - 1].pos_ in ("ADP", "DET", "PUNCT", "CCONJ"):
        return None
    return person.root, [t for t in subject.subtree if not t.is_punct]


def _subject_on_the_left(verb):  # noqa: ANN001, ANN202 - spaCy types
    """A main reporting verb with a clause but no parsed subject ("On Monday Shoigu, the minister, confirmed Moscow
    was ..." parsed with Shoigu under "On"): the nearest name or noun to its left, skipping appositions."""
    if verb.dep_ != "ROOT" or verb.tag_ not in FINITE_TAGS or not any(c.dep_ == "ccomp" for c in verb.children):
        return None
    sent = verb.sent
    for token in reversed(list(sent.doc[sent.start:verb.i])):
        if token.is_punct or token.is_space or any(a.dep_ == "appos" and a.i < verb.i for a in [token, *token.ancestors]):
            continue
        if token.pos_ in ("PROPN", "NOUN", "PRON") and token.ent_type_ not in NOT_SPEAKER_ENTS:
            tokens = [t for t in _speaker_tokens(token) if t.ent_type_ not in NOT_SPEAKER_ENTS and t.i <= token.i]
            return token, tokens
        return None
    return None


#: Words that may stand between an inverted reporting verb and its speaker ("said the Russian defence minister").
INVERSION_SKIP = frozenset({"det", "amod", "compound", "poss", "case", "nummod"})
#: The inverted order counts only when a quotation mark closes within this many tokens before the verb (", ” said").
INVERSION_WINDOW = 2


def _inverted_speaker(verb):  # noqa: ANN001, ANN202 - spaCy types
    """The speaker after an inverted verb (“...,” said Shoigu, who ...), which the parser often attaches
    elsewhere: only right after a closing quotation mark."""
    doc = verb.doc
    if not any(t.is_quote for t in doc[max(verb.i - INVERSION_WINDOW, 0):verb.i]):
        return None
    j = verb.i + 1
    if j >= len(doc) or doc[j].pos_ not in ("PROPN", "NOUN", "PRON", "DET", "ADJ"):
        return None
    token = doc[j]
    while token.dep_ in INVERSION_SKIP and token.head.i > token.i and token.head.pos_ in ("PROPN", "NOUN"):
        token = token.head
    if token.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return token, _speaker_tokens(token)


def _according_to(sent) -> list:  # noqa: ANN001
    """(cue token, object head) pairs for "according to X" in a sentence."""
    pairs = []
    for token in sent:
        if token.lower_ == "according":
            for to in token.children:
                if to.lower_ == "to":
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            pairs.append((token, obj))
    return pairs


CLOSING_MARKS = ("”", '"', "»", "“")


def _trim_unclosed(doc, text: str, a: int, b: int, verbs: dict[str, str]) -> tuple[int, int]:  # noqa: ANN001
    """A quote left open to the paragraph's end loses its trailing attribution (", Dmitry Peskov said.")."""
    if text[a:b].rstrip().endswith(CLOSING_MARKS):
        return a, b
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return a, b
    for token in reversed(list(span)):
        if token.lemma_.lower() in verbs and token.pos_ == "VERB":
            subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
            commas = [t for t in span if t.text == "," and t.i < min([token.i, *[s.i for s in subjects]])]
            if subjects and commas and subjects[0].i > commas[-1].i:
                return a, commas[-1].idx
            break
    return a, b


class _Resolver:
    """Maps a speaker to its canonical entity: the entity under the phrase's head word, else an earlier person with
    that surname, else a named apposition
    ("the newspaper's writer, Edward Wong"), else a name inside a phrase that is not an unnamed source ("a New York
    Times story", but not "a senior White House official"). Coordinated speakers ("Pyongyang and Moscow") are joined.
    Personal pronouns resolve to the nearest earlier named person speaker; "it" to the nearest earlier institution
    speaker in the same paragraph ("the agency revealed that it believes ...")."""

    def __init__(self, mentions: pd.DataFrame) -> None:
        self._spans = list(zip(mentions["start"].tolist(), mentions["end"].tolist(), mentions["entity"].tolist(),
                               mentions["label"].tolist()))
        self.last_named: tuple[str, str] | None = None
        self.last_institution: tuple[str, str, int] | None = None  # entity, label, paragraph

    def _entity_at(self, token) -> tuple[str, str] | None:  # noqa: ANN001
        start, end = token.idx, token.idx + len(token.text)
        return next(((entity, label) for a, b, entity, label in self._spans if a <= start and b >= end), None)

    def _apposition_by_commas(self, head, tokens: list) -> tuple[str, str] | None:  # noqa: ANN001
        """A person named between commas right after a common-noun speaker ("according to the newspaper's diplomatic
        writer, Edward Wong, an advance team visited"), which the parser often attaches to the next clause instead."""
        if head.pos_ != "NOUN":
            return None
        doc = head.doc
        after = max(t.i for t in [head, *tokens]) + 1
        if after + 1 >= len(doc) or doc[after].text != ",":
            return None
        name = next((e for e in doc.ents if e.start == after + 1 and e.label_ == "PERSON"), None)
        if name is None or name.end >= len(doc) or doc[name.end].text != ",":
            return None
        return self._entity_at(doc[name.start])

    def _entity_of(self, head, tokens: list, phrase: str) -> tuple[str, str] | None:  # noqa: ANN001
        found = self._entity_at(head)
        if found is not None:
            return found
        for child in head.children:
            if child.dep_ == "appos":
                found = self._entity_at(child)
                if found is not None and found[1] == "PERSON":
                    return found
        found = self._apposition_by_commas(head, tokens)
        if found is not None:
            return found
        if head.pos_ == "PROPN":  # a surname the recogniser missed ("Everard") after the full name ("John Everard")
            same = [(a, entity) for a, _, entity, label in self._spans
                    if label == "PERSON" and a < head.idx and entity.split()[-1:] == [head.text]]
            if same:  # the latest such person
                return max(same, key=lambda found: found[0])[1], "PERSON"
        if source_type_of(phrase, None) == "anonymous":
            return None
        for token in tokens:
            found = self._entity_at(token)
            if found is not None:
                return found
        return None

    def resolve(self, head, tokens: list, paragraph: int = 0) -> tuple[str, str | None, str | None]:  # noqa: ANN001
        conjuncts = [c for c in head.children if c.dep_ == "conj"] if head.pos_ == "PROPN" else []
        joiners = [c for c in head.children if c.dep_ == "cc"] if conjuncts else []  # the "and" of "Kim and Putin"
        shown = tokens + [t for c in conjuncts for t in c.subtree] + joiners
        shown = sorted(set(shown), key=lambda t: t.i)
        phrase = " ".join(t.text for t in shown) if shown else head.text
        phrase = re.sub(r"\s+([’'],?s)\b", r"\1", phrase)
        if head.pos_ == "PRON":
            if head.lower_ in PRONOUNS and self.last_named is not None:
                return phrase, self.last_named[0], self.last_named[1]
            if head.lower_ == "it" and self.last_institution is not None and self.last_institution[2] == paragraph:
                return phrase, self.last_institution[0], self.last_institution[1]
            return phrase, None, None
        found = self._entity_of(head, tokens, phrase)
        if found is None:
            return phrase, None, None
        entity, label = found
        others = [self._entity_at(c) for c in conjuncts]
        if others and all(o is not None for o in others):
            entity = " and ".join([entity, *(o[0] for o in others)])
        if label == "PERSON" and not others:
            self.last_named = (entity, label)
        elif label in INSTITUTION_LABELS:
            self.last_institution = (entity, label, paragraph)
        return phrase, entity, label


def _doc_quotes(doc_id: str, doc, text: str, mentions: pd.DataFrame) -> list[dict]:  # noqa: ANN001, C901
    from .nlp import sentence_spans

    verbs = _verbs()
    sents = sentence_spans(doc)
    starts = [s.start_char for s in sents]
    spans = [_trim_unclosed(doc, text, a, b, verbs) for a, b in quote_spans(text)
             if len(text[a:b].split()) >= MIN_QUOTE_WORDS]
    resolver = _Resolver(mentions)
    # each sentence's "according to X", found once (none to look for when the text never has the word)
    according_in = [_according_to(sent) for sent in sents] if "according" in text.lower() else [[] for _ in sents]
    used_verbs: set[int] = set()
    events = []  # (char position, row) so rows come out in text order and pronouns see earlier speakers

    def sentence_of(char: int) -> int:
        import bisect
        return max(bisect.bisect_right(starts, char) - 1, 0)

    def inside(token) -> bool:  # noqa: ANN001
        return any(a <= token.idx < b for a, b in spans)

    # direct quotes: a reporting verb outside the marks in the sentences the quote touches, else a colon intro before
    for a, b in spans:
        first, last = sentence_of(a), sentence_of(max(a, b - 1))
        candidates = [t for k in range(first, last + 1) for t in sents[k]
                      if t.lemma_.lower() in verbs and t.pos_ in ("VERB", "AUX") and not inside(t)]
        if not candidates and first > 0 and sents[first - 1].text.rstrip().endswith(":"):
            candidates = [t for t in sents[first - 1] if t.lemma_.lower() in verbs and t.pos_ == "VERB"]
        if not candidates and last + 1 < len(sents) and "\n\n" not in text[b:sents[last + 1].start_char]:
            following = sents[last + 1]
            if len(following) <= 8:  # a short tag sentence: "he said."
                candidates = [t for t in following if t.lemma_.lower() in verbs and t.pos_ == "VERB"]
        # a verb governing words of the quote ("responded, “Why not ...”") before the merely nearest one
        governed = {t.head.i for t in doc.char_span(a, b, alignment_mode="expand") or []}
        candidates.sort(key=lambda t: (t.i not in governed, min(abs(t.idx - a), abs(t.idx - b))))
        according = [pair for k in range(first, last + 1) for pair in according_in[k] if not inside(pair[0])]
        row = {"doc_id": doc_id, "sentence": first, "quote": text[a:b].strip(" “”\"«»„"), "kind": "direct",
               "speaker": None, "entity": None, "source_type": "unattributed", "cue": None, "stance": None}
        for verb in candidates:
            found = _attribution(verb)
            if found is None:
                continue
            events.append((verb.idx, "verb", verb, found, row))
            used_verbs.add(verb.i)
            break
        else:
            if according:  # a partial quote inside "according to X": X is the speaker
                cue, obj = according[0]
                used_verbs.add(cue.i)
                events.append((cue.idx, "according", cue, (obj, _speaker_tokens(obj)), row))
            else:
                events.append((a, "none", None, None, row))

    # indirect speech: reporting verb with a clausal complement or a told-object, outside any quote
    for sent, according_here in zip(sents, according_in):
        for token in sent:
            if token.pos_ != "VERB" or token.i in used_verbs:
                continue
            lemma = token.lemma_.lower()
            if lemma not in verbs or inside(token):
                continue
            complements = [c for c in token.children if c.dep_ in ("ccomp",)]
            told = lemma in OBJECT_SPEECH_VERBS and any(c.dep_ == "dobj" for c in token.children)
            if not complements and not told:
                continue
            found = _attribution(token)
            if found is None:
                continue
            # a verb reports one clause: two complements after it are a misparse of one ("revealed that they
            # discerned a summit | was being planned ..."), so the statement runs from the first to the last
            after = [c for c in complements if c.i > token.i] or complements[:1]
            words = sorted({t for c in after for t in c.subtree}, key=lambda t: t.i) if complements else list(sent)
            quote = text[words[0].idx: words[-1].idx + len(words[-1].text)] if words else sent.text
            row = {"doc_id": doc_id, "sentence": sentence_of(token.idx), "quote": quote.strip(), "kind": "indirect"}
            events.append((token.idx, "verb", token, found, row))
        for cue, obj in according_here:
            if inside(cue) or cue.i in used_verbs:
                continue
            row = {"doc_id": doc_id, "sentence": sentence_of(cue.idx), "quote": sent.text.strip(), "kind": "indirect"}
            events.append((cue.idx, "according", cue, (obj, _speaker_tokens(obj)), row))

    rows = []
    last_direct: tuple[int, dict] | None = None  # (paragraph, row) of the last attributed direct quote
    for position, how, verb, found, row in sorted(events, key=lambda e: e[0]):
        paragraph = text.count("\n\n", 0, position)
        if how == "none":
            # a quote running on after an attributed one, in the same or the next paragraph, keeps its speaker
            if last_direct is not None and paragraph - last_direct[0] <= 1:
                previous = last_direct[1]
                row.update(speaker=previous["speaker"], entity=previous["entity"], cue="(continued)",
                           stance=previous["stance"], source_type=previous["source_type"])
            rows.append(row)
            continue
        head, tokens = found
        speaker, entity, label = resolver.resolve(head, tokens, paragraph)
        if how == "according":
            cue, stance = "according to", "neutral"
        else:
            cue, stance = verb.lemma_.lower(), verbs[verb.lemma_.lower()]
        row.update(speaker=speaker, entity=entity, cue=cue, stance=stance,
                   source_type=source_type_of(speaker, label) if not (head.pos_ == "PRON" and entity is None)
                   else "unresolved pronoun")
        rows.append(row)
        if row["kind"] == "direct":
            last_direct = (paragraph, row)
    for row in rows:
        row["words"] = len(row["quote"].split())
    return rows


@cached
def quotes(corpus: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per quote: doc_id, sentence, speaker, entity, source_type, quote, kind (direct/indirect), cue, stance.
    Speakers resolve to the corpus's canonical entities (`mentions`: entity_mentions of the whole corpus, when
    `corpus` is a slice of it)."""
    from .corpus import by_article
    from .entities import entity_mentions
    from .nlp import docs

    mentions_of = by_article(entity_mentions(corpus) if mentions is None else mentions)
    texts = corpus["text"].to_dict()
    rows = []
    for doc_id, doc in docs(corpus):
        rows.extend(_doc_quotes(doc_id, doc, texts[doc_id], mentions_of(doc_id)))
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def sources(corpus: pd.DataFrame, quoted: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article and source: type, quotes (direct, indirect), the sentences they are in (one sentence can hold
    several: "X said ..., adding ..."), quoted words and the reporting verbs used."""
    quoted = quotes(corpus) if quoted is None else quoted
    columns = ["doc_id", "outlet", "article", "source", "source_type", "quotes", "sentences", "direct", "indirect",
               "quoted_words", "verbs"]
    if quoted.empty:
        return pd.DataFrame(columns=columns)
    data = quoted.assign(source=quoted["entity"].fillna(quoted["speaker"]).fillna("(unattributed)"))
    rows = []
    for (doc_id, source), group in data.groupby(["doc_id", "source"], sort=True):
        rows.append({"doc_id": doc_id, "outlet": corpus.loc[doc_id, "outlet"], "article": article_label(corpus, doc_id),
                     "source": source, "source_type": group["source_type"].mode().iloc[0], "quotes": len(group),
                     "sentences": int(group["sentence"].nunique()),
                     "direct": int((group["kind"] == "direct").sum()),
                     "indirect": int((group["kind"] == "indirect").sum()),
                     "quoted_words": int(group.loc[group["kind"] == "direct", "words"].sum()),
                     "verbs": ", ".join(sorted(set(group["cue"].dropna())))})
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["doc_id", "quotes", "source"], ascending=[True, False, True], kind="stable") \
        .reset_index(drop=True)


def source_mix(table: pd.DataFrame) -> pd.DataFrame:
    """Per article: quotes by source type (named person, institution, anonymous, ...), one row per article and type."""
    return table.groupby(["article", "source_type"], sort=True)["quotes"].sum().rename("quotes").reset_index()


def verb_stances(quoted: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Per article: how often each reporting verb (and its stance) attributes speech."""
    data = quoted.dropna(subset=["cue"])
    table = data.groupby(["doc_id", "cue", "stance"], sort=True).size().rename("uses").reset_index()
    table.insert(1, "article", [article_label(corpus, d) for d in table["doc_id"]])
    return table


def speakers_by_article(quoted: pd.DataFrame) -> dict[str, list[str]]:
    """Each article's distinct speakers (canonical entity, else the phrase), in order of first quote."""
    out: dict[str, list[str]] = {}
    for doc_id, group in quoted.groupby("doc_id", sort=True):
        names = group["entity"].fillna(group["speaker"]).dropna()
        out[doc_id] = list(dict.fromkeys(names))
    return out


def sourcing_findings(corpus: pd.DataFrame, quoted: pd.DataFrame | None = None) -> list[str]:
    """Plain sentences on who speaks, built from the numbers (any corpus)."""
    from .notebook import escape

    quoted = quotes(corpus) if quoted is None else quoted
    if quoted.empty:
        return ["No quotes or reported speech were found."]
    table = sources(corpus, quoted)
    lines = []
    top = table.groupby("source")["quotes"].sum().sort_values(ascending=False)
    lines.append(f"{len(quoted)} quotes and reported statements; the most quoted source is {escape(top.index[0])} "
                 f"({top.iloc[0]}).")
    mix = table.groupby("source_type")["quotes"].sum()
    anonymous = int(mix.get("anonymous", 0))
    lines.append(f"{anonymous} of {int(mix.sum())} attributions ({anonymous / mix.sum():.0%}) go to unnamed sources "
                 "(\"officials\", \"sources\", \"experts\").")
    stances = quoted.dropna(subset=["stance"])
    coloured = stances[stances["stance"] != "neutral"]
    if len(stances):
        cues = sorted(coloured["cue"].value_counts().items(), key=lambda item: (-item[1], item[0]))
        lines.append(f"{len(coloured)} of {len(stances)} attributions use a verb that colours the statement "
                     f"({', '.join(f'{escape(v)} {n}' for v, n in cues) or 'none'}).")
    return lines


def speaker_list(items: Iterable[str]) -> str:
    """Speakers joined for display."""
    return "; ".join(items)
