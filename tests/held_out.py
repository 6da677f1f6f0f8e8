"""Rules shared by the held-out sets nobody trains on: the real questions (tests/real_questions/*.yml,
checked by tests/unit/test_real_questions.py) and the condition phrasings (tests/conditions/phrasings_*.yml,
checked by tests/unit/test_condition_phrasings.py).

Every set file opens with a header comment that states its rules; every item has a non-empty id, text and
source; ids, and texts once normalised, are unique across the files of one set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

TEXT_FIELDS = ("id", "text", "source")


def assert_header_says(path: Path, text: str, words: Iterable[str]) -> None:
    """The file's header comment (its `#` lines) says every one of `words`, case aside."""
    header = "\n".join(line for line in text.splitlines() if line.startswith("#")).casefold()
    for word in words:
        assert word in header, f"{path.name}: the header comment must say '{word}'"


def empty_fields(item: Mapping[str, object]) -> list[str]:
    """A problem for each of id, text and source that is missing, not a string, or blank."""
    return [
        f"needs a non-empty {key}"
        for key in TEXT_FIELDS
        if not isinstance(item.get(key), str) or not str(item[key]).strip()
    ]


def assert_unique(entries: Iterable[tuple[str, str, str]], normalise: Callable[[str], str]) -> None:
    """`entries` are (file name, id, text): no id, and no normalised text, stands in two places."""
    ids: dict[str, str] = {}
    texts: dict[str, str] = {}
    for name, item_id, text in entries:
        assert item_id not in ids, f"id {item_id} in {name} and {ids[item_id]}"
        ids[item_id] = name
        key = normalise(text)
        assert key not in texts, f"{text!r} in {name} and {texts[key]}"
        texts[key] = name
