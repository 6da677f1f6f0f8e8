"""The report's title: the clinic's name and place as typed, without the asides typed with them."""

from __future__ import annotations


def test_the_title_leaves_out_asides_typed_with_the_name_or_place() -> None:
    """'Regenera Vida (tijuana like i said)' and 'STEM CELL INSTITUTE I THINK' headed reports (exploratory sessions,
    2026-12-02); the answers table still shows what was typed."""
    from bot.report import label_part

    assert label_part("tijuana like i said", place=True) == "tijuana"
    assert label_part("ya le dije, en tijuana", place=True) == "tijuana"
    assert label_part("STEM CELL INSTITUTE I THINK") == "STEM CELL INSTITUTE"
    assert label_part("In Vitro Clinic") == "In Vitro Clinic"
    assert label_part("i think") == "i think"  # nothing else typed: kept as it is
