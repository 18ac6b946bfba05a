"""Whether a sentence states a verb's event or only wishes, demands, allows for or supposes it,
and which of its verbs it asserts or negates (`polarity`).

Conflicts and framing both need it: "the union demanded that the port cease its
inspections" is no statement that the port ceased them, to contradict or to word
differently.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Span, Token

from newsweave.text.facts import read_once
from newsweave.text.lexicon import SUBJECT_DEPS

WISH = {"want", "wish", "hope", "urge", "ask", "demand", "seek", "call", "plan", "try",
        "propose", "expect", "intend", "press", "push"}
POSSIBLE = {"can", "could", "may", "might"}
OPEN_MARKERS = {"if", "whether", "unless"}
_OBLIGATION = {"must", "should", "ought"}
# heads whose complement did not happen: "refused to shake", "was unable to attend"
_NEGATIVE_IMPLICATIVE = {"refuse", "decline", "fail", "reject", "avoid", "refrain", "unable"}
# a verb of denial negates the clause it governs ("denied that he had been sacked") and is
# itself the negation of admitting ("denied the assault" / "admitted the assault")
_DENY = {"deny": "admit"}
_COMPLEMENTS = {"ccomp", "xcomp", "pcomp"}
_OBJECT_DEPS = {"dobj", "obj", "attr", "oprd"}
_NEGATIVE_SUBJECTS = {"none", "nobody", "nothing", "neither"}
_NAMED_BY = {"PERSON", "ORG", "GPE", "NORP"}  # subjects whose names must agree


def wished(verb: Token) -> bool:
    """Whether the verb hangs from a verb of wishing or demanding ("wants the port to reopen")."""
    return any(head.lemma_.lower() in WISH for head in verb.ancestors)


def possible(verb: Token) -> bool:
    """Whether the verb is stated as a possibility ("the mayor can halt the strike")."""
    return any(c.dep_ == "aux" and c.lower_ in POSSIBLE for c in verb.children)


def conditional(verb: Token) -> bool:
    """Whether the verb heads an "if"/"whether"/"unless" clause ("if the council picked a new
    chair"): the sentence leaves it open."""
    return any(c.dep_ == "mark" and c.lower_ in OPEN_MARKERS for c in verb.children)


class Polarity(NamedTuple):
    """A verb's polarity in a statement (True = asserted), the names of its subjects and the
    lemmas of its arguments (subjects and objects: what it is said of)."""

    positive: bool
    names: set[str]
    arguments: set[str]
    objects: set[str]


@read_once
def polarity(span: Span, skip_open: bool = True) -> dict[str, Polarity]:
    """Each verb's polarity, subjects' names and arguments; a verb both asserted and negated
    (also "found the car but not the weapon") is left out. "be", "have" and "do" count only
    as the head of a clause, named with its subject ("is" of "Flynn is a decent man" is not
    the "is" of "this is not true"). With `skip_open`, verbs whose truth the statement leaves
    open are left out."""
    seen: dict[str, set[bool]] = {}
    names: dict[str, set[str]] = {}
    arguments: dict[str, set[str]] = {}
    objects: dict[str, set[str]] = {}
    for tok in span:
        key = tok.lemma_.lower()
        if tok.pos_ == "AUX":
            subject = next((c for c in tok.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is None:
                continue
            key = f"{key} ({subject.text})"
        elif tok.pos_ != "VERB":
            continue
        if skip_open and _hedged(tok):
            continue
        negated = any(_negates(c) for c in tok.children)
        if tok.dep_ in _COMPLEMENTS and tok.head.lemma_.lower() in _NEGATIVE_IMPLICATIVE | set(
                _DENY):
            negated = not negated  # "refused to shake" is "did not shake"
        polar = {not negated}
        if any(_negates(g) for c in tok.children if c.dep_ in _OBJECT_DEPS
               for o in c.conjuncts for g in o.children):
            polar.add(negated)  # "found the car but not the weapon": both
        keys = [key] + ([_DENY[key]] if key in _DENY else [])
        for k in keys:
            seen.setdefault(k, set()).update(
                polar if k == key else {not p for p in polar})  # "denied" is "not admitted"
            names.setdefault(k, set()).update(c.text for c in tok.children
                                              if c.dep_ in SUBJECT_DEPS
                                              and c.ent_type_ in _NAMED_BY)
            args = [c for c in tok.children if c.dep_ in SUBJECT_DEPS | _OBJECT_DEPS
                    or c.dep_ == "agent"]
            args += [g for c in args if c.dep_ == "agent" for g in c.children]
            arguments.setdefault(k, set()).update(
                a.lemma_.lower() for c in args for a in (c, *c.conjuncts)
                if a.pos_ in {"NOUN", "PROPN"})
            objects.setdefault(k, set()).update(
                a.lemma_.lower() for c in tok.children if c.dep_ in _OBJECT_DEPS
                for a in (c, *c.conjuncts) if a.pos_ in {"NOUN", "PROPN"})
    return {verb: Polarity(next(iter(p)), names[verb], arguments[verb], objects[verb])
            for verb, p in seen.items() if len(p) == 1}


def _negates(child: Token) -> bool:
    """A word that negates the word it hangs from: "not", "no guarantee", "none of them",
    "no longer" ("could no longer walk" is "could not walk"), "found no survivors"."""
    return (child.dep_ == "neg" or child.dep_ == "det" and child.lower_ == "no"
            or child.dep_ in SUBJECT_DEPS and child.lower_ in _NEGATIVE_SUBJECTS
            or child.dep_ == "advmod" and any(g.dep_ == "neg" for g in child.children)
            or child.dep_ in _OBJECT_DEPS | SUBJECT_DEPS and any(
                g.dep_ == "det" and g.lower_ == "no" for g in child.children))


def _hedged(verb: Token) -> bool:
    """A verb whose truth the sentence leaves open: in an "if"/"whether" clause, demanded
    rather than stated ("must not be extradited", "wants Italy to extradite"), with "ever",
    or under a negated word ("no guarantee that it will end", "does not think it will end",
    "none were allowed to attend")."""
    if conditional(verb) or wished(verb):
        return True
    if any(c.dep_ == "aux" and c.lower_ in _OBLIGATION for c in verb.children):
        return True
    if any(c.dep_ == "advmod" and c.lower_ == "ever" for c in verb.children):
        return True  # "the largest foot ever found" asserts no finding
    return any(_negates(c) for head in verb.ancestors for c in head.children)
