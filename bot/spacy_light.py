"""spaCy for the rule pipelines outside Rasa (condition matcher, page check), imported without TensorFlow.

Importing spaCy pulls in thinc, which imports TensorFlow when it is installed (it is, for Rasa): 600 MB and
3 s in every process that only matches patterns, such as the action server. A rule pipeline never uses it, so
when neither spaCy nor TensorFlow is loaded yet, TensorFlow is hidden from that one import (thinc treats it
as absent) and restored at once; a process that loaded TensorFlow first (the Rasa server) is left as it is.
"""

from __future__ import annotations

import sys
from types import ModuleType


def _load() -> ModuleType:
    hide = "spacy" not in sys.modules and "tensorflow" not in sys.modules
    if hide:
        sys.modules["tensorflow"] = None  # type: ignore[assignment]  # makes thinc's optional import fail
    try:
        import spacy
        import spacy.matcher  # noqa: F401
        import spacy.tokens  # noqa: F401
    finally:
        if hide and sys.modules.get("tensorflow", 0) is None:
            del sys.modules["tensorflow"]
    return spacy


spacy = _load()
Language = spacy.language.Language
Matcher = spacy.matcher.Matcher
PhraseMatcher = spacy.matcher.PhraseMatcher
