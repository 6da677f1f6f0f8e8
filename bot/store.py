"""Clinic-check records in a SQL database (SQLAlchemy 1.4 in 2.0 style, schema managed by Alembic).

Tables: clinics, assessments (one clinic check by one user; at most one active per user), answers (one
row per question, written the moment it is answered, updated when corrected) and flags (recomputed from
the answers on every write, in the same transaction, so they are never stale and never duplicated).
A flag is stored as its code, severity and parameters (JSON); bot/flags.py renders it into words when it
is shown, so another language needs no data migration.

SQLite by default (``var/records.db``); ``DATABASE_URL`` selects another database, e.g.
``postgresql://127.0.0.1/test``. Every public method opens and closes its own session: callers in
async code run them in a worker thread (see actions/).
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import (
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    case,
    create_engine,
    delete,
    event,
    func,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.engine.url import URL
from sqlalchemy.orm import Session, declarative_base, joinedload, relationship, selectinload, sessionmaker
from sqlalchemy.pool import QueuePool
from sqlalchemy.sql import Select

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{ROOT / 'var' / 'records.db'}"

Base = declarative_base()

ACTIVE, PAUSED, COMPLETE = "active", "paused", "complete"
LINK_DAYS = 30  # a report link works for 30 days after the check was completed or the link renewed
NEW_CHECKS_PER_DAY = int(os.environ.get("STEMSAFE_NEW_CHECKS_PER_DAY", "10"))  # per sender, last 24 hours


class CheckLimit(Exception):
    """The sender has started `NEW_CHECKS_PER_DAY` clinic checks in the last 24 hours (security review M5)."""


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Clinic(Base):
    __tablename__ = "clinics"
    id = Column(Integer, primary_key=True)
    name = Column(String(200))
    location = Column(String(200))
    country = Column(String(20))
    created_at = Column(DateTime, nullable=False, default=utcnow)


class Assessment(Base):
    __tablename__ = "assessments"
    id = Column(Integer, primary_key=True)
    sender_id = Column(String(255), nullable=False, index=True)
    clinic_id = Column(Integer, ForeignKey("clinics.id", ondelete="SET NULL"))
    status = Column(String(20), nullable=False, default=ACTIVE)
    report_token = Column(String(64), nullable=False, unique=True)
    started_at = Column(DateTime, nullable=False, default=utcnow)
    updated_at = Column(DateTime, nullable=False, default=utcnow)
    completed_at = Column(DateTime)
    link_issued_at = Column(DateTime)  # when report_token was last renewed (None: never)
    clinic = relationship(Clinic)
    answers = relationship("Answer", cascade="all, delete-orphan", passive_deletes=True, order_by="Answer.id")
    flags = relationship("Flag", cascade="all, delete-orphan", passive_deletes=True, order_by="Flag.id")


class Answer(Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("assessment_id", "question_id", name="uq_answer_question"),)
    id = Column(Integer, primary_key=True)
    assessment_id = Column(Integer, ForeignKey("assessments.id", ondelete="CASCADE"), nullable=False, index=True)
    question_id = Column(String(64), nullable=False)
    raw_text = Column(Text, nullable=False)
    value = Column(Text, nullable=False)
    answered_at = Column(DateTime, nullable=False, default=utcnow)


class Flag(Base):
    __tablename__ = "flags"
    __table_args__ = (UniqueConstraint("assessment_id", "code", name="uq_flag_code"),)
    id = Column(Integer, primary_key=True)
    assessment_id = Column(Integer, ForeignKey("assessments.id", ondelete="CASCADE"), nullable=False, index=True)
    code = Column(String(64), nullable=False)
    severity = Column(String(10), nullable=False)
    params = Column(Text, nullable=False, default="{}")  # JSON object: the values the flag's words need
    created_at = Column(DateTime, nullable=False, default=utcnow)


@dataclass(frozen=True)
class FlagRecord:
    """One flag as stored: a code, a severity and the parameters its words need (see bot.flags.describe)."""

    code: str
    severity: str
    params: Mapping[str, str] = field(default_factory=dict)

    def params_json(self) -> str:
        return json.dumps(dict(self.params), sort_keys=True, ensure_ascii=False)


@dataclass
class AssessmentRecord:
    """A plain snapshot of one clinic check, safe to use after the session has closed."""

    id: int
    sender_id: str
    status: str
    report_token: str
    started_at: datetime
    completed_at: datetime | None
    clinic_name: str | None
    clinic_location: str | None
    country: str | None
    answers: dict[str, tuple[str, str]] = field(default_factory=dict)  # question -> (raw, value)
    flags: list[FlagRecord] = field(default_factory=list)
    updated_at: datetime | None = None
    link_issued_at: datetime | None = None

    @property
    def values(self) -> dict[str, str]:
        return {q: value for q, (_, value) in self.answers.items()}

    @property
    def link_expires_at(self) -> datetime:
        """The report link works until `LINK_DAYS` days after the check was completed (for an unfinished
        check: last changed), or after the link was renewed, whichever is later."""
        since = self.completed_at or self.updated_at or self.started_at
        if self.link_issued_at and self.link_issued_at > since:
            since = self.link_issued_at
        return since + timedelta(days=LINK_DAYS)

    def link_expired(self, now: datetime | None = None) -> bool:
        return (now or utcnow()) >= self.link_expires_at


FlagRule = Callable[[dict[str, str]], Iterable[FlagRecord]]


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


def _sqlite_pragmas(connection: object, _record: object) -> None:
    cursor = connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not left in free pages
    cursor.close()


def checkpoint(engine: Engine) -> None:
    """After a deletion: copy the write-ahead log into the SQLite file and empty it, so no deleted row stays
    readable in the log (with ``secure_delete`` the file's freed pages are already zeroed). Other databases:
    nothing to do."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def sqlite_engine(url: str | URL, future: bool = True) -> Engine:
    """An engine for a SQLite file used by several threads: pooled connections, write-ahead log.

    SQLAlchemy 1.4 opens a new SQLite connection per session, and SQLite's default journal waits for
    the disk (fsync) at every commit: under load both blocked the Rasa server's event loop (a tenth
    of its time). With a write-ahead log and ``synchronous=NORMAL`` a commit is written but synced at
    checkpoints: a process that crashes or is killed loses nothing; a power cut can lose the last
    commits, never corrupt the file. Deployments that need more use PostgreSQL (the scaled profile).
    Deleted rows are overwritten (``secure_delete``) and `checkpoint` empties the log after a deletion.
    ``hide_parameters``: an error message never carries the values of a statement (users' answers,
    phone numbers in sender ids), so a logged database error leaks none of them.
    """
    engine = create_engine(
        url,
        future=future,
        hide_parameters=True,
        poolclass=QueuePool,
        connect_args={"check_same_thread": False, "timeout": 30},
    )
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def make_engine(url: str | None = None) -> Engine:
    url = url or database_url()
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("sqlite:///"):
        Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
        return sqlite_engine(url)
    return create_engine(
        url,
        future=True,
        hide_parameters=True,  # a logged database error never carries users' answers or ids
        pool_pre_ping=True,
        pool_size=int(os.environ.get("RECORDS_POOL_SIZE", "5")),
        max_overflow=int(os.environ.get("RECORDS_MAX_OVERFLOW", "10")),
    )


# How an assessment is read with everything a record needs, and the order that puts the check being worked on first.
_LOADED = (joinedload(Assessment.clinic), selectinload(Assessment.answers), selectinload(Assessment.flags))
_WORKED_ON_FIRST = case((Assessment.status == ACTIVE, 0), else_=1)


class Store:
    """All reads and writes of clinic-check records."""

    def __init__(self, engine: Engine, flag_rules: FlagRule | None = None) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, future=True, expire_on_commit=False)
        self._flag_rules = flag_rules

    @classmethod
    def from_url(cls, url: str | None = None, flag_rules: FlagRule | None = None, migrate: bool = True) -> Store:
        engine = make_engine(url)
        if migrate:
            from bot.migrations import upgrade

            upgrade(engine)
        return cls(engine, flag_rules)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    # --- assessments ----------------------------------------------------------------------------
    def start(self, sender_id: str) -> AssessmentRecord:
        """Start a new clinic check; the user's active one, if any, is paused (one active check per user).
        Raises `CheckLimit` when the user already started `NEW_CHECKS_PER_DAY` checks in the last 24 hours."""
        with self._session() as s:
            self._within_limit(s, sender_id)
            for older in s.execute(
                select(Assessment).where(Assessment.sender_id == sender_id, Assessment.status == ACTIVE)
            ).scalars():
                older.status, older.updated_at = PAUSED, utcnow()
            assessment = self._new(s, sender_id)
            s.flush()
            return self._record(assessment)

    def current(self, sender_id: str) -> AssessmentRecord | None:
        """The user's latest unfinished (active or paused) clinic check."""
        with self._session() as s:
            found = self._latest(s, sender_id, (ACTIVE, PAUSED))
            return self._record(found) if found else None

    def unfinished(self, sender_id: str) -> list[AssessmentRecord]:
        """The user's unfinished (active or paused) clinic checks, the one being worked on first, then the newest."""
        with self._session() as s:
            query = self._checks(sender_id, (ACTIVE, PAUSED))
            return [self._record(found) for found in s.execute(query).unique().scalars()]

    def activate(self, sender_id: str, assessment_id: int) -> AssessmentRecord | None:
        """Go back to one of the user's unfinished checks: it becomes the active one, any other active one is paused."""
        with self._session() as s:
            chosen = s.execute(
                select(Assessment).where(
                    Assessment.id == assessment_id,
                    Assessment.sender_id == sender_id,
                    Assessment.status.in_((ACTIVE, PAUSED)),
                )
            ).scalar_one_or_none()
            if chosen is None:
                return None
            for other in s.execute(
                select(Assessment).where(Assessment.sender_id == sender_id, Assessment.status == ACTIVE)
            ).scalars():
                other.status, other.updated_at = PAUSED, utcnow()
            chosen.status, chosen.updated_at = ACTIVE, utcnow()
        return self.current(sender_id)

    def latest(self, sender_id: str) -> AssessmentRecord | None:
        """The user's latest clinic check, finished or not."""
        with self._session() as s:
            found = self._latest(s, sender_id, (ACTIVE, PAUSED, COMPLETE))
            return self._record(found) if found else None

    def by_token(self, token: str) -> AssessmentRecord | None:
        """The check this report token belongs to, expired or not (the caller tells an expired link apart)."""
        with self._session() as s:
            found = s.execute(select(Assessment).where(Assessment.report_token == token)).scalar_one_or_none()
            return self._record(found) if found else None

    def renew_link(self, sender_id: str) -> AssessmentRecord | None:
        """A new report token for the user's latest check, valid for `LINK_DAYS` days; the old link stops working."""
        with self._session() as s:
            found = self._latest(s, sender_id, (ACTIVE, PAUSED, COMPLETE))
            if found is None:
                return None
            found.report_token, found.link_issued_at = secrets.token_urlsafe(24), utcnow()
            return self._record(found)

    def set_status(self, sender_id: str, status: str) -> AssessmentRecord | None:
        with self._session() as s:
            found = self._latest(s, sender_id, (ACTIVE, PAUSED))
            if found is None:
                return None
            found.status = status
            found.updated_at = utcnow()
            if status == COMPLETE:
                found.completed_at = found.updated_at
            return self._record(found)

    def reopen(self, sender_id: str) -> AssessmentRecord | None:
        """Make the user's latest check (even a finished one) active again, e.g. to correct an answer."""
        with self._session() as s:
            found = self._latest(s, sender_id, (ACTIVE, PAUSED, COMPLETE))
            if found is None:
                return None
            found.status, found.completed_at, found.updated_at = ACTIVE, None, utcnow()
            return self._record(found)

    # --- answers --------------------------------------------------------------------------------
    def record_answer(
        self, sender_id: str, question_id: str, raw_text: str, value: str, clinic_fields: dict[str, str] | None = None
    ) -> AssessmentRecord:
        """Write one answer now (insert, or update on correction) and recompute the flags."""
        with self._session() as s:
            assessment = self._latest(s, sender_id, (ACTIVE, PAUSED))
            if assessment is None:
                self._within_limit(s, sender_id)
                assessment = self._new(s, sender_id)
            assessment.status = ACTIVE
            answer = next((a for a in assessment.answers if a.question_id == question_id), None)
            if answer is None:
                assessment.answers.append(Answer(question_id=question_id, raw_text=raw_text, value=value))
            else:
                answer.raw_text, answer.value, answer.answered_at = raw_text, value, utcnow()
            if clinic_fields:
                self._update_clinic(s, assessment, clinic_fields)
            assessment.updated_at = utcnow()
            self._refresh_flags(assessment)
            s.flush()
            return self._record(assessment)

    def forget_answer(self, sender_id: str, question_id: str) -> None:
        """Remove one answer (the user is about to correct it)."""
        with self._session() as s:
            assessment = self._latest(s, sender_id, (ACTIVE, PAUSED))
            if assessment is None:
                return
            assessment.answers = [a for a in assessment.answers if a.question_id != question_id]
            self._refresh_flags(assessment)

    # --- privacy --------------------------------------------------------------------------------
    def delete_user(self, sender_id: str) -> int:
        """Delete every clinic check of this user (answers and flags with them), and what the review queue kept
        of this conversation (bot.feedback_store); returns how many checks."""
        from bot.feedback_store import FeedbackStore

        with self._session() as s:
            ids = list(s.execute(select(Assessment.id).where(Assessment.sender_id == sender_id)).scalars())
            self._delete_assessments(s, ids)
            FeedbackStore.delete_person(s, sender_id)
        checkpoint(self.engine)
        return len(ids)

    def delete_older_than(self, days: int) -> int:
        """Retention: delete clinic checks not touched for `days` days, and review-queue items (and consents)
        older than that; returns how many checks."""
        from bot.feedback_store import FeedbackStore

        cutoff = utcnow() - timedelta(days=days)
        with self._session() as s:
            ids = list(s.execute(select(Assessment.id).where(Assessment.updated_at < cutoff)).scalars())
            self._delete_assessments(s, ids)
            queued = FeedbackStore.delete_older_than(s, cutoff)  # the review queue ages out the same way
        if ids or queued:
            checkpoint(self.engine)
        return len(ids)

    # --- helpers --------------------------------------------------------------------------------
    @staticmethod
    def _delete_assessments(s: Session, ids: list[int]) -> None:
        if not ids:
            return
        clinic_ids = [c for c in s.execute(select(Assessment.clinic_id).where(Assessment.id.in_(ids))).scalars() if c]
        s.execute(delete(Flag).where(Flag.assessment_id.in_(ids)))
        s.execute(delete(Answer).where(Answer.assessment_id.in_(ids)))
        s.execute(delete(Assessment).where(Assessment.id.in_(ids)))
        if clinic_ids:
            s.execute(delete(Clinic).where(Clinic.id.in_(clinic_ids)))

    @staticmethod
    def _within_limit(s: Session, sender_id: str) -> None:
        since = utcnow() - timedelta(days=1)
        started = s.execute(
            select(func.count(Assessment.id)).where(Assessment.sender_id == sender_id, Assessment.started_at >= since)
        ).scalar_one()
        if started >= NEW_CHECKS_PER_DAY:
            raise CheckLimit(sender_id)

    @staticmethod
    def _new(s: Session, sender_id: str) -> Assessment:
        """A new, active clinic check with no answers or flags yet, added to the session."""
        assessment = Assessment(
            sender_id=sender_id, status=ACTIVE, report_token=secrets.token_urlsafe(24), answers=[], flags=[]
        )
        s.add(assessment)
        return assessment

    @staticmethod
    def _checks(sender_id: str, statuses: tuple[str, ...]) -> Select:
        """The user's checks in these statuses, loaded whole: the check being worked on first (there is at most one:
        `start` and `activate` pause the others), then the newest. After going back to an older check, its answers
        go to it, not to the newer one."""
        return (
            select(Assessment)
            .options(*_LOADED)
            .where(Assessment.sender_id == sender_id, Assessment.status.in_(statuses))
            .order_by(_WORKED_ON_FIRST, Assessment.started_at.desc(), Assessment.id.desc())
        )

    @staticmethod
    def _latest(s: Session, sender_id: str, statuses: tuple[str, ...]) -> Assessment | None:
        query = Store._checks(sender_id, statuses).limit(1)
        return s.execute(query).scalar_one_or_none()

    @staticmethod
    def _update_clinic(s: Session, assessment: Assessment, fields: dict[str, str]) -> None:
        if assessment.clinic is None:
            assessment.clinic = Clinic()
            s.add(assessment.clinic)
        for key in ("name", "location", "country"):
            if key in fields:
                setattr(assessment.clinic, key, fields[key][:200])

    def _refresh_flags(self, assessment: Assessment) -> None:
        """Make the stored flags those the rules give for the answers: only changed rows are written."""
        if self._flag_rules is None:
            return
        wanted = {flag.code: flag for flag in self._flag_rules({a.question_id: a.value for a in assessment.answers})}
        kept = []
        for stored in assessment.flags:
            flag = wanted.pop(stored.code, None)
            if flag is not None:
                params = flag.params_json()
                if (stored.severity, stored.params) != (flag.severity, params):
                    stored.severity, stored.params = flag.severity, params
                kept.append(stored)
        kept += [Flag(code=f.code, severity=f.severity, params=f.params_json()) for f in wanted.values()]
        assessment.flags = kept

    @staticmethod
    def _record(a: Assessment) -> AssessmentRecord:
        answers = {x.question_id: (x.raw_text, x.value) for x in a.answers} if a.id else {}
        flags = [FlagRecord(f.code, f.severity, json.loads(f.params or "{}")) for f in a.flags] if a.id else []
        return AssessmentRecord(
            id=a.id,
            sender_id=a.sender_id,
            status=a.status,
            report_token=a.report_token,
            started_at=a.started_at,
            completed_at=a.completed_at,
            clinic_name=a.clinic.name if a.clinic else None,
            clinic_location=a.clinic.location if a.clinic else None,
            country=a.clinic.country if a.clinic else None,
            answers=answers,
            flags=flags,
            updated_at=a.updated_at,
            link_issued_at=a.link_issued_at,
        )
