"""The urgent-care decision: does this message describe symptoms someone has now, so urgent advice comes first?

`decide(text, pending_question, previous_bot)` fires when a person describes warning signs that they,
or someone they care for, have now or since a treatment ("since the injection my eye is red", "she's
burning up"), and on "is X normal after my injection?". It does not fire on a diagnosis, a body part,
a route, a clinic's claim, a general question about risks, or past history. Inside a clinic check
(`pending_question` set, or recognised from the bot's last message) a message is read first as an
answer to that question: only a sign tied to a person or to a treatment counts there, and a sign that is
what something was tested for ("the donor mother was tested for infections") never counts, so
"yes, it lists infection and fever as risks" is recorded as the consent-form answer while
"yes, but I've been vomiting since yesterday's infusion" still gets urgent advice.

How a message is read (vocabulary in bot/safety.py): sentence by sentence, clause by clause (", but",
"anyway", ";" start a new clause, so "can it cause fever? she's burning up" is two readings). A warning
sign counts unless, earlier in its clause, a word makes it a hypothesis or a risk question ("if",
"could", "risk of", "cause"), a clinic's claim ("they said"), the thing a treatment fixes ("cures
blindness"), or it is negated ("no fever"); a clause about past history ("two years ago", "in 2012")
or that got better ("but he was fine") is skipped. Signs that are also long-standing conditions
(weakness, numbness, seizures, paralysis) need a tie to a treatment ("since the spinal injection") or
an acute word ("suddenly"). A statement needs a person, a treatment, the treated site or a "now"
word; a question needs "is it normal / should I be worried that", a person right before the sign, a request for
what to do with a treatment named ("what should I do if I have a fever after the infusion?": its "if" before a
present state is no hypothesis, but "if I get" stays one), or the sign after "and now" with a treatment before it
("has anyone had it injected and now it's more painful?").
Spanish is read the same way, with its own words for each of these (bot/safety.py), whatever the
conversation's language: "¿es normal tener fiebre después de mi inyección?" is a possible report, "¿las
células madre pueden causar fiebre?" is not, and "¿puede dar fiebre? está ardiendo en calentura" is.

Thoughts of suicide or self-harm (bot.crisis: "me quiero morir", "I want to kill myself") are urgent too, before
any other reading and inside a clinic check: the Decision says `crisis`, and the crisis lines replace the advice.

Cost: one pass of each pattern per sentence, no pattern with nested or unbounded repetition around
alternatives, and at most MAX_SCAN characters read (the head and the tail of a longer message), so
time is linear in the message length (tests/unit/test_urgent.py times every pattern on
pathological input). Free of Rasa: components/urgent_policy.py calls it with the tracker's context.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

from bot import language
from bot import safety as v
from bot.crisis import mentions_crisis
from bot.questions import QUESTIONS

MAX_SCAN = 5000  # characters read: the channels cap messages at 5,000; a longer one is read head + tail
_HEAD, _TAIL = 4000, 1000
_SPACES = re.compile(r"[^\S\n]+")
_BEFORE = 3  # tokens before a sign in which a negation counts ("don't have a fever")
_PERSON_BEFORE = 4  # tokens before a sign where a person makes a question a report ("help, my mom has a fever?")
_TEST_OBJECT_WORDS = 4  # words between "tested for" and the sign it tests for ("for HIV, hepatitis and infections")
_GLUE_MAX = 3  # Spanish clitics and "ha/han" skipped when counting the words before a sign ("no se le ha")
_LINK_SPAN = 5  # tokens between "after/since" and the treatment word ("since the spinal stem cell injection")


@dataclass(frozen=True)
class Decision:
    """The outcome: `urgent` (give urgent-care advice first), the sign that decided it, and whether the
    message also asks a question that deserves its answer after the advice."""

    urgent: bool
    sign: str = ""
    question: bool = False
    reason: str = ""
    crisis: bool = False  # thoughts of suicide or self-harm (bot.crisis): crisis lines, not the symptom advice


def normalise(text: str) -> str:
    """Lower case, no accents, straight apostrophes, single spaces; long text cut to its head and tail."""
    if len(text) > MAX_SCAN:
        text = text[:_HEAD] + "\n" + text[-_TAIL:]
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("¿", " ").replace("¡", " ")
    return _SPACES.sub(" ", text).strip()


def _sentences(text: str) -> list[tuple[str, bool]]:
    """(sentence, ends with a question mark) pairs."""
    out: list[tuple[str, bool]] = []
    start = 0
    for match in v.SENTENCE_BREAK.finditer(text):
        out.append((text[start : match.start()].strip(), "?" in match.group()))
        start = match.end()
    out.append((text[start:].strip(), False))
    return [pair for sentence, question in out if sentence for pair in _statement_first(sentence, question)]


def _statement_first(sentence: str, question: bool) -> list[tuple[str, bool]]:
    """ "She just started with a fever, is there any reason?": the statement before the question is read as one;
    so is the statement after a short question ("who do I call, my vision went blurry after the injection?")."""
    if not question:
        return [(sentence, False)]
    after = v.STATEMENT_AFTER_COMMA.search(sentence)
    if after and v.QUESTION_START.match(sentence) and len(sentence[: after.start()].split()) <= v.SHORT_QUESTION_WORDS:
        return [(sentence[: after.start()].strip(), True), (sentence[after.end() :].strip(), False)]
    parts, start = [], 0
    for match in v.QUESTION_AFTER_COMMA.finditer(sentence):
        head = sentence[start : match.start()].strip()
        parts.append((head, bool(v.QUESTION_START.match(head)) or bool(parts)))
        start = match.end()
    parts.append((sentence[start:].strip(), True))
    return [(part, asks) for part, asks in parts if part]


class _Clause:
    """One clause with its tokens and where its blockers start (-1: none). In a question that asks what to do
    (`asks_what_to_do`), the words of that request ("how do I treat") block nothing, nor does "if" unless a sign
    still to come follows ("if I have", "if she passed out" are reports; "if I get" is not)."""

    def __init__(self, text: str, asks_what_to_do: bool = False) -> None:
        self.text = text
        self.tokens = [(m.start(), m.group()) for m in v.TOKEN.finditer(text)]
        self.starts = [start for start, _ in self.tokens]
        request = [m.span() for m in v.WHAT_TO_DO.finditer(text)] if asks_what_to_do else []

        def blocker(pattern: re.Pattern[str]) -> int:
            for match in pattern.finditer(text):
                if asks_what_to_do and v.IF_FORM.fullmatch(match.group()) and not self._onset_after(match.start()):
                    continue
                if any(start <= match.start() < end for start, end in request):
                    continue
                return match.start()
            return -1

        self.blocked_from = min(
            (pos for pos in (blocker(v.HYPOTHETICAL), blocker(v.TREATS), self._claim_start()) if pos >= 0),
            default=-1,
        )
        self.tested_for = [m.end() for m in v.TESTED_FOR.finditer(text)]
        self.past = bool(v.HISTORY.search(text)) and not v.PRESENT_OVERRIDE.search(text)
        self.resolved = bool(v.RESOLVED.search(text))

    def _onset_after(self, pos: int) -> bool:
        """A sign still to come within the few words from `pos`: "if I get", "if he ever develops", "si me llega a
        dar" (a hypothesis about later), unlike "if I have", "if she passed out", "si tengo"."""
        return bool(v.ONSET.match(" ".join(word for start, word in self.tokens if start >= pos)))

    def _claim_start(self) -> int:
        """Where "<the clinic / they / it> says ..." (or "dicen", "me dijeron", "según ...") starts, if it does."""
        alone = _first(v.CLAIM_ALONE, self.text)
        if alone >= 0:
            return alone
        for verb in v.CLAIM_VERB.finditer(self.text):
            before = self._before(verb.start(), 3)
            if any(word in v.CLAIM_SUBJECTS for word in before):
                return verb.start()
        return -1

    def _before(self, pos: int, count: int) -> list[str]:
        """Up to `count` tokens before character `pos`, stopping at a comma."""
        index = bisect_left(self.starts, pos)
        words: list[str] = []
        for _, word in reversed(self.tokens[max(0, index - count) : index]):
            if word == ",":
                break
            words.append(word)
        return words

    def blocked(self, pos: int) -> bool:
        return 0 <= self.blocked_from < pos

    def tested_for_object(self, pos: int) -> bool:
        """The sign is what something was tested for: "tested for infections", "screened for HIV and sepsis"."""
        for end in self.tested_for:
            between = self.text[end:pos]
            if end <= pos and "," not in between and len(between.split()) <= _TEST_OBJECT_WORDS:
                return True
        return False

    def negated(self, pos: int) -> bool:
        """A negation among the _BEFORE words before the sign, not counting Spanish clitics ("no le ha dado fiebre")."""
        counted = 0
        for word in self._before(pos, _BEFORE + _GLUE_MAX):
            if word in v.NEGATIONS or word.endswith("n't"):
                return True
            counted += word not in v.NEGATION_GLUE
            if counted >= _BEFORE:
                return False
        return False

    def person_before(self, pos: int) -> bool:
        """A person in a present state just before the sign: "my mom has a", "she's", "I'm"."""
        words = self._before(pos, _PERSON_BEFORE)
        person = any(word in v.PERSON_WORDS for word in words)
        return person and any(word in v.STATE_WORDS or word.endswith(v.STATE_ENDINGS) for word in words)


