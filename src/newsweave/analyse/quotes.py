"""Who said what: direct quotes and reported speech, each with a named speaker.

The speaker is the subject of the speech verb (or the X of "according to X"). "He said" or
"she said" while the article is quoting someone is that speaker, unless another person has
since been named as a subject; any other pronoun is resolved to the last person (for "it"
and "they", organisation) named before it in the article; "the official" or "the
spokeswoman" to the last mention of an official or spokeswoman, which stays an anonymous
"a NATO official" when the article never named them, and becomes the person when it did
("Foreign Ministry spokeswoman Maria Zakharova"). A speaker is a person or organisation the
text names, a resolved pronoun or an unnamed source ("a NATO official"); never a date, a
place, a demonstrative, words inside quotation marks, or the listener of a passive "was
told". A speaker that cannot be resolved is left None, never a pronoun. Written by hand: no
offline library attributes quotes in English.
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
                "criticise", "condemn", "describe", "quote", "refute", "dismiss", "rap", "sing"}
_NAMING_VERBS = {"call", "dub", "brand", "label", "term"}  # "called it 'a betrayal'"
MIN_QUOTE_WORDS = 4  # shorter quoted spans are scare quotes ("so-called" "hybrid war")
_QUOTED = re.compile(r"\"([^\"]+?)''|“([^”]+)”|\"([^\"]+)\"|‘([^’]+)’")  # ''-closed first
# An opening mark left open to the end of the sentence: a quotation that goes on in the next
# paragraph (news opens each paragraph of a long quotation again and closes only the last).
_OPENED = re.compile(r"(?:^|(?<=\s))[“\"]([^”\"]+)$")
_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them"}
_SINGULAR = {"he", "she"}
_SUBJECTS = {"nsubj", "nsubjpass"}
_RELATIVE = {"who", "which", "that", "whom"}
_DEMONSTRATIVE = {"that", "this", "these", "those", "which", "what", "there", "here", "who",
                  "the", "a", "an"}  # and articles the parser took for a subject
_FIRST_PERSON = {"i", "we", "me", "us"}
# Entity types that are never a speaker: a date, a time, an amount.
_NOT_SPEAKERS = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
_SOURCE_PREPS = {"by", "from"}  # "a report by ABC News", "data from HSH.com": the named source


def analyse_quotes(documents: list[Document], index: EntityIndex | None = None) -> list[Quote]:
    """Every direct and reported quote of the story's articles, in article order."""
    quotes = []
    for doc in documents:
        quotes += _document_quotes(doc, index)
    return quotes


