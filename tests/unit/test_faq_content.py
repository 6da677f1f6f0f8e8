"""Every safety answer meets StemSafe's content rules, and every topic has training and test data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot import approved
from bot.conditions import load_cards
from bot.countries import REGULATORS
from bot.input_check import mentions_domain
from bot.knowledge import Answer, content_problems, load_answers, load_sources

ROOT = Path(__file__).resolve().parents[2]
# Topics added with issue 10 (keys shared with the real-question sets and the ask-back buttons).
NEW_TOPICS = set(
    "does_it_work will_it_work_for_me proven_treatments warning_signs same_day_procedure state_laws find_trial "
    "future_care exosomes prp_bmac children mexico_complaints cord_blood_banking paying homing_claims "
    "anti_ageing approved_elsewhere routes".split()
) | {
    "transplant_care",  # recovery after a real blood stem cell transplant (2026-11-30)
    "stem_cell_donation",  # giving blood stem cells or marrow to a patient (2026-12-01)
}
REQUIRED_TOPICS = NEW_TOPICS | {
    "rejection",
    "infection",
    "donor_vs_own",
    "tumours",
    "side_effects",
    "serious_harms",
    "what_are_mscs",
    "cell_sources",
    "fda_approved",
    "section_361_351",
    "approved_meaning",
    "cofepris_licences",
    "mexico_legal",
    "verify_cedula",
    "notice_numbers",
    "certificate_of_analysis",
    "ethics_committee",
    "clinicaltrials_listing",
    "testimonials",
    "evidence_knee",
    "evidence_back",
    "evidence_autism",
    "evidence_als",
    "evidence_ms",
    "cost_abroad",
    "medical_tourism",
    "red_flags",
    "questions_to_ask",
    "report_harm",
    "second_thoughts",
}
ANSWERS = load_answers()
SOURCES = load_sources()


def _examples(path: Path) -> dict[str, list[str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}
    for block in data.get("nlu", []):
        lines = [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
        found.setdefault(block["intent"], []).extend(lines)
    return found


def test_every_required_topic_has_an_answer() -> None:
    assert REQUIRED_TOPICS <= set(ANSWERS), REQUIRED_TOPICS - set(ANSWERS)


@pytest.mark.parametrize("topic", sorted(ANSWERS))
def test_answer_meets_content_rules(topic: str) -> None:
    # Length, wording, unconfirmed figures, and every cited source is an entry of docs/sources.md.
    assert content_problems(ANSWERS[topic]) == []


def test_rules_catch_a_bad_answer() -> None:
    bad = Answer("x", "Donor cells are safe and guaranteed, 334 events were recorded. " * 2, "Source: a blog; Pew 2022")
    problems = content_problems(bad)
    assert any("words" in p for p in problems)
    assert any("forbidden" in p for p in problems)
    assert any("334" in p for p in problems)
    assert any("'a blog'" in p and "not in docs/sources.md" in p for p in problems)
    assert not any("'Pew 2022'" in p for p in problems)  # a listed source passes
    assert any("several sources" in p for p in problems)


def test_hard_reading_fails_and_plain_reading_passes() -> None:
    hard = (
        "Autologous mesenchymal stromal cell preparations administered intra-articularly demonstrated "
        "statistically indistinguishable symptomatic amelioration relative to corticosteroid comparators "
        "notwithstanding considerable heterogeneity in manufacturing characteristics and methodological quality. "
    ) * 3
    plain = "Ask the clinic for the study. Read it with your own doctor. Do not pay before you know. " * 4
    assert any("reads at grade" in p for p in content_problems(Answer("x", hard, "Source: Pew 2022")))
    assert not any("reads at grade" in p for p in content_problems(Answer("x", plain, "Source: Pew 2022")))


def test_a_list_is_graded_item_by_item() -> None:
    # Without an end mark each list item would run into the next and read as one long sentence.
    items = tuple(f"- ask who made the cells and how they were tested, number {n}" for n in range(8))
    listed = Answer("x", " ".join(items), "Source: Pew 2022", lines=items)
    assert listed.grade < Answer("x", " ".join(items), "Source: Pew 2022").grade - 5


@pytest.mark.parametrize("topic", ["side_effects", "infection", "warning_signs", "routes"])
def test_answers_about_fever_and_infection_say_when_to_get_urgent_care(topic: str) -> None:
    text = ANSWERS[topic].text
    assert "911" in text and "fever" in text.lower()


def test_no_answer_calls_fever_expected_or_normal() -> None:
    for item in ANSWERS.values():
        for sentence in re.split(r"(?<=[.!?])\s+", item.body):
            if "fever" in sentence.lower():
                assert not re.search(r"\b(expected|normal|nothing to worry)\b", sentence, re.I), (item.topic, sentence)


def test_a_source_removed_from_the_file_fails_the_answers_that_cite_it() -> None:
    item = ANSWERS["infection"]
    without = {name: entry for name, entry in SOURCES.items() if name != "CDC MMWR 2024"}
    assert "CDC MMWR 2024" in item.cited
    assert content_problems(item, without) == ["cites 'CDC MMWR 2024', which is not in docs/sources.md"]


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_source_entry_says_what_where_and_when(name: str) -> None:
    entry = SOURCES[name]
    assert re.search(r"^- Says: \S", entry, re.M), f"{name}: no 'Says:' line"
    assert re.search(r"^- URL: https?://\S+", entry, re.M), f"{name}: no URL"
    assert re.search(r"^- Checked: 20\d\d-\d\d-\d\d", entry, re.M), f"{name}: no date checked"


def _cited_by_domain_responses() -> set[str]:
    """Source ids named on the last line ("Sources: a; b") of the domain's English responses."""
    names: set[str] = set()
    for path in sorted((ROOT / "domain").glob("*.yml")):
        for variants in (yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}).values():
            for variant in variants:
                last = (variant.get("text") or "").strip().splitlines()[-1:] if not variant.get("condition") else []
                if last and re.match(r"Sources?:", last[0]):
                    names |= {name.strip() for name in last[0].split(":", 1)[1].split(";")}
    return names