def _first(pattern: re.Pattern[str], text: str) -> int:
    match = pattern.search(text)
    return match.start() if match else -1


def _linked_to_treatment(tokens: list[str]) -> bool:
    """A treatment word within a few words after "after/since/following": "after receiving an infusion", "following
    a stem cell infusion" (looser than _tied_to_treatment: a what-to-do question may speak of any treatment)."""
    for index, word in enumerate(tokens):
        if word in v.LINK_WORDS and any(w in v.TREATMENT_WORDS for w in tokens[index + 1 : index + 1 + _LINK_SPAN]):
            return True
    return False


def _states_news(clause: str) -> bool:
    """What follows "and now" tells how someone is ("it's more painful", "she has a fever"), not a new question."""
    words = v.TOKEN.findall(clause.strip())
    if not words or v.QUESTION_START.match(clause.strip()):
        return False
    return any(w in v.PERSON_WORDS or w in v.STATE_WORDS or w.endswith(v.STATE_ENDINGS) for w in words)


def _tied_to_treatment(tokens: list[str]) -> bool:
    """ "after my infusion", "since the spinal injection", "desde la inyeccion" (not "after an infusion")."""
    for index, word in enumerate(tokens):
        if word not in v.TREATMENT_WORDS:
            continue
        particular = False
        for back in range(index - 1, max(-1, index - 1 - _LINK_SPAN), -1):
            if tokens[back] == ",":
                break
            if tokens[back] in v.LINK_WORDS:
                if particular:
                    return True
                break
            particular = particular or tokens[back] in v.DETERMINERS
    return False


