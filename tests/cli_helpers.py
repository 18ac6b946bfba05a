"""Running newsweave as a user does, in another process, on JSONL files the tests write
(shared by the store tests on SQLite and PostgreSQL)."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

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


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str) -> tuple[subprocess.Popen, str]:
    """`newsweave serve --db DB` on a free port, once it answers /healthz: the process and
    its base URL."""
    port = free_port()
    server = _start("serve", "--db", db, "--port", str(port))
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    return server, base
