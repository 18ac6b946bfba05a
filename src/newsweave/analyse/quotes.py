"""Who said what: direct quotes and reported speech, each with a named speaker.

The speaker is the subject of the speech verb (or the X of "according to X"). "He said" or
"she said" while the article is quoting someone is that speaker, unless another person has
since been named as a subject; any other pronoun is resolved to the last person (for "it"
and "they", organisation) named before it in the article; "the official" or "the
spokeswoman" to the last mention of an official or spokeswoman, which stays an anonymous
"a NATO official" when the article never named them, and becomes the person when it did
("Foreign Ministry spokeswoman Maria Zakharova"). A speaker that cannot be resolved is left
None, never a pronoun. Written by hand: no offline library attributes quotes in English.
"""

from __future__ import annotations

import re
import weakref

from spacy.tokens import Doc, Span, Token

from newsweave.analyse.entities import EntityIndex, titled_name
from newsweave.model import Document, Quote

SPEECH_VERBS = {"say", "tell", "add", "state", "announce", "confirm", "warn", "stress",
                "note", "explain", "insist", "declare", "write", "tweet", "claim",
                "argue", "reply", "respond", "answer", "acknowledge", "admit",
                "deny", "emphasize", "emphasise", "predict", "urge", "caution", "complain",
                "recall", "observe", "concede", "suggest", "assert", "maintain", "vow",
                "promise", "pledge", "testify", "remark", "continue", "conclude", "ask",
                "shout", "yell", "chant", "scream", "accuse", "blame", "criticize",
                "criticise", "condemn", "describe", "quote", "refute", "dismiss"}
