"""How outlets word the same fact: contrasting wordings around a shared anchor, and each
outlet's most distinctive terms.

A contrast is two sentences from different outlets about the same thing (each the other's
closest sentence in its article, a shared named anchor such as "Crimea") in which the
anchor is governed by a different event word ("annexation of Crimea" / "Crimea rejoined
...") and what the two event phrases say besides the anchor is close in meaning ("Moscow's
annexation" / "rejoined the Russian Federation"); sentence similarity alone pairs different
facts about one name, so the parse must also agree: both phrases state the event, deny it
or leave it open ("could halt", "demanded that ... end", "if ... picked"); neither names the
other's event, a different figure or date, or another part of a place, nor does one alone
say how long it lasted ("arrested" / "imprisoned for eight years"); a noun for someone's
part in an event ("the mayor's treatment of Quell") is no event; and a name that acts in one
and is acted upon in the other ("guard Alvarez" / "Alvarez will travel") is two facts unless
another party is shared: the converse "won the prize" / "was awarded the prize".
Distinctive terms are the log-odds ratio with an informative Dirichlet prior (Monroe,
Colaresi and Quinn 2008). No library implements either over a parsed story, so both are
written here.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np
from spacy.tokens import Span, Token

from newsweave.analyse.similarity import pairs_above
from newsweave.embed import Embedder
from newsweave.model import Framing, FramingContrast, OutletTerms, Statement, Story
from newsweave.text.mood import conditional, possible, wished
from newsweave.text.quantities import TIME_UNITS

MAX_CONTRASTS = 5  # contrasts shown per story: the strongest, for a reader, not all
MAX_TERMS = 8  # distinctive terms shown per outlet
MIN_Z = 1.0  # log-odds z-score a term needs to count as distinctive (Monroe et al. 2008)
PRIOR_STRENGTH = 0.1  # the prior: the story's own word counts, scaled down
_QUESTION = re.compile(r"\?[\"”’']*(\s|$)")  # a question mark closing a question
ANCHOR_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
_EVENT_SUFFIXES = ("tion", "sion", "ment", "ure", "ance", "ence", "ing", "age", "ade")
# news events named by nouns that are not derived with a suffix
_EVENT_NOUNS = {"strike", "attack", "raid", "protest", "walkout", "war", "takeover", "crackdown",
                "coup", "riot", "revolt", "deal", "vote", "ban", "arrest", "murder", "death",
                "defeat", "win", "release", "return", "rise", "fall", "cut", "seizure", "siege"}
# nouns with an event suffix that name a group or a thing, not an event ("a faction of the
# Communists", "an alliance of former Communists")
_NOT_EVENTS = {"faction", "coalition", "alliance", "government", "administration",
               "organization", "organisation", "federation", "association", "corporation",
               "commission", "delegation", "foundation", "institution", "nation", "population",
               "generation", "station", "region", "agency", "audience", "parliament"}
# nouns with an event suffix that name no particular event, only someone's part in one
# ("the mayor's treatment of Quell", "Velka's involvement in the war"): no wording of
# what was done ("dismissed Quell", "Velka sent troops")
_VAGUE_EVENTS = {"treatment", "involvement", "decision", "handling", "situation", "experience",
                 "presence", "participation", "position", "performance", "existence"}
# a place named with one of these adjectives is a part of it ("southern Peru"), not the
# whole; capitalised, they are part of a name ("South Korea", "Central America")
_PARTS = {"northern", "southern", "eastern", "western", "central", "northeastern",
          "northwestern", "southeastern", "southwestern", "upper", "lower", "coastal"}
_CONTENT_POS = {"NOUN", "PROPN", "ADJ", "NUM"}
_COMPLEMENT_DEPS = {"xcomp", "ccomp", "prep", "pcomp"}
_PARTY_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd", "poss"}
_CLAUSE_DEPS = {"mark", "advcl", "punct", "conj", "cc", "relcl", "parataxis"}
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj"}
_REPORTING = {"say", "tell", "add", "announce", "confirm", "insist", "state", "note", "claim",
              "report", "warn", "stress", "explain", "declare", "write", "ask", "believe",
              "think", "suggest", "argue", "deny", "meet", "talk", "speak", "discuss",
              "admit", "acknowledge", "concede", "demand", "urge", "accuse",
              # light verbs carry no framing of their own
              "be", "have", "do", "make", "get", "take", "give", "go", "come", "become",
              "appear", "seem", "remain", "stay"}


def analyse_framing(story: Story, embedder: Embedder) -> Framing:
    """Wording contrasts for shared facts, and distinctive terms per outlet."""
    spans = [story.span(i) for i in range(len(story.sentences))]
    return Framing(contrasts=_contrasts(story, spans, embedder),
                   distinctive_terms=distinctive_terms(story, spans))


def _event_head(token: Token) -> Token | None:
    """The event word of which an anchor is an argument: "annexation of Crimea",
    "Moscow's annexation", "Crimea rejoined"; reporting verbs are not events of the fact."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of":
        token, head = head, head.head
    if token.dep_ in {"poss", "prep"} and head.pos_ == "NOUN":
        lemma = head.lemma_.lower()
        event = (head if (lemma.endswith(_EVENT_SUFFIXES) or lemma in _EVENT_NOUNS)
                 and lemma not in _NOT_EVENTS | _VAGUE_EVENTS else None)
    elif token.dep_ in _ARGUMENT_DEPS and head.pos_ == "VERB":
        event = head
    else:
        return None
    if event is None or event.lemma_.lower() in _REPORTING:
        return None
    return event


