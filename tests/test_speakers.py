"""Speakers on web news (issue 25): what can speak, who a shared surname is, the real speaker
behind a statement, quotations that go on across sentences and paragraphs. Articles invented."""

from __future__ import annotations

import pytest

from newsweave.analyse.entities import analyse_entities
from newsweave.analyse.quotes import analyse_quotes
from newsweave.model import Article
from newsweave.text import prepare


def quotes_of(text: str):
    docs = list(prepare([Article(id="a", text=text, paragraphs=text.split("\n"),
                                 outlet="Outlet")]))
    return analyse_quotes(docs, analyse_entities(docs)[1])


def speakers(text: str, words: str) -> list[str | None]:
    return [q.speaker for q in quotes_of(text) if words in q.text]


@pytest.mark.parametrize(("text", "words", "wrong"), [
    # a date the parser takes for the subject of "confirmed"
    ("Late 2016 confirmed that the mine would close for good.", "mine", "Late 2016"),
    # "they" after officials in a country is the officials, not the country
    ("Officials in the United Kingdom met on Monday.\n“We will not sign this deal under any "
     "circumstances,” they said.", "sign this deal", "United Kingdom"),
    # a listener ("the hearing was told") is not the speaker
    ("The hearing was told that the defendant had fled the country twice.", "fled",
     "The hearing"),
    # a demonstrative is no one: the minister warned
    ("That said, the minister warned that prices would rise again in the spring.", "prices",
     "That"),
    # a role in a film is not a source
    ("In the film, Mara Lind plays a naive young actress who tells her agent that she wants "
     "to quit the stage.", "quit", "a naive young actress"),
    # a stray article the parser made a subject ("after the didn't appear")
    ("When the case was thrown out after the didn't appear to testify, the lawyer smiled at "
     "the judge and walked out.", "", "the"),
])
def test_what_cannot_speak_is_never_a_speaker(text, words, wrong):
    assert wrong not in speakers(text, words)


@pytest.mark.parametrize(("text", "words", "expected"), [
    ("That said, the minister warned that prices would rise again in the spring.", "prices",
     "the minister"),
    ("Officials in the United Kingdom met on Monday.\n“We will not sign this deal under any "
     "circumstances,” they said.", "sign this deal", "Officials"),
    # the agent of a passive "was told" speaks
    ("The hearing was told by prosecutor Ana Ruiz that the defendant had fled the country "
     "twice.", "fled", "Ana Ruiz"),
    # "a report by X": X
    ("An Aug. 20 report by Harbour News said that the port would close for a month.",
     "port would close", "Harbour News"),
    # an organisation is an organisation however it is written
    ("Nasa said on Monday that the probe had reached the outer edge of the system.", "probe",
     "Nasa"),
])
def test_a_speaker_is_a_person_or_an_organisation(text, words, expected):
    assert speakers(text, words) == [expected]


@pytest.mark.parametrize(("text", "words", "expected"), [
    # father and son share a surname: the father is the one the text has speaking
    ("David Holt spoke at the memorial for his son Todd Holt on Monday.\n“I cannot see the "
     "upside to this decision at all,” Holt said.", "upside", "David Holt"),
    # judge and defendant: the latest full mention as a subject
    ("Judge Ann Reyes sentenced Tom Reyes to life in prison on Friday.\n“You showed no "
     "remorse for what you did to that family,” Reyes said.", "remorse", "Ann Reyes"),
    ("Tom Reyes was sentenced to life on Friday by Judge Ann Reyes.\nTom Reyes wept in court."
     "\n“I am sorry for what I did to that family,” Reyes said.", "sorry", "Tom Reyes"),
])
def test_a_shared_surname_goes_to_the_right_person(text, words, expected):
    assert speakers(text, words) == [expected]


@pytest.mark.parametrize(("text", "words", "expected"), [
    # the celebrity's line, passed on by the publicist, is the celebrity's
    ("Actor Tom Brandt has left the clinic.\n“I feel stronger than ever and I thank my "
     "family,” the actor said, according to his publicist.", "stronger", "Tom Brandt"),
    # the lawyer's statement is the lawyer's, not her client's
    ("Jamie Ortiz, a lawyer for Karl Weber, said in a statement: “Mr. Weber will cooperate "
     "fully with any inquiry.”", "cooperate", "Jamie Ortiz"),
    # the one who said it, not the one who passed it on
    ("Councillor Ivo Marek said Mayor Ana Vela told him that the budget would be cut by "
     "half.", "budget", "Ana Vela"),
    # "he" is the subject of the sentence before, not a name inside the quotation
    ("Singer Brad Kell is mourning his band mate Devin Ross.\n“It is with a broken heart "
     "that I confirm that Devin Ross passed away this morning,” he told Harbour Radio.",
     "broken heart", "Brad Kell"),
    # "I" in an introduced statement is its author, not the last person named
    ("Lena Dorn was arrested at a wedding.\nIn a statement to Harbour Radio, Dorn explained "
     "why she confronted her boyfriend Carl Ek, in words that read in part:\nI went to the "
     "wedding to see for myself. I said, “I am here because Carl lied to me about everything.”",
     "Carl lied", "Lena Dorn"),
    # a transcript's speaker label
    ("Transcript of the mayor's remarks, as released by the city:\nMAYOR VELA: Thank you all "
     "for coming. I said that this bridge would be finished, and it is.", "bridge",
     "Mayor Vela"),
    # a company's statement quoting its chief keeps the chief's words
    ("Vellcorp will close its Orsk plant in June.\nIn a statement, the company quoted Ruiz as "
     "saying the decision was \"the hardest we have had to make\".", "hardest", "Ruiz"),
    # a quoted complement of "called" is the caller's, not the last speaker's
    ("\"This was a hard decision,\" chief executive Ana Ruiz said on Tuesday.\nUnion organiser "
     "Tom Becker called the decision \"a betrayal of a town that built this company.\"",
     "betrayal", "Tom Becker"),
])
def test_a_quote_keeps_its_real_speaker(text, words, expected):
    assert speakers(text, words) == [expected]


@pytest.mark.parametrize(("text", "words"), [
    # the next sentence of the same quotation
    ("Mayor Ana Vela opened the bridge on Monday.\n“It took us ten years,” she said. "
     "“Nobody believed we would finish it, not even the engineers.”", "Nobody believed"),
    # a quotation that goes on in the next paragraph (opened again, closed at its end)
    ("Mayor Ana Vela spoke first.\n“It took us ten years and a lot of money to get here,” "
     "she said. “Nobody believed we would finish it.\n“The town never gave up on the bridge "
     "and on the river.”", "never gave up"),
    # a short exclamation with the attribution, then the quotation
    ("Mayor Ana Vela stood up.\n“Okay!” Vela said loudly. “I am going to read the names of "
     "everyone who worked on this bridge.”", "read the names"),
    # a colon after a clause, or after a name
    ("Mayor Ana Vela offered a few words of encouragement: “As long as you keep going, the "
     "lights will come on again.”", "lights will come on"),
    ("Harbour Radio's Ana Vela: “The harbour deal was signed behind closed doors and nobody "
     "asked us.”", "closed doors"),
])
def test_no_unknown_speaker_when_the_text_names_one(text, words):
    assert speakers(text, words) == ["Ana Vela"]
