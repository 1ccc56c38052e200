"""Ways of writing one name that spelling alone does not tell, read from two datasets (each
loaded once, when a claim first asks):

- a given name and its short forms ("Timothy" / "Tim", "David" / "Dave"): the ``nicknames``
  package (hand-curated English names and nicknames; Apache-2.0);
- a country, its short names and codes, and its demonym ("United States" / "U.S." / "American",
  "United Kingdom" / "UK" / "British"): the ``countryinfo`` package (MIT).

Names are compared as keys without case, accents, dots or apostrophes (``bare``, the caller's):
"u.s." is "us"."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# short names the dataset does not list among a country's spellings ("Britain" is written far
# more often than its "Great Britain")
_MORE_SPELLINGS = {"GB": ("Britain",)}
# a country's code in the dataset, and as written in a text ("US", "U.S.")
_CODE = re.compile(r"[A-Z]{2,3}")
_WRITTEN_CODE = re.compile(r"(?:[A-Z]\.?){2,3}")


def _plain(text: str) -> str:
    """``text`` without case, accents, dots, apostrophes or spaces ("U.S." / "us")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum()).casefold()


@cache
def _given_names() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Each given name's short forms, and each short form's full names (plain keys)."""
    from nicknames import NickNamer

    namer = NickNamer()
    shorts = {_plain(k): frozenset(map(_plain, v)) for k, v in namer.nickname_lookup.items()}
    fulls = {_plain(k): frozenset(map(_plain, v)) for k, v in namer.canonical_lookup.items()}
    return shorts, fulls


def same_given_name(x: str, y: str) -> bool:
    """Whether plain keys ``x`` and ``y`` are one given name: one a short form of the other, or
    two short forms of one name ("Tim" / "Timmy")."""
    shorts, fulls = _given_names()
    if y in shorts.get(x, ()) or x in shorts.get(y, ()):
        return True
    return bool(fulls.get(x, frozenset()) & fulls.get(y, frozenset()))


def is_given_name(key: str) -> bool:
    """Whether a plain key is a given name or a short form of one the dataset knows ("ben",
    "timothy"; some are surnames or places too: "kerry", "washington")."""
    shorts, fulls = _given_names()
    return key in shorts or key in fulls


@cache
def _countries() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Every way the dataset writes a country (its name, demonym and spellings in Latin
    letters) as plain keys, and apart its codes ("US", "USA", "GB"), each to the two-letter
    codes of the countries written so (a demonym may be several's: "American" is also American
    Samoa's)."""
    from countryinfo import all_countries

    names: dict[str, set[str]] = {}
    codes: dict[str, set[str]] = {}
    for country in all_countries():
        info = country.info()
        code = str(info.get("ISO", {}).get("alpha2") or "")
        if not code:
            continue
        forms = [info.get("name"), info.get("demonym"), *info.get("altSpellings", [])]
        forms += list(_MORE_SPELLINGS.get(code, ()))
        for form in forms:
            if not isinstance(form, str) or not form.isascii():
                continue
            if _CODE.fullmatch(form):
                codes.setdefault(form, set()).add(code)
            elif key := _plain(form):
                names.setdefault(key, set()).add(code)
    return (
        {k: frozenset(v) for k, v in names.items()},
        {k: frozenset(v) for k, v in codes.items()},
    )


def countries_of(name: str) -> frozenset[str]:
    """The countries a name written as a whole may name ("the United States", "Americans",
    "Britain's"; a code only in capitals, dots allowed: "U.S.", "UK", not "Us" nor "P&W"), as
    two-letter codes; empty when it names none."""
    name = name.strip().removeprefix("the ").removeprefix("The ")
    names, codes = _countries()
    if _WRITTEN_CODE.fullmatch(name):
        return codes.get(name.replace(".", ""), frozenset())
    key = _plain(name)
    for k in (key, key.removesuffix("s")) if key else ():
        if k in names:
            return names[k]
    return frozenset()
