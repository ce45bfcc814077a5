"""Named entities per article under one canonical name each: who and what each outlet mentions, how often, how early."""
from __future__ import annotations

import bisect
import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import pandas as pd

from .corpus import article_labels
from .lexicons import read_lexicon
from .nlp import load_pipeline, docs, sentence_spans
from .results_cache import cached

#: Entity labels counted by default (dates, times, money and numbers are left out; pass labels= to include them).
KEEP_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT")
#: Label in entity_patterns.csv that removes a span the model wrongly took for a name.
DROP = "DROP"

MENTION_COLUMNS = ["doc_id", "sentence", "start", "end", "surface", "label", "entity", "model_label"]
COUNT_COLUMNS = ["doc_id", "outlet", "article", "entity", "label", "count", "per_1k_words", "first_position"]

_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$|['’]$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_KEY_DROP = re.compile(r"[\s\-‐‑–.’']+")
_NAME_PARTS = re.compile(r"[\s\-‐‑]+")


def name_key(name: str) -> str:
    """Matching key for a name: lower case, without spaces, hyphens, dots and apostrophes ("Kim Jong-un" = "Kim Jong Un")."""
    return _KEY_DROP.sub("", name).casefold()


def _titles() -> list[str]:
    titles = read_lexicon("titles", required=("title",))["title"].str.strip()
    return sorted((t for t in titles if t), key=len, reverse=True)


def _title_pattern() -> re.Pattern[str]:
    alternatives = "|".join(re.escape(t) for t in _titles())
    return re.compile(rf"^(?:(?:{alternatives})\.?\s+)+", re.IGNORECASE)


def strip_name(surface: str, label: str, title_pattern: re.Pattern[str] | None = None) -> str:
    """A mention without leading "the", trailing possessive and, for people, leading titles ("Mr. Putin's" -> "Putin");
    other names lose leading lower-case words before two or more capitalised ones ("state Department of Environmental
    Quality" -> "Department of Environmental Quality"; "al Qaeda" stays)."""
    name = " ".join(surface.split())
    name = _LEADING_THE.sub("", name)
    name = _POSSESSIVE.sub("", name).strip()
    if label == "PERSON":
        stripped = (title_pattern or _title_pattern()).sub("", name).strip()
        name = stripped or name
    else:  # "a Supreme Court", "the state Department of ...": a lower-case word the model took in is not the name
        words = name.split(" ")
        while len(words) >= 3 and words[0].isalpha() and words[0].islower() and words[1][:1].isupper():
            words.pop(0)
        name = " ".join(words)
    return name


def _aliases() -> dict[str, tuple[str, str]]:
    table = read_lexicon("entity_aliases", required=("alias", "entity", "label"))
    return {name_key(row.alias): (row.entity.strip(), row.label.strip()) for row in table.itertuples() if row.alias.strip()}


@dataclass(frozen=True)
class _Span:
    start: int  # token index
    end: int
    label: str
    model_label: str


def _pattern_matcher(nlp):  # noqa: ANN001, ANN202 - spaCy types
    """A PhraseMatcher over entity_patterns.csv and the label each match id stands for."""
    from spacy.matcher import PhraseMatcher

    table = read_lexicon("entity_patterns", required=("pattern", "label"))
    matcher = PhraseMatcher(nlp.vocab)
    labels = {}
    for row in table.itertuples():
        key = f"NL_{len(labels)}"
        labels[key] = row.label.strip()
        matcher.add(key, [nlp.make_doc(row.pattern.strip())])
    return matcher, labels


def _pattern_fixes(doc, nlp, matcher_labels=None) -> list[_Span]:  # noqa: ANN001 - spaCy types
    """Doc entities after the fixes of entity_patterns.csv (exact-span relabels, drops, and missed names added) and of
    person_name_endings.csv (a "person" whose name ends in "Gazette" or "Lane")."""
    matcher, labels = matcher_labels or _pattern_matcher(nlp)
    spans = {(ent.start, ent.end): _Span(ent.start, ent.end, ent.label_, ent.label_) for ent in doc.ents}
    for match_id, start, end in matcher(doc):
        label = labels[nlp.vocab.strings[match_id]]
        same = [key for key in spans if key[0] == start and key[1] in (end, end + 1)]
        overlapping = [key for key in spans if key[0] < end and start < key[1]]
        if same:
            for key in same:
                spans[key] = _Span(key[0], key[1], label, spans[key].model_label)
        elif not overlapping and label != DROP:
            spans[(start, end)] = _Span(start, end, label, "")
    endings = _person_name_endings()
    for key, span in spans.items():  # "the Ashford Gazette", "Willow Lane" tagged as people: by the name's last word
        if span.label == span.model_label == "PERSON" and doc[span.end - 1].text in endings:
            spans[key] = _Span(span.start, span.end, endings[doc[span.end - 1].text], span.model_label)
    return sorted((s for s in spans.values() if s.label != DROP), key=lambda s: s.start)


