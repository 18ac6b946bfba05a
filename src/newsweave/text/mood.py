"""Whether a sentence states a verb's event or only wishes, demands, allows for or supposes it,
and which of its verbs it asserts or negates (`polarity`).

Conflicts and framing both need it: "the union demanded that the port cease its
inspections" is no statement that the port ceased them, to contradict or to word
differently.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsweave.text.facts import read_once
from newsweave.text.lexicon import SUBJECT_DEPS

WISH = {"want", "wish", "hope", "urge", "ask", "demand", "seek", "call", "plan", "try",
        "propose", "expect", "intend", "press", "push"}
POSSIBLE = {"can", "could", "may", "might"}
OPEN_MARKERS = {"if", "whether", "unless"}
_OBLIGATION = {"must", "should", "ought"}
_NEGATIVE_IMPLICATIVE = {"refuse", "decline", "fail", "reject", "avoid", "refrain"}
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


@read_once
def polarity(span: Span, skip_open: bool = True) -> dict[str, tuple[bool, set[str]]]:
    """Each verb's polarity (True = asserted) and the names of its subjects; a verb both
    asserted and negated is left out. "be", "have" and "do" count only as the head of a
    clause, named with its subject ("is" of "Flynn is a decent man" is not the "is" of "this
    is not true"). With `skip_open`, verbs whose truth the statement leaves open are left
    out."""
    seen: dict[str, set[bool]] = {}
    names: dict[str, set[str]] = {}
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
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _NEGATIVE_IMPLICATIVE:
            negated = not negated  # "refused to shake" is "did not shake"
        seen.setdefault(key, set()).add(not negated)
        names.setdefault(key, set()).update(
            c.text for c in tok.children if c.dep_ in SUBJECT_DEPS and c.ent_type_ in _NAMED_BY)
    return {verb: (next(iter(p)), names[verb]) for verb, p in seen.items() if len(p) == 1}


def _negates(child: Token) -> bool:
    """A word that negates the word it hangs from: "not", "no guarantee", "none of them"."""
    return (child.dep_ == "neg" or child.dep_ == "det" and child.lower_ == "no"
            or child.dep_ in SUBJECT_DEPS and child.lower_ in _NEGATIVE_SUBJECTS)


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
