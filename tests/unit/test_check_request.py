"""Only a request to check, vet or verify a clinic starts the clinic check (bot/check_request.py and the NLU
guard components/check_request_guard.py); a question about a treatment is answered, even when it names a
clinic. The phrasings here are our own (the clinic scenarios' openings are played end to end by
tests/e2e/test_scenarios.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.check_request import asks_to_check
from components.check_request_guard import NEXT_BEST, START, CheckRequestGuard

ROOT = Path(__file__).resolve().parent.parent.parent

REQUESTS = [
    "my uncle's doctor in Reno sells stem cell drips for his lungs. could you check him out?",
    "There is a center in Tijuana that wants to treat my daughter. Please help me look into them.",
    "a wellness clinic offers my mom cord cells for her hips, can u check it pls",
    "is this place legit?",
    "Are these guys for real?",
    "I want to vet the hospital they picked, properly",
    "they're charging $20k for an IV of stem cells in Nassau. can you check?",
    "check this one for me",
    "would you mind checking a practice in Denver?",
    "Is there any way to check this clinic before we pay?",
    "can you help me figure out if this clinic in Puebla is legitimate",
    "I'd like to check out a regenerative centre in Phoenix",
    "a nurse offered stem cells for my knee in her spa. verify them please",
    "could you go through this centre with me?",
    "my aunt picked a hospital in Lima. how do we vet the hospital?",
    "I'd like to check Vitalis in Merida before paying",
    # Asking about one provider by name or by pointing at it, as patients ask other patients.
    "Is Vitacell legit?",
    "has anyone been to BioRenew Panama?",
    "What do you think of the clinic in Rosarito?",
    "any reviews of that center in Nassau",
    "Should I trust this clinic?",
    "a clinic on facebook offers cord cells for $4,000, is that legit?",
    "How can Vitacell claim it cures MS?",
    "Is Cellular Renewal Institute reputable?",
]
QUESTIONS = [
    "are stem cell shots in the hip safe?",
    "can I get a refund from a clinic in Cancun after it went wrong?",
    "How do I check a Mexican doctor's cedula?",
    "how do I vet a stem cell provider",
    "Is stem cell therapy legit?",
    "are the stem cell clinics in Mexico legal?",
    "Is a clinic in Mexico safe?",
    "is a stem cell center abroad legit",
    "can you check my rash, it appeared after the injection",
    "can you check if stem cells help with autism?",
    "what should I ask a clinic before I pay?",
    "I want stem cells for my memory and my joints",
    "Is PRP the same as stem cells?",
    "I want to look at clinical trials for ALS",
    "continue my clinic check",
    "what did the clinic check find",
    "how can I check a stem cell clinic is licensed?",
    "I'd like to check the evidence first",
    "can you check whether my insurance pays?",
    # A treatment, product or place by name is not a provider; nor is a claim a doctor repeated.
    "Is Stem Cell Therapy Legit?",
    "Is Exosome Therapy a Scam?",
    "Is Wharton's Jelly legit?",
    "What do you think of Ryoncil?",
    "Are Mexico clinics accredited?",
    "what do you think about going to a clinic in Mexico for stem cells?",
    "What do you think about the doctor's advice?",
    "my doctor says stem cells might help, is that legit?",
    "Has anyone been to Mexico for stem cells?",
    "Is it legit?",
]


SPANISH_REQUESTS = [
    "¿es confiable esto?",  # a strong trust word: about the provider just named
    "ok quiero hacer el chequeo de la clinica de panama",  # got "not understood" (2026-12-01)
    "quiero revisar una clínica",
    "¿esta clínica de Tijuana es confiable?",
    "quiero verificar una clínica en Cancún antes de pagar",
    "encontré un doctor que pone células para la rodilla, ¿me ayuda a verificarlo?",
    "¿es confiable este centro de Monterrey?",
    "mi tía ya apartó lugar en un hospital de Guadalajara, lo puede revisar?",
    "checa esta clínica por favor",
    "¿es legítima?",
    "¿puedo confiar en este médico?",
    "¿cómo puedo verificar esta clínica?",
    "empezar la revisión de una clínica",
    "¿Qué opinan de la clínica de Rosarito?",
    "¿alguien conoce este centro de Mérida?",
    "¿Es confiable Vitacell?",
]
SPANISH_QUESTIONS = [
    "es real eso de las celulas madre o nomas es moda",  # a weak trust word before "eso": about the treatment
    "quiero hacer un chequeo medico antes del tratamiento",
    "¿es legal esto de las inyecciones en la rodilla?",
    "¿las inyecciones en la rodilla son seguras?",
    "¿me pueden devolver mi dinero?",
    "¿me pueden devolver mi dinero si la clínica de Tijuana no cumplió?",
    "¿cómo verifico la cédula de un médico?",
    "¿cómo reviso una clínica?",
    "¿cómo reviso yo mismo si la clínica es confiable?",
    "¿puede revisar mis síntomas? tengo fiebre desde la inyección",
    "quiero revisar si las células madre sirven para el autismo",
    "¿las clínicas de células madre en Tijuana son legales?",
    "¿la terapia con células madre es real?",
    "continuar mi revisión",
    "¿qué opinan de las células madre?",
    "¿Es confiable la terapia con células madre?",
]


@pytest.mark.parametrize("text", SPANISH_REQUESTS)
def test_a_spanish_request_to_check_a_clinic_is_one(text: str) -> None:
    assert asks_to_check(text)


@pytest.mark.parametrize("text", SPANISH_QUESTIONS)
def test_a_spanish_question_about_a_treatment_is_not(text: str) -> None:
    assert not asks_to_check(text)


@pytest.mark.parametrize("text", REQUESTS)
def test_a_request_to_check_a_clinic_is_one(text: str) -> None:
    assert asks_to_check(text)


@pytest.mark.parametrize("text", QUESTIONS)
def test_a_question_about_a_treatment_is_not(text: str) -> None:
    assert not asks_to_check(text)


def _examples(path: Path) -> dict[str, list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}
    for block in data.get("nlu") or []:
        if "intent" not in block:  # lookup tables, synonyms
            continue
        for line in (block.get("examples") or "").splitlines():
            if line.strip().startswith("- "):
                text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.strip()[2:])
                found.setdefault(block["intent"], []).append(text)
    return found


def test_the_training_data_agrees_with_the_rule() -> None:
    """Every start_clinic_check example is a request; no FAQ or command example is one."""
    examples: dict[str, list[str]] = {}
    for path in sorted((ROOT / "data").glob("*.yml")):
        for intent, texts in _examples(path).items():
            examples.setdefault(intent, []).extend(texts)
    assert all(asks_to_check(t) for t in examples["start_clinic_check"])
    others = [(i, t) for i, ts in examples.items() if i != "start_clinic_check" for t in ts if asks_to_check(t)]
    assert others == []


def test_the_held_out_set_agrees_with_the_rule() -> None:
    examples = _examples(ROOT / "tests" / "nlu_holdout.yml")
    assert all(asks_to_check(t) for t in examples.get("start_clinic_check", []))
    others = [(i, t) for i, ts in examples.items() if i != "start_clinic_check" for t in ts if asks_to_check(t)]
    assert others == []


def guarded(text: str, ranking: list[tuple[str, float]]) -> str:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": ranking[0][0], "confidence": ranking[0][1]})
    message.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in ranking])
    CheckRequestGuard().process([message])
    return message.get(INTENT)["name"]


def test_the_guard_starts_the_check_only_when_asked() -> None:
    request = "my dad found a stem cell clinic in Panama for his MS. can you check them?"
    assert CheckRequestGuard.override_for(request, "faq") == START
    assert guarded(request, [("faq", 0.9), ("start_clinic_check", 0.05)]) == "start_clinic_check"
    question = "are stem cell injections in the knee risky?"
    assert CheckRequestGuard.override_for(question, "start_clinic_check") == NEXT_BEST
    assert guarded(question, [("start_clinic_check", 0.6), ("faq", 0.5)]) == "faq"
    # A weak second guess becomes nlu_fallback (then the ask-back or the kind refusal), never a guess.
    assert guarded(question, [("start_clinic_check", 0.6), ("faq", 0.2)]) == "nlu_fallback"


def test_the_guard_leaves_urgent_care_commands_payloads_and_unusable_input_alone() -> None:
    assert CheckRequestGuard.override_for("I have a fever since the injection, check it", "report_symptoms") is None
    assert CheckRequestGuard.override_for("/start_clinic_check", "start_clinic_check") is None
    assert CheckRequestGuard.override_for("continue my clinic check", "resume_check") is None
    assert CheckRequestGuard.override_for("x" * 2000 + " can you check it", "nlu_fallback") is None
    assert CheckRequestGuard.override_for("pouvez-vous vérifier cette clinique, s'il vous plaît ?", "faq") is None


def test_the_guard_reads_spanish_both_ways() -> None:
    assert CheckRequestGuard.override_for("¿puedes revisar esta clínica?", "nlu_fallback") == START
    assert CheckRequestGuard.override_for(
        "¿las inyecciones de células en la rodilla son seguras?", "start_clinic_check"
    ) == (NEXT_BEST)


def test_the_guard_runs_after_the_input_guard() -> None:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    names = [c["name"] for c in config["pipeline"]]
    assert names.index("components.check_request_guard.CheckRequestGuard") == (
        names.index("components.input_guard.InputGuard") + 1
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # exploratory sessions (2026-12-01): the first lost "Instituto", the second was not found
        ("quiero checar el Instituto Celular de Occidente en Guadalajara", "Instituto Celular de Occidente"),
        ("can you check the Stem Cell Institute in Panama City?", "Stem Cell Institute"),
        ("la clínica BioRegen en Tijuana", "BioRegen"),
        ("check the clinic in Cancun", None),
    ],
)
def test_the_clinic_s_name_in_a_request_keeps_its_own_clinic_word(text: str, name: str | None) -> None:
    from bot.check_request import clinic_named_in

    assert clinic_named_in(text) == name
