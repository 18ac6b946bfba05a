"""Whether a sentence states a verb's event or only wishes, demands, allows for or supposes it.

Conflicts and framing both need it: "Turkey demanded that Syria cease its support" is no
statement that Syria ceased it, to contradict or to word differently.
"""

from __future__ import annotations

from spacy.tokens import Token

WISH = {"want", "wish", "hope", "urge", "ask", "demand", "seek", "call", "plan", "try",
        "propose", "expect", "intend", "press", "push"}
POSSIBLE = {"can", "could", "may", "might"}
OPEN_MARKERS = {"if", "whether", "unless"}


def wished(verb: Token) -> bool:
    """Whether the verb hangs from a verb of wishing or demanding ("wants Italy to extradite")."""
    return any(head.lemma_.lower() in WISH for head in verb.ancestors)


def possible(verb: Token) -> bool:
    """Whether the verb is stated as a possibility ("Netanyahu can control his aide")."""
    return any(c.dep_ == "aux" and c.lower_ in POSSIBLE for c in verb.children)


def conditional(verb: Token) -> bool:
    """Whether the verb heads an "if"/"whether"/"unless" clause ("if Obama picked a
    Republican"): the sentence leaves it open."""
    return any(c.dep_ == "mark" and c.lower_ in OPEN_MARKERS for c in verb.children)
