"""Where the paraphrase documents' precision at recall >= 0.90 is lost (issue 11's bar: 0.72).

Run: ``.venv/bin/python tests/benchmarks/study_paraphrase_ceiling.py`` (needs ../shared/data/msrp)

Two figures and a breakdown:

1. The paraphrase model as a classifier of the corpus's own labelled rows (each row's two
   sentences, label 1 or 0), ranked by its log-odds and, for comparison, by the combined z:
   precision at recall >= 0.90 of the label-1 rows. This is what the corpus was made for.
2. The same figure along the engine's ranking of the two documents (``claims --min-score 0``
   by score, as ``eval_claims.py --table``), where every other sentence of the other side is a
   possible partner too.
3. What the false pairs above the recall-0.90 cut of (2) are: label-0 rows (hard negatives the
   corpus made on purpose), pairs of word-for-word identical sentences that are not a row, and
   other pairs that are not a row. The corpus reuses sentences across rows, so a sentence of A
   often has a copy or near-copy in B whose row pairs it with something else; such a pair
   states the same thing and still counts as wrong. Near-copies: the two sentences' word
   sets overlap by at least 0.6 (Jaccard); a look at them finds the same sentence reworded
   ("no dates have been set for the civil or the criminal trial" / "... for either the civil
   trial or the criminal trial"). The last line gives the precision at the
   cut with the identical pairs, then all non-row pairs, left out.

The model was fitted on this split, so (1) and (2) are in-sample (``fit_paraphrase_model.py``
gives (2) under 5-fold cross-validation: about 0.004 higher).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_claims as ev

from diptych.core.compare.claims import PARAMS, pair_features, ranking_logit
from diptych.core.compare.claims.scoring import score_pairs


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _jaccard(x: str, y: str) -> float:
    sx, sy = set(x.split()), set(y.split())
    return len(sx & sy) / len(sx | sy) if sx | sy else 0.0


def _p_at_r90(score: np.ndarray, label: np.ndarray, n_gold: int) -> float:
    order = np.argsort(-score, kind="stable")
    tp = np.cumsum(label[order])
    ok = tp / n_gold >= 0.90
    prec = tp / np.arange(1, len(order) + 1)
    return float(prec[ok].max()) if ok.any() else 0.0


def main() -> int:
    if not ev.MSRP.is_dir():
        print(f"no paraphrase corpus at {ev.MSRP}")
        return 1
    a = ev.load_text_article(ev.MSRP / "train_a.txt")
    b = ev.load_text_article(ev.MSRP / "train_b.txt")
    rows = {(int(r[1]), int(r[2])): int(r[0]) for r in ev._gold_rows(ev.MSRP)}
    gold = {k for k, v in rows.items() if v == 1}

    # 1. the labelled rows alone
    side_a, side_b, sp = score_pairs(a, b, PARAMS)
    para_a = [a.block_at(a.sentences[int(i)].start) - 1 for i in sp.sa.tolist()]
    para_b = [b.block_at(b.sentences[int(i)].start) - 1 for i in sp.sb.tolist()]
    best_of_row: dict[tuple[int, int], int] = {}
    for k, key in enumerate(zip(para_a, para_b, strict=True)):
        if key in rows and (key not in best_of_row or sp.z[k] > sp.z[best_of_row[key]]):
            best_of_row[key] = k
    idx = np.asarray(list(best_of_row.values()), dtype=np.int64)
    label = np.asarray([rows[key] for key in best_of_row], dtype=np.int64)
    logit = ranking_logit(pair_features(side_a, side_b, sp, idx))
    print(
        f"1. labelled rows alone ({len(idx)} of {len(rows)} rows scored, "
        f"{int(label.sum())} of {len(gold)} label-1): precision at recall >= 0.90 "
        f"by the model {_p_at_r90(logit, label, len(gold)):.3f}, "
        f"by the combined z {_p_at_r90(sp.z[idx], label, len(gold)):.3f}"
    )

    # 2. the two documents, as the engine ranks every candidate
    ranked = ev.engine_ranking(a, b)
    print(
        f"2. the documents ('claims --min-score 0', {len(ranked)} pairs, "
        f"{sum(k in gold for k in ranked)} label-1 rows among them): precision at recall "
        f">= 0.90 {ev._p_at_r(ranked, gold, 0.90):.3f}"
    )

    # 3. the false pairs above the cut
    tp = 0
    cut = len(ranked)
    for n, key in enumerate(ranked, 1):
        tp += key in gold
        if tp >= 0.90 * len(gold):
            cut = n
            break
    text_a = [_norm(a.span_text(blk.span)) for blk in a.blocks[1:]]
    text_b = [_norm(b.span_text(blk.span)) for blk in b.blocks[1:]]
    kinds = {
        "label-0 row": 0,
        "identical sentences, not a row": 0,
        "near-copies (word Jaccard >= 0.6), not a row": 0,
        "other, not a row": 0,
    }
    for i, j in ranked[:cut]:
        if (i, j) in gold:
            continue
        if (i, j) in rows:
            kinds["label-0 row"] += 1
        elif text_a[i] == text_b[j]:
            kinds["identical sentences, not a row"] += 1
        elif _jaccard(text_a[i], text_b[j]) >= 0.6:
            kinds["near-copies (word Jaccard >= 0.6), not a row"] += 1
        else:
            kinds["other, not a row"] += 1
    print(f"3. above the cut ({cut} pairs): {tp} label-1 rows; false: {kinds}")
    false = sum(kinds.values())
    ident = kinds["identical sentences, not a row"]
    print(
        f"   precision there {tp / cut:.3f}; without the identical pairs "
        f"{tp / (cut - ident):.3f}; with label-0 rows the only false pairs "
        f"{tp / (cut - false + kinds['label-0 row']):.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
