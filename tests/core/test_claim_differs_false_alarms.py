"""``differs`` names a figure, date or name only where the two fragments disagree: never a
spelling, an abbreviation, a number written out, an initial or a verb that looks like a month,
and a figure of several words is named whole."""

from __future__ import annotations

import pytest

from diptych.core.compare.claims import claim_differs
from diptych.core.compare.claims.fragments import core_and_diff


def _differs(x: str, y: str) -> tuple[tuple[str, str], ...]:
    return claim_differs(core_and_diff(x, y, {})[1])


@pytest.mark.parametrize(
    ("x", "y"),
    [
        # the translation set: "may" the verb is no month
        (
            "that every tongue should confess that Jesus Christ is Lord",
            "that every tongue may give witness that Jesus Christ is Lord",
        ),
        (
            "May the protests end soon, the bishop said.",
            "Let the protests end soon, the bishop said.",
        ),
        # the translation set: one name, two spellings
        ("He went down from Judæa to Cæsarea.", "He went down from Judaea to Caesarea."),
        ("Hugo Chavez was elected in 1998.", "Hugo Chávez was elected in 1998."),
        ("They took Joseph’s coat to their father.", "They took Joseph's coat to their father."),
        # one date, written two ways; a weekday one side adds to it
        (
            "Morales resigned on November 10 after the army chief spoke.",
            "Morales resigned on Nov. 10 after the army chief spoke.",
        ),
        ("The vote was held on Sunday, October 20.", "The vote was held on Oct. 20."),
        # one number, written two ways
        ("Two soldiers were killed in the attack.", "2 soldiers were killed in the attack."),
        ("He served 14 years as president.", "He served fourteen years as president."),
        ("The crowd numbered twenty-five thousand.", "The crowd numbered 25,000."),
        ("Half a billion people watched.", "Five hundred million people watched."),
        # an initial and the name it stands for
        (
            "The report by J. R. Smith found the dam unsafe.",
            "The report by John Smith found the dam unsafe.",
        ),
        # a headline in capitals names no one by its capitals
        ("GUARDS HELD PETER", "Guards held Simon Peter"),
    ],
)
def test_no_false_alarm(x: str, y: str) -> None:
    assert _differs(x, y) == ()


def test_a_figure_of_several_words_is_named_whole() -> None:
    # the Apollo 11 pair: "Half billion" (and "six, half" in the listing) before
    x = "And an estimated 600 million people around the world watched the grainy pictures."
    y = "Half a billion people watched on television."
    assert _differs(x, y) == (("600 million", "Half a billion"),)
    x = "About six and a half hours later, Armstrong climbed down the ladder."
    y = "Armstrong stepped off the ladder hours later."
    assert _differs(x[: x.index(",")], y) == (("six and a half", ""),)
    x = "The crowd of 70,000 people marched to the square."
    y = "A crowd of 50,000 people marched to the square."
    assert _differs(x, y) == (("70,000", "50,000"),)  # not "70" / "50"
    x = "The strike began at 4:30 in the morning."
    y = "The strike began at 5:30 in the morning."
    assert _differs(x, y) == (("4:30", "5:30"),)


def test_real_differences_are_still_named() -> None:
    # a figure the other side gives for something else is no excuse
    x = "Police said 2 people died and 2 were hurt."
    y = "Police said 2 people died and 5 were hurt."
    assert _differs(x, y) == (("2", "5"),)
    # a month is a stop word ("may") but still a date
    x = "The envoy met Camacho in May."
    y = "The envoy met Camacho in June."
    assert _differs(x, y) == (("May", "June"),)
    x = "The report by J. R. Smith found the dam unsafe."
    y = "The report by Jane Doe found the dam unsafe."
    assert _differs(x, y) == (("J. R. Smith", "Jane Doe"),)


def test_a_capital_on_a_word_the_articles_also_write_in_lower_case_is_no_name() -> None:
    # the translation set: "the word of God" / "the word of the Lord", where "a god" is written
    x = "But the word of God grew and multiplied."
    y = "But the word of the Lord went on increasing."
    # ("the Lord" is a title; "God" read as a person's name, as if either article had named it
    # after a title: only names of one kind are compared)
    y = "But the word of Jehovah went on increasing."
    diff = core_and_diff(x, y, {})[1]
    persons = {"god", "jehovah"}
    assert claim_differs(diff, persons=persons) == (("God", "Jehovah"),)  # no article to tell
    assert claim_differs(diff, lower_case={"god"}, persons=persons) == ()
    # beside another capitalised word it is part of a name
    x = "The prize went to Rich Marsden on Monday."
    y = "The prize went to Jane Doe on Monday."
    diff = core_and_diff(x, y, {})[1]
    assert claim_differs(diff, lower_case={"rich"}) == (("Rich Marsden", "Jane Doe"),)


def test_find_claims_tells_differs_the_words_written_in_lower_case() -> None:
    from diptych.core.compare.claims.find import find_claims
    from diptych.core.reading.articles import article_from_text

    story = [
        "And the people shouted, saying, The voice of a god, and not of a man.",
        "Rain fell over the valley through the night.",
        "Bakers sold bread at dawn in the old market.",
    ]
    a = article_from_text("\n\n".join([*story, "But the word of God grew and multiplied."]), "text")
    b = article_from_text(
        "\n\n".join([*story, "But the word of the Lord grew and multiplied."]), "text"
    )
    claim = next(c for c in find_claims(a, b, min_score=0.0).claims if "God" in a.span_text(c.a))
    assert claim.differs == ()
