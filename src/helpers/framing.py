"""Same facts, told differently: distinctive vocabulary, hedging and boosting, frame lexicon shares, headlines vs ledes."""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy as np
import pandas as pd

from .corpus import article_label, by_article
from .lexicons import read_lexicon
from .quoting import quote_spans
from .results_cache import cached
from .sourcing import _verbs  # the reporting verbs sourcing reads, one cached table

#: Scale of the informative Dirichlet prior: prior counts = PRIOR_SCALE × whole-corpus counts (Monroe et al. 2008, §3.5).
PRIOR_SCALE = 1.0
#: |z| above this is conventionally "distinctive" (two-sided 95%); with a few hundred words per group, few terms reach it.
Z_DISTINCTIVE = 1.96
MIN_TERM_COUNT = 2
#: Frame-lexicon hits an article needs before its most frequent frame is named in the findings.
MIN_FRAME_HITS = 5
#: Share of terms that pass z ≥ Z_DISTINCTIVE by chance alone if nothing differed (one tail of a normal, 2.5%).
CHANCE_SHARE = 0.025
TERM_COLUMNS = ["group", "term", "count", "rest_count", "log_odds", "z"]
HEDGE_COLUMNS = ["doc_id", "outlet", "article", "hedges", "boosters", "per_1k_words", "boosters_per_1k", "words",
                 "examples", "booster_examples"]
#: Entity types whose words are a name, not a word choice: frame_matches does not count single frame words inside them,
#: nor in words the tagger reads as proper nouns (a name the entity recogniser missed: "Eastern Economic Forum").
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})
FRAME_COLUMNS = ["doc_id", "outlet", "article", "frame", "hits", "share", "terms"]


# --- distinctive terms --------------------------------------------------------------------------------------------


def _is_word(text: str) -> bool:
    """Letters only, or letters with an abbreviation's final period ("Mr." is the word "Mr", which "Mr" is too)."""
    return text.isalpha() or (len(text) > 1 and text.endswith(".") and text[:-1].isalpha())


def terms_of(tokens: Iterable, include_entities: bool = False) -> Iterator[str]:
    """The terms term_counts counts in a Doc or sentence, in order: lemmas of content words (no stop words, numbers,
    punctuation, words used as prepositions such as "according" or "including", nor, unless include_entities, names);
    a hyphenated compound ("co-operation", "long-range") is one term, not its pieces."""
    tokens = list(tokens)
    i = 0
    while i < len(tokens):
        token, end = tokens[i], i
        while end + 2 < len(tokens) and tokens[end].text.isalpha() and not tokens[end].whitespace_ \
                and tokens[end + 1].text == "-" and not tokens[end + 1].whitespace_ and tokens[end + 2].text.isalpha():
            end += 2  # word-word(-word…) with no space around the hyphens
        if end > i:
            parts = tokens[i:end + 1:2]
            if (include_entities or not any(t.ent_type_ for t in parts)) and not all(t.is_stop for t in parts):
                last = parts[-1].lemma_ if parts[-1].pos_ == "NOUN" else parts[-1].text  # "co-operations": one term
                yield "-".join([t.text.lower() for t in parts[:-1]] + [last.lower()])
            i = end + 1
            continue
        if not (token.is_stop or token.is_punct or token.is_space or token.like_num or not _is_word(token.text)
                or token.dep_ == "prep" or (token.ent_type_ and not include_entities)):
            yield token.lemma_.lower().rstrip(".")
        i += 1


@cached
def term_counts(corpus: pd.DataFrame, by: str = "outlet", include_entities: bool = False) -> pd.DataFrame:
    """Term counts per group: group, term, count (terms as terms_of reads them). Names are left out unless
    include_entities, because names are compared in notebook 02 and would otherwise crowd out the vocabulary that
    carries framing."""
    from .nlp import docs

    groups = corpus[by] if by in corpus else pd.Series(corpus.index, index=corpus.index)
    counts: Counter = Counter()
    for doc_id, doc in docs(corpus):
        group = groups.loc[doc_id]
        group = str(group) if isinstance(group, str) and group.strip() else str(doc_id)
        counts.update((group, term) for term in terms_of(doc, include_entities))
    rows = [{"group": g, "term": t, "count": n} for (g, t), n in counts.items()]
    return pd.DataFrame(rows, columns=["group", "term", "count"]).sort_values(["group", "term"]).reset_index(drop=True)