@lru_cache(maxsize=1)  # read once per process, as read_lexicon does (asked for once per article)
def _person_name_endings() -> dict[str, str]:
    """person_name_endings.csv: last word of a name -> the label a PERSON-tagged name ending in it gets."""
    table = read_lexicon("person_name_endings", required=("word", "label"))
    return {row.word.strip(): row.label.strip() for row in table.itertuples() if row.word.strip()}


def _resolve_short_names(names: list[tuple[int, str, str]]) -> dict[int, str]:
    """Within one article, a one-word person name becomes the fullest person name that contains it (earlier first)."""
    full = [(pos, name) for pos, name, label in names if label == "PERSON" and len(_NAME_PARTS.split(name)) > 1]
    resolved = {}
    for pos, name, label in names:
        parts = _NAME_PARTS.split(name)
        if label != "PERSON" or len(parts) != 1:
            continue
        token = name.casefold()
        matches = [(p, n) for p, n in full if token in (part.casefold() for part in _NAME_PARTS.split(n))]
        if not matches:
            continue
        earlier = [(p, n) for p, n in matches if p < pos]
        pool = earlier or matches
        best = max(pool, key=lambda pn: (len(_NAME_PARTS.split(pn[1])), pn[0] if earlier else -pn[0]))
        resolved[pos] = best[1]
    return resolved


def _raw_mentions(corpus: pd.DataFrame, labels: Iterable[str]) -> pd.DataFrame:
    nlp = load_pipeline()
    keep = set(labels)
    titles = _title_pattern()
    matcher_labels = _pattern_matcher(nlp)
    rows = []
    for doc_id, doc in docs(corpus):
        starts = [s.start_char for s in sentence_spans(doc)]
        words_before = list(accumulate((0 if (t.is_space or t.is_punct) else 1 for t in doc), initial=0))
        names, doc_rows = [], []
        for span in _pattern_fixes(doc, nlp, matcher_labels):
            if span.label not in keep:
                continue
            ent = doc[span.start:span.end]
            name = strip_name(ent.text, span.label, titles)
            if not any(ch.isalnum() for ch in name):
                continue
            names.append((ent.start_char, name, span.label))
            doc_rows.append({
                "doc_id": doc_id,
                "sentence": max(bisect.bisect_right(starts, ent.start_char) - 1, 0),
                "start": ent.start_char,
                "end": ent.end_char,
                "surface": ent.text,
                "label": span.label,
                "name": name,
                "written": name,
                "model_label": span.model_label,
                "word": words_before[ent.start],
                "n_words_doc": words_before[-1],
            })
        for row, name in _short_name_rows(doc_rows, names):
            row["name"] = name
        rows.extend(doc_rows)
    return pd.DataFrame(rows)


def _short_name_rows(rows: list[dict], names: list[tuple[int, str, str]]) -> list[tuple[dict, str]]:
    """One article's mention rows whose short name resolves to a fuller earlier one, with that name."""
    resolved = _resolve_short_names(names)
    return [(row, resolved[row["start"]]) for row in rows if row["start"] in resolved]