def _document_quotes(doc: Document, index: EntityIndex | None) -> list[Quote]:
    out: list[Quote] = []
    # The latest speaker: (sentence number, paragraph, speaker, as written). News goes on
    # quoting one person for a while: an unattributed quote in the same paragraph, right
    # after, or opening the next paragraph is theirs, and "he said" is them rather than
    # whoever was mentioned in between.
    last: tuple[int, int, str | None, str | None] | None = None
    subject_seen = -1  # the latest sentence with a named person as a subject
    voice = _Voice()  # who "I" is: a transcript's speaker label, an introduced statement
    for n, s in enumerate(doc.sentences):
        span = doc.span(s)
        quoted = [q for q in _quotations(s.text) if len(q[2].split()) >= MIN_QUOTE_WORDS]
        voice.read(span, s.paragraph, doc, index)
        verb = _speech_verb(span, s.start, quoted)
        written = _speaker_token(verb) if verb is not None else _according_to(span)
        if written is None and quoted:
            written = (_named_after_quote(span, s.start, quoted)
                       or _before_colon(span, s.start, quoted)
                       or _byline(span, s.start, quoted))
        recent = last if last and (last[1] == s.paragraph or last[0] >= n - 2) else None
        if (written is not None and written.lower_ in _SINGULAR and recent and recent[2]
                and subject_seen <= recent[0]
                and _other_subject(span, written, recent[2], index) is None):
            speaker, shown = recent[2], _surface(written)
        elif written is not None and written.lower_ in _FIRST_PERSON and not _inside(written):
            speaker, shown = voice.speaker, _surface(written)
        else:
            speaker = _resolve(written, span, doc, index) if written is not None else None
            shown = _surface(written) if written is not None and speaker is not None else None
        if quoted:
            if written is None and last and _goes_on(last, s.paragraph, n, subject_seen):
                speaker, shown = last[2], last[3]
            if written is None and speaker is None and shown is None:
                continue
            for _, _, text in quoted:
                out.append(Quote(speaker=speaker, text=text.strip(" ,"), source=doc.id,
                                 kind="direct", sentence=s.text, outlet=doc.article.outlet,
                                 speaker_as_written=shown))
            last = (n, s.paragraph, speaker, shown)
        elif written is not None:
            clause = _reported_clause(verb, span) if speaker is not None else None
            if clause:  # reported speech of no one ("Late 2016 confirmed that ...") is none
                out.append(Quote(speaker=speaker, text=clause, source=doc.id, kind="reported",
                                 sentence=s.text, outlet=doc.article.outlet,
                                 speaker_as_written=shown))
                last = (n, s.paragraph, speaker, shown)
            elif speaker is not None:  # "“Okay!” Weiner said loudly. “…”": Weiner's
                last = (n, s.paragraph, speaker, shown)
        if _other_subject(span, None, last[2] if last else None, index) is not None:
            subject_seen = n
    return out


def _goes_on(last: tuple[int, int, str | None, str | None], paragraph: int, n: int,
             subject_seen: int) -> bool:
    """Whether an unattributed quotation goes on quoting the latest speaker: in the same
    paragraph, in the very next sentence, or opening the paragraph after theirs while no
    other person has been named as a subject since."""
    return (last[1] == paragraph or last[0] == n - 1
            or (last[1] == paragraph - 1 and subject_seen <= last[0]))


def _quotations(text: str) -> list[tuple[int, int, str]]:
    """The quoted spans of a sentence (start, end, words), a quotation left open to its end
    (continued in the next paragraph) included."""
    found = [(m.start(), m.end(), next(g for g in m.groups() if g is not None))
             for m in _QUOTED.finditer(text)]
    rest = text[found[-1][1]:] if found else text
    opened = _OPENED.search(rest)
    if opened is not None:
        offset = len(text) - len(rest)
        found.append((offset + opened.start(), len(text), opened.group(1)))
    return found


class _Voice:
    """Who "I" is outside quotation marks: the speaker label opening a transcript's
    paragraphs ("GEORGE STEPHANOPOULOS: ..."), else the speaker of the latest sentence that
    ends with a colon to introduce a statement ("X's statement, which read in part:"), else
    nobody (the writer)."""

    def __init__(self) -> None:
        self.speaker: str | None = None
        self._paragraph = -1

    def read(self, span: Span, paragraph: int, doc: Document, index: EntityIndex | None
             ) -> None:
        if paragraph != self._paragraph:
            self._paragraph = paragraph
            label = _label(span)
            if label is not None:
                self.speaker = _canonical(label, index)
        words = [t for t in span if not t.is_space]
        if words and words[-1].text == ":" and len(words) > 3:
            verb = next((t for t in span if t.lemma_.lower() in SPEECH_VERBS
                         and _speaker_token(t) is not None), None)
            who = _speaker_token(verb) if verb is not None else next(
                (e.root for e in span.ents if e.label_ == "PERSON"), None)
            if who is not None and who.lower_ not in _FIRST_PERSON:
                self.speaker = _resolve(who, span, doc, index) or self.speaker


def _label(span: Span) -> str | None:
    """The speaker label opening a paragraph of a transcript: capitals and a colon."""
    head = []
    for tok in span[:6]:
        if tok.text == ":":
            text = " ".join(t.text for t in head)
            return text.title() if head and any(c.isalpha() for c in text) else None
        if not tok.text.isupper() and not tok.is_punct:
            return None
        head.append(tok)
    return None


