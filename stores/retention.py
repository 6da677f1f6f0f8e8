"""Retention: deletes conversations and clinic checks untouched for longer than the retention period.

``STEMSAFE_RETENTION_DAYS`` (default 180) sets the period. Runs at every `make run` start, and can be
scheduled (cron) with ``python -m stores.retention [ENDPOINTS]``.
"""

from __future__ import annotations

import os
import sys

from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import read_endpoint_config

from bot import flags
from bot.store import Store
from stores.tracker import PrivateSQLTrackerStore


def retention_days() -> float:
    return float(os.environ.get("STEMSAFE_RETENTION_DAYS", "180"))


def run(endpoints_file: str = "endpoints.yml", days: float | None = None) -> tuple[int, int]:
    """Returns (clinic checks deleted, tracker events deleted)."""
    days = retention_days() if days is None else days
    checks = Store.from_url(flag_rules=flags.evaluate).delete_older_than(int(days))
    tracker_store = TrackerStore.create(read_endpoint_config(endpoints_file, "tracker_store"), Domain.empty())
    events = tracker_store.delete_events_older_than(days) if isinstance(tracker_store, PrivateSQLTrackerStore) else 0
    return checks, events


if __name__ == "__main__":
    deleted = run(*(sys.argv[1:2]))
    print(f"retention ({retention_days():g} days): {deleted[0]} clinic check(s), {deleted[1]} tracker event(s) deleted")
