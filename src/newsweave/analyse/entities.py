"""People, organisations and places merged across a story's articles.

"Jens Stoltenberg", "Stoltenberg" and "Mr. Stoltenberg's" are one person, and so is "the
NATO chief" where a text says so ("Jens Stoltenberg, the NATO chief"); "U.S." and "United
States" one place; an acronym is the organisation whose initials it spells. A
surname shared by two people is merged with neither. The small NER model sometimes calls a
surname an ORG; a lone name matching a person's surname becomes that person. Written here
because no library does cross-document name merging on spaCy's output.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from newsweave.model import Document, Entity

LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"}
# well-known alternative names no text spells out ("U.S." never says "United States")
ALIASES = {
    "us": "United States", "u.s.": "United States", "usa": "United States",
    "u.s.a.": "United States", "america": "United States",
    "united states of america": "United States", "the united states": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "un": "United Nations", "u.n.": "United Nations",
    "eu": "European Union", "e.u.": "European Union", "ussr": "Soviet Union",
    "soviet union": "Soviet Union", "russian federation": "Russia",
}
_TITLES = re.compile(r"^(mr|mrs|ms|miss|dr|prof|sen|rep|gov|gen|lt|col|sgt|capt|president|"
                     r"prime minister|secretary|minister|king|queen|prince|princess|pope|"
                     r"chancellor|sir|lord|lady)\.?\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")
_PARTY = re.compile(r"\s+Party$")
# titles that say nothing of who someone is on their own
_BARE_TITLES = {"mr.", "mr", "mrs.", "mrs", "ms.", "ms", "dr.", "dr", "sir", "lady", "lord"}
# "Mrs. Yeltsin" is not "Boris Yeltsin": a woman named by title and surname keeps the title
# and is never merged by surname alone (the text rarely says which full name she has).
_WOMAN_TITLE = re.compile(r"^(mrs|ms|miss|mme|madame)\.?\s+(?=\S)", re.IGNORECASE)


def titled_name(ent: Span) -> str:
    """An entity's text with the "Mrs."/"Ms." spaCy leaves outside it, which tells her apart."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and _WOMAN_TITLE.match(before.text + " x"):
        return f"{before.text} {ent.text}"
    return ent.text


def clean_name(text: str) -> str:
    """A mention without leading article, title or trailing possessive."""
    name = " ".join(text.split())
    name = re.sub(r"^(the|a|an)\s+", "", name, flags=re.IGNORECASE)
    if (woman := _WOMAN_TITLE.match(name)) and len(name.split()) == 2:
        title = woman.group(1).capitalize() + ("" if woman.group(1).lower() == "miss" else ".")
        return f"{title} {_POSSESSIVE.sub('', name.split()[1]).strip(' ,-')}"
    previous = None
    while previous != name:
        previous = name
        name = _TITLES.sub("", name)
    return _POSSESSIVE.sub("", name).strip(" ,-")


@dataclass
class _Group:
    names: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    sources: dict[str, None] = field(default_factory=dict)


class EntityIndex:
    """Maps any surface form seen in the story to its entity's name."""

    def __init__(self, forms: dict[str, str]) -> None:
        self._forms = forms

    def canonical(self, name: str, label: str | None = None) -> str | None:
        """The merged entity's name for a mention, or None if the story has no such entity."""
        key = clean_name(name).lower()
        return self._forms.get(ALIASES.get(key, key).lower())

    def described_as(self, noun: str) -> set[str]:
        """The entities the story describes by a title or description ending in `noun`
        ("fashion designer Oscar de la Renta": "designer")."""
        noun = noun.lower()
        return {name for form, name in self._forms.items()
                if form.split()[-1:] == [noun] and form != name.lower()}


def _mentions(documents: list[Document]) -> list[tuple[str, str, str, bool]]:
    """(name, label, article id, placed) of each named mention whose words are a name, with
    the label its context gives it (`role_label`); `placed` when the context said place
    where spaCy did not."""
    out = []
    for d in documents:
        for ent in d.doc.ents:
            if ent.label_ in LABELS:
                name = clean_name(titled_name(ent))
                if is_name(name):
                    label = role_label(ent)
                    out.append((ALIASES.get(name.lower(), name), label, d.id,
                                label == "GPE" != ent.label_))
    return out


def is_name(name: str) -> bool:
    """Whether a mention's words can be a name at all: a capitalised word or an acronym in
    it, not a fragment ("n't", "'s", "de la")."""
    return (any(c.isalpha() for c in name) and any(c.isupper() for c in name)
            and any(w[:1].isupper() or w[:1].isdigit() for w in name.split()))


# Nouns that name a kind of place, or what only a place has: "the port of Kessmark", "the
# town of Vell", "the mayor of Vell".
_PLACE_NOUNS = {"port", "town", "city", "village", "harbour", "harbor", "capital", "island",
                "province", "region", "district", "county", "state", "republic", "municipality",
                "suburb", "resort", "borough", "hamlet", "commune", "prefecture", "oblast",
                # the people and offices of a place: "the mayor of Kessmark"
                "mayor", "governor", "residents", "inhabitants", "outskirts", "streets"}