def _other_subject(span: Span, before: Token | None, speaker: str | None,
                   index: EntityIndex | None) -> Span | None:
    """A person other than `speaker` named as a subject in the span (before `before`)."""
    end = before.i if before is not None else span.end
    return next((e for e in span.ents if e.label_ == "PERSON" and e.end <= end
                 and _is_subject(e.root) and not _inside(e.root)
                 and _canonical(e.text, index) != speaker), None)


def _is_subject(tok: Token) -> bool:
    """A subject, or a name in apposition to one ("film historian Robert Osborne believes")."""
    return tok.dep_ in _SUBJECTS or tok.dep_ in {"appos", "compound"} and tok.head.dep_ in _SUBJECTS


def _speech_verb(span: Span, offset: int, quoted: list[tuple[int, int, str]]) -> Token | None:
    """The speech verb that attributes the sentence: of those with a speaker outside the
    quotation marks, the first that no other one reports; then, down the clauses it reports,
    the innermost whose speaker the text names ("Mendelson said Lanier told him that ...":
    Lanier; "other studies confirm that ..., Molto wrote": Molto)."""
    found = []
    for tok in span:
        if tok.pos_ not in {"VERB", "AUX"} or not (
                tok.lemma_.lower() in SPEECH_VERBS or _names_in_quotes(tok)):
            continue
        if tok.lemma_.lower() == "quote" and not any(c.dep_ == "nsubjpass" for c in tok.children) \
                and _quoted_as_saying(tok) is None:
            continue  # "X was quoted as saying", "A quoted X as saying" name X; "A quoted X" not
        if tok.lemma_.lower() == "ask" and any(c.dep_ == "xcomp" and any(
                a.lower_ == "to" for a in c.children) for c in tok.children) and not any(
                _inside(t) for t in tok.subtree):
            continue  # "who asked not to be named" is a request, not what was said
        rel = tok.idx - offset
        if any(a <= rel < b for a, b, _ in quoted) or _inside(tok):
            continue
        who = _speaker_token(tok)
        if who is not None and who.lower_ not in _DEMONSTRATIVE - _RELATIVE:
            found.append(tok)  # "That said, the minister warned ...": the minister
    outer = next((v for v in found if not any(a in found for a in v.ancestors)), None)
    while outer is not None:
        inner = next((v for v in found if v.head == outer and v.dep_ == "ccomp"
                      and _names_someone(_speaker_token(v))
                      and any(c.dep_ == "ccomp" for c in v.children)), None)
        if inner is None:
            break
        outer = inner
    return outer


def _names_in_quotes(verb: Token) -> bool:
    """A verb of naming whose complement is quoted: "Becker called the decision 'a betrayal
    of the town'" gives Becker's words."""
    return verb.lemma_.lower() in _NAMING_VERBS and any(
        c.dep_ in {"oprd", "xcomp", "attr"} and any(_inside(t) for t in c.subtree)
        for c in verb.children)


def _quoted_as_saying(verb: Token) -> Token | None:
    """The object of "A quoted X as saying ...": X, whose words they are."""
    saying = any(c.dep_ == "prep" and c.lower_ == "as" and any(
        g.lemma_.lower() in SPEECH_VERBS for g in c.children) for c in verb.children)
    return next((c for c in verb.children if c.dep_ == "dobj"), None) if saying else None


def _names_someone(tok: Token | None) -> bool:
    """Whether a speaker token is a person or organisation the text names, or a pronoun."""
    return tok is not None and (tok.ent_type_ in {"PERSON", "ORG", "NORP"} or tok.pos_ == "PROPN"
                                or tok.lower_ in _PRONOUNS)


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


