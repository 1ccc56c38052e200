"""The reader's verdicts (kept in the store) applied to the claims of a pair of articles."""

from __future__ import annotations

from pathlib import Path

from diptych.core.compare.claims import VerdictSpans, apply_verdicts
from diptych.core.model import Article, ClaimsResult, Span
from diptych.core.notes.store import Store, default_db_path


def with_verdicts(
    result: ClaimsResult, a: Article, b: Article, store: Store
) -> tuple[ClaimsResult, dict[int, str]]:
    """``result`` with the store's verdicts on this pair applied (see ``apply_verdicts``), and
    the verdict id each judged claim carries, by claim index. Verdicts whose passages can no
    longer be found in either text are left out."""
    found = [
        VerdictSpans(Span(*r.a), Span(*r.b), r.verdict.verdict, r.verdict.id)
        for r in store.resolve_verdicts(a, b)
        if r.found
    ]
    return apply_verdicts(result, a, b, found)


def with_stored_verdicts(
    result: ClaimsResult, a: Article, b: Article, db: str | Path | None = None
) -> ClaimsResult:
    """``result`` with the verdicts of the store at ``db`` (default: the user's store) applied;
    ``result`` itself when there is no store file (none is created)."""
    path = Path(db) if db is not None else default_db_path()
    if not path.is_file():
        return result
    with Store.open(path, backups=False) as store:
        return with_verdicts(result, a, b, store)[0]