def pending_from_prompt(previous_bot: str | None) -> str | None:
    """The clinic-check question the bot's last message asked, if it asked one."""
    said = (previous_bot or "").strip()
    if not said:
        return None
    for question in QUESTIONS:
        for prompt in _prompts(question):
            if prompt and prompt in said:
                return question.id
    return None


def _prompts(question: object) -> tuple[str, ...]:
    """Every wording of a question's prompt: English and, where bot/questions.py has them, Spanish (`prompt_es`,
    `prompts_by_country_es`), so a Spanish check is recognised from the bot's last message too."""
    english = (getattr(question, "prompt", ""), *getattr(question, "prompts_by_country", {}).values())
    spanish = (getattr(question, "prompt_es", ""), *getattr(question, "prompts_by_country_es", {}).values())
    return english + spanish


_PLAIN_ANSWERS = frozenset({"yes", "no", "i don't know", "skip", "si", "no se", "omitir", "saltar"})


def _is_button_answer(pending: str, text: str) -> bool:
    """The message is exactly one of the pending question's choices ("Spinal / intrathecal")."""
    question = next((q for q in QUESTIONS if q.id == pending), None)
    if question is None:
        return False
    titles = {normalise(title) for o in question.options for title in (o.title, getattr(o, "title_es", "")) if title}
    titles |= _PLAIN_ANSWERS
    return normalise(text).strip(" .!") in titles