def _before_colon(span: Span, offset: int, quoted: list[tuple[int, int, str]]) -> Token | None:
    """The speaker of a quotation that a colon introduces without a speech verb: "Kesha
    offered words of encouragement: “…”" (the subject of the clause before the colon) or
    "POLITICO's Glenn Thrush: “…”" (the person or organisation named right before it)."""
    start = quoted[0][0] + offset
    colon = next((t for t in reversed(span) if t.idx < start and not t.is_space), None)
    if colon is None or colon.text != ":":
        return None
    before = [t for t in span if t.i < colon.i]
    named = next((e for e in span.ents if e.end == colon.i and e.label_ in {"PERSON", "ORG"}),
                 None)
    if named is not None:
        return named.root
    if colon.i and span.doc[colon.i - 1].pos_ == "PROPN":
        return span.doc[colon.i - 1]
    roots = [t for t in before if t.head == t or t.head.i >= colon.i]
    verb = next((t for t in roots if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject if _names_someone(subject) else None


def _byline(span: Span, offset: int, quoted: list[tuple[int, int, str]]) -> Token | None:
    """The source named after a quotation with no verb, as review round-ups cite: "“A
    brilliant performance.” Mirror" (one to four capitalised words end the sentence)."""
    end = quoted[-1][1] + offset
    after = [t for t in span if t.idx >= end and not t.is_space and not t.is_punct]
    if (1 <= len(after) <= 4 and all(t.pos_ == "PROPN" or t.lower_ == "the" for t in after)
            and all(t.is_punct or t.is_space for t in span if t.i > after[-1].i)):
        return after[-1]
    return None


def _speaker_token(verb: Token) -> Token | None:
    """The token that names who speaks by a speech verb: its subject (see `_subject`), else
    a name written right before it that the parser attached elsewhere ("Back in July,
    Secretary of Defense Leon Panetta said ...")."""
    subject = _subject(verb)
    if subject is not None or verb.i == 0:
        return subject
    prev = verb.doc[verb.i - 1]
    return prev if prev.ent_type_ in {"PERSON", "ORG"} and not _inside(prev) else None


def _subject(verb: Token) -> Token | None:
    """The verb's subject; for "the official, who said ...", the official; for "…, saying"
    and "named him and said", the subject of the verb it hangs from; for a passive "was told"
    the speaker is the "by" agent, not the listener."""
    if verb.lemma_.lower() == "quote" and (quoted := _quoted_as_saying(verb)) is not None:
        return quoted
    subjects = [c for c in verb.children if c.dep_ in _SUBJECTS and not _inside(c)]
    # A quotation before "X said" is sometimes parsed as a second subject, and an apposition
    # ("Ezequiel Mendez, a neighbor, said") as another: a name wins, then the one next to
    # the verb.
    named = [c for c in subjects if c.pos_ == "PROPN" or c.ent_type_ in {"PERSON", "ORG"}]
    subject = min(named or subjects, key=lambda c: abs(c.i - verb.i), default=None)
    if subject is not None and subject.dep_ == "nsubjpass" and verb.lemma_.lower() != "quote":
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
    if subject is not None and subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        # "the official, who said ...": the official; but "Mara Lind plays a naive young
        # actress who tells ..." is a role, not a source, unless the text names her
        head = verb.head
        if (head.dep_ in {"dobj", "attr", "oprd", "pobj"} and head.pos_ == "NOUN"
                and any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children)
                and _person_near(head) is None):
            return None
        return head
    if subject is None and (verb.dep_ == "conj" or verb.dep_ in {"advcl", "xcomp"}
                            and verb.tag_ in {"VBG", "VB"}):
        # "Cossutta resigned on Monday, saying ...", "X was recorded saying ...", "police
        # named the man and said ...": the subject of the verb the speech verb hangs from.
        head = verb.head
        return min((c for c in head.children if c.dep_ in _SUBJECTS and not _inside(c)),
                   key=lambda c: abs(c.i - head.i), default=None)
    return subject


def _according_to(span: Span) -> Token | None:
    for tok in span:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor().lower_ == "to":
            source = next((c for c in tok.nbor().children if c.dep_ == "pobj"), None)
            if source is not None and not source.ent_type_ and source.pos_ == "NOUN":
                # "according to the latest version of the Good Country Index": the index
                named = next((g for c in source.children if c.dep_ == "prep"
                              and c.lower_ == "of" for g in c.children
                              if g.dep_ == "pobj" and g.ent_type_ in {"ORG", "PERSON"}), None)
                return named or source
            return source
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


def _full_mention(name: Span) -> Span | None:
    """The person behind a bare surname that two people of the article share (Judge Ann
    Reyes sentenced Tom Reyes; “…,” Reyes said): the latest full mention that was a subject
    before it, else the latest full mention; None when one person has that surname."""
    if len(name) != 1:
        return None
    surname = name.text.lower()
    full = [e for e in name.doc.ents if e.label_ == "PERSON" and len(e) > 1
            and e[-1].lower_ == surname and e.end <= name.start and not _inside(e.root)]
    if len({e.text for e in full}) < 2:
        return None
    subjects = [e for e in full if _is_subject(e.root)]
    return (subjects or full)[-1]


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
    """The named speaker behind a subject: a name, a resolved pronoun or description; None
    for what cannot speak (a date, a place, a demonstrative, quoted words)."""
    lower = subject.lower_
    if (_inside(subject) or subject.ent_type_ in _NOT_SPEAKERS or lower in _DEMONSTRATIVE
            or lower in _FIRST_PERSON or not subject.ent_type_
            and subject.pos_ not in {"NOUN", "PROPN", "PRON"}):
        return None  # a date, an amount, "That", a stray "the" ("after the didn't appear")
    if lower in _PRONOUNS:
        return _antecedent(subject, doc, index, plural=lower in {"they", "them", "we", "it"})
    person = _person_near(subject)
    ent = next((e for e in subject.doc.ents if e.start <= subject.i < e.end), None)
    single = person or (ent if ent is not None and ent.label_ in {"PERSON", "ORG"} else
                        _name(subject) if subject.pos_ == "PROPN" else None)
    shared = _full_mention(single) if single is not None else None
    if shared is not None:
        return _canonical(shared.text, index)
    if person is not None:  # "his wife Naina": the name the text gives wins
        return _canonical(titled_name(person), index)
    owner = next((c for c in subject.children if c.dep_ == "poss" and c.pos_ == "PRON"), None)
    if owner is not None:
        named = _antecedent(owner, doc, index, plural=owner.lower_ in {"its", "their"})
        return f"{named}'s {subject.text}" if named else None
    if ent is not None and ent.label_ in {"ORG", "NORP"}:
        return _canonical(ent.text, index)
    if ent is not None and ent.label_ in {"GPE", "LOC"}:
        # "China said": a state speaks through its government, as the subject of the verb
        # only ("according to the United Kingdom's figures" is not the kingdom speaking);
        # a name the model takes for a place ("Ines Vale resigned, saying") likewise.
        return _canonical(_name(subject).text, index) if subject.dep_ in _SUBJECTS else None
    if subject.pos_ == "PROPN":
        return _canonical(_name(subject).text, index)
    source = _named_source(subject)
    if source is not None:
        return _canonical(source.text, index)
    if any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in subject.children):
        return _description(subject, doc, index)
    return _anonymous(_phrase(subject))


