"""`make run`'s start script, as a person uses it: it starts everything, prints the chat page's address,
and that page and the REST channel answer; the health URLs the Kubernetes probes use (deploy/) answer;
and when the Rasa server is killed (kill -9, as the out-of-memory killer does) the script starts it
again, says so, and the conversation goes on where it was. Ports are moved so it never clashes with a
running copy."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import yaml

from tests.servers import ROOT, free_port, rest_headers, rest_token

PROBE_PORTS = {"rasa": "RASA_PORT", "actions": "ACTION_PORT", "web": "WEB_PORT"}


@dataclass
class Run:
    proc: subprocess.Popen
    log: Path
    ports: dict[str, int]

    def printed(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_printed(self, text: str, timeout: float, after: int = 0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.printed()[after:]:
            assert self.proc.poll() is None, self.printed()[-3000:]
            assert time.monotonic() < deadline, f"run.sh never printed {text!r}:\n{self.printed()[-3000:]}"
            time.sleep(1)

    def say(self, sender: str, text: str) -> str:
        replies = requests.post(
            f"http://127.0.0.1:{self.ports['RASA_PORT']}/webhooks/rest/webhook",
            json={"sender": sender, "message": text},
            headers=rest_headers(),
            timeout=60,
        ).json()
        return "\n".join(r.get("text", "") for r in replies)

    def pid_of(self, marker: str) -> int:
        """The pid of the process started by run.sh whose command line contains `marker`."""
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                session = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[3])  # state ppid pgrp session
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except (OSError, IndexError, ValueError):
                continue
            if session == self.proc.pid and marker in command and "python" in command:
                return int(entry.name)
        raise AssertionError(f"no process {marker!r} under run.sh")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    tmp = tmp_path_factory.mktemp("make-run")
    ports = {"ACTION_PORT": free_port(), "RASA_PORT": free_port(), "WEB_PORT": free_port()}
    env = {**os.environ, **{k: str(v) for k, v in ports.items()}, "DATABASE_URL": f"sqlite:///{tmp / 'r.db'}"}
    env["STEMSAFE_REST_TOKEN"] = rest_token()  # the local token profile turns REST on
    log = tmp / "run.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            ["scripts/run.sh"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    running = Run(proc, log, ports)
    try:
        running.wait_printed("StemSafe is running", 600)
        yield running
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=60)


def test_run_script_starts_everything_and_prints_where_to_chat(run: Run) -> None:
    page_url = re.search(r"Chat page: (\S+)", run.printed()).group(1)
    assert page_url == f"http://127.0.0.1:{run.ports['WEB_PORT']}/"
    page = requests.get(page_url, timeout=10)
    assert page.status_code == 200 and "not medical advice" in page.text
    assert f"http://127.0.0.1:{run.ports['RASA_PORT']}" in page.text  # the widget is pointed at this Rasa
    assert requests.get(page_url + "static/webchat.js", timeout=10).status_code == 200
    assert "Sources:" in run.say("make-run", "what is an IRB?")
    assert "Authorization: Bearer" in run.printed()  # how to use REST, with the token
    rest = f"http://127.0.0.1:{run.ports['RASA_PORT']}/webhooks/rest/webhook"
    assert requests.post(rest, json={"sender": "make-run", "message": "hi"}, timeout=10).status_code == 401


def probes() -> list[tuple[str, str, dict]]:
    """(container, probe kind, probe) for every probe in the Kubernetes manifests."""
    found = []
    for document in yaml.safe_load_all((ROOT / "deploy" / "kubernetes.yaml").read_text()):
        if document and document.get("kind") == "Deployment":
            for container in document["spec"]["template"]["spec"]["containers"]:
                for kind in ("startupProbe", "readinessProbe", "livenessProbe"):
                    if kind in container:
                        found.append((container["name"], kind, container[kind]))
    return found


def test_the_kubernetes_probes_answer_on_the_running_processes(run: Run) -> None:
    checked = set()
    for container, kind, probe in probes():
        port = run.ports[PROBE_PORTS[container]]
        response = requests.get(f"http://127.0.0.1:{port}{probe['httpGet']['path']}", timeout=10)
        assert response.status_code == 200, (container, kind, probe)
        checked.add((container, kind))
    assert {(c, k) for c in PROBE_PORTS for k in ("readinessProbe", "livenessProbe")} <= checked


def test_a_killed_rasa_server_is_restarted_and_the_conversation_goes_on(run: Run) -> None:
    user = f"make-run-restart-{uuid.uuid4().hex[:8]}"  # `make run` keeps var/ between runs: a new conversation
    assert "What is the name of the clinic?" in run.say(user, "check a clinic")
    after_name = run.say(user, "Clinica Sol Naciente")
    actions_pid = run.pid_of("rasa run actions")
    rasa_pid = run.pid_of("runtime.serve")

    mark = len(run.printed())
    os.kill(rasa_pid, signal.SIGKILL)
    run.wait_printed("rasa stopped (exit status 137); restarting it in 1 s", 30, after=mark)
    deadline = time.monotonic() + 240
    while True:
        try:
            if requests.get(f"http://127.0.0.1:{run.ports['RASA_PORT']}/", timeout=5).status_code == 200:
                break
        except requests.RequestException:
            pass
        assert time.monotonic() < deadline, run.printed()[-3000:]
        time.sleep(1)
    assert run.pid_of("runtime.serve") != rasa_pid
    assert run.pid_of("rasa run actions") == actions_pid  # the others kept running
    assert requests.get(f"http://127.0.0.1:{run.ports['WEB_PORT']}/health", timeout=10).status_code == 200

    # the next answer is taken as the answer to the question asked before the crash
    reply = run.say(user, "Tijuana, Mexico")
    assert "Noted: Mexico" in reply, (after_name, reply)
