"""Sentence and entity sentiment: VADER with the words behind each score, quotes apart, and a validated target model.

Sign: compound runs from -1 (most negative) to +1 (most positive). Labels use VADER's authors' cut-offs: compound
>= 0.05 positive, <= -0.05 negative, otherwise neutral (Hutto & Gilbert 2014, ICWSM).
"""
from __future__ import annotations

import gzip
import json
import logging
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from .corpus import article_label, by_article
from .paths import DATA
from .quoting import quote_spans
from .results_cache import cached

logger = logging.getLogger(__name__)

POSITIVE_CUTOFF = 0.05
NEGATIVE_CUTOFF = -0.05
#: A sentence counts as quoted speech when at least this share of its characters is inside quotation marks.
QUOTED_SHARE = 0.5
#: Words either side of an entity mention that the target model reads as its context window.
WINDOW_WORDS = 6
VADER_WINDOWS = (3, 6, 12)
VADER_FEATURE_WEIGHT = 2.0
#: Scale of the lexicon-distance features (valence of VADER words, weighted by closeness to the target in the parse).
LEXICON_DISTANCE_WEIGHT = 1.0
#: Lexicon words this many dependency arcs from the target or fewer count as "near" it.
NEAR_ARCS = (2, 4)
#: A negated lexicon word ("not good") contributes this multiple of its valence (VADER's own N_SCALAR is -0.74).
NEGATION_FACTOR = -0.5
#: Dependency relations of the target's own modifiers, and of the governing verb's complements, used as features.
TARGET_MODIFIERS = frozenset({"amod", "appos", "compound", "relcl", "acl"})
VERB_COMPLEMENTS = frozenset({"dobj", "attr", "acomp", "xcomp", "ccomp", "oprd"})
MODEL_C = 1.0
SENTENCE_TFIDF = {"ngram_range": (1, 2), "min_df": 2, "sublinear_tf": True}
WINDOW_TFIDF = {"ngram_range": (1, 3), "min_df": 2, "sublinear_tf": True}
DEPENDENCY_TFIDF = {"token_pattern": r"\S+", "lowercase": False, "min_df": 2, "sublinear_tf": True}
MODEL_PATH = DATA / "models" / "newsmtsc_target_sentiment.json.gz"
VALIDATION_PATH = DATA / "validation" / "newsmtsc_sample.jsonl"
TOKEN = re.compile(r"[\w']+|[^\w\s]")

SENTENCE_COLUMNS = ["doc_id", "sentence", "paragraph", "text", "compound", "label", "in_quote", "drivers"]
ENTITY_COLUMNS = ["doc_id", "outlet", "article", "entity", "n_sentences", "mean_compound", "mean_vader",
                  "most_negative", "method"]


@lru_cache(maxsize=1)
def _vader():  # noqa: ANN202
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def label_of(compound: float) -> str:
    """negative / neutral / positive from a compound score (VADER's ±0.05 cut-offs)."""
    if compound >= POSITIVE_CUTOFF:
        return "positive"
    if compound <= NEGATIVE_CUTOFF:
        return "negative"
    return "neutral"


def drivers(text: str) -> str:
    """The VADER lexicon words in a text with their valence, strongest first, and how often each occurs when more
    than once ("killed -3.5, war -2.9 ×2")."""
    lexicon = _vader().lexicon
    found: dict[str, int] = {}
    for word in TOKEN.findall(text.lower()):
        if word in lexicon:
            found[word] = found.get(word, 0) + 1
    ordered = sorted(found, key=lambda w: (-abs(lexicon[w]), w))
    return ", ".join(f"{w} {lexicon[w]:+.1f}" + (f" ×{found[w]}" if found[w] > 1 else "") for w in ordered)


def sentiment_scores(texts: Iterable[str]) -> pd.DataFrame:
    """VADER for any list of sentences: text, compound (-1 negative .. +1 positive), label, drivers."""
    texts = [str(t) for t in texts]
    analyzer = _vader()
    compounds = [round(analyzer.polarity_scores(t)["compound"], 4) for t in texts]
    return pd.DataFrame({"text": texts, "compound": compounds, "label": [label_of(c) for c in compounds],
                         "drivers": [drivers(t) for t in texts]}, columns=["text", "compound", "label", "drivers"])


