"""More ways of writing one name that are no difference: a given name and its short form
("Timothy" / "Tim", from the ``nicknames`` dataset), a plural or a possessive written without
its apostrophe ("Turk" / "Turks", "Ragusas" / "Ragusa's"), a name of five letters or more
spelled a letter apart or with two letters swapped ("Ahmad" / "Ahmed", "Jeffrey" / "Jeffery"),
a country and its demonym or short name ("United States" / "American", "UK" / "Britain", from
the ``countryinfo`` dataset), and a name one side adds to a list that holds the name both give
("Times Square in New York" / "Houston, New York and London"). Other names still differ.

The "same" cases are sentences of the paraphrase documents (MSRP training split) and of our
Apollo 11 pair, where each was shown as a difference."""

from __future__ import annotations

import pytest

from helpers.differs import Everyone, differs_of


def _differs(x: str, y: str) -> tuple[tuple[str, str], ...]:
    return differs_of(x, y, persons=Everyone())


@pytest.mark.parametrize(
    ("x", "y"),
    [
        # a given name and its short form
        (
            '"This decision is clearly incorrect," FTC Chairman Timothy Muris said in a written'
            " statement.",
            'The decision is "clearly incorrect," FTC Chairman Tim Muris said.',
        ),
        (
            '"We haven\'t decided whether to use an unbroken or dotted white line," said David'
            " Richardson, the ICC's cricket manager.",
            '"We haven\'t decided whether to use an unbroken or dotted white line," said Dave'
            " Richardson, the ICC's cricket manager.",
        ),
        # a plural, and a possessive without its apostrophe
        (
            "Warnings were posted for Haiti, the southeastern Bahamas and the Turk and Caicos"
            " islands.",
            "Warnings were in place for Haiti, the southeastern Bahamas and the Turks and Caicos"
            " islands.",
        ),
        (
            "The ambassador said it was up to the Americans to press the Iraqis to make the"
            " invitation.",
            "The ambassador said it was up to the Americans to press the Iraqi council to make the"
            " invitation.",
        ),
        (
            "Hu became the Communist Partys general secretary in November last year.",
            "Hu became the Communist Party's general secretary in November last year.",
        ),
        # five letters or more, a letter apart or two swapped
        (
            "Al Qaeda, the terror network led by Osama bin Laden, has been linked to both cases.",
            "Al-Qaida, the terror network led by Osama bin Laden, has been linked to both cases.",
        ),
        (
            "In Damascus, Syrian Information Minister Ahmad al-Hassan called the charges"
            ' "baseless".',
            "In Damascus, Syrian Information Minister Ahmed al-Hassan called the charges"
            ' "baseless".',
        ),
        (
            "The caretaker, identified by church officials as Jorge Manzon, was believed to be"
            " among the missing.",
            "The caretaker, identified by church officials as Jorge Monzon, was believed to be"
            " among the missing.",
        ),
        (
            "General Jeffrey said he would donate his military pension to charity.",
            "General Jeffery said he would donate his military pension to charity.",
        ),
        # a country, its demonym and its short names
        (
            "Stollwerck makes chocolate products not sold in the United States.",
            "Stollwerck makes chocolate products unknown to the American market.",
        ),
        (
            "SSE would sell the assets to fellow British utility International Power Plc for 21"
            " million pounds.",
            "SSE will sell the assets to fellow UK utility International Power Plc for 21 million"
            " pounds.",
        ),
        (
            "Campaigners are using the eclipse to highlight light pollution across the UK.",
            "Campaigners used the eclipse to highlight light pollution across Britain.",
        ),
        # a name one side adds to a list holding the name both give (our Apollo 11 pair)
        (
            "Crowds gathered in Times Square in New York to watch the broadcast on giant screens"
            " despite a light rain.",
            "Crowds in Houston, New York and London stayed up through the night to follow the"
            " pictures.",
        ),
    ],
)
def test_one_name_written_another_way_is_no_difference(x: str, y: str) -> None:
    assert _differs(x, y) == ()


@pytest.mark.parametrize(
    ("x", "y", "said"),
    [
        # short names a letter apart, names a letter apart at the end, names that begin alike
        (
            "The envoy flew to Iran on Monday.",
            "The envoy flew to Iraq on Monday.",
            ("Iran", "Iraq"),
        ),
        (
            "The statement was issued by Hamas on Monday.",
            "The statement was issued by Hamad on Monday.",
            ("Hamas", "Hamad"),
        ),
        (
            "The envoy flew to Niger on Monday.",
            "The envoy flew to Nigeria on Monday.",
            ("Niger", "Nigeria"),
        ),
        # two countries, two demonyms
        (
            "The deal was signed by the U.S. envoy on Monday.",
            "The deal was signed by the UK envoy on Monday.",
            ("U.S.", "UK"),
        ),
        (
            "The deal was signed by an American envoy on Monday.",
            "The deal was signed by a British envoy on Monday.",
            ("American", "British"),
        ),
        # two given names of different people
        (
            "The bill was backed by Senator Robert Jones yesterday.",
            "The bill was backed by Senator Thomas Jones yesterday.",
            ("Robert", "Thomas"),
        ),
        # one member of a list against another in the same place
        (
            "Crowds in Paris, New York and London stayed up through the night.",
            "Crowds in Houston, New York and London stayed up through the night.",
            ("Paris", "Houston"),
        ),
        # a city in a country, not a list
        (
            "The meeting was held in Paris, France, on Monday.",
            "The meeting was held in Lyon in France on Monday.",
            ("Paris", "Lyon"),
        ),
    ],
)
def test_other_names_still_differ(x: str, y: str, said: tuple[str, str]) -> None:
    assert _differs(x, y) == (said,)
