"""The dataclasses that carry data from one pipeline stage to the next.

fetch and ingest's readers -> RawArticle; ingest -> Article; text -> Document (sentences,
entity mentions); stories -> StoryState (a stored story's running centroid) and Assignment;
analyse -> StoryReport.
Every stage takes and returns these plain objects, so each can be tested alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from scipy import sparse


UNLABELLED_STORY = "story"  # the id of the one story of articles that name no story
UNKNOWN_OUTLET = "unknown"  # the outlet of an article whose page, record and URL name none


@dataclass
class Article:
    """One news article as read from its source, before any language processing.

    `outlet` is the site's name ("unknown" when nothing says); `source` names the input it
    was read from (file, archive member, URL or `<stdin>`), shown as `input` in reports."""

    id: str
    text: str
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    published: date | None = None
    story: str | None = None
    source: str = ""
    paragraphs: list[str] = field(default_factory=list)
    non_article: str | None = None  # why this page is not news (cookie wall, error page...)


@dataclass
class RawArticle:
    """One article as a reader found it, before ids, outlets and dates are settled;
    `source` names the file (and line), archive member or URL it came from."""

    source: str
    text: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    story: str | None = None


@dataclass
class Problem:
    """An input that was skipped, with a one-line reason naming it; `skipped` is False for
    a warning about an input that was still read (a renamed duplicate id, a bad date)."""

    source: str
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" + ("" if self.skipped else " (warning)")


@dataclass
class Mention:
    """A named-entity span inside a sentence (character offsets into the article text)."""

    text: str
    label: str
    start: int
    end: int


@dataclass
class Sentence:
    """A sentence of an article with its character offsets into `Article.text`."""

    article_id: str
    index: int
    text: str
    start: int
    end: int
    paragraph: int
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Document:
    """An article after the text stage.

    `text` is the article text with boilerplate lines dropped; sentence and mention offsets
    point into it, and `doc` is the spaCy parse of that same text.
    """

    article: Article
    text: str
    sentences: list[Sentence]
    doc: Any = None

    @property
    def id(self) -> str:
        return self.article.id

    def span(self, sentence: Sentence) -> Any:
        """The spaCy span of one of its sentences (widened to whole tokens)."""
        return self.doc.char_span(sentence.start, sentence.end, alignment_mode="expand")


@dataclass
class Statement:
    """One sentence of one article, as evidence for a claim, quote or conflict."""

    source: str
    text: str
    sentence: int
    outlet: str | None = None

    @classmethod
    def of(cls, sentence: Sentence, outlet: str | None) -> Statement:
        """The statement a sentence makes, credited to its article and outlet."""
        return cls(source=sentence.article_id, text=sentence.text, sentence=sentence.index,
                   outlet=outlet)


@dataclass(frozen=True)
class Cosines:
    """Cosine thresholds between unit sentence vectors. They hold for one encoder's vectors
    only, so they travel with the encoder (`Embedder.cosines`) and with the vectors it made
    (`Story.cosines`): another encoder, or a quantisation that moves cosines, brings its own."""

    same_fact: float  # claims: two sentences of different articles state one fact
    same_event: float  # conflicts: two clauses, each its sentence's only event, tell one event
    related: float  # framing: two sentences may speak of one fact
    align_margin: float  # framing: this close to a sentence's closest counts as closest too
    event_phrases: float  # framing: two event phrases say the same of their shared name
    event_phrases_with_figure: float  # the same, when the two sentences share a figure
    near_duplicate: float  # salience feature: another sentence says much the same


@dataclass
class Story:
    """The articles of one story, ready for analysis.

    `sentences` lists every sentence of every document in order; `vectors` holds their
    unit-length embeddings row for row, and `cosines` the thresholds that hold for them;
    `duplicates` maps a syndicated copy's id to the
    id of the article it copies, and `copies` holds those copies' parsed documents (they are
    not analysed as sources of their own, only compared with their origin); `articles` lists
    every article of the story, copies included, in the order they were given.
    """

    id: str
    documents: list[Document]
    sentences: list[Sentence]
    vectors: Any
    cosines: Cosines
    duplicates: dict[str, str] = field(default_factory=dict)
    copies: list[Document] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    _rows: dict[tuple[str, int], int] = field(default_factory=dict, init=False, repr=False)

    def row(self, article_id: str, index: int) -> int:
        """The position in `sentences` (and `vectors`) of an article's sentence."""
        if not self._rows:
            self._rows.update({(s.article_id, s.index): i for i, s in enumerate(self.sentences)})
        return self._rows[(article_id, index)]

    def span(self, row: int) -> Any:
        """The spaCy span of a sentence (by its position in `sentences`)."""
        s = self.sentences[row]
        return next(d for d in self.documents if d.id == s.article_id).span(s)

    def outlet(self, article_id: str) -> str:
        """The outlet of an article; its id when the outlet is unknown, so that two articles
        of unknown outlets count as two independent sources, not as one outlet."""
        for d in self.documents:
            if d.article.id == article_id:
                return known_outlet(d.article.outlet) or article_id
        raise KeyError(article_id)