# Acts done to a territory: "the annexation of Vellmark", "Russia invaded Vellmark". An
# organisation is not annexed or invaded (only ORG mentions are retyped: "capture" and people
# are left out).
_TERRITORY_ACTS = {"annexation", "invasion", "occupation", "siege", "partition", "secession",
                   "reunification"}
_TERRITORY_VERBS = {"annex", "invade"}  # not "occupy" or "blockade": protesters do that to firms
# Head nouns of built structures: "the Orrin Bridge" is a facility, not the person spaCy's
# small model often makes of a two-word capitalised name.
_STRUCTURES = {"bridge", "tunnel", "airport", "stadium", "dam", "highway", "motorway",
               "canal", "pier", "quay", "viaduct", "tower", "arena", "station", "terminal"}
# Nouns of the land a name can qualify: "the Vell valley", "the Orr river".
_LAND_NOUNS = {"valley", "river", "lake", "coast", "bay", "mountains", "hills", "delta",
               "peninsula", "basin", "gorge", "estuary", "sea", "plain", "plains", "desert"}
# Prepositions of place: "in Kessmark", "near Kessmark" (not "at", which companies take).
_PLACE_PREPS = {"in", "near", "outside", "across", "throughout", "around", "into"}
RARE_ZIPF = 3.0  # a word rarer than this (per wordfreq) is a proper name, not an institution


def role_label(ent: Span) -> str:
    """The entity type that the words around a mention give it: spaCy's small model calls a
    port or town an organisation ("the port of Kessmark", "strikes in Kessmark"); the
    context says place."""
    label = ent.label_
    if label not in {"ORG", "PERSON", "FAC"}:
        return label
    doc = ent.doc
    if label == "PERSON" and len(ent) > 1 and ent[-1].lower_ in _STRUCTURES:
        return "FAC"
    after = doc[ent.end] if ent.end < len(doc) else None
    if (label == "ORG" and after is not None and after.lower_ in _LAND_NOUNS
            and ent.root.head.i == after.i):
        return "LOC"
    before = [t.lower_ for t in doc[max(ent.start - 2, 0):ent.start]]
    if len(before) == 2 and before[1] == "of" and before[0] in _PLACE_NOUNS:
        return "GPE"
    if label == "ORG" and (
            (len(before) == 2 and before[1] == "of" and before[0] in _TERRITORY_ACTS
             and ent.root.head.i == ent.start - 1)
            or (ent.root.dep_ in {"dobj", "nsubjpass"}
                and ent.root.head.lemma_ in _TERRITORY_VERBS)):
        return "GPE"
    if (label == "ORG" and len(ent) == 1 and before and before[-1] in _PLACE_PREPS
            and ent.root.head.i == ent.start - 1 and not ent.text.isupper() and _rare(ent.text)):
        return "GPE"
    return label


def _rare(word: str) -> bool:
    """A word too rare in English at large to be an institution ("Congress", "Parliament")."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") < RARE_ZIPF


def _common_nouns(documents: list[Document]) -> set[str]:
    """The lower-case words of the story's texts (written in lower case mid-sentence, a word
    is a common noun there: "meth" makes "Meth" at a sentence's start no person)."""
    return {t.text for d in documents for t in d.doc
            if t.is_alpha and t.text.islower() and not t.is_sent_start}


def _described(documents: list[Document]) -> list[tuple[str, str]]:
    """(person's name, description) where a text says who someone is: "Jens Stoltenberg,
    the NATO chief,", "the NATO chief, Jens Stoltenberg," or "NATO Secretary General Jens
    Stoltenberg". Only definite descriptions and titles: "a spokesman" names no one."""
    out = []
    for d in documents:
        for ent in d.doc.ents:
            if ent.label_ != "PERSON":
                continue
            name = clean_name(titled_name(ent))
            root = ent.root
            nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
            if root.dep_ == "appos" and root.head.pos_ == "NOUN":
                nouns.append(root.head)
            for noun in nouns:
                if any(c.dep_ == "det" and c.lower_ == "the" or c.dep_ == "poss"
                       for c in noun.children):
                    out.append((name, _description_text(noun)))
            start = ent.start
            while start > 0 and _titles(d.doc[start - 1], ent):
                start -= 1
            words = d.doc[start:ent.start].text
            # "took into account Lund's age": a phrase's noun the parser hung on the name
            misread = start > 0 and d.doc[start - 1].pos_ == "ADP" and root.head.i != start - 1
            if words and words.lower() not in _BARE_TITLES and not misread:
                out.append((name, words))
    return out


