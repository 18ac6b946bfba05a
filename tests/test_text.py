"""The text stage: sentence offsets, paragraph rules and boilerplate removal."""

import threading

import pytest

from newsweave.model import Article
from newsweave.text import prepare
from newsweave.text.sentences import _read_ahead


def _doc(*paragraphs: str):
    return next(prepare([Article(id="a", text="\n".join(paragraphs),
                                 paragraphs=list(paragraphs))]))


def test_sentence_offsets_point_into_document_text():
    doc = _doc("The council met on Monday. It agreed on little.", "Also Read: unrelated story",
               '"We keep the dialogue," she said. Talks ended late.')
    assert "Also Read" not in doc.text
    assert [s.text for s in doc.sentences] == [
        "The council met on Monday.", "It agreed on little.",
        '"We keep the dialogue," she said.', "Talks ended late."]
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1, 1]


def test_quote_closing_after_full_stop_stays_in_its_sentence():
    doc = _doc('He said: "The talks were useful." Then he left.')
    assert doc.sentences[0].text == 'He said: "The talks were useful."'


def test_entities_are_kept_as_mentions():
    doc = _doc("Jens Stoltenberg met Sergei Lavrov in Munich.")
    labels = {(m.text, m.label) for m in doc.sentences[0].mentions}
    assert ("Munich", "GPE") in labels


def test_no_sentence_break_inside_a_quotation():
    doc = _doc('An official said that "it is good to talk. It shows we care." Then she left.')
    assert [s.text for s in doc.sentences] == [
        'An official said that "it is good to talk. It shows we care."', "Then she left."]


def test_a_quoted_question_keeps_its_speaker():
    doc = _doc("“Who invited him to this meeting?” one councillor asked. “Is it over?” Nobody "
               "answered.")
    assert [s.text for s in doc.sentences] == [
        "“Who invited him to this meeting?” one councillor asked.", "“Is it over?”",
        "Nobody answered."]


def test_quotation_opening_the_text_is_tracked():
    doc = _doc('"We met. We talked," he said. Then he left.')
    assert [s.text for s in doc.sentences] == ['"We met. We talked," he said.', "Then he left."]


def test_sentences_glued_by_a_scraper_are_split():
    doc = _doc('Crowds filled the square to greet the new year.The party spanned six blocks.'
               '"It unites the city," said Mara Vell.This year the theme was light.',
               "Shares of Acme Corp. rose in the U.S. market, on Monday.")
    assert [s.text for s in doc.sentences] == [
        "Crowds filled the square to greet the new year.", "The party spanned six blocks.",
        '"It unites the city," said Mara Vell.', "This year the theme was light.",
        "Shares of Acme Corp. rose in the U.S. market, on Monday."]
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text


def test_a_stray_quotation_mark_does_not_join_the_sentences_after_it():
    # a page cut mid-quote leaves an opening mark that is never closed
    doc = _doc('"It was her first year in the council that gave her the book. In it, Vell, 47, '
               'tells of a colleague who said, "Good thing you run!" Later, she writes, he '
               "apologised.")
    assert [s.text for s in doc.sentences] == [
        '"It was her first year in the council that gave her the book.',
        'In it, Vell, 47, tells of a colleague who said, "Good thing you run!"',
        "Later, she writes, he apologised."]


def test_reading_ahead_keeps_order_errors_and_stops_with_its_reader():
    assert list(_read_ahead(iter(range(1000)), size=4)) == list(range(1000))

    def failing():
        yield "first"
        raise ValueError("worker died")

    reader = _read_ahead(failing())
    assert next(reader) == "first"
    with pytest.raises(ValueError, match="worker died"):
        next(reader)

    taken = []

    def endless():
        while True:
            taken.append(1)
            yield len(taken)

    reader = _read_ahead(endless(), size=2)
    assert next(reader) == 1
    reader.close()  # the reader gives up: the thread must stop taking items
    for thread in threading.enumerate():
        if thread.name == "newsweave-read-ahead":
            thread.join(timeout=2)
            assert not thread.is_alive()
    assert len(taken) <= 4