def _phrase(head: Token) -> list[Token]:
    """The head's own phrase: a noun's subtree, or a verb with its arguments and complement
    clause ("wants Ocalan sent here for trial") but not its adverbial, relative or coordinated
    clauses."""
    if head.pos_ == "NOUN":
        return list(head.subtree)
    return sorted([head] + [t for c in head.children if c.dep_ not in _CLAUSE_DEPS
                            for t in c.subtree], key=lambda t: t.i)


def _text(tokens: list[Token]) -> str:
    return tokens[0].doc[tokens[0].i:tokens[-1].i + 1].text


def _without(tokens: list[Token], anchor: Span) -> str:
    """The phrase's words but the anchor's (with its "of" or "'s"): what the phrase says of it."""
    inside = range(anchor.start, anchor.end)
    rest = [t.text for t in tokens if t.i not in inside
            and not (t.dep_ == "case" and t.head.i in inside)
            and not (t.lower_ == "of" and anchor.root.head.i == t.i)]
    return " ".join(rest) or "it"


def _anchored_events(span: Span) -> dict[str, tuple[Token, Span]]:
    events = {}
    for ent in span.ents:
        if ent.label_ in ANCHOR_LABELS:
            head = _event_head(ent.root)
            if head is not None:
                events.setdefault(ent.text.lower(), (head, ent))
    return events


