"""Faults a real deployment meets: the records database goes away and comes back, the action server
dies and is restarted. The user is told plainly, nothing recorded is lost, nothing is recorded twice."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from bot import flags
from bot.store import Store
from tests.databases import POSTGRES_URL, database_url_for, temporary_database
from tests.servers import Stack, rest_id


@pytest.fixture(scope="module")
def records_db() -> Iterator[str]:
    with temporary_database("stemsafe_faults") as name:
        yield name


def set_database_available(name: str, available: bool) -> None:
    admin = create_engine(POSTGRES_URL, future=True, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {"true" if available else "false"}'))
        if not available:
            conn.execute(text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"))
    admin.dispose()


@pytest.fixture(scope="module")
def fault_stack(tmp_path_factory: pytest.TempPathFactory, records_db: str) -> Iterator[Stack]:
    stack = Stack(tmp_path_factory.mktemp("faults"), extra_env={"DATABASE_URL": database_url_for(records_db)})
    stack.start()
    yield stack
    stack.stop()


def say(stack: Stack, user: str, message: str) -> str:
    return "\n".join(r.get("text", "") for r in stack.say(user, message))


def test_database_outage_and_action_server_crash_during_a_clinic_check(fault_stack: Stack, records_db: str) -> None:
    stack, user = fault_stack, f"fault-{uuid.uuid4().hex}"
    records = Store.from_url(stack.env["DATABASE_URL"], flag_rules=flags.evaluate)
    assert "name of the clinic" in say(stack, user, "help me check a clinic in Tijuana")
    assert "What condition" in say(stack, user, "Clinica Alfa")
    assert "cédula profesional" in say(stack, user, "knee arthritis")

    set_database_available(records_db, False)
    try:
        reply = say(stack, user, "Dr. Ruiz, cédula 12345678")
        assert "trouble saving" in reply and "earlier answers are safe" in reply
        assert "cédula profesional" in reply  # the same question again
    finally:
        set_database_available(records_db, True)
    reply = say(stack, user, "Dr. Ruiz, cédula 12345678")
    assert "licencia sanitaria" in reply.lower()
    saved = records.current(rest_id(user))
    assert saved.answers["clinic_name"][0] == "Clinica Alfa"
    assert saved.answers["physician"][1] == "number"

    stack.actions.stop()
    reply = say(stack, user, "only an aviso de funcionamiento")
    assert "having trouble" in reply and "saved" in reply
    stack.start_actions()
    reply = say(stack, user, "only an aviso de funcionamiento")
    assert "authorise this treatment protocol" in reply

    final = records.current(rest_id(user))
    assert set(final.answers) == {"location", "clinic_name", "condition", "physician", "facility_licence"}
    with records.engine.connect() as conn:
        count = conn.execute(
            text("select count(*) from answers a join assessments s on s.id = a.assessment_id where s.sender_id = :u"),
            {"u": rest_id(user)},
        ).scalar()
    assert count == 5  # nothing recorded twice
    records.engine.dispose()
