"""Ingest: every input kind, metadata precedence, and each kind of bad input reported in one
line naming the file while the rest of the batch is read."""

from __future__ import annotations

import io
import json
from datetime import date

import pytest

from newsweave.ingest import parse_assignments, read_inputs

GOOD = ("The harbour council met on Monday to discuss the new ferry timetable for the "
        "island routes.\nMembers agreed that the early morning crossing would return in May, "
        "after complaints from commuters and shop owners on both sides of the strait.")


def write(path, content, mode="w"):
    if mode == "wb":
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def good(tmp_path):
    return write(tmp_path / "good.txt", GOOD)


def only_problem(problems, name):
    assert len(problems) == 1, problems
    p = problems[0]
    assert name in p.source and "\n" not in p.message
    return p.message


def test_plain_text_article(good):
    articles, problems = read_inputs([str(good)])
    assert not problems
    (a,) = articles
    assert a.id == "good" and a.outlet == "unknown" and a.published is None
    assert a.source.endswith("good.txt")
    assert a.paragraphs[0].startswith("The harbour council")


@pytest.mark.parametrize("first, title", [
    ("Ferry timetable restored after commuter complaints", True),
    ("Will the early crossing return?", True),
    ("The harbour council met on Monday.", False),  # a paragraph: it ends in a full stop
    (" ".join(["word"] * 31), False),  # too long for a headline
    ("Share this article", False),  # page furniture
])
def test_plain_text_headline_line_becomes_the_title(tmp_path, first, title):
    path = write(tmp_path / "t.txt", f"{first}\n\n{GOOD}\n")
    (a,), problems = read_inputs([str(path)])
    assert not problems
    if title:
        assert a.title == first and a.paragraphs[0].startswith("The harbour council")
    else:
        assert a.title is None and a.paragraphs[0] == first


def test_plain_text_without_a_blank_line_after_the_first_has_no_title(tmp_path):
    path = write(tmp_path / "t.txt", f"Ferry timetable restored\n{GOOD}")
    (a,), _ = read_inputs([str(path)])
    assert a.title is None and a.paragraphs[0] == "Ferry timetable restored"
    (b,), _ = read_inputs([str(write(tmp_path / "one.txt", "Ferry timetable restored\n\n"))])
    assert b.title is None


def test_metadata_and_options_precedence(tmp_path, good):
    rec = {"id": "r1", "text": GOOD, "outlet": "Island Post", "published": "2026-05-02"}
    write(tmp_path / "r.json", json.dumps(rec))
    articles, problems = read_inputs(
        [str(good), str(tmp_path / "r.json")],
        outlets={"good": "Ferry Weekly", "r1": "Harbour Daily"},
        published={"good": date(2026, 5, 1), "r1": date(2000, 1, 1)})
    assert not problems
    by_id = {a.id: a for a in articles}
    assert by_id["good"].outlet == "Ferry Weekly" and by_id["good"].published == date(2026, 5, 1)
    # --outlet names the outlet even over the record's own; --published only fills a gap
    assert by_id["r1"].outlet == "Harbour Daily" and by_id["r1"].published == date(2026, 5, 2)


def test_jsonl_with_story_and_json_list(tmp_path):
    lines = [json.dumps({"id": f"a{i}", "text": GOOD, "story": "s1" if i < 2 else "s2"})
             for i in range(3)]
    write(tmp_path / "a.jsonl", "\n".join(lines))
    write(tmp_path / "b.json", json.dumps([{"text": GOOD}, {"text": GOOD, "id": "named"}]))
    articles, problems = read_inputs([str(tmp_path / "a.jsonl"), str(tmp_path / "b.json")])
    assert not problems
    assert [a.story for a in articles[:3]] == ["s1", "s1", "s2"]
    assert [a.id for a in articles[3:]] == ["b-1", "named"]


def test_html_page(tmp_path):
    page = f"""<!DOCTYPE html><html><head><title>Ferry timetable changes</title>
    <meta property="og:site_name" content="Island Post">
    <meta property="article:published_time" content="2026-05-02T08:00:00Z">
    </head><body><nav>Home | News | Sport</nav><article><h1>Ferry timetable changes</h1>
    {''.join(f'<p>{p}</p>' for p in GOOD.splitlines())}</article>
    <footer>Subscribe to our newsletter</footer></body></html>"""
    write(tmp_path / "page.html", page)
    (a,), problems = read_inputs([str(tmp_path / "page.html")])
    assert not problems
    assert a.outlet == "Island Post" and a.title == "Ferry timetable changes"
    assert a.published == date(2026, 5, 2)
    assert "harbour council" in a.text and "Home | News" not in a.text


def test_folder_recursion_glob_and_stdin(tmp_path):
    write(tmp_path / "x" / "y" / "deep.txt" if (tmp_path / "x" / "y").mkdir(parents=True)
          is None else None, GOOD)
    write(tmp_path / "x" / "notes.csv", "a,b")
    write(tmp_path / "x" / ".hidden.txt", GOOD)
    articles, problems = read_inputs([str(tmp_path / "x")])
    assert [a.id for a in articles] == ["deep"] and not problems
    articles, _ = read_inputs([str(tmp_path / "x" / "**" / "*.txt")])
    assert [a.id for a in articles] == ["deep"]
    stdin = io.BytesIO(json.dumps({"id": "piped", "text": GOOD}).encode() + b"\n"
                       + json.dumps({"id": "piped2", "text": GOOD}).encode())
    articles, problems = read_inputs(["-"], stdin=stdin)
    assert [a.id for a in articles] == ["piped", "piped2"] and not problems