def _same_stem(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    n = min(len(a), len(b), 5)
    return a[:n] == b[:n]


def _role(anchor: Span, head: Token) -> str | None:
    """Whether the named anchor acts ("Alvarez will travel", "Chile's invasion of Velka") or
    is acted upon ("guard Alvarez", "Alvarez has been invited", "the mayor's treatment of
    Alvarez"); None where the grammar does not say ("the death of X", "X's arrest")."""
    root = anchor.root
    if head.pos_ == "VERB":
        return ("agent" if root.dep_ == "nsubj"
                else "patient" if root.dep_ in {"dobj", "nsubjpass"} else None)
    deps = {c.dep_ if c.dep_ == "poss" else c.lower_ for c in head.children}
    if root.dep_ == "poss" and "of" in deps:
        return "agent"
    return "patient" if root.dep_ == "pobj" and "poss" in deps else None


def _parties(head: Token, anchor: Span) -> tuple[set[str], set[str]]:
    """The event's other parties (subjects, objects and possessors besides the anchor, those
    of its complements included: "accused of hiding the ledger"): their content words, clauses
    about them left out, and the kinds of name they are."""
    inside = range(anchor.start, anchor.end)
    chain, todo = set(), [head]
    while todo:
        t = todo.pop()
        chain.add(t.i)
        todo.extend(c for c in t.children if c.dep_ in _COMPLEMENT_DEPS)
    parties = [t for t in head.subtree if t.head.i in chain and t.i not in inside and (
        t.dep_ in _PARTY_DEPS or (t.dep_ == "pobj" and t.head.lower_ in {"of", "by"}))]
    words = {w.lemma_.lower() for t in parties for w in _noun_phrase(t)
             if w.pos_ in _CONTENT_POS and not w.is_stop and w.i not in inside}
    return words, {t.ent_type_ for t in parties if t.ent_type_}


def _noun_phrase(token: Token) -> list[Token]:
    """A party's words without the clauses about it ("a strike across the harbour")."""
    return [token] + [w for c in token.children if c.dep_ not in _CLAUSE_DEPS | {"acl", "appos"}
                      for w in _noun_phrase(c)]


def _stated(head: Token) -> bool | None:
    """Whether the event is stated as a fact (True), denied (False) or neither: a
    possibility, a demand or a supposition (None)."""
    if possible(head) or wished(head) or conditional(head):
        return None
    return not any(c.dep_ == "neg" for c in head.children)


def _names(tokens: list[Token], head: Token) -> bool:
    """Whether a phrase, or a verb coordinated with its head, itself names the other phrase's
    event ("annexed Velka after invading it" / "invaded Velka"; "presented the prize but
    opened the wrong envelope" / "opened the wrong envelope"): then the two differ in what else
    they tell."""
    return any(t.pos_ in {"NOUN", "VERB"} and _same_stem(t.lemma_, head.lemma_) for t in tokens)


def _figures(tokens: Iterable[Token]) -> set[str]:
    """The numbers written with digits ("1975", "4,000")."""
    return {t.lower_ for t in tokens if t.like_num and any(c.isdigit() for c in t.text)}


def _when(tokens: list[Token]) -> set[str]:
    """The figures and the named days, months and years of a phrase ("in 1975", "Wednesday")."""
    return _figures(tokens) | {t.lower_ for t in tokens if t.ent_type_ == "DATE" and t.is_title}


def _part(anchor: Span) -> set[str]:
    """The part of a place the anchor names ("southern Peru"); empty for the whole."""
    return {c.text for c in anchor.root.children if c.dep_ == "amod" and c.text in _PARTS}


def _lasts(head: Token) -> bool:
    """Whether the event is said to have gone on for a number of days or years ("imprisoned
    for eight years"; not "for years, Velka has protested")."""
    return any(p.lower_ == "for" and any(
        c.dep_ == "pobj" and c.lemma_.lower() in TIME_UNITS
        and any(n.dep_ == "nummod" for n in c.children) for c in p.children)
        for p in head.children)


def _one_fact(a: tuple[Token, Span, list[Token]], b: tuple[Token, Span, list[Token]]) -> bool:
    """Whether two event phrases around one anchor can be one fact in other words: both state
    it as a fact, both deny it or both leave it open, neither names the other's event, they
    name no different figures or dates ("annexed Velka in 1976" / "invaded Velka in 1975"),
    nor different parts of a place ("invaded Peru" / "occupied southern Peru"), nor does
    one alone say how long it went on ("arrested" / "imprisoned for eight years"), and a
    name that acts in one and is acted upon in the other has a party in common or of the
    same kind in both: the converse ("Moscow's annexation of Crimea" / "Crimea rejoined the
    Russian Federation")."""
    (ha, ea, pa), (hb, eb, pb) = a, b
    if _stated(ha) != _stated(hb):
        return False
    if _names([*pa, *ha.conjuncts], hb) or _names([*pb, *hb.conjuncts], ha):
        return False
    when_a, when_b = _when(pa), _when(pb)
    if when_a and when_b and not when_a & when_b:
        return False
    if _part(ea) != _part(eb) or _lasts(ha) != _lasts(hb):
        return False
    if {_role(ea, ha), _role(eb, hb)} != {"agent", "patient"}:
        return True
    (words_a, kinds_a), (words_b, kinds_b) = _parties(ha, ea), _parties(hb, eb)
    return bool(words_a & words_b or kinds_a & kinds_b)


def _asks(text: str) -> bool:
    """A question states no fact to word differently ("Who invited him?", also quoted with
    its speaker: `"Who invited him?" one councillor asked.`)."""
    return bool(_QUESTION.search(text))


def _aligned_pairs(story: Story) -> list[tuple[int, int]]:
    """Pairs i < j of sentences at least `related` alike that are each other's closest
    sentence in the other's article, up to the encoder's rounding (`align_margin`: int8,
    batch by batch, moves cosines by about as much): the two articles' tellings of one thing.
    A sentence's closest in an article it has such a pair with is itself at least `related`
    alike, so the pairs above that cosine are all this needs (no n x n matrix)."""
    cosines = story.cosines
    rows, cols, values = pairs_above(story.vectors, cosines.related, upper=False)
    _, article = np.unique([s.article_id for s in story.sentences], return_inverse=True)
    # the closest cosine of each row in each article it has a pair in
    _, slot = np.unique(rows * (int(article.max(initial=0)) + 1) + article[cols],
                        return_inverse=True)
    closest = np.full(slot.max(initial=-1) + 1, -np.inf)
    np.maximum.at(closest, slot, values)
    best = values >= closest[slot] - cosines.align_margin
    n = len(story.sentences)
    chosen = set((rows[best] * n + cols[best]).tolist())
    return [(int(i), int(j)) for i, j in zip(rows[best], cols[best], strict=True)
            if i < j and j * n + i in chosen]


class _Candidate(NamedTuple):
    i: int
    j: int
    anchor: str
    phrases: tuple[str, str]
    rests: tuple[str, str]  # each phrase without the anchor
    events: frozenset[str]  # the two event words' lemmas


def _contrasts(story: Story, spans: list[Span], embedder: Embedder) -> list[FramingContrast]:
    sents = story.sentences
    outlets = [story.outlet(s.article_id) for s in sents]
    events = [_anchored_events(sp) for sp in spans]
    found = []
    asks = [_asks(s.text) for s in sents]
    for i, j in _aligned_pairs(story):
        if outlets[i] == outlets[j] or asks[i] or asks[j]:
            continue
        for anchor in events[i].keys() & events[j].keys():
            (hi, ei), (hj, ej) = events[i][anchor], events[j][anchor]
            if _same_stem(hi.lemma_, hj.lemma_):
                continue
            pi, pj = _phrase(hi), _phrase(hj)
            if not _one_fact((hi, ei, pi), (hj, ej, pj)):
                continue
            found.append(_Candidate(i, j, anchor, (_text(pi), _text(pj)),
                                    (_without(pi, ei), _without(pj, ej)),
                                    frozenset({hi.lemma_.lower(), hj.lemma_.lower()})))
    if not found:
        return []
    vecs = embedder.encode([p for f in found for p in f.rests])
    scored = []
    for k, f in enumerate(found):
        score = float(vecs[2 * k] @ vecs[2 * k + 1])
        shared = _figures(spans[f.i]) & _figures(spans[f.j])
        if score >= (story.cosines.event_phrases_with_figure if shared
                     else story.cosines.event_phrases):
            scored.append((score, f))
    scored.sort(key=lambda t: -t[0])
    contrasts, seen = [], set()
    for _, (i, j, anchor, phrases, _, events) in scored:
        # one contrast per anchor and pair of outlets, per pair of sentences, and per pair
        # of words for one anchor ("lost" / "disappearance" told by many outlets)
        keys = {(anchor, outlets[i], outlets[j]), (sents[i].text, sents[j].text),
                (anchor, events)}
        if keys & seen:
            continue
        seen |= keys
        wordings = [Statement.of(sents[k], outlets[k]) for k in (i, j)]
        anchor_text = next(e.text for e in spans[i].ents if e.text.lower() == anchor)
        contrasts.append(FramingContrast(anchor=anchor_text, wordings=wordings,
                                         phrases=list(phrases)))
        if len(contrasts) == MAX_CONTRASTS:
            break
    return contrasts


def _terms(span: Span) -> list[str]:
    return [t.lemma_.lower() for t in span if t.is_alpha and not t.is_stop
            and t.pos_ in {"NOUN", "PROPN", "ADJ", "VERB"} and len(t) > 2]


def distinctive_terms(story: Story, spans: list[Span], max_terms: int = MAX_TERMS,
                      min_z: float = MIN_Z) -> list[OutletTerms]:
    """Each outlet's terms that set it apart from the other outlets of the story (z > min_z)."""
    counts: dict[str, Counter] = {}
    for s, sp in zip(story.sentences, spans, strict=True):
        counts.setdefault(story.outlet(s.article_id), Counter()).update(_terms(sp))
    if len(counts) < 2:
        return []
    total = sum(counts.values(), Counter())
    prior = {w: PRIOR_STRENGTH * c for w, c in total.items()}
    a0 = sum(prior.values())
    out = []
    for outlet, mine in counts.items():
        rest = total - mine
        ni, nj = sum(mine.values()), sum(rest.values())
        scores = []
        for w, aw in prior.items():
            yi, yj = mine[w], rest[w]
            if yi == 0:
                continue
            delta = (math.log((yi + aw) / (ni + a0 - yi - aw))
                     - math.log((yj + aw) / (nj + a0 - yj - aw)))
            z = delta / math.sqrt(1 / (yi + aw) + 1 / (yj + aw))
            if z > min_z:
                scores.append((w, round(z, 2)))
        scores.sort(key=lambda t: -t[1])
        out.append(OutletTerms(outlet=outlet, terms=scores[:max_terms]))
    return out
