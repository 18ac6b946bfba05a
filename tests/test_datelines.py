"""The date a text states in its lead: datelines and captions, full dates only."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.text.datelines import stated_date


@pytest.mark.parametrize(("lead", "expected"), [
    ("12 March 2019 – The harbour authority of Kessmark reopened the north quay.",
     date(2019, 3, 12)),
    ("In this Oct. 4, 2021, photo, dockers gather at the gate of the Kessmark terminal.",
     date(2021, 10, 4)),
    ("KESSMARK, 2020-07-15 (Coast Wire) - The ferry resumed service.", date(2020, 7, 15)),
    ("On the 3rd of May 2017 the council met; by May 9, 2017, it had voted.", date(2017, 5, 9)),
])
def test_the_latest_full_date_of_the_lead(lead, expected):
    assert stated_date(lead + " The union said talks would go on.") == expected


@pytest.mark.parametrize("text", [
    "Since 2014 the terminal has handled more ships every May.",  # a year or month alone
    "The deal was signed on 31 February 2019, a date that does not exist.",
    "The strike ended on Friday. " + "More talks are planned. " * 20 + "(12 March 2019)",
])
def test_no_date_unless_the_lead_writes_a_whole_one(text):
    assert stated_date(text) is None