MIN_QUOTE_WORDS = 4  # shorter quoted spans are scare quotes ("so-called" "hybrid war")
_QUOTED = re.compile(r"“([^”]+)”|\"([^\"]+)\"|‘([^’]+)’")
_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them"}
_SINGULAR = {"he", "she"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_RELATIVE = {"who", "which", "that", "whom"}


def analyse_quotes(documents: list[Document], index: EntityIndex | None = None) -> list[Quote]:
    """Every direct and reported quote of the story's articles, in article order."""
    quotes = []
    for doc in documents:
        quotes += _document_quotes(doc, index)
    return quotes


def _document_quotes(doc: Document, index: EntityIndex | None) -> list[Quote]:
    out: list[Quote] = []
    # The latest speaker: (sentence number, paragraph, speaker, as written). News goes on
    # quoting one person for a while: an unattributed quote in the same paragraph or right
    # after is theirs, and "he said" is them rather than whoever was mentioned in between.
    last: tuple[int, int, str | None, str | None] | None = None
    subject_seen = -1  # the latest sentence with a named person as a subject
    for n, s in enumerate(doc.sentences):
        span = doc.span(s)
        quoted = [(m.start(), m.end(), next(g for g in m.groups() if g is not None))
                  for m in _QUOTED.finditer(s.text)]
        quoted = [q for q in quoted if len(q[2].split()) >= MIN_QUOTE_WORDS]
        verb = _speech_verb(span, s.start, quoted)
        written = _subject(verb) if verb is not None else _according_to(span)
        if written is None and quoted:
            written = _named_after_quote(span, s.start, quoted)
        recent = last if last and (last[1] == s.paragraph or last[0] >= n - 2) else None
        if (written is not None and written.lower_ in _SINGULAR and recent and recent[2]
                and subject_seen <= recent[0]
                and _other_subject(span, written, recent[2], index) is None):
            speaker, shown = recent[2], _surface(written)
        else:
            speaker = _resolve(written, span, doc, index) if written is not None else None
            shown = _surface(written) if written is not None else None
        if quoted:
            if written is None and recent and (recent[1] == s.paragraph or recent[0] == n - 1):
                speaker, shown = recent[2], recent[3]
            if written is None and speaker is None and shown is None:
                continue
            for _, _, text in quoted:
                out.append(Quote(speaker=speaker, text=text.strip(" ,"), source=doc.id,
                                 kind="direct", sentence=s.text, outlet=doc.article.outlet,
                                 speaker_as_written=shown))
            last = (n, s.paragraph, speaker, shown)
        elif written is not None:
            clause = _reported_clause(verb, span)
            if clause:
                out.append(Quote(speaker=speaker, text=clause, source=doc.id, kind="reported",
                                 sentence=s.text, outlet=doc.article.outlet,
                                 speaker_as_written=shown))
                last = (n, s.paragraph, speaker, shown)
        if _other_subject(span, None, last[2] if last else None, index) is not None:
            subject_seen = n
    return out


def _other_subject(span: Span, before: Token | None, speaker: str | None,
                   index: EntityIndex | None) -> Span | None:
    """A person other than `speaker` named as a subject in the span (before `before`)."""
    end = before.i if before is not None else span.end
    return next((e for e in span.ents if e.label_ == "PERSON" and e.end <= end
                 and e.root.dep_ in _SUBJECTS and _canonical(e.text, index) != speaker), None)


def _speech_verb(span: Span, offset: int, quoted: list[tuple[int, int, str]]) -> Token | None:
    """The first speech verb with a subject that stands outside the quotation marks."""
    for tok in span:
        if tok.lemma_.lower() not in SPEECH_VERBS or tok.pos_ not in {"VERB", "AUX"}:
            continue
        if tok.lemma_.lower() == "quote" and not any(c.dep_ == "nsubjpass" for c in tok.children):
            continue  # "X was quoted as saying" names the speaker; "A quoted X" does not
        if tok.lemma_.lower() == "ask" and any(c.dep_ == "xcomp" and any(
                a.lower_ == "to" for a in c.children) for c in tok.children):
            continue  # "who asked not to be named" is a request, not what was said
        rel = tok.idx - offset
        if any(a <= rel < b for a, b, _ in quoted):
            continue
        if _subject(tok) is not None:
            return tok
    return None


def _named_after_quote(span: Span, offset: int, quoted: list[tuple[int, int, str]]
                       ) -> Token | None:
    """The person of a "…,” said Judge X" or "…,” X's chief justice, Y, told …" attribution
    that the parser did not give the speech verb as a subject: the name between the closing
    quotation mark and the verb, or the first one right after the verb ("…,” A quoted B as
    saying": B)."""
    for tok in span:
        if tok.lemma_.lower() not in SPEECH_VERBS or tok.pos_ != "VERB":
            continue
        rel = tok.idx - offset
        ends = [b for _, b, _ in quoted if b <= rel]
        if not ends or any(a <= rel < b for a, b, _ in quoted):
            continue
        if tok.lemma_.lower() == "quote":  # "…,” Antara quoted Alatas as saying
            return next((c for c in tok.children if c.dep_ == "dobj"), None)
        between = [t for t in span if max(ends) <= t.idx - offset and t.i < tok.i]
        after = span.doc[tok.i + 1:min(tok.i + 5, span.end)]
        names = [e for e in span.ents if e.label_ == "PERSON"]
        before = [e for e in names if between and between[0].i <= e.start and e.end <= tok.i]
        if before and len(between) <= 12:  # an apposition, not a sentence of its own
            return before[-1].root
        if all(t.is_punct for t in between):
            return next((e.root for e in names if after.start <= e.start < after.end), None)
    return None


def _subject(verb: Token) -> Token | None:
    """The verb's subject; for "the official, who said ...", the official."""
    # A quotation before "X said" is sometimes parsed as a second subject: the one next to
    # the verb is the speaker.
    subject = min((c for c in verb.children if c.dep_ in _SUBJECTS),
                  key=lambda c: abs(c.i - verb.i), default=None)
    if subject is not None and subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        return verb.head
    if subject is None and verb.dep_ == "advcl" and verb.tag_ == "VBG":
        # "Cossutta resigned on Monday, saying ...": the speaker is the subject of the
        # verb the participle hangs from.
        return min((c for c in verb.head.children if c.dep_ in _SUBJECTS),
                   key=lambda c: abs(c.i - verb.head.i), default=None)
    return subject


def _according_to(span: Span) -> Token | None:
    for tok in span:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
            return next((c for c in tok.nbor().children if c.dep_ == "pobj"), None)
    return None


def _phrase(tok: Token) -> Span:
    """The noun phrase headed by a token, without relative clauses, appositions or commas."""
    keep = [t for t in tok.subtree if not any(
        a.dep_ in {"relcl", "appos", "acl", "punct", "cc", "conj"} and a.head == tok
        for a in [t, *t.ancestors] if a.i != tok.i and tok in a.ancestors or a == t)]
    left = min((t.i for t in keep if t.i <= tok.i), default=tok.i)
    right = tok.i
    for t in tok.rights:
        if t.dep_ in {"compound", "flat"}:
            right = max(right, t.i)
    return tok.doc[left:right + 1]


def _surface(tok: Token) -> str:
    return _phrase(tok).text


def _person_near(tok: Token) -> Span | None:
    """A PERSON entity the token names or is a title of ("spokeswoman Maria Zakharova"): of
    the entities that qualify, the first in the text."""
    inside, appositions = _persons(tok.doc)
    found = [ent for ent in (inside.get(tok.i),
                             inside.get(tok.head.i) if tok.dep_ in {"compound", "appos"}
                             else None) if ent is not None]
    found += appositions.get(tok.i, [])
    return min(found, key=lambda ent: ent.start) if found else None


_PERSONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _persons(doc: Doc) -> tuple[dict[int, Span], dict[int, list[Span]]]:
    """The PERSON entity over each token, and the PERSON entities in apposition to each
    token; built once per parsed text (looking through every entity for every token made
    a long article's quotes quadratic: minutes for 40,000 characters)."""
    cached = _PERSONS.get(doc)
    if cached is None:
        inside: dict[int, Span] = {}
        appositions: dict[int, list[Span]] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            for i in range(ent.start, ent.end):
                inside[i] = ent
            if ent.root.dep_ == "appos":
                appositions.setdefault(ent.root.head.i, []).append(ent)
        cached = _PERSONS[doc] = (inside, appositions)
    return cached


def _resolve(subject: Token, span: Span, doc: Document,
             index: EntityIndex | None) -> str | None:
    """The named speaker behind a subject: a name, a resolved pronoun or description."""
    lower = subject.lower_
    if lower in _PRONOUNS:
        return _antecedent(subject, doc, index, plural=lower in {"they", "them", "we", "it"})
    person = _person_near(subject)
    if person is not None:  # "his wife Naina": the name the text gives wins
        return _canonical(titled_name(person), index)
    owner = next((c for c in subject.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if owner is not None:
        named = _antecedent(owner, doc, index, plural=owner.lower_ in {"its", "their"})
        return f"{named}'s {subject.text}" if named else None
    ent = next((e for e in subject.doc.ents if e.start <= subject.i < e.end), None)
    if ent is not None and ent.label_ in {"ORG", "GPE", "NORP"}:
        return _canonical(ent.text, index)
    if subject.pos_ == "PROPN":
        return _canonical(_phrase(subject).text, index)
    if any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in subject.children):
        return _description(subject, doc, index)
    return _anonymous(_phrase(subject))


def _anonymous(phrase: Span) -> str:
    """An unnamed source as the text gives it, lower-cased article: "a NATO official"."""
    text = phrase.text
    first = phrase[0]
    return (first.lower_ + text[len(first.text):]) if first.dep_ == "det" else text


def _description(subject: Token, doc: Document, index: EntityIndex | None) -> str | None:
    """"the official": the latest earlier mention of an official, named or not."""
    wanted = _title_words(subject)
    for tok in reversed(doc.doc[:subject.i]):
        if (tok.lemma_.lower() != subject.lemma_.lower() or tok.pos_ not in {"NOUN", "PROPN"}
                or not wanted <= _title_words(tok)):
            continue
        person = _person_near(tok)
        if person is not None:
            return _canonical(person.text, index)
        if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in tok.children):
            return _anonymous(_phrase(tok))
    person = _person_near(subject) or _same_nationality(subject)
    return _canonical(person.text, index) if person is not None else _phrase(subject).text


def _title_words(tok: Token) -> set[str]:
    """The words that make a title what it is: "prime" of "the Lebanese prime minister"
    (not "Lebanese"), so that it is not taken for the foreign minister."""
    return {c.lower_ for c in tok.children if c.dep_ in {"compound", "amod"} and not c.ent_type_}


def _same_nationality(subject: Token) -> Span | None:
    """"the Cuban leader": the latest person named with that nationality before it
    ("Cuban President Fidel Castro"), when the article named exactly one such person."""
    nationality = {c.lower_ for c in subject.children if c.ent_type_ == "NORP"}
    if not nationality:
        return None
    named = {e.text: e for e in subject.doc.ents if e.label_ == "PERSON" and e.end <= subject.i
             and any(t.lower_ in nationality for t in subject.doc[max(e.start - 3, 0):e.start])}
    return next(iter(named.values())) if len(named) == 1 else None


def _antecedent(pronoun: Token, doc: Document, index: EntityIndex | None,
                plural: bool) -> str | None:
    """The last person (or, for "it", "they" and "its", organisation) named before the pronoun,
    the subject of the pronoun's own sentence first."""
    labels = {"ORG", "GPE", "NORP"} if plural else {"PERSON"}
    before = [e for e in doc.doc.ents if e.end <= pronoun.i and e.label_ in labels]
    if not before:
        return None
    sentence = pronoun.sent
    subjects = [e for e in before if e.start >= sentence.start and e.root.dep_ in _SUBJECTS]
    return _canonical((subjects or before)[-1].text, index)


def _canonical(name: str, index: EntityIndex | None) -> str:
    if index is not None:
        return index.canonical(name) or name
    return name


def _reported_clause(verb: Token | None, span: Span) -> str | None:
    """The clause a speech verb reports ("X said (that) ..."), or the main clause of an
    "according to X, ..." sentence."""
    if verb is None:
        according = next((t for t in span if t.lower_ == "according"), None)
        if according is None:
            return None
        rest = [t for t in span if t.i not in {x.i for x in according.subtree}
                and not t.is_punct]
        return span.doc[rest[0].i:rest[-1].i + 1].text if rest else None
    clause = next((c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}), None)
    if clause is None:  # "said in a statement that ...": the clause hangs lower
        clause = next((t for t in verb.subtree if t.dep_ in {"ccomp", "acl"} and
                       any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)), None)
    if clause is None:
        return None
    tokens = [t for t in clause.subtree if t.dep_ != "mark" or t.head != clause]
    text = span.doc[tokens[0].i:tokens[-1].i + 1].text
    return text if len(text.split()) >= MIN_QUOTE_WORDS else None