def test_every_source_in_the_file_backs_some_answer() -> None:
    cited = {name for item in ANSWERS.values() for name in item.cited}
    cited |= {name for card in load_cards().values() for name in card.sources}  # condition cards
    cited |= {product.source for product in approved.products()}  # the approved-products list
    # The clinic check's country paths (bot/countries.py) cite entries of the same file.
    cited |= {name for regulator in REGULATORS.values() for name in regulator.sources.split("; ")}
    cited |= _cited_by_domain_responses()  # e.g. the crisis lines (domain/urgent.yml, utter_crisis)
    unused = sorted(set(SOURCES) - cited)
    assert not unused, f"entries no answer cites (cite them or remove them): {unused}"


def test_seed_overclaim_is_corrected() -> None:
    # Seeds claim donor cells are never rejected; the answer must say it can happen, with a source.
    text = ANSWERS["rejection"].text.lower()
    assert "can happen" in text and "11.5%" in text and "never rejected" in text


def test_answers_do_not_copy_seed_sentences() -> None:
    seeds = " ".join(p.read_text(encoding="utf-8") for p in (ROOT.parent / "shared" / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("../shared/seeds not present")
    seed_norm = re.sub(r"\s+", " ", seeds.lower())
    for item in ANSWERS.values():
        words = item.body.lower().split()
        for i in range(len(words) - 11):
            chunk = " ".join(words[i : i + 12])
            assert chunk not in seed_norm, f"{item.topic} copies a seed sentence: {chunk!r}"


def test_every_topic_has_training_holdout_and_story_data() -> None:
    training = _examples(ROOT / "data" / "faq.yml")
    holdout = _examples(ROOT / "tests" / "nlu_holdout.yml")
    stories = (ROOT / "tests" / "stories" / "test_faq.yml").read_text(encoding="utf-8")
    train_texts = {t.lower() for texts in training.values() for t in texts}
    for topic in ANSWERS:
        assert len(training.get(f"faq/{topic}", [])) >= (12 if topic in NEW_TOPICS else 7), topic
        assert holdout.get(f"faq/{topic}"), f"no held-out example for {topic}"
        assert f"intent: faq/{topic}\n" in stories, f"no test story for {topic}"
    for texts in holdout.values():
        for text in texts:
            assert text.lower() not in train_texts, f"held-out example is in training data: {text}"


def test_domain_check_lets_every_faq_example_through_and_stops_far_off_questions() -> None:
    for path in (*sorted((ROOT / "data").glob("faq*.yml")), ROOT / "tests" / "nlu_holdout.yml"):
        for intent, texts in _examples(path).items():
            if intent.startswith("faq/"):
                blocked = [t for t in texts if not mentions_domain(t)]
                assert not blocked, f"{path.name}: the guard would refuse {blocked}"
    off_topic = _examples(ROOT / "data" / "nlu.yml")["out_of_scope"]
    share_blocked = sum(not mentions_domain(t) for t in off_topic) / len(off_topic)
    assert share_blocked > 0.7
