"""Where a claim's shared fragment (core) starts and ends: never inside a figure, a bracketed
aside or a quotation (the reader sees the core tinted darker, and the diff is computed on it)."""

from __future__ import annotations

from diptych.core.compare.claims.fragments import claim_core


def _cores(x: str, y: str) -> tuple[str, str]:
    core = claim_core(x, y, {})
    return x[core.a[0] : core.a[1]], y[core.b[0] : core.b[1]]


def test_a_time_is_not_cut_at_its_colon() -> None:
    # the Apollo 11 pair: the core started at "17 in the afternoon"
    x = (
        "The lunar module Eagle, carrying Neil Armstrong and Edwin Aldrin, touched down in the "
        "Sea of Tranquility at 4:17 in the afternoon, Houston time."
    )
    y = "Their lander, Eagle, came down in the Mare Tranquillitatis shortly after four in the afternoon in Houston."
    core_x, _ = _cores(x, y)
    assert core_x.startswith("touched down in the Sea of Tranquility at 4:17")


def test_a_figure_is_not_cut_at_its_thousands_comma() -> None:
    x = "Organisers counted 70,000 marchers in the capital, the police far fewer."
    y = "Organisers counted 70 buses."
    core_x, _ = _cores(x, y)
    assert core_x == "Organisers counted 70,000 marchers in the capital"


def test_a_bracketed_aside_belongs_to_the_clause_around_it() -> None:
    # the seed pair: the core started at "party, as well as ..." after "(MAS)"
    x = (
        "They carried out violent assaults against those linked to Morales's Movement toward "
        "Socialism (MAS) party, as well as targeting indigenous people, especially women."
    )
    y = "Supporters of the MAS party were assaulted."
    core_x, _ = _cores(x, y)
    assert core_x.startswith("They carried out violent assaults")
    assert "(MAS) party" in core_x
    x = "The group (founded in 1990, in Paris) said that the dam was unsafe, and left."
    y = "The group said that the dam was unsafe."
    assert _cores(x, y)[0] == "The group (founded in 1990, in Paris) said that the dam was unsafe"


def test_the_brackets_around_the_core_still_bound_it() -> None:
    x = "The coup against Chavez (prematurely celebrated by the Times, which later retracted) failed."
    y = "The Times celebrated it prematurely."
    assert _cores(x, y)[0] == "prematurely celebrated by the Times"


def test_a_core_holds_no_unpaired_quotation_mark() -> None:
    # the Apollo 11 pair: the core was '"The Eagle has landed' with one quotation mark
    x = '"The Eagle has landed," Armstrong radioed.'
    y = (
        'Armstrong\'s first words from the surface, "The Eagle has landed," drew a stunned '
        "response from the capsule communicator, Charles Duke."
    )
    assert _cores(x, y)[1] == "The Eagle has landed"
    y = "His first words, “The Eagle has landed,” drew a stunned response from the capsule."
    assert _cores(x, y)[1] == "The Eagle has landed"


def test_a_clause_shared_in_another_order_is_part_of_the_core() -> None:
    # the seed pair's best claim: B's core left out "The country's first indigenous president"
    x = (
        "The leader of the coca growers’ union and the first Bolivian president from the "
        "country’s long-oppressed indigenous population, Morales won broad popular support for "
        "a government that served as the vehicle for containing the revolutionary struggles."
    )
    y = (
        "The country’s first indigenous president, Morales was a former leader of the cocalero "
        "union that organized indigenous coca leaf farmers."
    )
    core_x, core_y = _cores(x, y)
    assert core_y == y
    assert core_x.startswith("The leader of the coca growers’ union")
    assert "revolutionary struggles" not in core_x
    # the Apollo 11 pair: "Armstrong ... ladder" stands after the time in one, before it in the
    # other
    x = (
        "About six and a half hours later, Armstrong climbed down the ladder and set his left "
        "boot on the surface."
    )
    y = (
        "Armstrong stepped off the ladder hours later, and his line about a small step has been "
        "debated ever since."
    )
    core_x, core_y = _cores(x, y)
    assert core_x == x
    assert core_y == "Armstrong stepped off the ladder hours later"