# Already in care: "ya está en el hospital!! ya lo atendieron, solo quiero saber cómo poner la denuncia", "mi papá sigue
# internado con la infección", "she's in the hospital now, how do I report the clinic?". The advice to go now was
# repeated to each of these, and the question never answered (an exploratory session, 2026-12-01). Present tense
# only: "she was in the hospital last year" is history, and a message that puts things long ago never counts.
_IN_CARE = re.compile(
    r"\b(?:(?:is|am|are|'s|'m|'re) (?:now |already |still )?(?:admitted|hospitali[sz]ed|(?:in|at) (?:the )?(?:hospital|"
    r"icu|er|e\.r|emergency room|intensive care))|already (?:at|in) (?:the )?(?:hospital|er|e\.r|emergency room|"
    r"urgent care|icu)|(?:he|she|i|we|they)(?:'s| has| have|'ve) been admitted\b|"
    r"(?:they|the doctors?|the hospital|the er) (?:already |just )?(?:admitted|are treating|is treating|"
    r"are taking care of) (?:him|her|them|me|us)|"
    r"(?:ya )?(?:lo|la|los|las|me|nos) (?:atendieron|internaron|hospitalizaron|estan atendiendo|estan tratando)|"
    r"(?:sigue|esta|estan|estoy|estamos|sigo|seguimos) (?:internad[oa]s?|hospitalizad[oa]s?|en (?:el )?(?:hospital|"
    r"urgencias|terapia intensiva))|ya (?:lo |la |los |las )?(?:llevamos|llevaron|llevé|lleve) (?:al|a) (?:hospital|"
    r"urgencias|seguro|imss|issste|doctor|medico)|ya (?:lo |la |los |las )?(?:llevamos|llevaron)(?= *(?:[.,;!]|$))|"
    r"ya (?:esta|estan|estamos|estoy) en (?:el )?(?:hospital|"
    r"urgencias|seguro|imss|issste))"
)


def in_care(text: str | None) -> bool:
    """The person the message is about is being cared for now (in hospital, admitted, seen): no advice to go."""
    return _cared_for(_typed(text))


def _cared_for(said: str) -> bool:
    """`in_care` on a message already normalised ("" for none)."""
    return bool(said and _IN_CARE.search(said)) and not v.LONG_AGO.search(said)


def decide(text: str | None, pending_question: str | None = None, previous_bot: str | None = None) -> Decision:
    """Decide whether `text` is a symptom report that needs urgent-care advice first (see module doc)."""
    raw = (text or "").strip()
    if not raw or raw.startswith("/"):
        return Decision(False, reason="empty or a button payload")
    said = normalise(raw)
    if mentions_crisis(said):  # before anything else, inside a clinic check too
        return Decision(True, sign="thoughts of suicide or self-harm", reason="a crisis", crisis=True)
    if _cared_for(said):
        return Decision(False, question=True, reason="already in care")
    pending = pending_question or pending_from_prompt(previous_bot)
    if pending and _is_button_answer(pending, raw):
        return Decision(False, reason=f"a choice for {pending}")
    sentences = _sentences(said)
    asks = any(q or v.QUESTION_START.match(s) for s, q in sentences)
    treated = False  # an earlier sentence told that a treatment was done ("He injected the cells.")
    for sentence, question_mark in sentences:
        is_question = question_mark or bool(v.QUESTION_START.match(sentence))
        sign = _report_in(sentence, is_question, in_check=bool(pending), treated_before=treated)
        if sign:
            return Decision(True, sign=sign, question=asks, reason="a warning sign someone has now")
        treated = treated or (not is_question and _tells_treatment(sentence))
    return Decision(False, question=asks, reason="no warning sign reported")


def _tells_treatment(sentence: str) -> bool:
    """ "He injected the cells into my back.", "I had my infusion on Monday.": a treatment done to someone."""
    words = v.TOKEN.findall(sentence)
    return (
        any(w in v.TREATMENT_WORDS for w in words)
        and any(w in v.DONE_WORDS for w in words)
        and any(w in v.PERSON_WORDS or w in v.DETERMINERS for w in words)
        and not _long_ago_only(sentence)
    )


def _long_ago_only(sentence: str) -> bool:
    """The sentence puts the treatment long ago and says nothing of now: "I got stem cells two years ago", but not
    "se puso células en la columna hace 3 meses y ahora se le duermen las piernas" (a late sign is news)."""
    ago = v.LONG_AGO.search(sentence)
    return bool(ago) and not v.PRESENT_OVERRIDE.search(sentence, ago.end())


