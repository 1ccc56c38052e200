"""``diptych claims`` shows the reader's verdicts kept in the (default) store, in its JSON
and in its listing."""

from __future__ import annotations

import json
import re

from helpers.cli import run_cli


def test_claims_json_gives_the_readers_verdict() -> None:
    from diptych.core.compare.claims import find_claims
    from diptych.core.notes.store import Store, default_db_path
    from diptych.core.reading.articles import load_seed_pair

    a, b = load_seed_pair()
    claims = find_claims(a, b).claims
    same, other = claims[0], claims[-1]
    with Store.open(default_db_path(), backups=False) as store:  # the test's own data dir
        store.set_verdict(a, (same.a.start, same.a.end), b, (same.b.start, same.b.end), "same")
        store.set_verdict(
            a, (other.a.start, other.a.end), b, (other.b.start, other.b.end), "different"
        )
    out = run_cli("claims", "--json")
    assert out.returncode == 0, out.stderr
    got = {(c["a"]["start"], c["b"]["start"]): c for c in json.loads(out.stdout)["claims"]}
    assert got[(same.a.start, same.b.start)]["verdict"] == "same"
    assert got[(same.a.start, same.b.start)]["tier"] == "strong"
    rejected = got[(other.a.start, other.b.start)]
    assert rejected["verdict"] == "different" and rejected["tier"] == "possible"
    assert sum(c["verdict"] is not None for c in got.values()) == 2


def test_claims_text_lists_the_tiers_and_verdicts_as_the_panel_does() -> None:
    """The plain listing has the panel's groups: strong claims, possible ones, then the
    rejected; a confirmed claim carries a check and leads the strong ones; each claim shows
    its shared fragment and what figure differs. Before, one list mixed the tiers under
    "best first" (a possible 0.70 after a strong 0.56) with no verdicts at all."""
    from diptych.core.compare.claims import find_claims
    from diptych.core.notes.store import Store, default_db_path
    from diptych.core.reading.articles import load_seed_pair

    a, b = load_seed_pair()
    result = find_claims(a, b)
    claims = result.claims
    possible = [c for c in claims if c.tier == "possible"]
    confirm, reject = possible[0], possible[-1]
    new_a, new_b = result.only_in_a[0], result.only_in_b[0]
    with Store.open(default_db_path(), backups=False) as store:  # the test's own data dir
        for c, verdict in ((confirm, "same"), (reject, "different")):
            store.set_verdict(a, (c.a.start, c.a.end), b, (c.b.start, c.b.end), verdict)
        store.set_verdict(
            a, (new_a.start, new_a.end), b, (new_b.start, new_b.end), "same", origin="reader"
        )
    out = run_cli("claims")
    assert out.returncode == 0, out.stderr
    text = out.stdout
    n_strong = sum(c.tier == "strong" for c in claims) + 2
    assert f"{len(claims)} shared claims: {n_strong} strong, " in text
    assert "; 1 rejected by you" in text
    strong_at = text.index("Strong claims")
    possible_at = text.index("Possible claims")
    rejected_at = text.index("Rejected (you marked them not the same)")
    assert strong_at < possible_at < rejected_at
    # the confirmed claim and the reader's own pair lead the strong ones, with their checks;
    # the pair she added has no score (its 1.0 is hers, not the engine's)
    first_two = text[strong_at:].split("\n  1. ", 1)[1].split("\n  3. ")[0]
    assert "✓ same claim (your verdict)" in first_two
    assert "\n  1. ✓ same claim (a pair you added)  topic -  shared: " in text
    assert text.count("✓ same claim") == 2
    assert "score 1.00" not in text
    # the rejected claim is listed after its heading, and only there, unnumbered
    rejected_a = " ".join(a.span_text(reject.core_a).split())[:40]
    assert rejected_a in text[rejected_at:]
    assert rejected_a not in text[:rejected_at]
    assert f"\n  - score {reject.score:.2f}" in text[rejected_at:]
    assert not re.search(r"\n +\d+\. score", text[rejected_at:])
    assert f"\n{len(claims):>3}. score" in text[:rejected_at]  # numbered 1..n before
    # each unjudged possible claim says why it is only possible; judged ones do not
    n_unjudged = len(possible) - 2
    assert text[possible_at:rejected_at].count("\n     ? possible: ") == n_unjudged
    assert "? possible" not in text[:possible_at] + text[rejected_at:]
    # scores fall within each group
    for start, end in ((strong_at, possible_at), (possible_at, rejected_at)):
        scores = [float(x) for x in re.findall(r"\. score (\d\.\d\d)", text[start:end])]
        assert scores[1:] == sorted(scores[1:], reverse=True)
    # a claim whose fragment is part of a sentence shows it with an ellipsis, and differing
    # figures are named
    assert "\n     B: …dozens massacred and hundreds wounded…\n" in text
    assert "≠ differs: B says dozens, hundreds where A gives no other figure or date" in text