def quoted_share(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> float:
    """Share of the characters text[start:end] that lie inside quotation spans."""
    if end <= start:
        return 0.0
    inside = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
    return inside / (end - start)


@cached
def sentence_sentiment(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence (helpers.sentences numbering): compound, label, in_quote, and the lexicon words behind it."""
    from .nlp import sentences

    sents = sentences(corpus)
    if sents.empty:
        return pd.DataFrame(columns=SENTENCE_COLUMNS)
    spans = {doc_id: quote_spans(text) for doc_id, text in corpus["text"].items()}
    scores = sentiment_scores(sents["text"])
    texts = corpus["text"].to_dict()
    shares = [quoted_share(texts[d], s, e, spans[d])
              for d, s, e in zip(sents["doc_id"], sents["start"], sents["end"])]
    return sents.assign(compound=scores["compound"].to_numpy(), label=scores["label"].to_numpy(),
                        in_quote=[share >= QUOTED_SHARE for share in shares],
                        drivers=scores["drivers"].to_numpy())[SENTENCE_COLUMNS]


def article_sentiment(corpus: pd.DataFrame, scored: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per article and voice (authorial, quoted, all): sentences, mean compound, share negative and positive."""
    scored = sentence_sentiment(corpus) if scored is None else scored
    scored_of = by_article(scored)
    rows = []
    for doc_id in corpus.index:
        mine = scored_of(doc_id)
        for voice, part in (("authorial", mine[~mine["in_quote"]]), ("quoted", mine[mine["in_quote"]]), ("all", mine)):
            rows.append({"doc_id": doc_id, "outlet": corpus.loc[doc_id, "outlet"],
                         "article": article_label(corpus, doc_id), "voice": voice, "n_sentences": len(part),
                         "mean_compound": round(part["compound"].mean(), 3) if len(part) else np.nan,
                         "share_negative": round((part["label"] == "negative").mean(), 3) if len(part) else np.nan,
                         "share_positive": round((part["label"] == "positive").mean(), 3) if len(part) else np.nan})
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "article", "voice", "n_sentences", "mean_compound",
                                       "share_negative", "share_positive"])


# --- the target-dependent model -----------------------------------------------------------------------------------


def marked_sentence(text: str, start: int, end: int) -> str:
    """The sentence with the target mention replaced by a marker word, so the model learns about 'the target'."""
    return f"{text[:start]} TGT {text[end:]}"


def target_window(text: str, start: int, end: int, words: int = WINDOW_WORDS) -> str:
    """The target marker with up to `words` words either side of it."""
    left = text[:start].split()[-words:] if words else []
    right = text[end:].split()[:words] if words else []
    return " ".join([*left, "TGT", *right])


def target_dependencies(doc, start: int, end: int) -> str:  # noqa: ANN001 - spaCy Doc
    """Where the target sits in the parse, as words: its relation, its head, the verb governing it and that verb's
    complements, its own modifiers ("rel_nsubjpass gov_accuse govc_dobj_crime")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "NOSPAN"
    root = span.root
    head = root.head
    features = [f"rel_{root.dep_}", f"head_{root.dep_}_{head.lemma_.lower()}", f"headlemma_{head.lemma_.lower()}"]
    if root.dep_ == "pobj":
        features += [f"prep_{head.lemma_.lower()}_{head.head.lemma_.lower()}", f"pobjhead_{head.head.lemma_.lower()}"]
    verb = root
    while verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
    features.append(f"gov_{verb.lemma_.lower()}")
    for child in verb.children:
        if child.dep_ == "neg":
            features.append("gov_neg")
        if child.dep_ in VERB_COMPLEMENTS:
            features.append(f"govc_{child.dep_}_{child.lemma_.lower()}")
    features += [f"mod_{c.dep_}_{c.lemma_.lower()}" for c in root.children if c.dep_ in TARGET_MODIFIERS]
    return " ".join(features)


def lexicon_distance(doc, start: int, end: int) -> list[float]:  # noqa: ANN001 - spaCy Doc
    """VADER valences of the words around the target, weighted by closeness in the parse and in the text: [tree-weighted
    sum, linear-weighted sum, positive/negative mass within NEAR_ARCS[0] arcs, within NEAR_ARCS[1] arcs, anywhere]."""
    out = np.zeros(8)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return out.tolist()
    lexicon = _vader().lexicon
    up = {t.i: k for k, t in enumerate([span.root, *span.root.ancestors])}
    for token in doc:
        word = token.text.lower()
        if word not in lexicon or span.start <= token.i < span.end:
            continue
        valence = lexicon[word]
        if any(c.dep_ == "neg" for c in (*token.children, *token.head.children)):
            valence *= NEGATION_FACTOR
        arcs = next((j + up[a.i] for j, a in enumerate([token, *token.ancestors]) if a.i in up), 10)
        linear = min(abs(token.i - span.start), abs(token.i - span.end))
        out[0] += valence / (1 + arcs)
        out[1] += valence / (1 + linear)
        sign = 0 if valence > 0 else 1
        if arcs <= NEAR_ARCS[0]:
            out[2 + sign] += abs(valence)
        if arcs <= NEAR_ARCS[1]:
            out[4 + sign] += abs(valence)
        out[6 + sign] += abs(valence)
    return (out / 4).tolist()


def _tfidf(texts: list[str], vocabulary: list[str], idf: np.ndarray, settings: dict):  # noqa: ANN202
    """Sublinear TF-IDF with l2 norm, as scikit-learn computes it, from a stored vocabulary and idf."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.preprocessing import normalize

    options = {k: v for k, v in settings.items() if k in ("ngram_range", "token_pattern", "lowercase")}
    counts = CountVectorizer(vocabulary=vocabulary, **options).transform(texts).astype(float)
    counts.data = np.log(counts.data) + 1.0
    return normalize(counts.multiply(idf).tocsr())


