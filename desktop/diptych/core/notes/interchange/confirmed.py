"""The claims a reader confirmed, with their passages where they are in the current texts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from diptych.core.model import Article
from diptych.core.notes.anchoring import describe
from diptych.core.notes.store import Store
from diptych.core.notes.store.verdicts import ClaimVerdict, Passage


@dataclass(frozen=True)
class ConfirmedClaim:
    """A claim the reader confirmed, each end with its selectors (made on the current text when
    the passage was found there) and whether it was found."""

    verdict: ClaimVerdict
    a: Passage
    b: Passage
    a_found: bool = True
    b_found: bool = True


def _passage_now(p: Passage, article: Article, status: str, where: tuple[int, int]) -> Passage:
    if status == "orphaned" or status == "anchored":
        return p
    quote, pos = describe(article.text, *where)
    return Passage(p.article_id, quote, pos, article.fingerprint)


def confirmed_claims(
    store: Store,
    articles: Sequence[Article] | None = None,
    *,
    article_ids: Iterable[str] | None = None,
) -> list[ConfirmedClaim]:
    """The claims the reader confirmed ("same" verdicts, their added pairs too), oldest first:
    of the pair ``articles`` (A, B) located in their current texts; of ``article_ids`` (both
    ends among them) as stored; with neither, every one as stored. Rejected pairs are never
    listed."""
    if articles is not None:
        if len(articles) < 2:
            return []
        a, b = articles[0], articles[1]
        out = []
        for r in store.resolve_verdicts(a, b):
            if r.verdict.verdict != "same":
                continue
            v = r.verdict
            out.append(
                ConfirmedClaim(
                    v,
                    _passage_now(v.a, a, r.a_status, r.a),
                    _passage_now(v.b, b, r.b_status, r.b),
                    r.a_status != "orphaned",
                    r.b_status != "orphaned",
                )
            )
        return out
    ids = set(article_ids) if article_ids is not None else None
    return [
        ConfirmedClaim(v, v.a, v.b)
        for v in store.all_verdicts()
        if v.verdict == "same"
        and (ids is None or (v.a.article_id in ids and v.b.article_id in ids))
    ]
