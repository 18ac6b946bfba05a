"""A throwaway PostgreSQL cluster for the tests (and the store benchmark): `initdb` and
`pg_ctl` from Debian's `postgresql` package, in a temporary folder, as a user that is not
root (initdb refuses root), listening on a free port of 127.0.0.1 with password logins."""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

from cli_helpers import free_port

USER = "newsweave"


class MissingPostgres(RuntimeError):
    """initdb and pg_ctl are not installed."""


def bindir() -> Path:
    """Where initdb and pg_ctl are: Debian keeps them off PATH, in
    /usr/lib/postgresql/VERSION/bin (`pg_config --bindir` says which)."""
    candidates = []
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        candidates.append(out.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    if shutil.which("initdb"):
        candidates.append(str(Path(shutil.which("initdb")).resolve().parent))
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    raise MissingPostgres("PostgreSQL's initdb and pg_ctl were not found (install Debian's "
                          "`postgresql` package: .ci/run does)")


class Cluster:
    """A running cluster; `new_database()` gives the URL of a fresh empty database."""

    def __init__(self, durable: bool = False) -> None:
        """`durable` keeps PostgreSQL's default fsync settings (benchmarks); the tests turn
        them off for speed."""
        self.bin = bindir()
        self.root = Path(tempfile.mkdtemp(prefix="newsweave-pg-"))
        self.password = secrets.token_hex(8)
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # initdb refuses root: run the server as postgres (or nobody)
            name = "postgres" if _user_exists("postgres") else "nobody"
            self.as_user = ["runuser", "-u", name, "--"]
            shutil.chown(self.root, user=name)
        self.data = self.root / "data"
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if self.as_user:
            shutil.chown(pwfile, user=self.as_user[2])
        self._run("initdb", "-D", str(self.data), "-U", USER, "-E", "UTF8", "--locale=C.UTF-8",
                  "--auth-local=trust", "--auth-host=scram-sha-256", f"--pwfile={pwfile}")
        self.count = 0
        self.durable = durable
        for _ in range(5):
            self.port = free_port()
            if self._pg_ctl("start").returncode == 0:
                return
        raise RuntimeError(f"pg_ctl could not start a server: "
                           f"{(self.root / 'log').read_text(errors='replace')[-2000:]}")

    def _pg_ctl(self, action: str) -> subprocess.CompletedProcess:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        return subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data),
                               "-l", str(self.root / "log"), "-w", "-t", "60", "-m", "fast",
                               "-o", options, action], capture_output=True, text=True)

    def halt(self) -> None:
        """Shut the server down (`pg_ctl stop -m fast`: every session ended), data kept."""
        self._check(self._pg_ctl("stop"))

    def resume(self) -> None:
        """Start the halted server again, on the same port."""
        self._check(self._pg_ctl("start"))

    def restart(self) -> None:
        """`pg_ctl restart -m fast`: every session ended, the server back on the same port."""
        self._check(self._pg_ctl("restart"))

    def _check(self, done: subprocess.CompletedProcess) -> None:
        if done.returncode != 0:
            raise RuntimeError(f"pg_ctl failed: {done.stderr}"
                               f"{(self.root / 'log').read_text(errors='replace')[-2000:]}")

    def _run(self, program: str, *args: str) -> None:
        done = subprocess.run([*self.as_user, str(self.bin / program), *args],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed: {done.stderr}")

    def url(self, database: str = "postgres", password: str | None = None) -> str:
        return (f"postgresql://{USER}:{self.password if password is None else password}"
                f"@127.0.0.1:{self.port}/{database}")

    def new_database(self) -> str:
        """A fresh empty database's URL."""
        import psycopg

        self.count += 1
        name = f"nw{self.count}_{secrets.token_hex(3)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        subprocess.run([*self.as_user, str(self.bin / "pg_ctl"), "-D", str(self.data), "-m",
                        "immediate", "-w", "stop"], capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True