def test_latin1_is_read_correctly(tmp_path, good):
    text = GOOD.replace("council", "café council") + "\nThe mayor said the déjà vu was over."
    write(tmp_path / "latin.txt", text.encode("latin-1"), "wb")
    articles, problems = read_inputs([str(tmp_path / "latin.txt"), str(good)])
    assert not problems
    assert "café council" in articles[0].text and "déjà vu" in articles[0].text


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"\n  \n", "empty"),
    ("binary.txt", bytes(range(256)) * 10, "binary"),
    ("boiler.txt", b"Also Read\nAdvertisement\nShare this article\n", "boilerplate"),
    ("french.txt", ("Le conseil municipal s'est réuni lundi pour discuter des nouveaux horaires "
                    "des traversées vers les îles, et les habitants ont exprimé leur colère "
                    "contre la suppression du premier bateau du matin.").encode(), "not English"),
    ("broken.json", b'{"id": "x", "text": ', "malformed JSON"),
    ("notext.json", b'{"id": "x", "title": "t"}', "no 'text'"),
    ("junk.html", b"<html><body><script>var a=1;</script><div></div></body></html>", "no article"),
])
def test_bad_file_is_reported_and_batch_continues(tmp_path, good, name, content, expected):
    write(tmp_path / name, content, "wb")
    articles, problems = read_inputs([str(tmp_path / name), str(good)])
    assert [a.id for a in articles] == ["good"]
    assert expected in only_problem(problems, name)


def test_malformed_jsonl_line_keeps_other_lines(tmp_path):
    lines = [json.dumps({"id": "a", "text": GOOD}), "{not json",
             json.dumps({"id": "b", "text": GOOD})]
    write(tmp_path / "feed.jsonl", "\n".join(lines))
    articles, problems = read_inputs([str(tmp_path / "feed.jsonl")])
    assert [a.id for a in articles] == ["a", "b"]
    message = only_problem(problems, "feed.jsonl:2")
    assert "malformed JSON" in message


def test_missing_path_empty_folder_and_unmatched_glob(tmp_path, good):
    (tmp_path / "empty").mkdir()
    articles, problems = read_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "empty"),
                                      str(tmp_path / "*.md"), str(good)])
    assert [a.id for a in articles] == ["good"]
    messages = [p.message for p in problems]
    assert "no such file or folder" in messages[0]
    assert "no articles" in messages[1]
    assert "no file matches" in messages[2]
    assert all(p.skipped for p in problems)


def test_huge_file_is_refused(tmp_path, monkeypatch, good):
    import newsweave.fetch.encoding as encoding

    monkeypatch.setattr(encoding, "MAX_BYTES", 100)
    articles, problems = read_inputs([str(good)])
    assert not articles and "too large" in only_problem(problems, "good.txt")


def test_duplicate_id_is_renamed_with_a_warning(tmp_path, good):
    write(tmp_path / "sub.json", json.dumps({"id": "good", "text": GOOD}))
    articles, problems = read_inputs([str(good), str(tmp_path / "sub.json")])
    assert [a.id for a in articles] == ["good", "good-2"]
    assert len(problems) == 1 and not problems[0].skipped


def test_bad_published_date_is_left_unknown(tmp_path):
    write(tmp_path / "d.json", json.dumps({"id": "d", "text": GOOD, "published": "soonish"}))
    (a,), problems = read_inputs([str(tmp_path / "d.json")])
    assert a.published is None and not problems[0].skipped


def test_metadata_that_is_an_object_or_array_is_left_out_with_a_warning(tmp_path):
    write(tmp_path / "m.jsonl", json.dumps({"id": "m", "text": GOOD, "title": {"main": "x"},
                                            "outlet": ["Gazette", "Wire"], "url": 7}))
    (a,), problems = read_inputs([str(tmp_path / "m.jsonl")])
    assert (a.title, a.url) == (None, "7") and a.outlet == "unknown"
    assert [p.message for p in problems] == [
        "record 'title' must be a string, not an object; left out",
        "record 'outlet' must be a string, not an array; left out"]
    assert not any(p.skipped for p in problems)


def test_a_record_of_another_json_type_is_named_as_json_names_it(tmp_path):
    write(tmp_path / "list.json", json.dumps([None, "text", {"text": 3}]))
    _, problems = read_inputs([str(tmp_path / "list.json")])
    assert [p.message for p in problems] == ["a record must be a JSON object, not null",
                                             "a record must be a JSON object, not a string",
                                             "record 'text' must be a string, not a number"]


def test_assignments():
    assert parse_assignments(["a=B C", " x = y "], "--outlet") == {"a": "B C", "x": "y"}
    with pytest.raises(ValueError, match="--outlet expects ID=VALUE"):
        parse_assignments(["oops"], "--outlet")


def test_seeds_read_with_boilerplate_lines_kept_for_the_text_stage(seed_articles):
    from newsweave.text.boilerplate import drop_boilerplate

    ids = [a.id for a in seed_articles]
    assert ids == ["000_ba1513b51ea85281", "002_2dd9111a72d8d960"]
    assert any(p == "Also Read" for p in seed_articles[0].paragraphs)
    assert "Also Read" not in drop_boilerplate(seed_articles[0].paragraphs)


def test_json_lines_saved_as_json_are_read_as_json_lines(tmp_path):
    records = [{"id": f"r{i}", "text": f"The ferry to Vell sailed {i} hours late on Monday."}
               for i in range(3)]
    path = tmp_path / "feed.json"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    articles, problems = read_inputs([str(path)])
    assert [a.id for a in articles] == ["r0", "r1", "r2"] and problems == []
    pretty = tmp_path / "one.json"
    pretty.write_text(json.dumps(records[0], indent=2), encoding="utf-8")
    assert [a.id for a in read_inputs([str(pretty)])[0]] == ["r0"]
