"""Running newsweave as a user does, in another process, on JSONL files the tests write
(shared by the store tests on SQLite and PostgreSQL)."""

import json
import os
import subprocess
import sys
from pathlib import Path

EXE = [sys.executable, "-m", "newsweave"]
ENV = {**os.environ, "HF_HUB_OFFLINE": "1"}


def _write_jsonl(path: Path, articles) -> Path:
    path.write_text("".join(json.dumps({
        "id": a.id, "text": a.text, "title": a.title, "outlet": a.outlet,
        "published": a.published.isoformat()}) + "\n" for a in articles), encoding="utf-8")
    return path


def _run(*args, timeout=300):
    return subprocess.run([*EXE, *args], capture_output=True, text=True, env=ENV,
                          timeout=timeout)


def _start(*args):
    return subprocess.Popen([*EXE, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=ENV)
