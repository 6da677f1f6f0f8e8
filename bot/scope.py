"""Questions about stem cells or diseases that are not about a treatment's safety: out of StemSafe's scope.

The classifiers learn "out of scope" from examples, and real questions about the embryo debate or about what a
disease is keep landing between FAQ topics instead ("Why is there controversy about embryonic stem cells?" was
offered the cell-sources and tumour answers). Two kinds are recognised here by their words, in English and
Spanish, so they get the polite scope reply (utter_out_of_scope) rather than a guessed or offered answer:

- the research debate: embryos or stem cell research together with ethics, religion, politics, funding or
  controversy ("Why can't we experiment on human embryonic stem cells?"), unless the message is about a
  clinic, an ethics committee or a person's own treatment;
- what a disease is: "What is multiple sclerosis?", "¿Qué causa el Parkinson?" (a condition named, no stem
  cell or treatment word), which the condition's card would not answer.

InputGuard (components/input_guard.py) applies this to messages the classifiers read as a FAQ question or
could not place.
"""

from __future__ import annotations

import re

from bot.text import normalise

_EMBRYO = re.compile(r"\b(?:embryo\w*|fo?etal|fo?etus\w*|embrion\w*|fetos?)\b")
_RESEARCH = re.compile(r"\b(?:stem cell research|research on stem cells|investigacion con celulas madre)\b")
_DEBATE = re.compile(
    r"\b(?:ethic\w*|unethical|moral\w*|immoral|controvers\w*|debat\w*|religio\w*|church|catholic\w*|pope|"
    r"bible|funding|federal|ban|banned|bans|destroy\w*|abortion|pro-life|politic\w*|etic\w*|"
    r"polemic\w*|iglesia|aborto|destru\w*|prohib\w*)\b"
)
_LAB = re.compile(r"\b(?:research\w*|experiment\w*|scientists?|investigacion\w*)\b")
_WHERE_RESEARCH = re.compile(r"\b(?:centre|center|capital|leader)s? of the world\b")
# Words that make it about a clinic, a committee or someone's own treatment: the FAQ answers those.
_ABOUT_CARE = re.compile(
    r"\b(?:clinics?|clinicas?|committees?|boards?|irb|comites?|inject\w*|shots?|infusions?|inyecci\w*|"
    r"my|mine|me|mi|mis|treat me|for (?:my|me)|para mi)\b"
)

_WHAT_IS = re.compile(
    r"^\W*(?:so,? |and |but |y |pero )?(?:what|que|cual|cuales)(?:'s| is| are| es| son| causes?| causa\w*)\b"
    r"|\b(?:what causes|what is the cause|cause of|causes of|symptoms of|que causa|causa de|causas de|sintomas de)\b"
)
_TREATMENT = re.compile(
    r"\b(?:stem|celulas? madre|treat\w*|therap\w*|tratamient\w*|terapia\w*|transplant\w*|trasplant\w*|"
    r"cur\w*|inject\w*|inyecci\w*|clinic\w*|regenera\w*|heal\w*|help\w*|ayud\w*|recover\w*|"
    r"reverse\w*|revert\w*|fix\w*|sanar|mejor\w*|improve\w*|option\w*|opcion\w*|trial\w*|ensayo\w*|"
    r"prove\w*|proba\w*|work\w*|funcion\w*|evidence|evidencia|approv\w*|aprob\w*)\b"
)
# Conditions whose definition belongs to a FAQ answer (graft-versus-host disease: transplant care).
_ANSWERED_CONDITIONS = frozenset({"gvhd"})


def research_debate(text: str | None) -> bool:
    """True for a question about the embryo or stem cell research debate, not about anyone's treatment."""
    lowered = normalise(text)
    if not lowered or _ABOUT_CARE.search(lowered):
        return False
    if _EMBRYO.search(lowered) and (_DEBATE.search(lowered) or _LAB.search(lowered)):
        return True
    return bool(_RESEARCH.search(lowered) and (_DEBATE.search(lowered) or _WHERE_RESEARCH.search(lowered)))


def disease_definition(text: str | None) -> bool:
    """True for "what is <condition>?" or "what causes <condition>?" with no word about treating it."""
    lowered = normalise(text)
    if not lowered or not _WHAT_IS.search(lowered) or _TREATMENT.search(lowered):
        return False
    from bot.condition_match import conditions_in

    named = set(conditions_in(text))
    return bool(named) and not named & _ANSWERED_CONDITIONS


def off_topic(text: str | None) -> bool:
    """True when the message asks about stem cells or a disease in a way StemSafe does not answer."""
    return research_debate(text) or disease_definition(text)