def _titles(tok: Token, ent: Span) -> bool:
    """A word of the title before a name: "NATO", "Secretary", "General" of "NATO Secretary
    General Jens Stoltenberg" (each hangs, through the others, from the name)."""
    return (tok.dep_ in {"compound", "nmod", "amod"} and tok.pos_ in {"PROPN", "NOUN", "ADJ"}
            and any(a.i in range(ent.start, ent.end) for a in tok.ancestors))


def _description_text(noun: Token) -> str:
    """The noun with its determiner and the words before it, and an "of" phrase after it."""
    left = [c for c in noun.lefts if c.dep_ in {"det", "amod", "compound", "nmod", "poss"}]
    start = min((t.i for c in left for t in c.subtree), default=noun.i)
    end = noun.i + 1
    for c in noun.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            end = max(t.i for t in c.subtree) + 1
    text = noun.doc[start:end].text
    return text[0].lower() + text[1:] if noun.doc[start].dep_ == "det" else text


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper())


def analyse_entities(documents: list[Document]) -> tuple[list[Entity], EntityIndex]:
    """The story's entities, most mentioned first, and an index of their surface forms."""
    mentions = _mentions(documents)
    persons = {n for n, label, *_ in mentions if label == "PERSON" and len(n.split()) > 1
               and not _WOMAN_TITLE.match(n)}
    by_surname: dict[str, set[str]] = {}
    by_given: dict[str, set[str]] = {}
    for p in persons:  # "Prodi", and the given name alone ("Romano") the NER split off
        by_surname.setdefault(p.split()[-1].lower(), set()).add(p)
        by_given.setdefault(p.split()[0].lower(), set()).add(p)
    for given, owners in by_given.items():  # "Taylor" is Martin Taylor's surname before
        by_surname.setdefault(given, owners)  # it is Taylor Vell's given name
    # a lone word is no name when it is a function word ("That", "The") or, for a "person",
    # a word the texts also write in lower case ("Meth" / "meth"), unless one of the story's
    # people bears it ("May" of Theresa May)
    common = _common_nouns(documents) - set(by_surname)
    mentions = [m for m in mentions if len(m[0].split()) > 1 or m[0].isupper()
                or m[0].lower() in by_surname or m[0].lower() in ALIASES
                or m[0].lower() not in STOP_WORDS and (m[1] != "PERSON"
                                                       or m[0].lower() not in common)]
    multiword_orgs = {n for n, label, *_ in mentions if label != "PERSON" and len(n.split()) > 1}
    by_initials: dict[str, set[str]] = {}
    for o in multiword_orgs:
        if len(_initials(o)) > 1:
            by_initials.setdefault(_initials(o), set()).add(o)

    def full(name: str) -> str:
        """The group key of a full name: lower case, without a trailing "Party"
        ("Communist Refoundation (Party)") unless that leaves a person's name."""
        bare = _PARTY.sub("", name)
        return (name if bare in persons else bare).lower()

    def key(name: str) -> str:
        words = name.split()
        if len(words) == 1:
            owners = by_surname.get(name.lower(), set())
            if len(owners) == 1:
                return full(next(iter(owners)))
            acronym = name.replace(".", "")
            owners = by_initials.get(acronym, set()) if acronym.isupper() else set()
            if len(owners) == 1:
                return full(next(iter(owners)))
        return full(name)

    groups: dict[str, _Group] = {}
    placed: set[str] = set()  # groups a mention's context calls a place
    for name, label, source, cued in mentions:
        if cued:
            placed.add(key(name))
        g = groups.setdefault(key(name), _Group())
        g.names[name] += 1
        g.labels[label] += 1
        g.sources[source] = None
    # a description belongs to the one entity the texts give it to (two presidents: neither)
    described: dict[str, set[str]] = {}
    for name, description in _described(documents):
        described.setdefault(description, set()).add(key(name))
    descriptions: dict[str, list[str]] = {}
    for description, keys in sorted(described.items()):
        if len(keys) == 1:
            descriptions.setdefault(next(iter(keys)), []).append(description)
    entities, forms = [], {}
    for k, g in groups.items():
        canonical = max(g.names, key=lambda n: (len(n.split()), g.names[n], n))
        label = ("PERSON" if canonical in persons else "GPE" if k in placed
                 else g.labels.most_common(1)[0][0])
        entities.append(Entity(name=canonical, label=label,
                               aliases=sorted(n for n in g.names if n != canonical),
                               sources=list(g.sources), mentions=sum(g.names.values()),
                               descriptions=descriptions.get(k, [])))
        for n in g.names:
            forms[n.lower()] = canonical
        for description in descriptions.get(k, []):
            forms.setdefault(clean_name(description).lower(), canonical)
        forms[k] = canonical
    for surname, owners in by_surname.items():
        if len(owners) == 1:
            forms.setdefault(surname, next(iter(owners)))
    entities.sort(key=lambda e: (-e.mentions, e.name))
    return entities, EntityIndex(forms)