def _report_in(sentence: str, is_question: bool, in_check: bool, treated_before: bool = False) -> str:
    """The warning sign this sentence reports, or "" when it reports none (``treated_before``: an earlier sentence
    of the message told that a treatment was done, which ties a long-standing sign to it)."""
    words = [m.group() for m in v.TOKEN.finditer(sentence)]
    person = any(word in v.PERSON_WORDS for word in words)
    treatment = _tied_to_treatment(words) or (treated_before and not in_check)
    now = bool(v.PRESENT.search(sentence))
    # "I had the injection in my spine 2 days ago and today my legs feel numb": the sentence tells the treatment
    # and how things are now, which ties a long-standing sign to it as an earlier sentence would.
    treatment = treatment or (now and not in_check and _tells_treatment(sentence))
    site = bool(v.SITE.search(sentence))
    # a sentence that states how something is ("the harvest site is bleeding"), not a list of risks
    stated = any(word in v.STATE_WORDS or word.endswith(v.STATE_ENDINGS) for word in words)
    acute = bool(v.ACUTE.search(sentence))
    # "is it normal that my eye is red?", "is fever normal after my injection?", and the bare
    # "is fever normal after stem cell treatment?" (those who ask it often have the fever: review D1);
    # not "are headaches common after intrathecal injections?" (a general question).
    asks_normal = is_question and bool(
        ((v.NORMAL_PHRASE.search(sentence) or v.WORRY_THAT.search(sentence)) and (person or treatment))
        or (sentence.startswith(("is ", "es ")) and v.NORMAL_WORD.search(sentence))
        or v.GOING_AWAY.search(sentence)
    )
    # A question about what to do with a sign after a treatment, or one that tells what happened "and now": the
    # answer starts with urgent care ("what should I do if I have a fever after the infusion?", "has anyone had
    # cells injected in the knee and now it's more painful?").
    what_to_do = (
        is_question
        and _linked_to_treatment(words)
        and bool(v.WHAT_TO_DO.search(sentence))
        and not v.LATER.search(sentence)
    )
    and_now = v.AND_NOW.search(sentence) if is_question else None
    news_from = (
        and_now.end()
        if and_now and any(w in v.TREATMENT_WORDS for w in v.TOKEN.findall(sentence[: and_now.start()]))
        else -1
    )
    over_by_the_end = bool(v.FINE_NOW.search(sentence)) and not treatment
    offset = 0
    for part in v.CLAUSE_BREAK.split(sentence):
        at = sentence.find(part, offset)
        offset = max(offset, at + len(part))
        clause = _Clause(part, asks_what_to_do=what_to_do)
        news = 0 <= news_from <= at and _states_news(part)
        if clause.past or clause.resolved:
            continue
        if (
            over_by_the_end
            and v.HAD_SIGN.search(clause.text)
            and not v.PRESENT_OVERRIDE.search(v.FINE_NOW.sub(" ", clause.text))
        ):
            continue  # "he had a fever last week but it was just the flu, he's fine now"
        episodic = bool(v.EPISODIC.search(clause.text))  # "a veces veo borroso": only tied to a treatment
        for pattern, lasting in ((v.STRONG, False), (v.STRONG_SPANISH, False), (v.CHRONIC, True)):
            for match in pattern.finditer(clause.text):
                if clause.blocked(match.start()) or clause.negated(match.start()):
                    continue
                if clause.tested_for_object(match.start()) or v.TEST_AFTER.match(clause.text, match.end()):
                    continue
                if (lasting and not (treatment or acute or site)) or (episodic and not (treatment or site)):
                    continue
                cause = v.CAUSE_AFTER.match(clause.text, match.end())
                of_illness = bool(cause) and cause.group(1) not in v.TREATMENT_WORDS  # "swollen from arthritis"
                generic = in_check and bool(v.GENERIC_ILLNESS.search(match.group()))  # "my mom is sick"
                if (of_illness or generic) and not (treatment or acute or site):
                    continue
                if in_check and not (person or treatment or (site and stated)):
                    # inside a check an answer names risks and claims; a report names a person, a treatment,
                    # or says how the treated site is ("the knee they injected is hot to the touch")
                    continue
                if is_question:
                    if asks_normal or what_to_do or news or clause.person_before(match.start()):
                        return match.group()
                elif person or treatment or site or now:
                    return match.group()
    return ""


