"""The records store, against SQLite and against the PostgreSQL running on this machine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from bot import flags
from bot.store import COMPLETE, PAUSED, Store
from tests.databases import database_url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with database_url(request.param, tmp_path) as url:
        made = Store.from_url(url, flag_rules=flags.evaluate)
        yield made
        made.engine.dispose()


def test_alembic_creates_the_schema(store: Store) -> None:
    tables = set(inspect(store.engine).get_table_names())
    assert {"clinics", "assessments", "answers", "flags", "alembic_version"} <= tables
    with store.engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar() == "0004"


def test_flags_written_before_codes_had_parameters_survive_the_migration(tmp_path: Path) -> None:
    from bot.migrations import upgrade
    from bot.store import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "insert into assessments (id, sender_id, status, report_token, started_at, updated_at) "
                "values (1, 'old', 'paused', 'tok', '2026-11-01 00:00:00.000000', '2026-11-01 00:00:00.000000')"
            )
        )
        conn.execute(
            text(
                "insert into flags (assessment_id, code, severity, message, how_to_verify, created_at) "
                "values (1, 'only_aviso', 'high', 'Only a notice.', 'COFEPRIS', '2026-11-01 00:00:00.000000')"
            )
        )
    upgrade(engine)
    record = Store(engine, flags.evaluate).by_token("tok")
    assert [(f.code, f.severity, dict(f.params)) for f in record.flags] == [("only_aviso", "high", {})]
    assert "notice of operation" in flags.describe(record.flags[0])[0]
    engine.dispose()


def test_one_active_check_per_user(store: Store) -> None:
    first = store.start("dora")
    second = store.start("dora")
    assert store.current("dora").id == second.id
    with store.engine.connect() as conn:
        rows = dict(conn.execute(text("select id, status from assessments where sender_id = 'dora'")).all())
    assert rows == {first.id: "paused", second.id: "active"}


def test_each_answer_is_written_when_given_and_flags_follow(store: Store) -> None:
    store.start("alice")
    store.record_answer(
        "alice", "clinic_name", "Clinica Nueva Vida", "Clinica Nueva Vida", {"name": "Clinica Nueva Vida"}
    )
    record = store.record_answer("alice", "location", "Tijuana", "mexico", {"location": "Tijuana", "country": "mexico"})
    assert record.clinic_name == "Clinica Nueva Vida" and record.country == "mexico"
    record = store.record_answer("alice", "coa", "no, they won't", "no")
    assert "no_certificate_of_analysis" in {f.code for f in record.flags}
    # A second store on the same database (another process) sees everything already written.
    other = Store(store.engine, flags.evaluate)
    seen = other.current("alice")
    assert seen is not None
    assert seen.answers["coa"] == ("no, they won't", "no")
    assert [f.code for f in seen.flags] == [f.code for f in record.flags]


def test_correcting_an_answer_updates_it_and_its_flags_without_duplicates(store: Store) -> None:
    store.start("bob")
    store.record_answer("bob", "coa", "no", "no")
    record = store.record_answer("bob", "coa", "yes, they showed it", "yes")
    assert record.answers["coa"] == ("yes, they showed it", "yes")
    assert "no_certificate_of_analysis" not in {f.code for f in record.flags}
    with store.engine.connect() as conn:
        assert conn.execute(text("select count(*) from answers")).scalar() == 1
    store.record_answer("bob", "coa", "yes", "yes")
    with store.engine.connect() as conn:
        assert conn.execute(text("select count(*) from flags where code = 'no_certificate_of_analysis'")).scalar() == 0


def test_pause_resume_complete_and_report_token(store: Store) -> None:
    first = store.start("carol")
    store.record_answer("carol", "clinic_name", "A", "A")
    assert store.set_status("carol", PAUSED).status == PAUSED
    assert store.current("carol").id == first.id
    done = store.set_status("carol", COMPLETE)
    assert done.completed_at is not None
    assert store.current("carol") is None
    assert store.latest("carol").id == first.id
    assert store.by_token(first.report_token).answers["clinic_name"] == ("A", "A")
    assert store.by_token("not-a-token") is None
    assert store.reopen("carol").status == "active"


def test_users_are_kept_apart_and_delete_removes_only_one_user(store: Store) -> None:
    for user in ("dana", "erin"):
        store.start(user)
        store.record_answer(user, "coa", "no", "no", {"name": f"clinic of {user}"})
    assert store.delete_user("dana") == 1
    assert store.latest("dana") is None
    assert store.latest("erin").answers["coa"] == ("no", "no")
    with store.engine.connect() as conn:
        assert conn.execute(text("select count(*) from answers")).scalar() == 1
        assert conn.execute(text("select count(*) from clinics")).scalar() == 1


def test_retention_deletes_only_old_checks(store: Store) -> None:
    store.start("old")
    store.start("new")
    with store.engine.begin() as conn:
        conn.execute(text("update assessments set updated_at = '2020-01-01' where sender_id = 'old'"))
    assert store.delete_older_than(days=30) == 1
    assert store.latest("old") is None and store.latest("new") is not None


def test_hostile_text_is_stored_as_plain_data(store: Store) -> None:
    store.start("mallory")
    nasty = "Robert'); DROP TABLE answers; -- {{7*7}} <script>alert(1)</script>"
    store.record_answer("mallory", "lab", nasty, nasty)
    assert store.current("mallory").answers["lab"][0] == nasty
    assert "answers" in inspect(store.engine).get_table_names()


def test_flags_that_still_apply_keep_their_row_and_forgetting_an_answer_drops_its_flags(store: Store) -> None:
    store.start("erin")
    store.record_answer("erin", "coa", "no", "no")

    def flag_rows() -> dict[str, int]:
        with store.engine.connect() as conn:
            return dict(conn.execute(text("select code, id from flags")).all())

    first = flag_rows()
    assert "no_certificate_of_analysis" in first
    store.record_answer("erin", "follow_up", "no", "no")  # raises another flag, keeps the first one's row
    second = flag_rows()
    assert second["no_certificate_of_analysis"] == first["no_certificate_of_analysis"]
    assert len(second) > len(first)
    store.forget_answer("erin", "coa")
    record = store.current("erin")
    assert record is not None and "coa" not in record.answers and "follow_up" in record.answers
    assert "no_certificate_of_analysis" not in flag_rows()
    assert list(record.answers) == ["follow_up"]