def parse_sentences(texts: Sequence[str]) -> dict[str, object]:
    """spaCy Docs for loose sentences (not articles), each parsed once, not cached on disk."""
    from .nlp import iter_docs

    unique = sorted(set(texts))
    return {text: doc for text, (_, doc) in zip(unique, iter_docs(pd.Series(unique), cache=False, progress=False))}


class TargetModel:
    """Logistic regression over sentence, entity-window and parse-relation TF-IDF plus VADER scores of windows and of the
    words near the target in the parse (trained by scripts/train_sentiment.py)."""

    def __init__(self, model: dict) -> None:
        self.model = model
        self.sentence_idf = np.asarray(model["sentence_idf"])
        self.window_idf = np.asarray(model["window_idf"])
        self.dependency_idf = np.asarray(model["dependency_idf"])

    def features(self, items: Sequence[tuple[str, int, int]], docs: dict | None = None):  # noqa: ANN201 - sparse
        """Feature matrix for (sentence, target start, target end) items (docs: already parsed sentences, by text)."""
        from scipy.sparse import csr_matrix, hstack

        analyzer = _vader()
        docs = parse_sentences([text for text, _, _ in items]) if docs is None else docs
        sentence = _tfidf([marked_sentence(*item) for item in items], self.model["sentence_vocabulary"],
                          self.sentence_idf, SENTENCE_TFIDF)
        window = _tfidf([target_window(*item) for item in items], self.model["window_vocabulary"],
                        self.window_idf, WINDOW_TFIDF)
        relations = _tfidf([target_dependencies(docs[t], s, e) for t, s, e in items],
                           self.model["dependency_vocabulary"], self.dependency_idf, DEPENDENCY_TFIDF)
        dense, near = [], []
        for text, start, end in items:
            row = []
            for part in (text, *(target_window(text, start, end, k) for k in VADER_WINDOWS)):
                score = analyzer.polarity_scores(part.replace("TGT", " "))
                row += [score["compound"], score["neg"], score["pos"]]
            dense.append(row)
            near.append(lexicon_distance(docs[text], start, end))
        return hstack([sentence, window, relations, csr_matrix(np.asarray(dense) * VADER_FEATURE_WEIGHT),
                       csr_matrix(np.asarray(near) * LEXICON_DISTANCE_WEIGHT)]).tocsr()

    def probabilities(self, items: Sequence[tuple[str, int, int]]) -> pd.DataFrame:
        """Probability of each label per item (columns negative, neutral, positive)."""
        if not items:
            return pd.DataFrame(columns=self.model["labels"])
        logits = self.features(items) @ np.asarray(self.model["coef"]).T + np.asarray(self.model["intercept"])
        logits = np.asarray(logits)
        exp = np.exp(logits - logits.max(axis=1, keepdims=True))
        return pd.DataFrame(exp / exp.sum(axis=1, keepdims=True), columns=self.model["labels"])


def parser_id() -> str:
    """Name and version of the spaCy pipeline whose parse the target model reads."""
    from .nlp import load_pipeline, model_id

    return model_id(load_pipeline())