def _name(tok: Token) -> Span:
    """A proper noun with the proper nouns written right before it: "Glenn Thrush" of
    "POLITICO's Glenn Thrush"."""
    start = tok.i
    while (start > 0 and tok.doc[start - 1].pos_ == "PROPN"
           and start <= tok.doc[start - 1].head.i <= tok.i):
        start -= 1
    return tok.doc[start:tok.i + 1]


def _named_source(subject: Token) -> Span | None:
    """"A report by ABC News", "data from HSH.com": the named author of an unnamed text."""
    for prep in subject.children:
        if prep.dep_ == "prep" and prep.lower_ in _SOURCE_PREPS:
            for obj in prep.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ in {"ORG", "PERSON"}
                                           or obj.pos_ == "PROPN"):
                    return _phrase(obj)
    return None


_QUOTED_TOKENS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _inside(tok: Token) -> bool:
    """Whether a token stands inside quotation marks (quoted words never name a speaker)."""
    doc = tok.doc
    inside = _QUOTED_TOKENS.get(doc)
    if inside is None:
        ranges = []
        offset = 0
        for line in doc.text.split("\n"):
            ranges += [(offset + a, offset + b) for a, b, _ in _quotations(line)]
            offset += len(line) + 1
        inside = _QUOTED_TOKENS[doc] = frozenset(
            t.i for t in doc if any(a < t.idx < b - 1 for a, b in ranges))
    return tok.i in inside


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
        named = person if person is not None else _organisation_near(tok)
        if named is not None:
            return _canonical(named.text, index)
        if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in tok.children):
            return _anonymous(_phrase(tok))
    person = _person_near(subject) or _same_nationality(subject)
    if person is not None:
        return _canonical(person.text, index)
    return _described(subject, index) or _phrase(subject).text