# --- what follows the advice ---------------------------------------------------------------------------
FAQ_AFTER_MIN_CONFIDENCE = 0.5  # below this the selected answer is a guess: the advice stands alone
# Spanish buttons keep the intent payloads: a payload is no text, so it does not flip the conversation's language.
CONTINUE_BUTTONS = {
    "en": [
        {"title": "Continue the check now", "payload": "/resume_check"},
        {"title": "Later", "payload": "/stop_check"},
    ],
    "es": [
        {"title": "Seguir con la revisión ahora", "payload": "/resume_check"},
        {"title": "Más tarde", "payload": "/stop_check"},
    ],
}
_AFTER_IN_CHECK = {
    "en": (
        "Your clinic check is saved. When you are ready, you can continue it now or come back to it later.",
        "The check can wait: your answers are saved. Continue now, or later?",
        "Your health comes first. The check is saved whenever you want to go on with it.",
    ),
    "es": (
        "Su revisión de la clínica quedó guardada. Cuando pueda, puede seguir ahora o retomarla más tarde.",
        "La revisión puede esperar: sus respuestas están guardadas. ¿Sigue ahora o más tarde?",
        "Primero está su salud. La revisión queda guardada para cuando quiera continuarla.",
    ),
}


def after_advice(times_before: int, lang: str = "en") -> tuple[str, list[dict[str, str]]]:
    """What follows urgent advice given during a clinic check: the choice to continue now or later.

    The advice itself is the same every time (it is exempt from the no-repeat rule); this line changes
    with how many times the advice was given before in the conversation. In Spanish when `lang` is "es".
    """
    lines = language.pick(_AFTER_IN_CHECK, lang)
    return lines[times_before % len(lines)], [dict(button) for button in language.pick(CONTINUE_BUTTONS, lang)]


# --- right after the advice: doubts about going -------------------------------------------------------------
# Right after the advice, people ask whether they must go, when, how, what it costs, what to say, or tell what the
# clinic or a nurse said ("can I wait until Monday?", "i dont have insurance tho", "mejor me tomo un paracetamol y
# espero a mañana no?"). Those get the follow-up (`utter_urgent_follow_up`: don't wait, care without insurance, what
# to tell the doctors) instead of a topic menu or "not understood".
# Playing the sign down right after the advice ("lol im fine its just a little red, ill ice it", "no es para tanto"):
# in a check too, where it resumed the questions with no word about the advice (2026-12-01).
_PLAYS_DOWN = re.compile(
    r"\b(?:i'?m fine|im fine|just a (?:little|bit|small)|(?:i'?ll|ill|i will) (?:ice|rest|watch|wait|sleep)"
    r"|is(?:n'?t| not) (?:that|it|this) enough|no (?:es|sea) (?:una )?emergencia|no es para tanto|estoy bien|"
    r"(?:es|fue) poquito|nomas un poco)\b"
)
# Putting care off until they are home: "is it ok to fly home first?", "see my own doc when i get home" (2026-12-02).
# A doubt about going (_CARE_DOUBT) and, inside a check, a word about going (_GOING) alike.
_PUTTING_CARE_OFF = (
    r"fly|flying|flight|(?:go|get|going|getting|drive|driving) (?:back )?home|home first|"
    r"see my (?:own )?(?:doc|doctor|gp)|volar|vuelo|avion|(?:regresar|regreso|llegar|llego) a (?:casa|mi casa)|"
)
_CARE_DOUBT = re.compile(
    r"\b(?:"
    + _PUTTING_CARE_OFF
    + r"wait\w*|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|in the morning|tonight|"
    r"er|e\.r|emergency|hospital|urgent care|ambulance|911|paramedics?|nurse|insurance|insured|afford|cost\w*|"
    r"pay|paying|money|bill|tylenol|paracetamol|acetaminophen|ibuprofen|advil|motrin|aspirin|antibiotics?|"
    r"sleep it off|overreact\w*|that (?:bad|serious)|probably (?:fine|nothing)|should (?:i|we) (?:go|call)|"
    r"do (?:i|we) (?:need|have) to go|what (?:do|should) (?:i|we) (?:tell|say|bring)|tell (?:them|the doctors?)|"
    r"where (?:do|should) (?:i|we) go|which (?:er|hospital)|call (?:the )?clinic|clinic said|they said|"
    r"not answering|don'?t want to go|dont want to go|"
    # "the clinic doctor is coming to see him at 5. isnt that enough?" (2026-12-01), and playing it down (_PLAYS_DOWN)
    r"(?:clinic'?s?|their|the clinic) (?:doctor|doc|nurse)|enough\?|ya tiene (?:dias|semanas)|"
    r"el doctor de la clinica|(?:con )?(?:que|q) (?:doctor|medico|especialista) (?:lo|la|le) llevo|"
    # Spanish, without accents
    r"esper\w*|manana|lunes|martes|miercoles|jueves|viernes|sabado|domingo|al rato|luego|despues|urgencias|"
    r"hospital|ambulancia|enfermera|seguro|cobr\w*|pag\w*|dinero|cuesta|paracetamol|tylenol|ibuprofeno|aspirina|"
    r"antibiotic\w*|me tomo|le doy|no quiero ir|(?:tengo|tenemos|debo|debemos) que ir|hay que ir|"
    r"que (?:les?|le) digo|que (?:les?|le) decimos|a donde (?:voy|vamos)|donde (?:voy|vamos)|no contestan|"
    r"la clinica (?:dice|dijo)|me dijeron|whatsapp|foto)\b"
)