def log_odds_dirichlet(counts: pd.DataFrame, prior_scale: float = PRIOR_SCALE, zeros: bool = True) -> pd.DataFrame:
    """Weighted log-odds with an informative Dirichlet prior, each group against all the others (Monroe, Colaresi
    & Quinn 2008, "Fightin' Words", eq. 16-22). Positive z: the group uses the term more than the rest of the corpus.
    zeros=False leaves out the terms a group never uses (a table that stays small with thousands of groups)."""
    counts = counts.groupby(["group", "term"], as_index=False, sort=True)["count"].sum()
    if counts.empty:
        return pd.DataFrame(columns=TERM_COLUMNS)
    total_of = counts.groupby("term")["count"].sum()
    n_of = counts.groupby("group")["count"].sum()
    if zeros:  # every group x term, the ones a group does not use with count 0
        grid = pd.MultiIndex.from_product([n_of.index, total_of.index], names=["group", "term"])
        counts = counts.set_index(["group", "term"]).reindex(grid, fill_value=0).reset_index()
    y_i = counts["count"].to_numpy(dtype=float)
    total = total_of.reindex(counts["term"]).to_numpy(dtype=float)
    n_i = n_of.reindex(counts["group"]).to_numpy(dtype=float)
    alpha = prior_scale * total
    alpha0 = (prior_scale * total_of.to_numpy(dtype=float)).sum()  # summed in term order, as the prior itself
    y_j, n_j = total - y_i, float(n_of.sum()) - n_i
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log((y_i + alpha) / (n_i + alpha0 - y_i - alpha))
                 - np.log((y_j + alpha) / (n_j + alpha0 - y_j - alpha)))
        variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
    return pd.DataFrame({"group": counts["group"].to_numpy(), "term": counts["term"].to_numpy(),
                         "count": y_i.astype(int), "rest_count": y_j.astype(int), "log_odds": delta,
                         "z": delta / np.sqrt(variance)})[TERM_COLUMNS]


