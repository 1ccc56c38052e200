"""The reader's verdicts (kept in the store) applied to the claims of a pair of articles."""

from __future__ import annotations

from pathlib import Path

from diptych.core.compare.claims import VerdictApplier, VerdictSpans, apply_verdicts
from diptych.core.model import Article, ClaimsResult, Span
from diptych.core.notes.store import Store, default_db_path
from diptych.core.notes.store.verdicts import ClaimVerdict
from diptych.core.wording import counted


def with_verdicts(
    result: ClaimsResult,
    a: Article,
    b: Article,
    store: Store,
    *,
    unplaced: list[ClaimVerdict] | None = None,
    applier: VerdictApplier | None = None,
) -> tuple[ClaimsResult, dict[int, str]]:
    """``result`` with the store's verdicts on this pair applied (see ``apply_verdicts``), and
    the verdict id each judged claim carries, by claim index. Verdicts whose passages can no
    longer be found in either text are left out (kept in the store); the confirmed ones among
    them (a claim the reader said both make, its sentence since removed or rewritten) are
    added to ``unplaced`` when it is given, for the reader to be told. ``applier``: a
    ``VerdictApplier`` made for ``result`` (the same answer, without a pass over all the
    claims: what the window uses at each verdict)."""
    found = []
    for r in store.resolve_verdicts(a, b):
        if r.found:
            found.append(VerdictSpans(Span(*r.a), Span(*r.b), r.verdict.verdict, r.verdict.id))
        elif unplaced is not None and r.verdict.verdict == "same":
            unplaced.append(r.verdict)
    if applier is not None and applier.result is result:
        return applier.apply(found)
    return apply_verdicts(result, a, b, found)


def unplaced_said(n: int) -> str:
    """What the reader is told of ``n`` confirmed claims not found in the current texts."""
    # short: a status bar notice (the whole of it in its tooltip)
    return (
        f"{counted(n, 'claim')} you confirmed {'is' if n == 1 else 'are'} no longer in the "
        f"text (kept; the Markdown export lists {'it' if n == 1 else 'them'})"
    )


def with_stored_verdicts(
    result: ClaimsResult,
    a: Article,
    b: Article,
    db: str | Path | None = None,
    *,
    unplaced: list[ClaimVerdict] | None = None,
) -> ClaimsResult:
    """``result`` with the verdicts of the store at ``db`` (default: the user's store) applied;
    ``result`` itself when there is no store file (none is created). ``unplaced``: as for
    ``with_verdicts``."""
    path = Path(db) if db is not None else default_db_path()
    if not path.is_file():
        return result
    with Store.open(path, backups=False) as store:
        return with_verdicts(result, a, b, store, unplaced=unplaced)[0]