def test_one_word_shared_in_another_order_leaves_the_core_as_it_is() -> None:
    x = "The toll of dead and wounded has steadily risen."
    y = (
        "Insurgent protesters and supporters of Morales have been met with brutal "
        "repression—many have been arrested or disappeared, dozens massacred and hundreds "
        "wounded, with the toll climbing."
    )
    # the seed pair: "toll", in another order, one word alone, does not join the core
    assert _cores(x, y)[1] == "dozens massacred and hundreds wounded"


def test_a_core_takes_in_the_whole_list_it_starts_in() -> None:
    # the seed pair: the core began at "peasants and indigenous majority", the list's second item
    x = (
        "While Morales, García Linera and others have fled the country for asylum in Mexico, the "
        "Bolivian workers, peasants and indigenous majority that they purported to represent "
        "have been left behind to confront heavily armed troops."
    )
    y = "The MAS government repressed the same popular movements it has purported to represent."
    assert _cores(x, y)[0].startswith("the Bolivian workers, peasants and indigenous majority")
    # a list's first item, and items before the one joined by "and"
    x = "Storage, networking and wireless products will be prevalent at the show."
    y = "Networking and wireless products will be shown."
    assert _cores(x, y)[0] == x
    x = "Officials say Connecticut, Pittsburgh, Rutgers and Virginia Tech filed the lawsuit in June."
    y = "Rutgers and Virginia Tech filed the lawsuit, it was reported."
    assert _cores(x, y)[0] == x
    # and where a core ends inside a list
    x = "Young faces a fine, suspension or being barred from the industry, his lawyer said."
    y = "He could be fined, a regulator said."
    assert _cores(x, y)[0] == "Young faces a fine, suspension or being barred from the industry"


def test_an_opening_phrase_or_a_clause_is_no_list_item() -> None:
    # a short opening phrase before a subject joined by "and" is not a list's first item
    for opening in ("Like many doctors", "After talks", "According to the GBI", "Finally"):
        x = f"{opening}, Thomas and Tauzin say the administration can correct those flaws."
        y = "Thomas and Tauzin say the administration has the power to correct those flaws."
        assert (
            _cores(x, y)[0] == "Thomas and Tauzin say the administration can correct those flaws."
        )
    # an "and" right after a comma joins clauses as often as the last item of a list
    x = "Herod sought him, he examined the guards, and commanded that they should be put to death."
    y = "And he gave orders that they were to be put to death."
    assert _cores(x, y)[0] == "and commanded that they should be put to death."
    # a figure makes a stretch no list item: "In 2009, Zelaya and his ministers" is not a list
    x = "In 2009, Zelaya and his ministers were ousted by the army."
    y = "Zelaya and his ministers were ousted by the army, as Washington watched."
    assert _cores(x, y)[0] == "Zelaya and his ministers were ousted by the army."


def test_a_web_or_file_address_is_not_cut_at_its_colon() -> None:
    """Tryout: a claim's shared fragment ended at "file" of "file:///etc/passwd" (the colon
    read as a clause edge), "https" of a web address, or began after "mailto:"; the commas,
    semicolons and brackets inside an address are no clause edges either."""
    x = "The attackers opened file:///etc/passwd, the ministry said."
    assert _cores(x, "The attackers opened it.")[0] == "The attackers opened file:///etc/passwd"
    x = "Readers were told to visit https://example.org/report,final;v=2 for the findings, officials said."
    y = "Readers were told to visit the site for the findings."
    assert _cores(x, y)[0] == (
        "Readers were told to visit https://example.org/report,final;v=2 for the findings"
    )
    x = "Write to mailto:press@example.org with questions about the breach, the ministry said."
    y = "Questions about the breach go to the press office."
    assert _cores(x, y)[0] == "Write to mailto:press@example.org with questions about the breach"
    x = "Staff clicked javascript:alert(1) in the mail, and the server fell; nobody noticed."
    y = "Staff clicked a link in the mail."
    assert _cores(x, y)[0] == "Staff clicked javascript:alert(1) in the mail"


def test_the_punctuation_after_an_address_is_still_the_sentence_s() -> None:
    # the comma after an address ends its clause; a bracket it did not open is not its own
    x = "Readers visit http://example.org/a, and the police left the building."
    assert _cores(x, "Readers visit the site.")[0] == "Readers visit http://example.org/a"
    x = "The council (see https://example.org/minutes) voted to close the library."
    y = "The council voted to close the library."
    assert _cores(x, y)[0] == x
