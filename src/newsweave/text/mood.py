"""Whether a sentence states a verb's event or only wishes, demands, allows for or supposes it.

Conflicts and framing both need it: "the union demanded that the port cease its
inspections" is no statement that the port ceased them, to contradict or to word
differently.
"""

from __future__ import annotations

from spacy.tokens import Token

WISH = {"want", "wish", "hope", "urge", "ask", "demand", "seek", "call", "plan", "try",
        "propose", "expect", "intend", "press", "push"}
POSSIBLE = {"can", "could", "may", "might"}
OPEN_MARKERS = {"if", "whether", "unless"}


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