def _canonical_names(mentions: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """Across articles: key -> one display name (alias table first, else the most used spelling) and key -> label."""
    aliases = _aliases()
    spellings: dict[str, Counter] = defaultdict(Counter)
    labels: dict[str, Counter] = defaultdict(Counter)
    for name, label, written in zip(mentions["name"].tolist(), mentions["label"].tolist(),
                                    mentions["written"].tolist()):  # lists: pandas' string arrays box each item
        key = name_key(name)
        if key in aliases:
            entity, alias_label = aliases[key]
            key = name_key(entity)
            spellings[key][entity] += 10**6  # the alias table's spelling wins
            labels[key][alias_label] += 10**6
        spellings[key][name] += int(name == written)  # short forms resolved to a name do not vote on its spelling
        labels[key][label] += 1
    display = {key: min(c, key=lambda s: (-c[s], s.count("-"), s)) for key, c in spellings.items()}
    label_of = {key: min(c, key=lambda s: (-c[s], s)) for key, c in labels.items()}
    # one-word person names left over meet the one full person name in the corpus that contains them
    full_people = defaultdict(set)
    for key, name in display.items():
        parts = _NAME_PARTS.split(name)
        if label_of[key] == "PERSON" and len(parts) > 1:
            for part in parts:
                full_people[part.casefold()].add(key)
    for key, name in list(display.items()):
        owners = full_people.get(name.casefold(), set())
        if label_of[key] == "PERSON" and len(_NAME_PARTS.split(name)) == 1 and len(owners) == 1:
            owner = next(iter(owners))
            display[key], label_of[key] = display[owner], label_of[owner]
    alias_keys = {alias: name_key(entity) for alias, (entity, _) in aliases.items()}
    for alias, target in alias_keys.items():
        if target in display:
            display.setdefault(alias, display[target])
            label_of.setdefault(alias, label_of[target])
    return display, label_of


@cached
def entity_mentions(corpus: pd.DataFrame, labels: Iterable[str] = KEEP_LABELS) -> pd.DataFrame:
    """One row per entity mention: doc_id, sentence, start, end (characters in text), surface, label, entity (canonical)."""
    return canonical_mentions(article_mentions(corpus, labels))


def article_mentions(corpus: pd.DataFrame, labels: Iterable[str] = KEEP_LABELS) -> pd.DataFrame:
    """Mentions with names resolved within each article only (the per-article step; runs on any slice of a corpus)."""
    return _raw_mentions(corpus, labels)


def canonical_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    """Article-level mentions of a whole corpus given one canonical name each across articles (the corpus-level step)."""
    if mentions.empty:
        return pd.DataFrame(columns=MENTION_COLUMNS)
    mentions = mentions.copy()
    display, label_of = _canonical_names(mentions)
    aliases = _aliases()
    keys = [name_key(n) for n in mentions["name"].tolist()]
    keys = [name_key(aliases[k][0]) if k in aliases else k for k in keys]
    mentions["entity"] = [display[k] for k in keys]
    mentions["label"] = [label_of[k] for k in keys]
    return mentions.sort_values(["doc_id", "start"], kind="stable")[MENTION_COLUMNS + ["word", "n_words_doc"]] \
        .reset_index(drop=True)


@cached
def entity_counts(corpus: pd.DataFrame, labels: Iterable[str] = KEEP_LABELS,
                  mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article and entity: count, per_1k_words, first_position (0 = first word of the article, 1 = last)."""
    mentions = entity_mentions(corpus, labels) if mentions is None else mentions
    if mentions.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    grouped = mentions.groupby(["doc_id", "entity", "label"], sort=True).agg(
        count=("start", "size"), first_word=("word", "min"), n_words_doc=("n_words_doc", "first")).reset_index()
    n_words = corpus["n_words"].reindex(grouped["doc_id"]).to_numpy()
    grouped["per_1k_words"] = (grouped["count"] * 1000 / n_words).round(2)
    grouped["first_position"] = (grouped["first_word"] / (grouped["n_words_doc"] - 1).clip(lower=1)).round(3)
    grouped["outlet"] = corpus["outlet"].reindex(grouped["doc_id"]).to_numpy()
    grouped["article"] = pd.Series(article_labels(corpus)).reindex(grouped["doc_id"]).to_numpy()
    return grouped.sort_values(["doc_id", "count", "entity"], ascending=[True, False, True], kind="stable")[
        COUNT_COLUMNS].reset_index(drop=True)


def top_entities(counts: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The n entities with most mentions across the corpus: entity, label, mentions, articles (how many carry it)."""
    table = counts.groupby(["entity", "label"], sort=False).agg(
        mentions=("count", "sum"), articles=("doc_id", "nunique")).reset_index()
    return table.sort_values(["mentions", "articles", "entity"], ascending=[False, False, True], kind="stable") \
        .head(n).reset_index(drop=True)


def entity_matrix(counts: pd.DataFrame, entities: Iterable[str], value: str = "per_1k_words") -> pd.DataFrame:
    """Article × entity table of `value` (0 where an article does not mention the entity), rows in doc_id order."""
    chosen = list(entities)
    table = counts[counts["entity"].isin(chosen)].pivot_table(
        index="article", columns="entity", values=value, aggfunc="sum", fill_value=0)
    order = counts.drop_duplicates("doc_id").set_index("doc_id")["article"]
    return table.reindex(index=[a for a in order if a in table.index], columns=chosen, fill_value=0)


def first_named(counts: pd.DataFrame, n: int = 3, labels: Iterable[str] | None = None) -> pd.DataFrame:
    """For each article, the first n entities it names (of `labels`, default all), in order of first mention."""
    if labels is not None:
        counts = counts[counts["label"].isin(list(labels))]
    ordered = counts.sort_values(["doc_id", "first_position", "entity"], kind="stable")
    ordered = ordered.assign(rank=ordered.groupby("doc_id").cumcount() + 1)
    return ordered[ordered["rank"] <= n][["doc_id", "article", "rank", "entity", "label", "first_position"]] \
        .reset_index(drop=True)


def unique_entities(counts: pd.DataFrame, corpus: pd.DataFrame | None = None) -> pd.DataFrame:
    """Entities that only one outlet mentions: what each adds (and the others leave out). Given the corpus, also
    words_also_in: the other outlets' articles whose text has the name all the same (any case; "the Korean
    peninsula"), where the name-finder did not count it, so the name is not theirs alone."""
    outlets_per_entity = counts.groupby("entity")["outlet"].nunique()
    only = outlets_per_entity[outlets_per_entity == 1].index
    table = counts[counts["entity"].isin(only)]
    table = table.sort_values(["doc_id", "count", "entity"], ascending=[True, False, True], kind="stable")[
        ["doc_id", "article", "outlet", "entity", "label", "count"]].reset_index(drop=True)
    if corpus is None:
        return table
    from .corpus import article_labels

    labels = article_labels(corpus)
    texts = corpus["text"].astype(str)
    also = []
    for entity, outlet in zip(table["entity"], table["outlet"]):
        words = re.compile(r"(?<!\w)" + r"[\s\-]+".join(map(re.escape, entity.split())) + r"(?!\w)", re.IGNORECASE)
        also.append(", ".join(labels[d] for d, text in texts.items()
                              if corpus.loc[d, "outlet"] != outlet and words.search(text)))
    return table.assign(words_also_in=also)


def cooccurrence(corpus: pd.DataFrame, min_sentences: int = 1, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pairs of entities named in the same sentence: entity_a, entity_b, sentences (how many), articles."""
    mentions = entity_mentions(corpus) if mentions is None else mentions
    pairs: Counter = Counter()
    docs: dict[tuple[str, str], set] = defaultdict(set)
    for (doc_id, _), group in mentions.groupby(["doc_id", "sentence"], sort=True):
        names = sorted(set(group["entity"]))
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                pairs[(a, b)] += 1
                docs[(a, b)].add(doc_id)
    rows = [{"entity_a": a, "entity_b": b, "sentences": k, "articles": len(docs[(a, b)])}
            for (a, b), k in pairs.items() if k >= min_sentences]
    table = pd.DataFrame(rows, columns=["entity_a", "entity_b", "sentences", "articles"])
    return table.sort_values(["sentences", "entity_a", "entity_b"], ascending=[False, True, True], kind="stable") \
        .reset_index(drop=True)


def mention_examples(corpus: pd.DataFrame, entity: str) -> pd.DataFrame:
    """Every mention of one canonical entity with its surface form and sentence, to check a count by eye."""
    from .nlp import sentences

    mentions = entity_mentions(corpus)
    mentions = mentions[mentions["entity"] == entity]
    sents = sentences(corpus).set_index(["doc_id", "sentence"])["text"]
    sentence_text = [sents.get((d, s), "") for d, s in zip(mentions["doc_id"], mentions["sentence"])]
    return mentions.assign(sentence_text=sentence_text)[["doc_id", "surface", "entity", "sentence_text"]] \
        .reset_index(drop=True)


def highlighted_html(corpus: pd.DataFrame, doc_id: str, max_chars: int | None = 2500) -> str:
    """One article's text as HTML with its entities marked (displaCy style); all article text HTML-escaped."""
    mentions = entity_mentions(corpus)
    mentions = mentions[mentions["doc_id"] == doc_id]
    text = corpus.loc[doc_id, "text"]
    limit = len(text) if max_chars is None else min(len(text), max_chars)
    colours = _LABEL_COLOURS
    parts, cursor = [], 0
    for row in mentions.itertuples():
        if row.end > limit:
            break
        parts.append(html.escape(text[cursor:row.start]))
        colour = colours.get(row.label, "#dddddd")
        parts.append(
            f'<mark style="background:{colour};padding:0.1em 0.3em;border-radius:0.3em;line-height:2" '
            f'title="{html.escape(row.entity)}">{html.escape(text[row.start:row.end])}'
            f'<span style="font-size:0.7em;font-weight:bold;margin-left:0.4em">{html.escape(row.label)}</span></mark>')
        cursor = row.end
    parts.append(html.escape(text[cursor:limit]))
    if limit < len(text):
        parts.append(" …")
    body = "".join(parts).replace("\n\n", "<br><br>")
    return f'<div class="entities" style="line-height:2;max-width:60em">{body}</div>'


#: Background colours per entity label, the same pale shades displaCy uses, so readers who know displaCy feel at home.
_LABEL_COLOURS = {
    "PERSON": "#aa9cfc", "ORG": "#7aecec", "GPE": "#feca74", "LOC": "#ff9561", "NORP": "#c887fb",
    "FAC": "#9cc9cc", "EVENT": "#ffeb80", "PRODUCT": "#bfeeb7",
}


def entity_findings(corpus: pd.DataFrame) -> list[str]:
    """Plain sentences summarising the entity counts, built from the numbers (for any corpus)."""
    from .notebook import escape

    counts = entity_counts(corpus)
    n_docs = len(corpus)
    if counts.empty:
        return ["No named entities were found, so there is nothing to compare."]
    top = top_entities(counts, n=5)
    everywhere = top_entities(counts, n=10_000)
    everywhere = everywhere[everywhere["articles"] == n_docs]["entity"].tolist()
    lines = [
        "The most mentioned names are "
        + ", ".join(f"{escape(r.entity)} ({r.mentions} mention{'s' if r.mentions != 1 else ''} in {r.articles} of "
                    f"{n_docs} article{'s' if n_docs != 1 else ''})"
                    for r in top.itertuples()) + "."
    ]
    if n_docs > 1:
        lines.append(f"{len(everywhere)} entities appear in every article"
                     + (": " + ", ".join(escape(e) for e in everywhere[:12])
                        + (f" and {len(everywhere) - 12} more" if len(everywhere) > 12 else "") if everywhere else "")
                     + ".")
        unique = unique_entities(counts, corpus)
        alone = unique[unique["words_also_in"] == ""]
        per_article = alone.groupby("article")["entity"].nunique()
        if not per_article.empty:
            most = per_article.idxmax()
            lines.append(f"{escape(most)} brings in the most names no other outlet mentions ({per_article.max()}); "
                         f"{len(unique) - len(alone)} more names counted in one outlet only also appear, uncounted, "
                         "in another's text.")
    else:
        lines.append("With one article there is no other outlet to compare with.")
    first = first_named(counts, n=1, labels=("PERSON",))
    lines.append("First person named: " + "; ".join(
        f"{escape(r.article)}: {escape(r.entity)}" for r in first.itertuples()) + ".")
    if n_docs < 10:
        lines.append(f"{n_docs} articles are a small sample: a difference of one or two mentions is not a pattern.")
    return lines


#: Prepositions after which a motion word's object is a place ("a trip to Moscow"); "of" for "by way of".
_MOTION_PREPOSITIONS = frozenset({"to", "toward", "towards", "from", "of"})


@lru_cache(maxsize=1)
def _place_words() -> tuple[frozenset[str], frozenset[str]]:
    """(prepositions, motion words) of data/lexicons/place_words.csv."""
    table = read_lexicon("place_words", required=("word", "kind"))
    words = table["word"].str.strip().str.lower()
    return frozenset(words[table["kind"].str.strip() == "preposition"]), frozenset(words[table["kind"].str.strip() == "motion"])


def place_or_government(token) -> str:  # noqa: ANN001 - spaCy Token
    """'place' when a capital's name is where something happens or someone goes ("in Pyongyang", "visited Moscow",
    "a trip to Moscow", "traveled to Vladivostok and Moscow"), else 'government' ("Moscow denied", "weapons to
    Moscow", "Pyongyang's commitments")."""
    prepositions, motion = _place_words()
    while token.dep_ == "conj" and token.head is not token:  # "Vladivostok and Moscow": the first one's role
        token = token.head
    if token.dep_ == "pobj":
        prep = token.head
        if prep.lower_ in prepositions or (prep.lower_ in _MOTION_PREPOSITIONS and prep.head.lemma_.lower() in motion):
            return "place"
    if token.dep_ == "dobj" and token.head.lemma_.lower() in motion:
        return "place"
    return "government"


@cached
def metonym_roles(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every mention of a metonym (data/lexicons/metonyms.csv): doc_id, sentence, entity, surface, role ('government'
    or 'place', see place_or_government) and its sentence, to check each by eye."""
    from .nlp import doc_text

    table = read_lexicon("metonyms", required=("metonym", "stands_for"))
    mentions = entity_mentions(corpus)
    mentions = mentions[mentions["entity"].isin(set(table["metonym"]))]
    rows = []
    for doc_id, doc in docs(corpus.loc[corpus.index.isin(set(mentions["doc_id"]))]):
        text, sents = doc_text(doc), sentence_spans(doc)
        for row in mentions[mentions["doc_id"] == doc_id].itertuples():
            span = doc.char_span(row.start, row.end, alignment_mode="expand")
            role = place_or_government(span.root) if span is not None else "government"
            sentence = sents[row.sentence].text.strip() if row.sentence < len(sents) else text[row.start:row.end]
            rows.append({"doc_id": doc_id, "sentence": row.sentence, "entity": row.entity, "surface": row.surface,
                         "role": role, "text": sentence})
    return pd.DataFrame(rows, columns=["doc_id", "sentence", "entity", "surface", "role", "text"])


def metonym_use(corpus: pd.DataFrame, counts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article and state: mentions by the state's name and by its metonyms standing for its government (Pyongyang,
    the Kremlin...), with share; as_place counts the metonyms' uses as places ("visited Moscow"), left out of the
    share."""
    table = read_lexicon("metonyms", required=("metonym", "stands_for"))
    stands_for = dict(zip(table["metonym"], table["stands_for"]))
    states = set(stands_for.values())
    counts = entity_counts(corpus) if counts is None else counts
    roles = metonym_roles(corpus)
    government = roles[roles["role"] == "government"].groupby(["doc_id", "entity"]).size()
    place = roles[roles["role"] == "place"].groupby(["doc_id", "entity"]).size()
    present = counts[counts["entity"].isin(states | set(stands_for))]
    rows = []
    for (doc_id, article), group in present.groupby(["doc_id", "article"], sort=True):
        by_name = dict(zip(group["entity"], group["count"]))
        for state in sorted(states):
            named = sorted(m for m, s in stands_for.items() if s == state and by_name.get(m, 0))
            metonyms = [m for m in named if government.get((doc_id, m), 0)]
            name_count = int(by_name.get(state, 0))
            metonym_count = int(sum(government.get((doc_id, m), 0) for m in named))
            as_place = int(sum(place.get((doc_id, m), 0) for m in named))
            if name_count + metonym_count + as_place == 0:
                continue
            rows.append({"doc_id": doc_id, "article": article, "state": state, "by_name": name_count,
                         "by_metonym": metonym_count, "as_place": as_place, "metonyms": ", ".join(metonyms),
                         "metonym_share": round(metonym_count / (name_count + metonym_count), 2)
                         if name_count + metonym_count else 0.0})
    result = pd.DataFrame(rows, columns=["doc_id", "article", "state", "by_name", "by_metonym", "as_place", "metonyms",
                                         "metonym_share"])
    used = result.groupby("state")["by_metonym"].transform("sum") > 0  # states no article calls by a metonym add noise
    return result[used].reset_index(drop=True)