# ... and when the advice stopped a clinic check, a typed message may be the pending question's answer ("they quoted
# 5,000, to pay later"): there, only words about going for care count.
_GOING = re.compile(
    r"\b(?:wait\w*|er|e\.r|emergency|hospital|urgent care|ambulance|911|insurance|what (?:do|should) (?:i|we) tell|"
    + _PUTTING_CARE_OFF
    + r"esper\w*|urgencias|hospital|ambulancia|seguro medico|no tengo seguro|no quiero ir|"
    r"(?:tengo|tenemos|debo|debemos) que ir|hay que ir|que (?:les?|le) (?:digo|decimos))\b"
)


# ... and a message saying they are going ("ok we're going to the ER now, what do we tell them?", "on our way", "ya
# vamos para urgencias"): repeating "please don't wait" to it reads as not listening. It gets a short acknowledgement
# (`utter_urgent_on_the_way`: what to tell the doctors, call 911 if it gets worse) unless it also doubts going.
_ON_THE_WAY = re.compile(
    r"\b(?:on (?:our|my|the) way|"
    # "ok going to the er now, my wife is driving", "ok taking him to the er now" (2026-12-01)
    r"(?:^|(?:ok|okay|alright|yes|fine)[,!.]? )(?:going|heading|driving|leaving|taking (?:him|her|them|my \w+)) "
    r"(?:to (?:the |an? )?(?:er|e\.r|hospital|emergency|urgent care)|now|right now|there|in)|"
    # at the ER, asked what was given: "they're asking what was injected... what do i tell them"
    r"(?:they'?re|they are|the doctors? (?:are|is)|the nurses? (?:are|is)) asking (?:what|me|us|about)|"
    r"(?:me|nos) (?:estan|esta) preguntando (?:que|por)|"
    r"(?:we'?re|we are|i'?m|i am|im) (?:going|heading|driving|leaving|taking "
    r"(?:him|her|them|my \w+)) (?:to (?:the |an? )?(?:er|e\.r|hospital|emergency|urgent care|ambulance)|now|"
    r"right now|there|in)|(?:going|leaving|heading out) (?:right )?now|(?:calling|called|we called|i called) "
    r"(?:911|an ambulance)|ambulance (?:is )?(?:coming|here|on (?:its|the) way)|(?:we'?re|we are|i'?m|i am|im) "
    r"(?:at|in) the (?:er|e\.r|hospital|emergency\w*)|(?:ok|okay|alright|yes),? (?:we'?ll|i'?ll|we will|i will) "
    r"go\b|"
    # Spanish, without accents
    r"ya (?:vamos|voy|nos vamos|me voy|salimos|lo llevo|la llevo|lo llevamos|la llevamos)|vamos (?:para|a) "
    r"(?:alla|urgencias|el hospital)|(?:voy|vamos) (?:en camino|para alla)|estamos en (?:urgencias|el hospital)|"
    r"(?:llame|llamamos|estoy llamando|estamos llamando) al 911|viene la ambulancia|(?:ok|va|sale|esta bien|si),? "
    r"(?:ya )?(?:vamos|voy)\b|"
    # already there: "ya lo están atendiendo", "they're seeing her now"
    r"(?:ya )?(?:lo|la|los|nos|me) (?:estan|esta) (?:viendo|atendiendo|revisando)|(?:they'?re|they are|the doctors? "
    r"(?:are|is)) (?:seeing|checking|treating|looking at) (?:him|her|them|me|us))"
)
_STILL_DOUBTS = re.compile(
    r"\b(?:wait\w*|tomorrow|later|not|n'?t|insurance|afford|pay|cost\w*|tylenol|paracetamol|ibuprofen|"
    r"esper\w*|manana|luego|despues|seguro|cobr\w*|pag\w*|no)\b"
)


