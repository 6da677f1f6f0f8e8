"""The review queue in the records database: consent, kept questions, editors' labels (SQLAlchemy, Alembic 0004).

Tables (same database and engine as bot.store; created by migrations/versions/0004_review_queue.py):
- ``feedback_consent``: one row per conversation that said yes (its keyed `person_ref` only), and the item
  whose "No" is waiting for "what I wanted to know". "No thanks" deletes the row: no row, nothing kept.
- ``feedback_items``: one kept question each: redacted text, near-duplicate `group_key`, what StemSafe did
  (`kind`: answer / ask_back / fallback / refused), the topic and confidence, the topics offered, the feedback
  and what the person wanted instead (redacted), language, channel kind, date, and the editor's label.
  `token` (random, in the feedback buttons' payload) is the only handle a conversation holds on an item.
- ``editors`` and ``editor_sessions``: see bot/editors.py.
Deletion: `delete_person` (called by bot.store.Store.delete_user, "delete my data") and `delete_older_than`
(called by Store.delete_older_than, retention) reach every row of the queue. Indexes serve the editor page's
grouped, filtered, paginated queue at 100,000 items (bench/feedback_report.py times it).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    and_,
    case,
    delete,
    func,
    or_,
    select,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot import feedback
from bot.redact import redact_personal
from bot.store import Base, checkpoint, make_engine, utcnow

MAX_TEXT = 1000  # characters of a kept question (the models read at most this window anyway)


class ConsentRow(Base):
    __tablename__ = "feedback_consent"
    person_ref = Column(String(64), primary_key=True)
    given_at = Column(DateTime, nullable=False, default=utcnow, index=True)
    waiting_item = Column(Integer)  # the item whose "No" waits for "what I wanted to know"
    waiting_since = Column(DateTime)


class ItemRow(Base):
    __tablename__ = "feedback_items"
    __table_args__ = (
        # Covers the grouped queue's aggregate (an index-only scan): half the page time at 100,000 items.
        Index("ix_feedback_items_group_key", "group_key", "kind", "helpful", "created_at"),
        Index("ix_feedback_items_created_at", "created_at"),
        Index("ix_feedback_items_person_ref", "person_ref"),
        Index("ix_feedback_items_topic", "topic"),
        Index("ix_feedback_items_language", "language"),
        Index("ix_feedback_items_helpful", "helpful"),
        Index("ix_feedback_items_label", "label"),
    )
    id = Column(Integer, primary_key=True)
    token = Column(String(43), nullable=False, unique=True)
    person_ref = Column(String(64), nullable=False)
    kind = Column(String(12), nullable=False)
    text = Column(Text, nullable=False)
    group_key = Column(String(24), nullable=False)
    topic = Column(String(64))
    confidence = Column(Float)
    offered = Column(String(400))  # topics offered (ask-back) or the closest others (answer), comma-separated
    helpful = Column(String(3))  # yes / no / None (not asked or not answered)
    wanted = Column(Text)  # "what I wanted to know", redacted
    language = Column(String(8), nullable=False, default="en")
    channel = Column(String(16), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    label = Column(String(20))
    label_value = Column(String(64))
    labelled_by = Column(String(64))
    labelled_at = Column(DateTime)


class EditorRow(Base):
    __tablename__ = "editors"
    id = Column(Integer, primary_key=True)
    name = Column(String(64), nullable=False, unique=True)
    password_hash = Column(String(200), nullable=False)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime, nullable=False, default=utcnow)


class EditorSessionRow(Base):
    __tablename__ = "editor_sessions"
    token_hash = Column(String(64), primary_key=True)  # SHA-256 of the cookie's token: the token is never stored
    editor_id = Column(Integer, ForeignKey("editors.id", ondelete="CASCADE"), nullable=False, index=True)
    csrf = Column(String(64), nullable=False)
    created_at = Column(DateTime, nullable=False, default=utcnow)
    seen_at = Column(DateTime, nullable=False, default=utcnow)
    expires_at = Column(DateTime, nullable=False, index=True)


@dataclass(frozen=True)
class Item:
    id: int
    token: str
    kind: str
    text: str
    group_key: str
    topic: str | None
    confidence: float | None
    offered: tuple[str, ...]
    helpful: str | None
    wanted: str | None
    language: str
    channel: str
    created_at: datetime
    label: str | None
    label_value: str | None
    labelled_by: str | None


@dataclass(frozen=True)
class Group:
    """Near-duplicate questions: how many, how many failed (not answered, or answered and marked unhelpful)."""

    key: str
    count: int
    failed: int
    helpful: int
    last: datetime
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Filters:
    topic: str | None = None
    language: str | None = None
    feedback: str | None = None  # yes / no / none / failed
    unlabelled: bool = False


def _item(row: ItemRow) -> Item:
    return Item(
        id=row.id,
        token=row.token,
        kind=row.kind,
        text=row.text,
        group_key=row.group_key,
        topic=row.topic,
        confidence=row.confidence,
        offered=tuple(t for t in (row.offered or "").split(",") if t),
        helpful=row.helpful,
        wanted=row.wanted,
        language=row.language,
        channel=row.channel,
        created_at=row.created_at,
        label=row.label,
        label_value=row.label_value,
        labelled_by=row.labelled_by,
    )


FAILED = or_(ItemRow.kind != feedback.ANSWER, ItemRow.helpful == feedback.NO)


class FeedbackStore:
    """Reads and writes of the review queue; every method opens and closes its own session (call from a thread)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, future=True, expire_on_commit=False)

    @classmethod
    def from_url(cls, url: str | None = None, migrate: bool = True) -> FeedbackStore:
        engine = make_engine(url)
        if migrate:
            from bot.migrations import upgrade

            try:
                upgrade(engine)
            except Exception:  # another process (Rasa server / action server) migrated at the same moment
                time.sleep(1.0)
                upgrade(engine)
        return cls(engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as session:
            yield session

    # --- consent ---------------------------------------------------------------------------------
    def consents(self, sender_id: str) -> bool:
        ref = feedback.person_ref(sender_id)
        if ref is None:
            return False
        with self.session() as s:
            return s.get(ConsentRow, ref) is not None

    def set_consent(self, sender_id: str, keep: bool) -> bool:
        """Yes: remember it. No: forget it and delete everything kept for this conversation. Returns whether
        anything can be kept (a key is configured)."""
        ref = feedback.person_ref(sender_id)
        if ref is None:
            return False
        with self.session() as s:
            if keep:
                if s.get(ConsentRow, ref) is None:
                    s.add(ConsentRow(person_ref=ref))
            else:
                _delete_ref(s, ref)
        if not keep:
            checkpoint(self.engine)
        return True

    # --- items -----------------------------------------------------------------------------------
    def add(
        self,
        sender_id: str,
        kind: str,
        text: str,
        topic: str | None = None,
        confidence: float | None = None,
        offered: Sequence[str] = (),
        language: str = "en",
    ) -> str | None:
        """Keep one question (redacted) when the conversation consented; its token, or None (nothing kept)."""
        ref = feedback.person_ref(sender_id)
        if ref is None or kind not in feedback.KINDS:
            return None
        kept = (redact_personal((text or "")[:MAX_TEXT]) or "").strip()
        if not kept:
            return None
        with self.session() as s:
            if s.get(ConsentRow, ref) is None:
                return None
            token = secrets.token_urlsafe(feedback.TOKEN_BYTES)
            s.add(
                ItemRow(
                    token=token,
                    person_ref=ref,
                    kind=kind,
                    text=kept,
                    group_key=feedback.group_key(kept),
                    topic=topic,
                    confidence=None if confidence is None else round(float(confidence), 4),
                    offered=",".join(offered)[:400] or None,
                    language=(language or "en")[:8],
                    channel=feedback.channel_kind(sender_id),
                )
            )
            return token

    def give_feedback(self, sender_id: str, token: str, helpful: bool) -> Item | None:
        """Record Yes/No on this conversation's item (another conversation's token does nothing); after a
        No, the conversation's next message is kept as what the person wanted to know."""
        ref = feedback.person_ref(sender_id)
        if ref is None:
            return None
        with self.session() as s:
            consent = s.get(ConsentRow, ref)
            row = s.execute(select(ItemRow).where(ItemRow.token == token)).scalar_one_or_none()
            if consent is None or row is None or row.person_ref != ref:
                return None
            row.helpful = feedback.YES if helpful else feedback.NO
            consent.waiting_item = None if helpful else row.id
            consent.waiting_since = None if helpful else utcnow()
            return _item(row)

    def take_wanted(self, sender_id: str, text: str) -> bool:
        """If this conversation's "No" is waiting (for `WANTED_MINUTES`), keep `text` (redacted) on that item."""
        ref = feedback.person_ref(sender_id)
        if ref is None:
            return False
        with self.session() as s:
            consent = s.get(ConsentRow, ref)
            if consent is None or consent.waiting_item is None:
                return False
            waiting, since = consent.waiting_item, consent.waiting_since
            consent.waiting_item = consent.waiting_since = None
            if since is None or utcnow() - since > timedelta(minutes=feedback.WANTED_MINUTES):
                return False
            row = s.get(ItemRow, waiting)
            if row is None or row.person_ref != ref:
                return False
            row.wanted = (redact_personal(text[:MAX_TEXT]) or "").strip() or None
            return row.wanted is not None

    def choose(self, sender_id: str, topic: str) -> str | None:
        """The person picked `topic` from the buttons StemSafe offered after its latest kept message (within
        `WANTED_MINUTES`): an ask-back or a fallback gets that topic, and its token back (the answer's feedback
        buttons rate it); an answer marked "No" keeps the pick as what was wanted instead (no token)."""
        ref = feedback.person_ref(sender_id)
        if ref is None:
            return None
        since = utcnow() - timedelta(minutes=feedback.WANTED_MINUTES)
        with self.session() as s:
            row = s.execute(
                select(ItemRow)
                .where(ItemRow.person_ref == ref, ItemRow.created_at >= since)
                .order_by(ItemRow.id.desc())
                .limit(1)
            ).scalar_one_or_none()
            if row is None:
                return None
            if row.kind in (feedback.ASK_BACK, feedback.FALLBACK) and row.topic is None:
                row.topic = topic
                return row.token
            if row.kind == feedback.ANSWER and row.helpful == feedback.NO and not row.wanted:
                row.wanted = f"(chose the topic {topic})"
            return None

    def is_waiting(self, sender_id: str) -> bool:
        ref = feedback.person_ref(sender_id)
        if ref is None:
            return False
        with self.session() as s:
            consent = s.get(ConsentRow, ref)
            return consent is not None and consent.waiting_item is not None

    def items_of(self, sender_id: str) -> list[Item]:
        ref = feedback.person_ref(sender_id)
        if ref is None:
            return []
        with self.session() as s:
            rows = s.execute(select(ItemRow).where(ItemRow.person_ref == ref).order_by(ItemRow.id)).scalars()
            return [_item(r) for r in rows]

    # --- the editor's queue ------------------------------------------------------------------------
    @staticmethod
    def _where(filters: Filters) -> list:
        where = []
        if filters.topic:
            where.append(ItemRow.topic == filters.topic)
        if filters.language:
            where.append(ItemRow.language == filters.language)
        if filters.feedback in (feedback.YES, feedback.NO):
            where.append(ItemRow.helpful == filters.feedback)
        elif filters.feedback == "none":
            where.append(ItemRow.helpful.is_(None))
        elif filters.feedback == "failed":
            where.append(FAILED)
        if filters.unlabelled:
            where.append(ItemRow.label.is_(None))
        return where

    def groups(
        self, filters: Filters, page: int = 1, per_page: int = 25, per_group: int = 5
    ) -> tuple[list[Group], int]:
        """One page of near-duplicate groups, most failed first (then the largest, then the latest), and the
        number of groups. Each group brings its latest `per_group` items."""
        where = self._where(filters)
        failed = func.sum(case((FAILED, 1), else_=0))
        helped = func.sum(case((ItemRow.helpful == feedback.YES, 1), else_=0))
        query = (
            select(ItemRow.group_key, func.count(ItemRow.id), failed, helped, func.max(ItemRow.created_at))
            .where(*where)
            .group_by(ItemRow.group_key)
            .order_by(failed.desc(), func.count(ItemRow.id).desc(), func.max(ItemRow.id).desc())
            .limit(per_page)
            .offset((max(page, 1) - 1) * per_page)
        )
        with self.session() as s:
            total = s.execute(select(func.count(func.distinct(ItemRow.group_key))).where(*where)).scalar_one()
            rows = s.execute(query).all()
            keys = [r[0] for r in rows]
            ranked = (
                select(
                    ItemRow.id,
                    func.row_number().over(partition_by=ItemRow.group_key, order_by=ItemRow.id.desc()).label("n"),
                )
                .where(ItemRow.group_key.in_(keys), *where)
                .subquery()
            )
            items = s.execute(
                select(ItemRow)
                .join(ranked, ranked.c.id == ItemRow.id)
                .where(ranked.c.n <= per_group)
                .order_by(ItemRow.id.desc())
            ).scalars()
            by_key: dict[str, list[Item]] = {}
            for row in items:
                by_key.setdefault(row.group_key, []).append(_item(row))
        groups = [Group(k, n, int(f or 0), int(h or 0), last, tuple(by_key.get(k, ()))) for k, n, f, h, last in rows]
        return groups, int(total)

    def topics_and_languages(self) -> tuple[list[str], list[str]]:
        with self.session() as s:
            topics = [
                t for t in s.execute(select(ItemRow.topic).where(ItemRow.topic.is_not(None)).distinct()).scalars()
            ]
            languages = list(s.execute(select(ItemRow.language).distinct()).scalars())
        return sorted(topics), sorted(languages)

    def label(self, item_id: int, label: str, value: str | None, editor: str) -> bool:
        with self.session() as s:
            row = s.get(ItemRow, item_id)
            if row is None:
                return False
            row.label, row.label_value, row.labelled_by, row.labelled_at = label, value, editor, utcnow()
            return True

    def labelled(self, limit: int = 10_000) -> list[feedback.Labelled]:
        """Labelled items for the exports, oldest first (one per near-duplicate group and label)."""
        with self.session() as s:
            rows = s.execute(
                select(ItemRow).where(ItemRow.label.is_not(None)).order_by(ItemRow.id).limit(limit)
            ).scalars()
            seen: set[tuple[str, str]] = set()
            out = []
            for row in rows:
                label = feedback.real_question_label(row.label, row.label_value, row.topic)
                if label is None or (row.group_key, label) in seen:
                    continue
                seen.add((row.group_key, label))
                out.append(feedback.Labelled(row.token, row.text, row.channel, row.language, row.created_at, label))
            return out

    # --- figures ----------------------------------------------------------------------------------
    def figures(self, since: datetime, until: datetime) -> dict[str, dict[str, float]]:
        """Per language (and "all"): items, answers, share of answered-with-feedback marked helpful, ask-back
        rate, fallback rate, refused commands."""
        period = and_(ItemRow.created_at >= since, ItemRow.created_at < until)
        query = (
            select(
                ItemRow.language,
                func.count(ItemRow.id),
                func.sum(case((ItemRow.kind == feedback.ANSWER, 1), else_=0)),
                func.sum(case((ItemRow.helpful == feedback.YES, 1), else_=0)),
                func.sum(case((ItemRow.helpful.is_not(None), 1), else_=0)),
                func.sum(case((ItemRow.kind == feedback.ASK_BACK, 1), else_=0)),
                func.sum(case((ItemRow.kind == feedback.FALLBACK, 1), else_=0)),
                func.sum(case((ItemRow.kind == feedback.REFUSED, 1), else_=0)),
            )
            .where(period)
            .group_by(ItemRow.language)
        )
        out: dict[str, dict[str, float]] = {}
        totals = [0] * 7
        with self.session() as s:
            for language, *counts in s.execute(query).all():
                counts = [int(c or 0) for c in counts]
                totals = [a + b for a, b in zip(totals, counts, strict=True)]
                out[language] = _rates(counts)
        out["all"] = _rates(totals)
        return out

    def top_unanswered(
        self, since: datetime, until: datetime, language: str | None = None, limit: int = 10
    ) -> list[tuple[int, str]]:
        """The near-duplicate groups that failed most in the period: (times failed, an example)."""
        where = [ItemRow.created_at >= since, ItemRow.created_at < until, FAILED]
        if language:
            where.append(ItemRow.language == language)
        query = (
            select(func.count(ItemRow.id), func.max(ItemRow.id))
            .where(*where)
            .group_by(ItemRow.group_key)
            .order_by(func.count(ItemRow.id).desc())
            .limit(limit)
        )
        with self.session() as s:
            rows = s.execute(query).all()
            texts = dict(s.execute(select(ItemRow.id, ItemRow.text).where(ItemRow.id.in_([r[1] for r in rows]))).all())
        return [(int(n), texts.get(last, "")) for n, last in rows]

    # --- deletion (called by bot.store.Store) ------------------------------------------------------
    @staticmethod
    def delete_person(s: Session, sender_id: str) -> int:
        ref = feedback.person_ref(sender_id)
        return _delete_ref(s, ref) if ref else 0

    @staticmethod
    def delete_older_than(s: Session, cutoff: datetime) -> int:
        """Retention: items asked before `cutoff`, consents given before it, expired editor sessions."""
        items = s.execute(delete(ItemRow).where(ItemRow.created_at < cutoff)).rowcount or 0
        s.execute(delete(ConsentRow).where(ConsentRow.given_at < cutoff))
        s.execute(delete(EditorSessionRow).where(EditorSessionRow.expires_at < utcnow()))
        return int(items)


def _delete_ref(s: Session, ref: str) -> int:
    count = s.execute(delete(ItemRow).where(ItemRow.person_ref == ref)).rowcount or 0
    s.execute(delete(ConsentRow).where(ConsentRow.person_ref == ref))
    return int(count)


def _rates(counts: Sequence[int]) -> dict[str, float]:
    items, answers, helpful, rated, ask_back, fallback, refused = counts
    return {
        "items": items,
        "answers": answers,
        "rated": rated,
        "helpful_share": helpful / rated if rated else 0.0,
        "ask_back_rate": ask_back / items if items else 0.0,
        "fallback_rate": fallback / items if items else 0.0,
        "refused": refused,
    }
