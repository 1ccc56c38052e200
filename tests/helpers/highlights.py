"""Small hand-made articles and claims for the claims panel, gutter and highlights UI tests."""

from __future__ import annotations

import sqlite3

from diptych.core.model import Article, ClaimPair, ClaimsResult, Topic, TopicSet
from helpers.articles import make_article

TOPICS = TopicSet(
    name="test",
    topics=(
        Topic("Economy", "#d62728", ("price", "market")),
        Topic("Weather", "#1f77b4", ("rain", "storm")),
    ),
)

A_PARAS = [
    "Grain prices rose by ten percent in the northern market last week.",
    "Heavy rain flooded the river valley on Tuesday.",
    "The council met to discuss the new budget.",
    "Storm warnings were issued for the coast.",
    "Fishermen stayed in port for three days.",
]
B_PARAS = [
    "A violent storm hit the coast, and warnings had been issued.",
    "In the northern market, grain prices climbed ten percent.",
    "Tuesday's heavy rain flooded the valley.",
    "A local bakery won a national prize.",
    "The budget was discussed at a council meeting.",
]


def seedlike_pair() -> tuple[Article, Article, ClaimsResult]:
    a = make_article(A_PARAS, "urn:test:a", "Article A")
    b = make_article(B_PARAS, "urn:test:b", "Article B")
    sa, sb = a.sentences, b.sentences
    claims = (
        ClaimPair(
            sa[0],
            sb[1],
            0.91,
            "Economy",
            ("grain", "price", "ten"),
            (
                (0, "Grain prices "),
                (-1, "rose by"),
                (1, "climbed"),
                (0, " ten percent"),
                (-1, " in the northern market last week"),
                (0, "."),
            ),
        ),
        ClaimPair(
            sa[1],
            sb[2],
            0.74,
            "Weather",
            ("rain", "flood", "valley"),
            (
                (0, "Heavy rain flooded the "),
                (-1, "river "),
                (0, "valley"),
                (1, " Tuesday"),
                (0, "."),
            ),
        ),
        ClaimPair(
            sa[3],
            sb[0],
            0.55,
            "Weather",
            ("storm", "warn", "coast"),
            ((-1, "Storm warnings were issued for the coast."), (1, "A violent storm hit.")),
        ),
        ClaimPair(
            sa[2],
            sb[4],
            0.32,
            None,
            ("council", "budget"),
            ((0, "The council"), (-1, " met"), (1, " meeting"), (0, " budget")),
        ),
    )
    return a, b, ClaimsResult(claims=claims, only_in_a=(sa[4],), only_in_b=(sb[3],))


class FailingConnection:
    """Wraps the store's sqlite connection: writes fail as on a full disk while ``failing``."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.failing = True

    def execute(self, sql: str, *args):
        if self.failing and sql.lstrip().upper().startswith(("UPDATE", "INSERT")):
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)