@lru_cache(maxsize=1)
def target_model() -> TargetModel:
    """The shipped target-dependent sentiment model (trained on NewsMTSC's train split)."""
    with gzip.open(MODEL_PATH, "rt", encoding="utf-8") as handle:
        model = json.load(handle)
    if model.get("parser") != parser_id():
        logger.warning("the target sentiment model was trained on the parse of %s, not %s: its validation figures may "
                       "not hold; retrain with scripts/train_sentiment.py", model.get("parser"), parser_id())
    return TargetModel(model)


def target_scores(items: Sequence[tuple[str, int, int]]) -> pd.DataFrame:
    """Sentiment toward a target mention: compound (P(positive) - P(negative)), label, and the probabilities."""
    probs = target_model().probabilities(list(items))
    if probs.empty:
        return pd.DataFrame(columns=["compound", "label", "negative", "neutral", "positive"])
    compound = (probs["positive"] - probs["negative"]).round(4)
    label = probs[["negative", "neutral", "positive"]].idxmax(axis=1)
    return pd.concat([compound.rename("compound"), label.rename("label"), probs.round(4)], axis=1)


@cached
def entity_sentiment(corpus: pd.DataFrame, method: str = "model", labels: Iterable[str] = ("PERSON", "ORG", "GPE",
                     "NORP")) -> pd.DataFrame:
    """Per article and canonical entity: sentences that mention it, mean sentiment toward it, the most negative one.

    method="model" (default, chosen by validation) scores sentiment toward the mention with the target model;
    method="vader" averages the VADER compound of the sentences. mean_vader is given either way for comparison.
    """
    from .entities import entity_mentions

    if method not in ("model", "vader"):
        raise ValueError(f"method must be 'model' or 'vader', not {method!r}")
    mentions = entity_mentions(corpus)
    mentions = mentions[mentions["label"].isin(list(labels))]
    scored = sentence_sentiment(corpus)
    if mentions.empty or scored.empty:
        return pd.DataFrame(columns=ENTITY_COLUMNS)
    sents = scored.set_index(["doc_id", "sentence"])
    starts = pd.Series({(r.doc_id, r.sentence): r.start for r in _sentence_starts(corpus).itertuples()})
    # one row per (sentence, entity): the first mention of the entity in that sentence is the target
    first = mentions.drop_duplicates(["doc_id", "sentence", "entity"]).reset_index(drop=True)
    texts = [sents.loc[(d, s), "text"] for d, s in zip(first["doc_id"], first["sentence"])]
    offsets = [starts[(d, s)] for d, s in zip(first["doc_id"], first["sentence"])]
    raw_texts = [corpus.loc[d, "text"] for d in first["doc_id"]]
    items = []
    for text, raw, sent_start, start, end in zip(texts, raw_texts, offsets, first["start"], first["end"]):
        lead = len(raw[sent_start:]) - len(raw[sent_start:].lstrip())  # sentence text is stripped
        a = max(0, start - sent_start - lead)
        items.append((text, a, min(len(text), a + end - start)))
    first["vader"] = [sents.loc[(d, s), "compound"] for d, s in zip(first["doc_id"], first["sentence"])]
    first["model"] = target_scores(items)["compound"].to_numpy() if method == "model" else first["vader"]
    first["text"] = texts
    rows = []
    for (doc_id, entity), group in first.groupby(["doc_id", "entity"], sort=True):
        worst = group.loc[group["model"].idxmin()]
        rows.append({"doc_id": doc_id, "outlet": corpus.loc[doc_id, "outlet"], "article": article_label(corpus, doc_id),
                     "entity": entity, "n_sentences": len(group), "mean_compound": round(group["model"].mean(), 3),
                     "mean_vader": round(group["vader"].mean(), 3), "most_negative": worst["text"],
                     "method": method})
    return pd.DataFrame(rows, columns=ENTITY_COLUMNS)


def _sentence_starts(corpus: pd.DataFrame) -> pd.DataFrame:
    from .nlp import sentences

    return sentences(corpus)[["doc_id", "sentence", "start"]]


# --- validation ---------------------------------------------------------------------------------------------------


