"""The conflict benchmark: change one fact in a copy of a real article and see if it is caught;
beside it, hand-written pairs in natural wording (`conflict_pairs`), precision and recall.

For each cluster, one article is copied under another outlet and one fact of one of its
sentences is changed: a number, a date, a person, a place, or the sentence is negated. The
report on the cluster plus the altered copy must list a conflict of that kind between the
changed sentence and its original. The same clusters without any change give the false
alarm rate (conflicts per unaltered cluster).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from newsweave.eval.datasets import Cluster
from newsweave.model import Article
from newsweave.text.boilerplate import is_boilerplate

KINDS = ("number", "date", "person", "place", "negation")
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
_NUMBER = re.compile(r"(?<![\w.,:/-])(\d{1,3}(?:,\d{3})+|\d{2,})(?![\w.,:/]\d)")
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_ABBREVIATED = {m[:3] + ".": m for m in MONTHS if len(m) > 4} | {"Sept.": "September"}
_MONTH = rf"\b({'|'.join(MONTHS)}|{'|'.join(re.escape(a) for a in _ABBREVIATED)})"
_DATE = re.compile(rf"{_MONTH} (\d{{1,2}})\b|\b({'|'.join(WEEKDAYS)})\b")
_AFTER_MONTH = re.compile(rf"{_MONTH} $")
_BOUND = re.compile(r"\b(more than|over|at least|fewer than|less than|under|up to|nearly|almost|"
                    r"as many as|as much as)\s+\$?$", re.IGNORECASE)
_NEGATABLE = re.compile(r"\b(is|are|was|were|will|would|can|could|has|have|had|should)\b(?! not)")


@dataclass
class Alteration:
    """One injected change: which article and sentence, and the text before and after."""

    kind: str
    article: Article
    copy: Article
    before: str
    after: str


def _changeable(sentence: str, m: re.Match) -> bool:
    """A figure whose change contradicts: not a year or a day of a month (dates), not an
    ordinal, not a one-sided bound ("more than 500" and "more than 1,007" can both hold)."""
    year = m[1].isdigit() and 1000 <= int(m[1]) <= 2100
    before = sentence[:m.start(1)]
    return not (year or _AFTER_MONTH.search(before) or _BOUND.search(before)
                or re.match(r"(st|nd|rd|th)\b", sentence[m.end(1):]))


def _change_number(sentence: str, rng: random.Random, _: dict) -> str | None:
    matches = [m for m in _NUMBER.finditer(sentence) if _changeable(sentence, m)]
    if not matches:
        return None
    m = rng.choice(matches)
    value = int(m[1].replace(",", ""))
    new = value * 2 + 7
    text = f"{new:,}" if "," in m[1] else str(new)
    return sentence[:m.start(1)] + text + sentence[m.end(1):]


def _change_date(sentence: str, rng: random.Random, _: dict) -> str | None:
    """Another month for "Oct. 12" or "March 3"; another weekday, days away, for "Tuesday"."""
    m = _DATE.search(sentence)
    if not m:
        return None
    if m[3]:
        new = WEEKDAYS[(WEEKDAYS.index(m[3]) + rng.randint(2, 5)) % 7]
    else:
        month = MONTHS.index(_ABBREVIATED.get(m[1], m[1]))
        new = f"{MONTHS[(month + rng.randint(2, 9)) % 12]} {m[2]}"
    return sentence[:m.start()] + new + sentence[m.end():]


def _change_name(label: str) -> Callable[[str, random.Random, dict], str | None]:
    """Swap a name for one from another cluster; a place only where it stands alone after a
    preposition (NER calls some names of storms and people places, and a place inside a
    longer name, "University of Connecticut", "Cambridge Energy Research Associates", is
    part of an organisation's name, not a place the sentence states)."""
    def change(sentence: str, rng: random.Random, names: dict) -> str | None:
        full = (lambda n: len(n.split()) > 1) if label == "PERSON" else (lambda n: True)
        spots = {n: m for n in sorted(names[label]["here"])
                 if full(n) and (m := _spot(label, n, sentence)) is not None}
        others = [n for n in names[label]["elsewhere"]
                  if full(n) and n not in names[label]["here"]]
        if not spots or not others:
            return None
        m = spots[rng.choice(list(spots))]
        return sentence[:m.start("name")] + rng.choice(others) + sentence[m.end("name"):]
    return change


def _spot(label: str, name: str, sentence: str) -> re.Match | None:
    """Where a name stands in the sentence as a name of its own (its group "name")."""
    if label != "GPE":
        return re.search(rf"\b(?P<name>{re.escape(name)})\b", sentence)
    for m in re.finditer(rf"\b(in|to|from|at|near|into|across|of) (?P<name>{re.escape(name)})"
                         r"\b(?! [A-Z])", sentence):
        words = sentence[:m.start()].split()
        if m.group(1) == "of" and words and words[-1][:1].isupper():
            continue  # "University of X", "Bank of X"
        return m
    return None


def _negate(sentence: str, rng: random.Random, _: dict) -> str | None:
    """A "not" after the first auxiliary ("the will of the people" is no auxiliary)."""
    m = next((m for m in _NEGATABLE.finditer(sentence)
              if not re.match(r" (of|to)\b", sentence[m.end():])), None)
    if not m:
        return None
    return sentence[:m.end()] + " not" + sentence[m.end():]


CHANGES = {"number": _change_number, "date": _change_date, "person": _change_name("PERSON"),
           "place": _change_name("GPE"), "negation": _negate}


def alter(cluster: Cluster, kind: str, names: dict, rng: random.Random) -> Alteration | None:
    """A copy of one of the cluster's articles with one fact of one sentence of its text (not
    of its page furniture, which the text stage leaves out) changed."""
    articles = list(cluster.articles)
    rng.shuffle(articles)
    for article in articles:
        paragraphs = list(article.paragraphs)
        order = list(range(len(paragraphs)))
        rng.shuffle(order)
        for p in order:
            if is_boilerplate(paragraphs[p]):
                continue  # a caption or widget line is not the article's text
            sentences = re.split(r"(?<=[.!?]) (?=[A-Z“\"])", paragraphs[p])
            for k, sentence in enumerate(sentences):
                if len(sentence.split()) < 8:
                    continue
                changed = CHANGES[kind](sentence, rng, names)
                if changed and changed != sentence:
                    sentences[k] = changed
                    paragraphs[p] = " ".join(sentences)
                    copy = replace(article, id=f"{article.id}-altered", outlet="Altered Copy",
                                   paragraphs=paragraphs, text="\n".join(paragraphs))
                    return Alteration(kind, article, copy, sentence, changed)
    return None


def found(conflicts: Sequence, alteration: Alteration) -> bool:
    """A conflict of the injected kind between the changed sentence and its original: the
    original as the altered article states it, or as another article that carries the same
    sentence does (a wire story the cluster holds twice, where the other is the origin);
    the changed "sentence" may hold two of the parser's sentences, so the other statement
    need only be (mostly) part of it."""
    before = _words(alteration.before)
    for c in conflicts:
        texts = {st.source: st.text for st in c.statements}
        other = [t for source, t in texts.items() if source != alteration.copy.id]
        if (c.kind == alteration.kind and c.status == "conflict"
                and alteration.copy.id in texts
                and _words(alteration.after) & _words(texts[alteration.copy.id])
                and (alteration.article.id in texts
                     or any(len(before & _words(t)) >= 0.8 * len(_words(t)) for t in other))):
            return True
    return False


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


@dataclass
class ConflictScores:
    """Per kind: injected, caught; and conflicts reported on the unaltered clusters."""

    injected: dict[str, int]
    caught: dict[str, int]
    clusters: int
    false_alarms: int

    def recall(self, kind: str) -> float:
        return self.caught[kind] / self.injected[kind] if self.injected[kind] else float("nan")

    def markdown(self, title: str) -> str:
        lines = [f"**{title}** ({self.clusters} clusters)", "",
                 "| change | injected | caught | recall |", "|---|---|---|---|"]
        for kind in KINDS:
            lines.append(f"| {kind} | {self.injected[kind]} | {self.caught[kind]} "
                         f"| {self.recall(kind):.2f} |")
        lines.append(f"\nconflicts reported on unaltered clusters: {self.false_alarms} "
                     f"({self.false_alarms / max(self.clusters, 1):.2f} per cluster)")
        return "\n".join(lines)


def _names(clusters: Sequence[Cluster]) -> list[dict]:
    """Per cluster, the PERSON and GPE names it mentions and those of the other clusters."""
    from newsweave.text import prepare

    found_names = []
    for c in clusters:
        names: dict[str, set[str]] = {"PERSON": set(), "GPE": set()}
        for doc in prepare(c.articles):
            for ent in doc.doc.ents:
                if ent.label_ in names and len(ent.text) > 2 and ent.text[0].isupper():
                    names[ent.label_].add(ent.text)
        found_names.append(names)
    out = []
    for i, names in enumerate(found_names):
        out.append({label: {"here": names[label],
                            "elsewhere": sorted({n for j, other in enumerate(found_names)
                                                 if j != i for n in other[label]})}
                    for label in names})
    return out


def evaluate(clusters: Sequence[Cluster], seed: int = 13,
             echo: Callable[[str], None] | None = None) -> ConflictScores:
    """Inject each kind of change once per cluster (where the cluster allows it)."""
    from newsweave.pipeline import report

    rng = random.Random(seed)
    scores = ConflictScores(dict.fromkeys(KINDS, 0), dict.fromkeys(KINDS, 0), len(clusters), 0)
    for cluster, names in zip(clusters, _names(clusters), strict=True):
        plain = report(cluster.articles, sections={"conflicts"}).stories[0]
        scores.false_alarms += sum(c.status == "conflict" for c in plain.conflicts)
        for kind in KINDS:
            alteration = alter(cluster, kind, names, rng)
            if alteration is None:
                continue
            altered = report([*cluster.articles, alteration.copy],
                             sections={"conflicts"}).stories[0]
            scores.injected[kind] += 1
            caught = found(altered.conflicts, alteration)
            scores.caught[kind] += caught
            if echo and not caught:
                echo(f"missed {kind} in {cluster.id}: {alteration.after}")
    return scores


def run(data: Path, clusters: int = 10, echo: Callable[[str], None] = print,
        skip: int = 0) -> list:
    """The benchmark on `clusters` clusters of DUC 2004 and of the Multi-News sample (those
    with two articles or more), after the first `skip` (a held-out slice), then the natural
    pairs (returned after the clusters' scores)."""
    from newsweave.eval import conflict_pairs, datasets

    mds = data / "mds"
    end = skip + clusters
    sets = {"DUC 2004": datasets.duc2004(mds / "duc2004")[skip:end],
            "Multi-News validation sample": [
                c for c in datasets.multinews_sample(
                    mds / "multinews-val-sample" / "sample_validation.csv", 4 * end)
                if len(c.articles) >= 2][skip:end]}
    results = []
    for name, chosen in sets.items():
        scores = evaluate(chosen)
        echo(scores.markdown(f"{name}, clusters {skip + 1}-{skip + len(chosen)}") + "\n")
        results.append(scores)
    return results + conflict_pairs.run(echo)
