"""Thoughts of suicide or self-harm: recognised in English and Spanish, answered with crisis lines before anything else.

People who write to a health assistant about a long illness, pain or a failed treatment sometimes say they do not
want to go on ("ya no aguanto, a veces pienso que sería mejor ya no despertar", "I want to kill myself"). Such a
message is never a FAQ question or a clinic-check answer: bot.urgent.decide treats it as urgent (so the urgent-care
policy answers it first, inside a clinic check too) and actions/urgent.py gives the crisis reply (`utter_crisis`,
domain/urgent.yml) instead of the symptom advice: 911 when in danger, the 988 Suicide & Crisis Lifeline (US: call or
text, Spanish available), Línea de la Vida 800 911 2000 (Mexico: free, 24 hours), with the person, a relative or a
friend in mind ("my mom says she wants to die").

What counts: a wish or plan to die, to kill or hurt oneself, or "better off dead / not waking up", said of oneself
or of someone else, in either language. What does not: dying as a risk or an outcome ("can you die from it?", "se
puede morir uno?", "my dad died of ALS"), "the pain is killing me", and "suicide genes" (a safety switch in
engineered cells). Read on bot.urgent.normalise'd text (lower case, no accents); every pattern is a plain
alternation, so time is linear in the message. Pure text rules: no Rasa.
"""

from __future__ import annotations

import re

_ONESELF = r"(?:myself|himself|herself|themselves|themself)"
_CRISIS = re.compile(
    r"\b(?:"
    # English
    r"suicid(?:e|al)(?! genes?\b| switch)"
    r"|kill(?:ing)? " + _ONESELF + r"|(?:hurt|harm|cut)(?:ing)? " + _ONESELF + r"|self[- ]harm\w*"
    r"|end (?:my|his|her|their) (?:own )?life|take (?:my|his|her|their) (?:own )?life|end it all"
    r"|(?:want|wants|wanted|wanna|going|gonna|plan|plans|planning) (?:to )?die"
    r"|(?:don'?t|doesn'?t|do not|does not) want to (?:live|be alive|go on|wake up)"
    r"|better off dead|wish (?:i|he|she) (?:was|were) dead|no (?:reason|point) (?:to|in) (?:live|living|go on|going on)"
    # Spanish (no accents: normalised)
    r"|(?<!gen )(?<!genes )suicid(?:arme|arse|arte|arnos|ar[ée]|ando|ios?|as?|os)(?! genetic\w*)"
    r"|(?:me|se|te) (?:quiero|quiere|quieres|voy a|va a) (?:morir|matar|quitar la vida)"
    r"|(?:quiero|quiere|quisiera) (?:morir(?:me|se)?|matarme|matarse|quitarme la vida|quitarse la vida)"
    r"|quitar(?:me|se) la vida|matarme|hacerme dano|lastimarme"
    r"|(?:ya )?no (?:quiero|quiere) (?:seguir )?(?:vivir|viviendo|despertar)"
    r"|(?:seria|es) mejor (?:ya )?no despertar|mejor (?:ya )?no despertar|ojala (?:ya )?no despierte|ojala me muera"
    r"|acabar con (?:mi|su) vida|no vale la pena (?:seguir )?vivir|estaria(?:mos)? mejor muert[oa]s?"
    r")\b"
)


def mentions_crisis(normalised_text: str) -> bool:
    """True when the (bot.urgent.normalise'd) text tells of thoughts of suicide or self-harm (see module doc)."""
    return bool(_CRISIS.search(normalised_text or ""))
