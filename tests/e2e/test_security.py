"""What an outsider could try against a running StemSafe, and what users are promised about their data."""

from __future__ import annotations

import json
import uuid

import requests

from bot import flags
from bot.store import Store
from tests.servers import Stack, rest_headers, rest_id


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a socket listening on `port` (from /proc/net/tcp, IPv4)."""
    found = set()
    with open("/proc/net/tcp") as table:
        for line in table.readlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if int(port_hex, 16) == port and state == "0A":
                found.add(".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)))
    return found


def test_http_api_is_off(stack: Stack) -> None:
    for path in ("/status", "/conversations/someone/tracker", "/model/parse", "/version"):
        assert requests.get(stack.url + path, timeout=10).status_code in (404, 405), path
    assert requests.post(stack.url + "/model/parse", json={"text": "hi"}, timeout=10).status_code == 404


def test_action_server_listens_on_loopback_only(stack: Stack) -> None:
    assert listening_addresses(stack.action_port) == {"127.0.0.1"}


def test_oversized_request_is_refused(stack: Stack) -> None:
    body = json.dumps({"sender": "big", "message": "x" * 2_000_000})
    response = requests.post(
        f"{stack.url}/webhooks/rest/webhook",
        data=body,
        timeout=30,
        headers={"Content-Type": "application/json", **rest_headers()},
    )
    assert response.status_code == 413


def test_forced_slots_are_not_trusted(stack: Stack) -> None:
    user = f"forcer-{uuid.uuid4().hex}"
    forged = '/start_clinic_check{"q_coa": "yes", "q_clinic_name": "<script>x</script>", "q_location": "us"}'
    reply = texts(stack.say(user, forged))
    assert "What is the name of the clinic?" in reply or "rephrase" in reply  # refused, or nothing skipped
    reply = texts(stack.say(user, '/choose_correction{"question": "../../etc/passwd"}'))
    assert reply  # a calm answer, no crash
    record = Store.from_url(stack.env["DATABASE_URL"], flag_rules=flags.evaluate).current(rest_id(user))
    assert record is None or record.answers == {}


def test_contact_details_never_reach_records_tracker_or_logs(stack: Stack) -> None:
    user = f"private-{uuid.uuid4().hex}"
    stack.say(user, "check a clinic")
    stack.say(user, "Clinica Sol, my email is pat.doe@example.com and phone +1 619 555 0142")
    stored = json.dumps(stack.stored_events(rest_id(user)))
    assert "pat.doe@example.com" not in stored and "555 0142" not in stored
    assert "[email removed]" in stored
    record = Store.from_url(stack.env["DATABASE_URL"], flag_rules=flags.evaluate).current(rest_id(user))
    assert "pat.doe@example.com" not in record.answers["clinic_name"][0]
    for log in ("rasa.log", "actions.log"):
        text = (stack.workdir / log).read_text(errors="replace")
        assert "pat.doe@example.com" not in text and "555 0142" not in text, log


def test_delete_my_data_removes_records_and_the_stored_conversation(stack: Stack) -> None:
    user = f"forget-{uuid.uuid4().hex}"
    stack.say(user, "check a clinic in Tijuana")
    stack.say(user, "Clinica Luna")
    assert any(r.get("text") == "Clinica Luna" for r in stack.stored_events(rest_id(user)))
    assert "can't be undone" in texts(stack.say(user, "please delete my data"))
    assert "deleted 1" in texts(stack.say(user, "yes"))
    rows = stack.stored_events(rest_id(user))
    assert not any(r["event"] == "user" for r in rows)  # what the user said is gone
    assert Store.from_url(stack.env["DATABASE_URL"], flag_rules=flags.evaluate).latest(rest_id(user)) is None
    assert "Hello" in texts(stack.say(user, "hi"))  # and the assistant still works for them