def _typed(text: str | None) -> str:
    """The message normalised, or "" for an empty one or a button payload (never a doubt or "on our way")."""
    raw = (text or "").strip()
    return "" if not raw or raw.startswith("/") else normalise(raw)


def on_the_way(text: str | None) -> bool:
    """A message saying they are going for care now, with no doubt about it (see _ON_THE_WAY)."""
    said = _typed(text)
    return bool(said and _ON_THE_WAY.search(said)) and not _STILL_DOUBTS.search(said)


def doubts_going(text: str | None, answering: bool = False) -> bool:
    """A message that doubts or asks about going for care (see _CARE_DOUBT; `answering`: the advice stopped a
    clinic check, so only _GOING counts); components/urgent_policy.py asks this only right after the urgent advice.
    A button payload is never one."""
    said = _typed(text)
    if not said:
        return False
    doubt = (_GOING if answering else _CARE_DOUBT).search(said) or _PLAYS_DOWN.search(said)
    return bool(doubt) and not _cared_for(said)


# A message typed after urgent advice given during a clinic check, instead of pressing "Continue the check
# now" or "Later": these intents have their own handling (pause, start over, small talk, a new check);
# "yes"/"ok"/"no" and the button mean "continue now" (asked plainly: "ok" is no answer to a yes/no question);
# anything else is read as the answer to the pending question, so the typed answer is not lost.
LEFT_TO_THE_DIALOGUE = frozenset(
    "stop_check restart_conversation delete_my_data show_report correct_answer choose_correction greet goodbye "
    "thank start_clinic_check check_clinic_text report_symptoms bot_challenge".split()
)
JUST_CONTINUE = frozenset("resume_check affirm deny".split())
CONTINUE, ANSWER = "continue", "answer"


# "ya se me pasó joven, fue un ratito nomás, sigamos": a short message that says to go on is no answer (it was
# recorded as "yes" to the pending question, 2026-12-02).
_GO_ON = re.compile(
    r"\b(?:sigamos|sigamosle|continuemos|sigale|continue|continua|continuar|seguir|"
    r"let'?s (?:go on|continue|keep going)|"
    r"keep going|go on|carry on|move on)\b"
)


def typed_after_advice(intent: str | None, text: str | None) -> str | None:
    """After urgent advice in a check: CONTINUE (ask the pending question again), ANSWER (read this message
    as its answer), or None (another intent that the dialogue handles itself)."""
    if intent in LEFT_TO_THE_DIALOGUE or decide(text).urgent:
        return None
    if intent in JUST_CONTINUE or (text or "").lstrip().startswith("/"):
        return CONTINUE
    said = _typed(text)
    if said and len(said.split()) <= 14 and _GO_ON.search(said):
        return CONTINUE
    return ANSWER


# Answers that make sense right after urgent advice; a report also pulls the ResponseSelector towards
# unrelated topics ("my mom is burning up" -> certificate_of_analysis), which are better left out.
FAQ_AFTER_TOPICS = frozenset(
    "faq/side_effects faq/warning_signs faq/infection faq/serious_harms faq/report_harm faq/rejection "
    "faq/tumours faq/routes".split()
)


def faq_after(decision: Decision, faq_key: str | None, confidence: float | None) -> str | None:
    """The FAQ response to give after the advice ("is fever normal after my injection?" gets its answer)."""
    if not (decision.urgent and decision.question and faq_key in FAQ_AFTER_TOPICS):
        return None
    if (confidence or 0.0) < FAQ_AFTER_MIN_CONFIDENCE:
        return None
    return f"utter_{faq_key}"
