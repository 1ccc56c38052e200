"""What a topic may be called: one check for a name the reader types (rename), a topic set
file gives (``--topics``, a pair's saved set) and the proposer makes from the articles' words.

A topic's name labels a chip, a rail band, a claims heading and the PDF's bands: it is one
short line of words. Refused, each with one sentence saying why: no name at all (only white
space), a name longer than ``MAX_TOPIC_NAME`` characters (a 2,000-letter "word"), a name with
no letter in it (digits or punctuation only: "2019", "!!!"), a name holding a control
character, a direction control that reorders what follows it (U+202E) or another invisible
character (``core.controls``, the zero-width space, word joiner, BOM, Hangul fillers and
others that draw nothing; the zero-width joiner and non-joiner stay, some scripts spell with
them), and a web or file address ("https://…", "file:///etc/passwd", "www.example.org")."""

from __future__ import annotations

import re

from diptych.core.addresses import ADDRESS
from diptych.core.controls import HIDDEN_CLASS, INVISIBLE
from diptych.core.errors import TopicsError

MAX_TOPIC_NAME = 60

# controls, direction controls, and what draws nothing (a Hangul filler: a blank chip)
_INVISIBLE = re.compile(HIDDEN_CLASS[:-1] + INVISIBLE + "]")
# an address: a scheme and what follows it without a space, "://", or "www." before a word
_ADDRESS = re.compile(
    r"\b(?:https?|ftp|file|mailto|javascript|data|vbscript):(?=\S)|://|\bwww\.\w",
    re.IGNORECASE,
)


def topic_name_problem(name: str) -> str | None:
    """Why ``name`` (its white space already made single spaces) cannot name a topic, as one
    sentence; None when it can."""
    if not name or name.isspace():
        return "a topic needs a name"
    if len(name) > MAX_TOPIC_NAME:
        return f"a topic name is at most {MAX_TOPIC_NAME} characters"
    if _INVISIBLE.search(name):
        return "a topic name cannot hold control, direction or invisible characters"
    if _ADDRESS.search(name):
        return "a topic name cannot be a web or file address"
    if not any(c.isalpha() for c in name):
        return "a topic name needs a letter (not only digits or punctuation)"
    return None


def clean_topic_name(name: str) -> str:
    """``name`` with its runs of white space (line breaks and tabs too) as single spaces and
    none at its ends, or ``TopicsError`` saying why it cannot name a topic."""
    name = " ".join(name.split())
    problem = topic_name_problem(name)
    if problem is not None:
        raise TopicsError(problem)
    return name


def without_addresses(text: str) -> str:
    """``text`` with every web or file address in it blanked out (spaces, so offsets keep):
    the words of "https://example.com/lithium" are no words the article dwells on."""
    return ADDRESS.sub(lambda m: " " * len(m.group()), text)
