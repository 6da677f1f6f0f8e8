"""`make run`'s start script, as a person uses it: it starts everything, prints the chat page's address,
and that page and the REST channel answer. Ports are moved so it never clashes with a running copy."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time

import requests

from tests.servers import ROOT, free_port


def test_run_script_starts_everything_and_prints_where_to_chat(tmp_path) -> None:
    ports = {"ACTION_PORT": free_port(), "RASA_PORT": free_port(), "WEB_PORT": free_port()}
    env = {**os.environ, **{k: str(v) for k, v in ports.items()}, "DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}"}
    log = tmp_path / "run.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            ["scripts/run.sh"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + 300
        while "StemSafe is running" not in log.read_text(errors="replace"):
            assert proc.poll() is None, log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "run.sh did not finish starting"
            time.sleep(1)
        printed = log.read_text(errors="replace")
        page_url = re.search(r"Chat page: (\S+)", printed).group(1)
        assert page_url == f"http://127.0.0.1:{ports['WEB_PORT']}/"
        page = requests.get(page_url, timeout=10)
        assert page.status_code == 200 and "not medical advice" in page.text
        assert f"http://127.0.0.1:{ports['RASA_PORT']}" in page.text  # the widget is pointed at this Rasa
        assert requests.get(page_url + "static/webchat.js", timeout=10).status_code == 200
        replies = requests.post(
            f"http://127.0.0.1:{ports['RASA_PORT']}/webhooks/rest/webhook",
            json={"sender": "make-run", "message": "what is an IRB?"},
            timeout=60,
        ).json()
        assert "Sources:" in "\n".join(r.get("text", "") for r in replies)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=60)
