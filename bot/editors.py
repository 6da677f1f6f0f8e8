"""Editor accounts for the review page: created from the command line, passwords hashed with Argon2id
(argon2-cffi), sessions that expire, and a brake on password guessing.

- ``python -m bot.editors add NAME`` asks for the password twice (at least 12 characters; or reads one line
  from standard input with ``--password-stdin``); ``passwd NAME``, ``disable NAME``, ``list``. There is no
  way to create an account from the web.
- A login issues a random session token (the cookie; only its SHA-256 is stored) and a CSRF token bound to
  the session, which every form repeats. A session ends after ``IDLE_MINUTES`` without a request or
  ``MAX_HOURS`` after login, at logout, or when the account is disabled.
- After ``MAX_FAILURES`` failed logins for one name or one address within ``FAILURE_WINDOW`` minutes,
  logins for it are refused for the rest of the window (in memory, per web process).
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import hmac
import secrets
import sys
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, select

from bot.feedback_store import EditorRow, EditorSessionRow, FeedbackStore
from bot.store import utcnow

IDLE_MINUTES = 30
MAX_HOURS = 8
MIN_PASSWORD = 12
MAX_FAILURES = 5
FAILURE_WINDOW = 15  # minutes
_HASHER = PasswordHasher()  # Argon2id with the library's current defaults (RFC 9106 low-memory profile)
_DUMMY_HASH = _HASHER.hash(secrets.token_hex(16))  # unknown names take as long as wrong passwords


@dataclass(frozen=True)
class EditorSession:
    editor: str
    csrf: str


class Throttle:
    """Failed logins per key (a name, an address) in a sliding window."""

    def __init__(self, limit: int = MAX_FAILURES, window_s: float = FAILURE_WINDOW * 60) -> None:
        self.limit, self.window = limit, window_s
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def blocked(self, *keys: str) -> bool:
        now = time.monotonic()
        with self._lock:
            for key in keys:
                seen = self._failures.get(key)
                while seen and now - seen[0] > self.window:
                    seen.popleft()
                if seen and len(seen) >= self.limit:
                    return True
        return False

    def fail(self, *keys: str) -> None:
        with self._lock:
            if len(self._failures) > 100_000:
                self._failures.clear()
            for key in keys:
                self._failures[key].append(time.monotonic())


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Editors:
    def __init__(self, store: FeedbackStore) -> None:
        self.store = store

    # --- accounts ----------------------------------------------------------------------------------
    def add(self, name: str, password: str) -> None:
        _check(name, password)
        with self.store.session() as s:
            if s.execute(select(EditorRow).where(EditorRow.name == name)).scalar_one_or_none() is not None:
                raise ValueError(f"an editor called {name!r} exists already")
            s.add(EditorRow(name=name, password_hash=_HASHER.hash(password), active=True))

    def set_password(self, name: str, password: str) -> None:
        _check(name, password)
        with self.store.session() as s:
            row = self._named(s, name)
            row.password_hash = _HASHER.hash(password)
            s.execute(delete(EditorSessionRow).where(EditorSessionRow.editor_id == row.id))

    def disable(self, name: str) -> None:
        with self.store.session() as s:
            row = self._named(s, name)
            row.active = False
            s.execute(delete(EditorSessionRow).where(EditorSessionRow.editor_id == row.id))

    def names(self) -> list[tuple[str, bool]]:
        with self.store.session() as s:
            return [(r.name, r.active) for r in s.execute(select(EditorRow).order_by(EditorRow.name)).scalars()]

    @staticmethod
    def _named(s: object, name: str) -> EditorRow:
        row = s.execute(select(EditorRow).where(EditorRow.name == name)).scalar_one_or_none()  # type: ignore[attr-defined]
        if row is None:
            raise ValueError(f"no editor called {name!r}")
        return row

    # --- sessions ----------------------------------------------------------------------------------
    def login(self, name: str, password: str) -> str | None:
        """A new session token for a right name and password (None otherwise, in about the same time)."""
        with self.store.session() as s:
            row = s.execute(select(EditorRow).where(EditorRow.name == name[:64])).scalar_one_or_none()
            stored = row.password_hash if row is not None and row.active else _DUMMY_HASH
            try:
                _HASHER.verify(stored, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                return None
            if row is None or not row.active:
                return None
            if _HASHER.check_needs_rehash(stored):
                row.password_hash = _HASHER.hash(password)
            token = secrets.token_urlsafe(32)
            now = utcnow()
            s.add(
                EditorSessionRow(
                    token_hash=_token_hash(token),
                    editor_id=row.id,
                    csrf=secrets.token_urlsafe(32),
                    created_at=now,
                    seen_at=now,
                    expires_at=now + timedelta(hours=MAX_HOURS),
                )
            )
            return token

    def session(self, token: str | None) -> EditorSession | None:
        """The live session this cookie token proves (its idle time restarts), or None."""
        if not token or len(token) > 100:
            return None
        now = utcnow()
        with self.store.session() as s:
            row = s.get(EditorSessionRow, _token_hash(token))
            if row is None:
                return None
            if row.expires_at <= now or now - row.seen_at > timedelta(minutes=IDLE_MINUTES):
                s.delete(row)
                return None
            editor = s.get(EditorRow, row.editor_id)
            if editor is None or not editor.active:
                return None
            row.seen_at = now
            return EditorSession(editor.name, row.csrf)

    def logout(self, token: str | None) -> None:
        if token:
            with self.store.session() as s:
                s.execute(delete(EditorSessionRow).where(EditorSessionRow.token_hash == _token_hash(token)))


def csrf_ok(session: EditorSession, given: object) -> bool:
    return isinstance(given, str) and hmac.compare_digest(session.csrf.encode(), given.encode())


def _check(name: str, password: str) -> None:
    if not name or len(name) > 64 or not name.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise ValueError("a name is 1-64 letters, digits, '.', '-' or '_'")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password has at least {MIN_PASSWORD} characters")


def _read_password(stdin: bool) -> str:
    if stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise ValueError("the two passwords differ")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.editors", description="Editor accounts for the review page.")
    parser.add_argument("command", choices=("add", "passwd", "disable", "list"))
    parser.add_argument("name", nargs="?")
    parser.add_argument("--password-stdin", action="store_true", help="read the password from one line of stdin")
    args = parser.parse_args(argv)
    editors = Editors(FeedbackStore.from_url())
    try:
        if args.command == "list":
            for name, active in editors.names():
                print(name if active else f"{name} (disabled)")
            return 0
        if not args.name:
            parser.error("a NAME is needed")
        if args.command == "add":
            editors.add(args.name, _read_password(args.password_stdin))
        elif args.command == "passwd":
            editors.set_password(args.name, _read_password(args.password_stdin))
        else:
            editors.disable(args.name)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{args.command}: {args.name}: done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
