"""The differs of two sentences, as the claims engine shows them (``claim_differs`` of their
shared fragment's word diff)."""

from __future__ import annotations

from collections.abc import Container

from diptych.core.compare.claims import claim_differs
from diptych.core.compare.claims.fragments import core_and_diff


class Everyone:
    """Every name a person's (as if named after a title somewhere): only names of one kind are
    compared, and a case about how a name is written holds whatever the name names."""

    def __contains__(self, word: object) -> bool:
        return True


def differs_of(
    x: str, y: str, *, persons: Container[str] = frozenset()
) -> tuple[tuple[str, str], ...]:
    return claim_differs(core_and_diff(x, y, {})[1], persons=persons)
