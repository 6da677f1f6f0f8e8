"""Whether a message asks StemSafe to check a clinic (start the guided clinic check), or only asks about a treatment.

Only a request to check, vet or verify a clinic (or "them", "it", "this place"...) starts the clinic check:
"can you check it", "check them out pls", "could you look at a stem cell company in Houston?",
"is this legit?", "is there a way to check the clinic?". A question about a treatment ("are knee injections
safe?", "can I get my money back from a clinic in Tijuana?", "how do I check a doctor's cedula?") is a
question to answer, even when it names a clinic. The NLU guard (components/check_request_guard.py) applies
this to the classifier's guess in both directions. Pure text rules: no Rasa, no model.
"""

from __future__ import annotations

import re

from bot.text import normalise

# Verbs that mean "check this provider" (not "check my symptoms": the object decides).
_VERB = (
    r"(?:check|double[- ]check|vet|verify|look (?:at|into|over)|investigate|research|assess|evaluate|review|"
    r"screen|examine|inspect|scrutini[sz]e|go over|go through|run (?:a|the) check on)"
)
# Someone or something that offers treatments (singular and plural).
_ONE = (
    r"(?:clinic|cent(?:er|re)|hospital|practice|provider|company|doctor|physician|surgeon|med ?spa|spa|place|"
    r"program|programme|office|chiropractor|institute|facility|lab|business|outfit|offer|website|site|ad|"
    r"advert|advertisement|team|firm|organi[sz]ation|clinician|specialist|practitioner)"
)
_MANY = (
    r"(?:clinics|cent(?:er|re)s|hospitals|practices|providers|companies|doctors|physicians|surgeons|spas|places|"
    r"programs|programmes|offices|chiropractors|institutes|facilities|labs|businesses|offers|websites|sites|"
    r"ads|people|guys|firms|organi[sz]ations|specialists|practitioners)"
)
_PROVIDER = rf"(?:{_ONE}|{_MANY})"
_PRONOUN = r"(?:it|them|this|that|these|those|this one|that one|him|her)"
_DEICTIC = r"(?:this|that|it|they|these|those|he|she)"
# The verb's object: a pronoun, up to eight words ending in a provider word, "out", or "if/whether <it/the clinic>".
_OBJECT = (
    rf"(?:{_PRONOUN}\b|(?:\S+ ){{0,8}}?{_PROVIDER}\b|(?:them |it |this |that )?out\b|"
    rf"(?:if|whether) (?:{_DEICTIC}\b|(?:\S+ ){{0,4}}?{_PROVIDER}\b))"
)
# Bounded repetitions everywhere (here {0,3}): every pattern stays linear on hostile text (tests/security).
_POLITE = r"(?:(?:please|pls|plz|kindly|just|also|maybe|quickly|properly|for me|with me|together),?\s+){0,3}"
# After "can you / I'd like to <verb>", a name also counts ("I'd like to check Regeneris in Cancun"), but not
# a question about evidence or the person's own situation ("can you check if stem cells help autism?").
_NAMED = (
    r"(?!(?:if|whether|that|my|his|her|our|their|stem|cells?|what|how|when|why|where|for|clinical|a|an|some|any|"
    r"other|more|all|online|again|the (?:evidence|research|"
    r"science|facts|studies|data|risks?|options|costs?|prices?)|trials?|studies|options|treatments?|therap(?:y|ies)|"
    r"prices?|costs?|reviews?|results?|symptoms?|evidence|research)\b)[a-z][\w'-]*\b"
)
_REQUEST = (
    # "can you (please) (help me) check ...", "would you mind checking ..."
    rf"(?:can|could|would|will|might|may) (?:you|u|we)(?: please| pls| maybe| also| just)?"
    rf"(?: (?:help|assist) (?:me|us)(?: to| with)?)? {_VERB}"
    rf"|would you mind {_VERB}(?:ing)?"
    # "(please) help me check ...", "I want to check ...", "I'd like you to vet ...", "let's check ..."
    rf"|(?:help|assist) (?:me|us)(?: to| with)? {_VERB}"
    rf"|(?:i|we)(?: want| wanna| need| would like|'d like| d like| wish| am hoping| hope)(?: you)?(?: to)? {_VERB}"
    rf"|(?:let'?s|let us) {_VERB}"
    rf"|\b(?:need|want|wanted) (?:you|u) to {_VERB}"
    # "is there a way to check ...", "how can you help me check ..."
    rf"|is there (?:a|any) way (?:to|i can|we can|you can|for me to) {_VERB}"
)
_END = r"\s*(?:[?.!,;]|$)"
_PATTERNS = (
    # A request with the verb's object: "can you check a pain clinic in Phoenix", "I want to check them out".
    rf"\b(?:{_REQUEST})(?:ing)?\s+{_POLITE}(?:{_OBJECT}|{_NAMED})",
    # "how do we check the place?", "how can I vet them?": a particular clinic, not clinics in general.
    rf"\bhow (?:do|can|could|should|would) (?:i|we) {_VERB} (?:(?:the|this|that|our|my|his|her|their) "
    rf"(?:\S+ ){{0,4}}?{_PROVIDER}\b|(?:them|it|this one|that one|him|her)\b)",
    # A request that ends with the verb: "can you check?", "could you verify for me please".
    rf"\b(?:{_REQUEST})(?:ing)?(?:\s+(?:for me|with me|please|pls|plz|out|properly|together)){{0,3}}{_END}",
    # An imperative at the start of a sentence: "check it pls", "please vet this clinic", "look into them".
    rf"(?:^|[.!?;:,] ?|\b(?:and|so) ){_POLITE}{_VERB}\s+{_OBJECT}",
    # "is this legit?", "are they trustworthy?" at the end of a sentence (not "is it legit to ...").
    rf"\b(?:is|are) (?:this|they|these|those|he|she)(?: (?:really|actually|even|truly))? "
    rf"(?:legit|legitimate|trustworthy|reputable|a scam|a fraud|scammers|fraudulent|for real|kosher|genuine|"
    rf"a rip-?off){_END}",
    # "is the clinic in Cancun legit?", "is this clinic safe", "are these guys for real?"
    rf"\b(?:is|are) (?:(?:the|this|that|my|our|his|her|their|your|a) (?:\S+ ){{0,4}}?{_ONE}|"
    rf"(?:these|those|my|our|his|her|their) (?:\S+ ){{0,4}}?{_MANY})\b(?: \S+){{0,5}}? (?:really |actually |even )?"
    r"(?:legit|legitimate|trustworthy|reputable|a scam|a fraud|fraudulent|for real|kosher|genuine|safe|ok|okay|"
    r"any good|reliable|licensed|approved|real)\b",
    # "help me figure out if this clinic in Guadalajara is legitimate"
    rf"\b(?:if|whether) (?:the|this|that|my|our) (?:\S+ ){{0,4}}?{_ONE}\b(?: \S+){{0,5}}? (?:is|'s) "
    r"(?:really |actually )?(?:legit|legitimate|trustworthy|reputable|a scam|real|genuine|safe|licensed)\b",
    # Naming the feature: "start a clinic check", "go through the clinic questions", "run the red flag check".
    r"(?:^|\b(?:start|begin|do|run|new|go through|take|want|like|need)\b.{0,20})\b(?:clinic|provider|doctor) "
    r"(?:check|checkup|check-up|questions|questionnaire|vetting)\b",
    r"\bred[- ]flag (?:check|questions|review)\b",
)
_COMPILED = tuple(re.compile(pattern) for pattern in _PATTERNS)
# Checking the person's own body or results is not a clinic check ("can you check my rash?").
_OWN_BODY = re.compile(
    rf"\b{_VERB} (?:my|his|her|our|their) (?:\S+ )?(?:symptoms?|rash|wound|knee|back|eyes?|skin|leg|arm|"
    r"temperature|fever|results?|scan|mri|x-?rays?|blood|records?|injection site)\b"
)
# "How do I check a doctor's cedula / a clinic's licence?" asks how to check one credential: a FAQ answer.
_CREDENTIAL_HOWTO = re.compile(
    r"\bhow (?:do|can|could|should|would|to) (?:i |we |you |one |people |patients )?(?:\S+ ){0,3}?"
    r"(?:check|verify|look up|confirm|find)\b.{0,200}?\b(?:cedula|licen[cs](?:es?|ed)|credentials?|registration|aviso|"
    r"notice|number|permit|certificate|listing|nct|approval)\b"
)
# "How do I vet a clinic?" asks how (a FAQ answer); "is there a way to check the clinic?" asks for the check.
_HOWTO = re.compile(
    rf"\b(?:how|where) (?:do|can|could|should|would|to) (?:i |we |one |people |patients |you )?"
    rf"(?:go about |best )?{_VERB}"
    r"(?= (?:a|an|any|stem|clinics|providers|doctors|one|if|whether|that (?:a|an|the|it|they))\b)"
)
_NAMED_FEATURE = re.compile(r"\b(?:clinic|provider) (?:check|checkup|check-up|questions|questionnaire)\b")


def asks_to_check(text: str | None) -> bool:
    """True when the message asks StemSafe to check, vet or verify a clinic or provider."""
    lowered = normalise(text)
    if not lowered:
        return False
    if _OWN_BODY.search(lowered) and not any(p.search(_OWN_BODY.sub(" ", lowered)) for p in _COMPILED):
        return False
    if _CREDENTIAL_HOWTO.search(lowered) and not _NAMED_FEATURE.search(lowered):
        return False
    if _HOWTO.search(lowered):
        lowered = _HOWTO.sub(" ", lowered)
    return any(pattern.search(lowered) for pattern in _COMPILED)