def validation_sample() -> pd.DataFrame:
    """The shipped NewsMTSC sample: text, start, end, mention, label (human sentiment toward the mention)."""
    rows = [json.loads(line) for line in VALIDATION_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    return pd.DataFrame(rows, columns=["text", "start", "end", "mention", "label"])


def validation_predictions() -> pd.DataFrame:
    """The sample with each method's predicted label: human label, vader (whole sentence), model (toward the target)."""
    return predicted_labels(validation_sample())


@cached
def predicted_labels(sample: pd.DataFrame) -> pd.DataFrame:
    """A labelled sample (text, start, end, mention, label) with each method's predicted label: vader and model
    (results-cached on the sample's content, so the notebook's findings and its validation table score it once)."""
    vader = sentiment_scores(sample["text"])["label"].to_numpy()
    model = target_scores(list(zip(sample["text"], sample["start"], sample["end"])))["label"].to_numpy()
    return sample.assign(vader=vader, model=model)


def validate_sentiment() -> pd.DataFrame:
    """Agreement of each method with the human labels of the sample: n targets, sentences, accuracy, macro-F1 (higher
    is better)."""
    from sklearn.metrics import accuracy_score, f1_score

    predictions = validation_predictions()
    n_sentences = predictions["text"].nunique()
    rows = []
    for method, description in (("vader", "VADER, whole sentence (default for sentence scores)"),
                                ("model", "target model (default for entity sentiment)")):
        rows.append({"method": method, "description": description, "n": len(predictions), "sentences": n_sentences,
                     "accuracy": round(accuracy_score(predictions["label"], predictions[method]), 3),
                     "macro_f1": round(f1_score(predictions["label"], predictions[method], average="macro"), 3)})
    majority = predictions["label"].value_counts().idxmax()
    rows.append({"method": "baseline", "description": f"always '{majority}' (the most common label)",
                 "n": len(predictions), "sentences": n_sentences,
                 "accuracy": round((predictions["label"] == majority).mean(), 3),
                 "macro_f1": round(f1_score(predictions["label"], [majority] * len(predictions), average="macro"), 3)})
    return pd.DataFrame(rows)


def validation_by_label() -> pd.DataFrame:
    """Per method and human label: how many targets carry the label (n), precision, recall and F1 of that method on
    it, so one can see which tone each method gets wrong most."""
    from sklearn.metrics import precision_recall_fscore_support

    predictions = validation_predictions()
    labels = ["negative", "neutral", "positive"]
    rows = []
    for method in ("vader", "model"):
        scores = precision_recall_fscore_support(predictions["label"], predictions[method], labels=labels,
                                                 zero_division=0)
        for label, precision, recall, f1, n in zip(labels, *scores):
            rows.append({"method": method, "label": label, "n": int(n), "precision": round(float(precision), 3),
                         "recall": round(float(recall), 3), "f1": round(float(f1), 3)})
    return pd.DataFrame(rows, columns=["method", "label", "n", "precision", "recall", "f1"])


def with_articles(scored: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Sentence scores with the article's short label (for charts)."""
    return scored.assign(article=[article_label(corpus, d) for d in scored["doc_id"]])


def extreme_sentences(scored: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The n most negative and n most positive sentences, with the words that drove their scores."""
    ordered = scored.sort_values(["compound", "doc_id", "sentence"], kind="stable")
    negative = ordered.head(n).assign(end_="most negative")
    positive = ordered[ordered["compound"] > 0].tail(n).iloc[::-1].assign(end_="most positive")
    table = pd.concat([negative, positive]).rename(columns={"end_": "which"})
    return table[["which", "doc_id", "sentence", "compound", "in_quote", "drivers", "text"]].reset_index(drop=True)


#: Random reshufflings behind gap_by_chance, and their seed (fixed: the same corpus gives the same share).
RESHUFFLES = 2_000
RESHUFFLE_SEED = 0


def gap_by_chance(values: np.ndarray, groups: np.ndarray) -> float:
    """Share of random reassignments of the values to the groups (group sizes kept) whose gap between the highest and
    lowest group mean is at least the observed one: a permutation test on the spread of the means."""
    names, group = np.unique(groups, return_inverse=True)
    sizes = np.bincount(group, minlength=len(names))
    if len(names) < 2 or len(values) < 3:
        return 1.0

    def gap(assigned: np.ndarray) -> np.ndarray:
        totals = np.stack([np.bincount(a, weights=values, minlength=len(names)) for a in np.atleast_2d(assigned)])
        means = totals / sizes
        return means.max(axis=1) - means.min(axis=1)

    observed = gap(group)[0]
    rng = np.random.default_rng(RESHUFFLE_SEED)
    shuffled = np.stack([rng.permutation(group) for _ in range(RESHUFFLES)])
    return float((gap(shuffled) >= observed - 1e-12).mean())


def _same_report(corpus: pd.DataFrame, *doc_ids: object) -> list[str]:
    """A findings line when the given articles are versions of one report (helpers.reuse.families), else none."""
    from .notebook import escape
    from .reuse import families

    if len(corpus) < 2:
        return []
    family = families(corpus).set_index("doc_id")["family"]
    if len({family.get(d) for d in doc_ids}) != 1:
        return []
    return [f"{' and '.join(escape(article_label(corpus, d)) for d in doc_ids)} are versions of one report (notebook "
            "05), so their gap is between two rewrites of one text, not between two outlets' views."]


def tone_gap_findings(corpus: pd.DataFrame, scored: pd.DataFrame | None = None) -> list[str]:
    """The tone finding the front page shows: how far apart the articles' own voices are, whether chance could explain
    it, and, when the two extremes are versions of one report, that their gap is not one between outlets."""
    from .notebook import escape

    scored = sentence_sentiment(corpus) if scored is None else scored
    if scored.empty:
        return ["No sentences to score."]
    own = scored[~scored["in_quote"]]
    means = own.groupby("doc_id")["compound"].mean().sort_values(kind="stable")  # by article, even where labels repeat
    lines = []
    if len(means) > 1:
        low = (f"{escape(article_label(corpus, means.index[0]))} (mean VADER score {means.iloc[0]:+.2f}, on a scale "
               "from -1 to +1)")
        high = f"{escape(article_label(corpus, means.index[-1]))} ({means.iloc[-1]:+.2f})"
        chance = gap_by_chance(own["compound"].to_numpy(), own["doc_id"].astype(str).to_numpy())
        gap = (f"a gap of {means.iloc[-1] - means.iloc[0]:.2f}. Dealing the same sentences out to the articles at "
               f"random gives a gap at least that large {chance:.0%} of the time"
               + (", so chance alone could explain it" if chance >= 0.05
                  else ", so chance alone is an unlikely explanation"))
        if chance >= 0.05:
            lines.append(f"In the outlets' own voice, no article reads measurably more negative than another: the "
                         f"extremes are {low} and {high}, {gap}.")
        else:
            lines.append(f"In the outlets' own voice, the most negative article is {low} and the least negative "
                         f"{high}: {gap}.")
        lines += _same_report(corpus, means.index[0], means.index[-1])
    elif len(means):
        lines.append(f"The article's own voice averages {means.iloc[0]:+.2f}.")
    return lines


def sentiment_findings(corpus: pd.DataFrame, scored: pd.DataFrame | None = None) -> list[str]:
    """Plain sentences on tone, built from the numbers (any corpus), with what the validation allows one to say."""
    scored = sentence_sentiment(corpus) if scored is None else scored
    if scored.empty:
        return ["No sentences to score."]
    lines = tone_gap_findings(corpus, scored)
    negative = (scored["label"] == "negative").mean()
    lines.append(f"{negative:.0%} of all {len(scored)} sentences score negative; {scored['in_quote'].sum()} sentences "
                 "are mostly inside quotation marks (quoted speech) and are kept apart from the outlets' own tone. A "
                 "statement reported without quotation marks (\"he warned that ...\") stays in the outlet's voice here; "
                 "notebook 04 counts both kinds as quotes and reported statements.")
    check = validate_sentiment().set_index("method")
    lines.append(f"On {check.loc['vader', 'n']} human labels of the tone toward a person in "
                 f"{check.loc['vader', 'sentences']} news sentences (NewsMTSC), VADER agrees with the coders "
                 f"{check.loc['vader', 'accuracy']:.0%} of the time (macro-F1 {check.loc['vader', 'macro_f1']:.2f}, a 0-1 score "
                 "that weighs negative, neutral and positive sentences alike); the "
                 f"target model used for entity tone reaches {check.loc['model', 'accuracy']:.0%} "
                 f"(macro-F1 {check.loc['model', 'macro_f1']:.2f}). Read a single score as a pointer to its words, "
                 "not as a verdict on an article's tone.")
    if len(corpus) < 10:
        lines.append(f"With {len(corpus)} articles, a difference of 0.1 in mean tone is within what one or two "
                     "sentences can swing.")
    return lines