@cached
def distinctive_terms(corpus: pd.DataFrame, by: str = "outlet", include_entities: bool = False,
                      min_count: int = MIN_TERM_COUNT, prior_scale: float = PRIOR_SCALE) -> pd.DataFrame:
    """Per group, every lemma used at least min_count times in it: count, log_odds and z against the rest (highest z first)."""
    scores = log_odds_dirichlet(term_counts(corpus, by, include_entities), prior_scale, zeros=min_count <= 0)
    if scores.empty:
        return scores
    scores = scores[scores["count"] >= min_count]
    scores = scores.assign(log_odds=scores["log_odds"].round(3), z=scores["z"].round(3))
    return scores.sort_values(["group", "z", "term"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


def top_terms(terms: pd.DataFrame, n: int = 8) -> pd.DataFrame:
    """The n most distinctive terms of each group."""
    return terms.groupby("group", sort=True).head(n).reset_index(drop=True)


def strongest_term_line(terms: pd.DataFrame) -> str:
    """A findings sentence naming the most distinctive word and whether it clears the z line (leads, not findings)."""
    from .notebook import escape

    if terms.empty:
        return "No word is used often enough in any article to be tested."
    best = terms.sort_values(["z", "group", "term"], ascending=[False, True, True], kind="stable").iloc[0]
    verdict = "past" if best["z"] >= Z_DISTINCTIVE else "below"
    return (f"The most distinctive word is \"{escape(best['term'])}\" in {escape(best['group'])} (used "
            f"{best['count']} times, z = {best['z']:.1f}, {verdict} the {Z_DISTINCTIVE} line"
            + ("; a lead to check, not a finding)." if verdict == "below" else ")."))


def term_in_context(corpus: pd.DataFrame, term: str, by: str = "label", limit: int = 5) -> pd.DataFrame:
    """Sentences where a term (as terms_of reads it) occurs, the first `limit` per group: the evidence behind a
    distinctive term."""
    from .nlp import docs, sentence_spans

    rows = []
    for doc_id, doc in docs(corpus):
        for i, sent in enumerate(sentence_spans(doc)):
            if term in set(terms_of(sent)):  # the terms term_counts counts
                rows.append({"group": corpus.loc[doc_id, by] if by in corpus else doc_id, "doc_id": doc_id,
                             "sentence": i, "text": sent.text.strip()})
    table = pd.DataFrame(rows, columns=["group", "doc_id", "sentence", "text"])
    return table.groupby("group", sort=True).head(limit).reset_index(drop=True)


# --- hedging ------------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _hedge_lexicon() -> pd.DataFrame:
    return read_lexicon("hedges", required=("term", "kind", "pos"))


@lru_cache(maxsize=4)
def _hedge_matcher(nlp) -> tuple[object, dict[str, tuple[str, str, str, bool]]]:  # noqa: ANN001 - spacy.Language
    """A PhraseMatcher of the hedge lexicon's terms (lower case) and, per match key, (term, kind, pos, whether it is
    skipped in reported clauses); built once
    per pipeline, not per call (analyse_ahead calls hedge_matches once per slice)."""
    from spacy.matcher import PhraseMatcher

    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    info = {}
    for row in _hedge_lexicon().itertuples():
        key = f"H_{len(info)}"
        info[key] = (row.term.strip().lower(), row.kind.strip(), row.pos.strip(), row.reported.strip() == "skip")
        matcher.add(key, [nlp.make_doc(row.term.strip())])
    return matcher, info


def in_reported_clause(token) -> bool:  # noqa: ANN001 - spaCy Token
    """Whether the token's clause is what a reporting verb reports ("he warned that the US would act") or is attributed
    by "according to" ("according to the official, the leaders would discuss ...")."""
    clause = token.head if token.dep_ in ("aux", "auxpass") else token
    if any(c.lower_ == "according" and any(g.lower_ == "to" for g in c.children) for c in clause.children):
        return True
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in _verbs()


@cached
def hedge_matches(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every hedge and booster in the outlets' own voice: doc_id, sentence, term, kind, text. Quotes are skipped, and
    so are terms marked `reported skip` in a clause a reporting verb or "according to" introduces (in_reported_clause)."""
    from spacy.util import filter_spans

    from .nlp import doc_text, docs, load_pipeline, sentence_spans

    nlp = load_pipeline()
    matcher, info = _hedge_matcher(nlp)
    rows = []
    for doc_id, doc in docs(corpus):
        spans = quote_spans(doc_text(doc))
        starts = [s.start_char for s in sentence_spans(doc)]
        sents = sentence_spans(doc)
        found = []
        for match_id, start, end in matcher(doc):
            term, kind, pos, skip_reported = info[nlp.vocab.strings[match_id]]
            span = doc[start:end]
            if pos and not all(t.tag_ == pos for t in span):
                continue
            if skip_reported and in_reported_clause(span[0]):
                continue
            if any(a <= span.start_char < b for a, b in spans):
                continue
            span.label_ = f"{kind}:{term}"
            found.append(span)
        for span in filter_spans(found):
            kind, term = span.label_.split(":", 1)
            index = max(sum(1 for s in starts if s <= span.start_char) - 1, 0)
            rows.append({"doc_id": doc_id, "sentence": index, "term": term, "kind": kind,
                         "text": sents[index].text.strip()})
    return pd.DataFrame(rows, columns=["doc_id", "sentence", "term", "kind", "text"])


def _own_words(corpus: pd.DataFrame) -> pd.Series:
    """Words per article outside quotation marks (the base for per-1,000-word hedge rates)."""
    out = {}
    for doc_id, text in corpus["text"].items():
        spans = quote_spans(text)
        kept, cursor = [], 0
        for a, b in spans:
            kept.append(text[cursor:a])
            cursor = b
        kept.append(text[cursor:])
        out[doc_id] = len(" ".join(kept).split())
    return pd.Series(out, dtype=int)


def _counted(terms: Iterable[str]) -> str:
    """Terms with their counts, commonest first ("would ×6, may ×1")."""
    return ", ".join(f"{t} ×{k}" for t, k in sorted(Counter(terms).items(), key=lambda kv: (-kv[1], kv[0])))


def hedging(corpus: pd.DataFrame, matches: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article: hedges and boosters in the outlet's own voice, per 1,000 of its own words, with the hedge terms
    (examples) and the booster terms (booster_examples) counted."""
    matches = hedge_matches(corpus) if matches is None else matches
    words = _own_words(corpus)
    matches_of = by_article(matches)
    rows = []
    for doc_id in corpus.index:
        mine = matches_of(doc_id)
        hedges = int((mine["kind"] == "hedge").sum())
        boosters = int((mine["kind"] == "booster").sum())
        n = int(words.get(doc_id, 0))
        rows.append({"doc_id": doc_id, "outlet": corpus.loc[doc_id, "outlet"], "article": article_label(corpus, doc_id),
                     "hedges": hedges, "boosters": boosters,
                     "per_1k_words": round(hedges * 1000 / n, 1) if n else math.nan,
                     "boosters_per_1k": round(boosters * 1000 / n, 1) if n else math.nan, "words": n,
                     "examples": _counted(mine.loc[mine["kind"] == "hedge", "term"]),
                     "booster_examples": _counted(mine.loc[mine["kind"] == "booster", "term"])})
    return pd.DataFrame(rows, columns=HEDGE_COLUMNS)


# --- frames -------------------------------------------------------------------------------------------------------


def frames_lexicon() -> pd.DataFrame:
    """The frame lexicon: frame, term, source (data/lexicons/frames.csv)."""
    return read_lexicon("frames", required=("frame", "term", "source"))


@cached
def frame_matches(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every frame-term hit: doc_id, sentence, frame, term. Single words match lemmas, except inside a name (an
    entity of NAME_LABELS or a proper noun: "Security" in "National Security Council" names an office, "War" in "the
    Cold War" an era; neither is the outlet's wording); phrases match words as written, names included ("UN Security
    Council")."""
    from .nlp import doc_text, docs, sentence_spans

    lexicon = frames_lexicon()
    single = {}
    phrases = []
    for row in lexicon.itertuples():
        term = row.term.strip().lower()
        if " " in term:
            phrases.append((re.compile(rf"\b{re.escape(term)}\b"), row.frame, term))
        else:
            single.setdefault(term, []).append(row.frame)
    rows = []
    for doc_id, doc in docs(corpus):
        text = doc_text(doc).lower()
        present = [(pattern, frame, term) for pattern, frame, term in phrases if term in text]  # most are in none
        for i, sent in enumerate(sentence_spans(doc)):
            covered = set()
            lowered = sent.text.lower()
            for pattern, frame, term in present:
                for m in pattern.finditer(lowered):
                    rows.append({"doc_id": doc_id, "sentence": i, "frame": frame, "term": term})
                    covered.update(range(sent.start_char + m.start(), sent.start_char + m.end()))
            for token in sent:
                if token.idx in covered or token.ent_type_ in NAME_LABELS or token.pos_ == "PROPN":
                    continue
                for key in dict.fromkeys((token.lemma_.lower(), token.lower_)):  # the lemma first, every run
                    for frame in single.get(key, []):
                        rows.append({"doc_id": doc_id, "sentence": i, "frame": frame, "term": key})
                    if key in single:
                        break
    return pd.DataFrame(rows, columns=["doc_id", "sentence", "frame", "term"])


def frames(corpus: pd.DataFrame, matches: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article and frame: hits, share of the article's frame hits, and the matching terms with counts."""
    matches = frame_matches(corpus) if matches is None else matches
    all_frames = list(dict.fromkeys(frames_lexicon()["frame"]))
    matches_of = by_article(matches)
    rows = []
    for doc_id in corpus.index:
        mine = matches_of(doc_id)
        total = len(mine)
        for frame in all_frames:
            hits = mine[mine["frame"] == frame]
            rows.append({"doc_id": doc_id, "outlet": corpus.loc[doc_id, "outlet"], "article": article_label(corpus, doc_id),
                         "frame": frame, "hits": len(hits), "share": round(len(hits) / total, 3) if total else 0.0,
                         "terms": _counted(hits["term"])})
    return pd.DataFrame(rows, columns=FRAME_COLUMNS)


def frame_terms(frame_table: pd.DataFrame) -> pd.DataFrame:
    """One row per frame with any hit, one column per article (in the charts' order): the words counted for it."""
    hit = frame_table[frame_table["hits"] > 0]
    articles = sorted(hit["article"].unique(), key=str.lower)
    table = hit.pivot_table(index="frame", columns="article", values="terms", aggfunc="first", fill_value="")
    table = table.reindex(columns=articles, fill_value="")
    table.columns.name = None
    return table.reset_index()


# --- headlines ----------------------------------------------------------------------------------------------------

#: A headline with at least this share of capitalised words is in Title Case, which misleads the entity recogniser.
TITLE_CASE_SHARE = 0.6


def sentence_case(headline: str, body: str) -> str:
    """A Title Case headline in sentence case: capitals kept only on the first word, acronyms and words the body
    also capitalises (names), so the entity recogniser does not take "Planned Visit" for a name."""
    words = re.findall(r"[A-Za-z][\w’'-]*", headline)
    if not words or sum(w[0].isupper() for w in words) / len(words) < TITLE_CASE_SHARE:
        return headline
    body_words = {re.sub(r"[’']s$", "", w) for w in re.findall(r"[A-Za-z][\w’'-]*", body) if w[0].isupper()}

    def lower(match: re.Match[str]) -> str:
        word = match.group(0)
        stem = re.sub(r"[’']s$", "", word)
        if match.start() == 0 or not word[0].isupper() or word.isupper() or stem in body_words:
            return word  # first word, acronyms and words the body also capitalises (names) stay
        return word[0].lower() + word[1:]

    return re.sub(r"[A-Za-z][\w’'-]*", lower, headline)



#: Headlines quote with single marks (‘to meet Putin’); an apostrophe inside a word (Un’s) is not a closing mark.
HEADLINE_SINGLE_QUOTE = re.compile(r"(?:^|(?<=\s))[‘'](?=\w)[^‘’']*\s[^‘’']*?[’'](?!\w)")


def headline_attribution(doc) -> str:  # noqa: ANN001 - spaCy Doc of one headline
    """Who carries a headline's claim: "US (say)" for a reporting verb and its subject ("..., US says"), and
    "quotation marks" when the claim sits inside them (a British headline's way of attributing without a name)."""
    verbs = _verbs()
    carriers = []
    for token in doc:
        if token.lemma_.lower() in verbs and token.pos_ in ("VERB", "AUX"):
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subjects:
                name = " ".join(t.text for t in subjects[0].subtree if not t.is_punct)
                carriers.append(f"{name} ({token.lemma_.lower()})")
            elif token.i > 0 and doc[token.i - 1].is_punct:  # ", claims US": subject after the verb
                after = [t.text for t in doc[token.i + 1:] if not t.is_punct]
                if after:
                    carriers.append(f"{' '.join(after)} ({token.lemma_.lower()})")
    if any(len(doc.text[a:b].split()) > 1 for a, b in quote_spans(doc.text)) or HEADLINE_SINGLE_QUOTE.search(doc.text):
        carriers.append("quotation marks")
    return "; ".join(carriers)


@cached
def headlines(corpus: pd.DataFrame) -> pd.DataFrame:
    """Per article: headline, its main verb, who carries its claim, hedges in it, named actors, the lede, and headline
    words the lede lacks."""
    from .entities import strip_name
    from .nlp import iter_docs, sentences

    columns = ["doc_id", "article", "headline", "main_verb", "attribution", "hedges", "actors", "lede",
               "only_in_headline"]
    titles = corpus["title"].where(corpus["title"].notna(), None)
    present = titles.dropna()
    present = present[present.astype(str).str.strip() != ""]
    cased = pd.Series({d: sentence_case(str(t), corpus.loc[d, "text"]) for d, t in present.items()}, dtype=object)
    title_docs = dict(iter_docs(cased)) if len(cased) else {}
    ledes = sentences(corpus).groupby("doc_id")["text"].first()
    lede_docs = dict(iter_docs(ledes)) if len(ledes) else {}
    hedge_terms = {t.strip().lower() for t in _hedge_lexicon()["term"]}
    rows = []
    for doc_id in corpus.index:
        lede = ledes.get(doc_id, "")
        doc = title_docs.get(doc_id)
        if doc is None:
            rows.append({"doc_id": doc_id, "article": article_label(corpus, doc_id), "headline": None, "main_verb": None,
                         "attribution": "", "hedges": "", "actors": "", "lede": lede, "only_in_headline": ""})
            continue
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        verb = root if root is not None and root.pos_ in ("VERB", "AUX") else next(
            (t for t in doc if t.pos_ == "VERB"), root)
        lowered = doc.text.lower()
        hedges = sorted(h for h in hedge_terms if re.search(rf"\b{re.escape(h)}\b", lowered))
        actors = list(dict.fromkeys(strip_name(e.text, e.label_) for e in doc.ents
                                    if e.label_ in ("PERSON", "ORG", "GPE", "NORP")))
        lede_doc = lede_docs.get(doc_id)
        lede_lemmas = {t.lemma_.lower() for t in lede_doc} if lede_doc is not None else set()
        extra = [t.text for t in doc if t.is_alpha and not t.is_stop and t.lemma_.lower() not in lede_lemmas]
        rows.append({"doc_id": doc_id, "article": article_label(corpus, doc_id), "headline": present[doc_id],
                     "main_verb": verb.lemma_ if verb is not None else None,
                     "attribution": headline_attribution(doc), "hedges": ", ".join(hedges),
                     "actors": ", ".join(actors), "lede": lede, "only_in_headline": ", ".join(dict.fromkeys(extra))})
    return pd.DataFrame(rows, columns=columns)


# --- findings -----------------------------------------------------------------------------------------------------


def framing_findings(corpus: pd.DataFrame, terms: pd.DataFrame | None = None,
                     hedge_table: pd.DataFrame | None = None, frame_table: pd.DataFrame | None = None) -> list[str]:
    """Plain sentences on vocabulary, hedging and frames, built from the numbers (any corpus)."""
    from .notebook import escape

    lines = []
    if len(corpus) < 2:
        return ["Framing compares outlets with each other; with one article there is nothing to compare it with."]
    terms = distinctive_terms(corpus, by="label") if terms is None else terms
    strong = terms[terms["z"] >= Z_DISTINCTIVE]
    if len(strong):
        best = strong.sort_values("z", ascending=False).iloc[0]
        by_chance = CHANCE_SHARE * len(terms)
        verdict = ("no more than chance alone would give, so read them as leads to check, not findings"
                   if len(strong) <= 2 * by_chance else "more than chance alone would give")
        lines.append(f"{len(strong)} of {len(terms)} word-in-article pairs tested (each word an article uses at least "
                     f"{MIN_TERM_COUNT} times, against the other articles) "
                     f"{'are' if len(strong) != 1 else 'is'} distinctive at z ≥ {Z_DISTINCTIVE}; about {by_chance:.0f} would get there by chance alone "
                     f"({verdict}). The strongest is \"{escape(best['term'])}\" in {escape(best['group'])} "
                     f"(used {best['count']} times, z = {best['z']:.1f}).")
    else:
        lines.append(f"No term reaches |z| ≥ {Z_DISTINCTIVE}: the articles are too short, or too alike, for "
                     "vocabulary differences to stand out from chance.")
    hedge_table = hedging(corpus) if hedge_table is None else hedge_table
    ranked = hedge_table.sort_values("per_1k_words")
    lines.append(f"Hedging in the outlets' own voice ranges from {ranked['per_1k_words'].iloc[0]:.1f} per 1,000 words "
                 f"({escape(ranked['article'].iloc[0])}) to {ranked['per_1k_words'].iloc[-1]:.1f} "
                 f"({escape(ranked['article'].iloc[-1])}); each article has only {int(hedge_table['hedges'].min())} to "
                 f"{int(hedge_table['hedges'].max())} hedges, so one sentence more or less changes the rate a lot.")
    frame_table = frames(corpus) if frame_table is None else frame_table
    hits = frame_table.groupby("doc_id")["hits"].sum()
    counted = hits[hits >= MIN_FRAME_HITS].index  # an article with a word or two of the lexicon has no leading frame
    leading = frame_table[frame_table["doc_id"].isin(counted)].sort_values(
        ["doc_id", "hits", "frame"], ascending=[True, False, True]).groupby("doc_id").head(1)
    common = leading["frame"].value_counts()
    if common.empty:
        lines.append(f"Almost no frame words were found (at most {int(hits.max()) if len(hits) else 0} in an article): the frame "
                     "lexicon (data/lexicons/frames.csv) was written for international-security news; for another kind "
                     "of story, add its words there.")
    else:
        left_out = len(corpus) - len(counted)
        lines.append(f"The most frequent frame is {escape(common.index[0])} in {common.iloc[0]} of {len(counted)} "
                     "articles (by lexicon hits, an approximation of what trained coders would judge)"
                     + (f"; {left_out} {'article' if left_out == 1 else 'articles'} with fewer than {MIN_FRAME_HITS} frame words "
                        f"{'is' if left_out == 1 else 'are'} left out: the "
                        "lexicon was written for international-security news." if left_out else "."))
    return lines


def examples_for(matches: pd.DataFrame, kind: str, per_article: int = 2) -> pd.DataFrame:
    """A few example sentences per article for a kind of match (e.g. hedge), for reading the evidence."""
    data = matches[matches["kind"] == kind] if "kind" in matches else matches
    return data.drop_duplicates(["doc_id", "sentence"]).groupby("doc_id", sort=True).head(per_article) \
        .reset_index(drop=True)


def group_names(values: Iterable[str]) -> list[str]:
    """Groups in display order (case-insensitive alphabetical)."""
    return sorted(set(values), key=str.lower)