def _organisation_near(tok: Token) -> Span | None:
    """The organisation a noun describes in apposition: "Civilta Cattolica, the Jesuit
    magazine" (so that "the magazine wrote" is Civilta Cattolica)."""
    linked = [tok.head] if tok.dep_ == "appos" else []
    linked += [c for c in tok.children if c.dep_ == "appos"]
    return next((e for t in linked for e in tok.doc.ents
                 if e.label_ == "ORG" and e.start <= t.i < e.end), None)


def _described(subject: Token, index: EntityIndex | None) -> str | None:
    """"The designer admitted ..." where the article never wrote the word before: the one
    person the story describes so ("fashion designer Oscar de la Renta"), if only one."""
    if index is None or subject.tag_ != "NN":
        return None
    named = index.described_as(subject.lemma_)
    return next(iter(named)) if len(named) == 1 else None


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
    """The last person (or, for "it", "they" and "its", organisation) named before the pronoun
    outside quotation marks, the subject of the pronoun's own sentence first; never a place."""
    labels = {"ORG", "NORP"} if plural else {"PERSON"}
    before = [e for e in doc.doc.ents if e.end <= pronoun.i and e.label_ in labels
              and not _inside(e.root)]
    sentence = pronoun.sent
    if plural and pronoun.lower_ in {"they", "them"} and sentence.start:
        # "Soldiers and police held back the crowds. “…,” they shouted": a plural subject
        # of the sentence before
        group = next((t for t in pronoun.doc[sentence.start - 1].sent
                      if t.dep_ == "nsubj" and t.tag_ == "NNS" and not t.ent_type_
                      and not _inside(t)), None)
        if group is not None:
            return _anonymous(pronoun.doc[_phrase(group).start:max(
                [group.i] + [c.i for c in group.conjuncts]) + 1])
    if not before:
        return None
    # the subject of the pronoun's sentence or of the one before (centering: "Brad
    # Fischetti is mourning band mate Devin Lima. “…,” he told E! News": Fischetti)
    start = pronoun.doc[sentence.start - 1].sent.start if sentence.start else 0
    subjects = [e for e in before if _is_subject(e.root)]
    recent = [e for e in subjects if e.start >= start]
    # else the last person who was a subject (not one named in passing, "his client, X")
    return _canonical((recent or subjects or before)[-1].text, index)


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
    if clause is None:  # "said that Scott, whose films ..., suffered": "that" parsed as "prep"
        that = next((t for t in verb.rights if t.lower_ == "that" and t.i == verb.i + 1), None)
        rest = [t for t in span if that is not None and t.i > that.i and not t.is_punct]
        text = span.doc[rest[0].i:rest[-1].i + 1].text if rest else ""
        return text if len(text.split()) >= MIN_QUOTE_WORDS else None
    tokens = [t for t in clause.subtree if t.dep_ != "mark" or t.head != clause]
    text = span.doc[tokens[0].i:tokens[-1].i + 1].text
    return text if len(text.split()) >= MIN_QUOTE_WORDS else None
