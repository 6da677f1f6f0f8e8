"""Starts and stops the real StemSafe processes (action server, Rasa server) for tests.

Each test session gets its own ports, tracker database and records database under a temporary
directory, so tests never touch a developer's running assistant.

The local token profile: tests, `bench/` and the driver talk REST with a bearer token. `rest_token()` is
``STEMSAFE_REST_TOKEN`` when set (a running `make run` started with it), else a random token made once
per process and put in the environment, so the stacks started from here (children) use the same one.
Servers listen on 127.0.0.1 only. Conversations of REST sender ``alice`` are stored as ``rest:alice``
(`rest_id`), socket.io sessions as ``socketio:<id>`` (channels/identity.py).
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from channels.config import write

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "stemsafe.tar.gz"


def rest_token() -> str:
    """The REST bearer token of the local token profile (see the module docstring)."""
    return os.environ.setdefault("STEMSAFE_REST_TOKEN", secrets.token_urlsafe(24))


def rest_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {rest_token()}"}


def rest_id(sender: str) -> str:
    """The id a REST sender's conversation and records are stored under."""
    return f"rest:{sender}"


def socketio_id(token: str) -> str:
    """The id a widget session's conversation is stored under (its token is ``<id>.<mac>``)."""
    return f"socketio:{token.split('.')[0]}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, timeout: float = 180.0, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"process for {url} exited with {proc.returncode}")
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


@dataclass
class Process:
    name: str
    args: list[str]
    env: dict[str, str]
    log: Path
    health: str
    proc: subprocess.Popen | None = field(default=None, repr=False)

    def start(self, timeout: float = 180.0) -> Process:
        handle = self.log.open("ab")
        self.proc = subprocess.Popen(
            self.args, cwd=ROOT, env=self.env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            wait_http(self.health, timeout, self.proc)
        except Exception:
            self.stop()
            raise RuntimeError(f"{self.name} failed to start; log tail:\n{self.log_tail()}") from None
        return self

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


@dataclass
class Stack:
    """An action server and a Rasa server wired together, with their own databases."""

    workdir: Path
    extra_env: dict[str, str] = field(default_factory=dict)
    action_port: int = field(default_factory=free_port)
    rasa_port: int = field(default_factory=free_port)
    web_port: int = field(default_factory=free_port)
    actions: Process | None = None
    rasa: Process | None = None
    web: Process | None = None
    credentials: Path | None = None
    session_key: str = field(default_factory=lambda: secrets.token_hex(32))
    model: Path = MODEL  # bench/model_size.py compares candidate models

    @property
    def env(self) -> dict[str, str]:
        rest_token()
        env = dict(os.environ)
        env.update(
            STEMSAFE_SESSION_KEY=self.session_key,
            STEMSAFE_PAGE_ORIGINS=self.web_url,
            PYTHONPATH=str(ROOT),
            TF_CPP_MIN_LOG_LEVEL="2",
            RASA_TELEMETRY_ENABLED="false",
            SQLALCHEMY_SILENCE_UBER_WARNING="1",
            DATABASE_URL=f"sqlite:///{self.workdir / 'records.db'}",
            STEMSAFE_PUBLIC_URL=self.web_url,
            STEMSAFE_SOCKET_URL=self.url,
            SANIC_HOST="127.0.0.1",
            SANIC_REQUEST_MAX_SIZE="1000000",
            STEMSAFE_QUOTAS="off",  # tests drive conversations faster than people type; tests/security sets its own
        )
        env.update(self.extra_env)
        return env

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    @property
    def tracker_db(self) -> Path:
        """The SQLite tracker store's file (used unless TEST_TRACKER_STORE names another store)."""
        return self.workdir / "tracker.db"

    def stored_events(self, stored_id: str) -> list[dict]:
        """The tracker events stored for one conversation (`rest_id("alice")`, ...), oldest first."""
        with sqlite3.connect(self.tracker_db) as db:
            rows = db.execute("select data from events where sender_id = ? order by id", (stored_id,)).fetchall()
        return [json.loads(r[0]) for r in rows]

    def endpoints_file(self) -> Path:
        path = self.workdir / "endpoints.yml"
        tracker = self.extra_env.get("TEST_TRACKER_STORE") or (
            "tracker_store:\n  type: stores.tracker.PrivateSQLTrackerStore\n  dialect: sqlite\n"
            f'  db: "{self.tracker_db}"\n'
        )
        path.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{self.action_port}/webhook"\n{tracker}')
        return path

    def credentials_file(self) -> Path:
        """The channels `make run` would load with this stack's environment (REST on: the token is set)."""
        self.credentials = write(self.workdir / "credentials.yml", self.env)
        return self.credentials

    def use_fake_registry(self) -> None:
        """Point the action server at a local fake ClinicalTrials.gov unless a registry URL was given.

        The real registry is unreachable here and in CI; without this, every NCT number in a bench or test
        conversation would wait for the client's timeout and be flagged "could not be checked".
        """
        if "STEMSAFE_CTGOV_URL" in self.extra_env or "STEMSAFE_CTGOV_URL" in os.environ:
            return
        from tests.fake_registry import FakeRegistry  # imports this module: import here, not at the top

        self.extra_env["STEMSAFE_CTGOV_URL"] = FakeRegistry().start().url

    def start_actions(self) -> Process:
        self.use_fake_registry()
        self.actions = Process(
            "action server",
            [str(BIN / "rasa"), "run", "actions", "--port", str(self.action_port), "--actions", "actions"],
            self.env,
            self.workdir / "actions.log",
            f"http://127.0.0.1:{self.action_port}/health",
        ).start()
        return self.actions

    def rasa_process(self, port: int, log_name: str = "rasa.log") -> Process:
        """A Rasa server on `port` using this stack's endpoints (several make replicas)."""
        return Process(
            f"rasa server :{port}",
            [
                str(BIN / "python"),
                "-m",
                "runtime.serve",
                "run",
                "--model",
                str(self.model),
                "--port",
                str(port),
                "--interface",
                "127.0.0.1",
                "--endpoints",
                str(self.endpoints_file()),
                "--credentials",
                str(self.credentials or self.credentials_file()),
                "--cors",
                self.web_url,
            ],
            self.env,
            self.workdir / log_name,
            f"http://127.0.0.1:{port}/",
        )

    def start_rasa(self) -> Process:
        self.rasa = self.rasa_process(self.rasa_port).start(timeout=240)
        return self.rasa

    def start_web(self) -> Process:
        self.web = Process(
            "web server",
            [str(BIN / "python"), "-m", "bot.web", "--host", "127.0.0.1", "--port", str(self.web_port)],
            self.env,
            self.workdir / "web.log",
            f"{self.web_url}/health",
        ).start()
        return self.web

    def start(self) -> Stack:
        self.start_actions()
        self.start_rasa()
        return self

    def stop(self) -> None:
        for proc in (self.rasa, self.actions, self.web):
            if proc:
                proc.stop()

    def say(self, sender: str, text: str, url: str | None = None, metadata: dict | None = None) -> list[dict]:
        """Send one message over the REST channel (of `url`, default this stack's server); returns the replies.
        `metadata` goes with it as a client sends it (e.g. {"language": "es"})."""
        body: dict = {"sender": sender, "message": text}
        if metadata is not None:
            body["metadata"] = metadata
        response = requests.post(
            f"{url or self.url}/webhooks/rest/webhook",
            json=body,
            headers=rest_headers(),
            timeout=60,
        )
        response.raise_for_status()
        return response.json()
