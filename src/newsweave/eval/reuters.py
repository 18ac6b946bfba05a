"""Reuters-21578 (SGML, 22 files of `<REUTERS>` records) as newsweave JSONL records.

Bodies are hard-wrapped at 70 columns with a 4-space indent opening each paragraph; they are
rejoined into one paragraph a line. Unprocessed items (mostly tables) have
their text straight in `<TEXT>`, kept line by line; briefs without any text keep their
title as text. The ingest stage decides what to make of them, as it would in use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from lxml import etree

_PARAGRAPH = re.compile(r"\n\s{3,}")
_SIGN_OFF = re.compile(r"\s+Reuter\s*$")
_CONTROL_REF = re.compile(r"&#(?:[0-8]|1[124-9]|2[0-9]|3[01]);")  # wire control codes


def records(root: Path) -> Iterator[dict]:
    """Every article of the corpus in file order: id, title, text, published, outlet."""
    files = sorted(root.glob("reut2-*.sgm"))
    if not files:
        raise FileNotFoundError(f"{root}: no reut2-*.sgm files")
    parser = etree.XMLParser(recover=True, huge_tree=True)
    for path in files:
        raw = path.read_bytes().decode("latin-1")
        raw = _CONTROL_REF.sub("", raw.replace('<!DOCTYPE lewis SYSTEM "lewis.dtd">', ""))
        # Without the wire's control-code references (&#3;), which XML forbids and which
        # derail lxml's recovery, the SGML reads as XML once a root is added.
        for item in etree.fromstring(f"<root>{raw}</root>", parser).iter("REUTERS"):
            title = " ".join((item.findtext("TEXT/TITLE") or "").split())
            body = item.find("TEXT/BODY")
            if body is not None:
                text = _SIGN_OFF.sub("", body.text or "")
                paragraphs = [" ".join(p.split()) for p in _PARAGRAPH.split(text) if p.strip()]
            else:  # unprocessed items (tables) have their text straight in <TEXT>, by line
                text = "".join(item.find("TEXT").itertext()).replace(title, "", 1)
                paragraphs = [" ".join(line.split()) for line in text.splitlines()
                              if line.strip()]
            stamp = (item.findtext("DATE") or "").split()
            yield {"id": f"reuters-{item.get('NEWID')}", "title": title,
                   "text": "\n".join(paragraphs) or title, "outlet": "Reuters",
                   "published": datetime.strptime(stamp[0], "%d-%b-%Y").date().isoformat()
                   if stamp else None}
