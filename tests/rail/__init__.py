"""The urgent-care rail's sets: symptom reports and sentences that are not reports (YAML beside this file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent


def reports() -> list[dict[str, Any]]:
    """Every symptom report: {text, route, lang?, pending?}."""
    return yaml.safe_load((HERE / "reports.yml").read_text(encoding="utf-8"))["reports"]


def non_reports() -> list[dict[str, Any]]:
    """Every sentence that is not a report: {text, kind, pending?} (kind "answer" has the question it answers)."""
    return yaml.safe_load((HERE / "non_reports.yml").read_text(encoding="utf-8"))["non_reports"]