def known_outlet(outlet: str | None) -> str | None:
    """The outlet's name, or None when it is unknown."""
    return outlet if outlet and outlet != UNKNOWN_OUTLET else None


Support = Literal["consensus", "disputed", "single_source"]


@dataclass
class Evidence:
    """Where a cited source states a fact: its sentence, as written in the article's text
    (`Article.text[start:end]`; both None where the sentence cannot be placed there), and
    the sentence's index among the article's sentences."""

    source: str
    text: str
    start: int | None
    end: int | None
    sentence: int


@dataclass
class Claim:
    """A fact of the story with every sentence (from every article) that states it.

    `support` is `disputed` when a statement of it is in a conflict (`conflicts`: positions
    in the story's conflicts), else `consensus` (two outlets or more) or `single_source`;
    `checkable`: it names a who, a number, a date or a place."""

    text: str
    sources: list[str]
    support: Support
    statements: list[Statement]
    outlets: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    checkable: bool = False
    conflicts: list[int] = field(default_factory=list)


@dataclass
class SummarySentence:
    """A sentence of the summary with the sources judged to state the same fact, each with
    its evidence (the summary's own source first)."""

    text: str
    sources: list[str]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Conflict:
    """Two statements from different outlets that cannot both be true."""

    kind: str
    statements: list[Statement]
    values: list[str]
    status: Literal["conflict", "unverifiable"] = "conflict"
    explanation: str = ""


@dataclass
class FramingContrast:
    """The same fact worded differently by different outlets."""

    anchor: str
    wordings: list[Statement]
    phrases: list[str]


@dataclass
class OutletTerms:
    """An outlet's most distinctive terms within the story (log-odds z-scores)."""

    outlet: str
    terms: list[tuple[str, float]]


@dataclass
class Framing:
    contrasts: list[FramingContrast] = field(default_factory=list)
    distinctive_terms: list[OutletTerms] = field(default_factory=list)


@dataclass
class Quote:
    """Direct or reported speech with its resolved speaker (never a pronoun)."""

    speaker: str | None
    text: str
    source: str
    kind: Literal["direct", "reported"]
    sentence: str
    outlet: str | None = None
    speaker_as_written: str | None = None


@dataclass
class TimelineEvent:
    """A dated event; `date` is ISO-8601 (day, month, year, interval or --MM-DD) or None."""

    date: str | None
    expression: str
    text: str
    sources: list[str]


@dataclass
class Entity:
    """A person, organisation or place merged across articles."""

    name: str
    label: str
    aliases: list[str]
    sources: list[str]
    mentions: int
    descriptions: list[str] = field(default_factory=list)  # "the NATO chief", as texts say


@dataclass
class ArticleInfo:
    id: str
    outlet: str | None
    title: str | None
    url: str | None
    published: str | None
    duplicate_of: str | None = None
    input: str | None = None  # the file, archive member, URL or <stdin> it was read from


@dataclass
class StoryReport:
    """Everything newsweave reports about one story."""

    id: str
    headline: str  # the first source's title, or the summary's first sentence
    articles: list[ArticleInfo]
    summary: list[SummarySentence]
    claims: list[Claim]
    conflicts: list[Conflict]
    framing: Framing
    quotes: list[Quote]
    timeline: list[TimelineEvent]
    entities: list[Entity]
    # The sections computed: one of them left empty was checked and found nothing.
    sections: list[str] = field(default_factory=list)

    def no_conflicts_found(self) -> bool:
        """Conflicts were looked for between two sources or more, and none was found."""
        return (not self.conflicts and "conflicts" in self.sections
                and sum(not a.duplicate_of for a in self.articles) >= 2)


@dataclass
class Report:
    """The result of `newsweave.report`: one StoryReport per story, plus skipped inputs."""

    stories: list[StoryReport]
    problems: list[Problem] = field(default_factory=list)


# The stories stage's state, saved in the store between runs.


@dataclass
class StoryState:
    """A story's running statistics: the sum of its members' vectors and its date range."""

    id: str
    centroid: sparse.csr_matrix
    size: int = 0
    first: date | None = None
    last: date | None = None
    merged_into: str | None = None

    def add_date(self, day: date | None) -> None:
        if day is not None:
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)


@dataclass
class Assignment:
    """What one batch did: each article's story, the stories started, the stories merged."""

    stories: list[str]
    created: list[str] = field(default_factory=list)
    merged: dict[str, str] = field(default_factory=dict)
    touched: list[StoryState] = field(default_factory=list)
