"""Whether a message asks StemSafe to search the trial registry (action_find_trial), or only asks about trials.

A request to find, list or join a trial ("are there any trials for multiple sclerosis in Mexico?", "find me a
study for ALS", "¿hay ensayos para el párkinson en México?") is a search, even when the classifier read the
condition's name and guessed the FAQ (which would answer with that condition's card). A question about trials
in general ("what is a clinical trial?", "how do I find a trial?", "where can I sign up for a real study?",
"are paid trials legit?", "¿qué es un ensayo clínico?") stays a question to answer, and so does a request that
names no condition or place (the search needs one). The NLU guard (components/input_guard.py) applies this to
a FAQ guess only. Pure text rules: no Rasa, no model.
"""

from __future__ import annotations

import re

from bot.text import normalise

_TRIAL = r"(?:(?:clinical |research |stem cell |medical )?(?:trials?|stud(?:y|ies))|ensayos?|estudios?)"

# Asking for trials that exist, are open or can be joined.
_SEARCH = re.compile(
    r"\b(?:"
    rf"(?:is|are) there (?:a |an |any |some )?(?:\w+ ){{0,2}}{_TRIAL}"
    rf"|(?:find|search|look up|look for|looking for|list|show|know of|know any|join|sign up for|enrou?ll? in|"
    rf"get into|take part in|participate in)\b (?:\w+ ){{0,4}}{_TRIAL}"
    rf"|(?:which|what|any) (?:\w+ ){{0,2}}{_TRIAL} (?:\w+ ){{0,3}}(?:recruiting|open|enrou?lling|taking|accepting)"
    rf"|{_TRIAL} (?:\w+ ){{0,3}}(?:recruiting|near me|taking patients|accepting patients|looking for patients)"
    rf"|(?:hay|existe|existen|busco|buscar|buscame|busqueme|busque|encuentre|encontrar|encuentrame|conoce|"
    rf"conoces|participar en|inscribirme en|entrar a|entrar en|unirme a) (?:\w+ ){{0,3}}{_TRIAL}"
    rf"|{_TRIAL} (?:\w+ ){{0,3}}(?:reclutando|abiertos?|que acepten|cerca de mi)"
    r")\b"
)

# What the trial is for, or where: "trials for MS", "a study near me", "ensayos para la ELA en México".
_TARGET = re.compile(rf"\b{_TRIAL}\b(?: \w+){{0,4}} (?:for|on|in|near|at|para|contra|sobre|de|en|cerca)\b")

# A question about trials in general, not a request to search.
_ABOUT = re.compile(
    r"\b(?:what (?:is|are|does|do)|how (?:do|does|can|could|should|would) (?:i|we|you|one|a|they)|"
    r"(?:is|are) (?:\w+ ){0,3}(?:safe|legit|legitimate|real|free|paid|worth|a scam|scams)|"
    r"should i|pay to|cost|costs|que es|que son|como (?:busco|encuentro|puedo|se)|cuanto cuesta|"
    r"son seguros?|es seguro|son confiables?|es confiable|tengo que pagar|hay que pagar)\b"
)

# Studies as evidence ("is there a study showing it works?"), not as something to join.
_EVIDENCE = re.compile(
    r"\b(?:stud(?:y|ies)|estudios?|ensayos?|trials?) (?:\w+ ){0,2}(?:show|shows|showing|prove|proves|proving|found|"
    r"find|finding|says?|saying|suggests?|backing|support|supports|supporting|on whether|about whether|evidence|"
    r"results?|published|que (?:demuestr|muestr|prueb|dig|respald|indiqu)\w*|sobre si|publicad\w*|resultados?)\b"
    r"|\b(?:evidence|evidencia|proof|pruebas? de que)\b"
)


def asks_to_search(text: str | None) -> bool:
    """A request that we look for trials to join (action_find_trial), not a question about trials in general."""
    plain = normalise(text)
    return (
        bool(_SEARCH.search(plain) and _TARGET.search(plain))
        and not _ABOUT.search(plain)
        and not _EVIDENCE.search(plain)
    )
