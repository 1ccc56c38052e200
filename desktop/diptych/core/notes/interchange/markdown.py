"""Markdown notes: highlights grouped by article and topic, links and confirmed claims."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from diptych.core.model import Article, ArticleTopics, Highlight, TopicSection
from diptych.core.notes.anchoring import unplaced
from diptych.core.notes.interchange.confirmed import confirmed_claims
from diptych.core.notes.interchange.markdown_escape import (
    _blockquote,
    _md_link,
    _md_one_line,
    _md_paragraphs,
    _short,
)
from diptych.core.notes.store import ResolvedHighlight, Store

TopicOf = Callable[[Article, int], "str | None"]


def _topic_in(sections: Sequence[TopicSection], offset: int) -> str | None:
    for s in sections:
        if s.start <= offset < s.end:
            return s.topic
    return None


def topic_lookup(articles: Sequence[Article], topics: ArticleTopics) -> TopicOf:
    """A ``topic_of`` for ``export_markdown`` from the pair's topic sections."""
    by_id = {a.id: topics.sections("a" if i == 0 else "b") for i, a in enumerate(articles[:2])}

    def topic_of(article: Article, offset: int) -> str | None:
        return _topic_in(by_id.get(article.id, ()), offset)

    return topic_of


def _md_highlight(h: Highlight, quote: str, places: int = 0) -> list[str]:
    out = [_blockquote(quote), ""]
    meta = [_md_one_line(h.color)]
    if places > 1:  # an orphan whose quote reads at several places: say so, not "not found"
        meta.append(unplaced(places))
    if h.tags:
        meta.append("tags: " + ", ".join(_md_one_line(t) for t in h.tags))
    if h.note:
        out.extend([_md_paragraphs(h.note), ""])
    out.extend([f"*{' · '.join(meta)}*", ""])
    return out


def export_markdown(
    store: Store,
    articles: Sequence[Article] | None = None,
    *,
    topics: ArticleTopics | None = None,
    topic_of: TopicOf | None = None,
    title: str = "Highlights",
) -> str:
    """Markdown notes: per article, its highlights as block quotes with notes, grouped by topic
    (from ``topic_of(article, offset)``, or the pair's ``topics`` with ``articles`` = (A, B)),
    in text order; highlights not found in the current text listed apart; then the links.

    Without ``articles`` every article in the store is listed, as stored, without topics."""
    if topic_of is None and topics is not None and articles:
        topic_of = topic_lookup(articles, topics)
    lines = [f"# {title}", ""]
    quote_of: dict[str, tuple[str, str]] = {}  # highlight id → (article title, quote)
    article_ids: list[str] = []
    if articles is not None:
        for art in articles:
            article_ids.append(art.id)
            name = art.title or art.id
            lines += [f"## {_md_one_line(name)}", "", _md_link(art.id), ""]
            resolved = store.resolve_all(art)
            # a copy's highlights stay stored under the original: their links are found there
            article_ids.extend(r.highlight.article_id for r in resolved)
            found = sorted((r for r in resolved if r.status != "orphaned"), key=lambda r: r.start)
            orphans = [r for r in resolved if r.status == "orphaned"]
            groups: dict[str | None, list[ResolvedHighlight]] = {}
            for r in found:
                groups.setdefault(topic_of(art, r.start) if topic_of else None, []).append(r)
            by_topic = any(t is not None for t in groups)
            for topic, rs in groups.items():
                if by_topic:
                    lines += [f"### {_md_one_line(topic) if topic else 'No topic'}", ""]
                for r in rs:
                    quote = art.text[r.start : r.end]
                    quote_of[r.id] = (name, quote)
                    lines += _md_highlight(r.highlight, quote)
            if orphans:
                heading = "### Not found in the current text"
                if any(r.places > 1 for r in orphans):
                    heading = "### Not placed in the current text (not found, or ambiguous)"
                lines += [heading, ""]
                for r in orphans:
                    quote_of[r.id] = (name, r.highlight.quote.exact)
                    lines += _md_highlight(r.highlight, r.highlight.quote.exact, r.places)
            if not resolved:
                lines += ["*No highlights.*", ""]
    else:
        for rec in store.articles():
            hs = store.highlights_for(rec.id)
            if not hs:
                continue
            article_ids.append(rec.id)
            name = rec.title or rec.id
            lines += [f"## {_md_one_line(name)}", "", _md_link(rec.id), ""]
            for h in hs:
                quote_of[h.id] = (name, h.quote.exact)
                lines += _md_highlight(h, h.quote.exact)
    links = store.links_for(sorted(set(article_ids)))
    if links:
        lines += ["## Links", ""]
        for lk in links:
            ends = []
            for hid in (lk.a, lk.b):
                if hid not in quote_of:
                    h = store.get(hid)
                    quote_of[hid] = (h.article_id, h.quote.exact)
                name, quote = quote_of[hid]
                ends.append(f"“{_short(quote)}” (*{_md_one_line(name)}*)")
            line = f"- {ends[0]} ↔ {ends[1]}"
            if lk.note:
                line += f" — {_short(lk.note, 400)}"
            lines.append(line)
        lines.append("")
    lines += _md_confirmed(store, articles)
    return "\n".join(lines).rstrip("\n") + "\n"


def _md_confirmed(store: Store, articles: Sequence[Article] | None) -> list[str]:
    """The claims the reader confirmed (of the pair ``articles``, or all), as pairs marked as
    the reader's verdict, each side's sentences whole."""
    claims = confirmed_claims(store, articles)
    if not claims:
        return []
    names = {rec.id: rec.title or rec.id for rec in store.articles()}
    for art in articles or ():
        names[art.id] = art.title or art.id
    lines = [
        "## Claims you confirmed",
        "",
        "*Pairs you marked as the same claim (your verdict, not the engine's).*",
        "",
    ]
    for c in claims:
        ends = []
        for p, found in ((c.a, c.a_found), (c.b, c.b_found)):
            where = "" if found else ", not found in the current text"
            # whole, on one line: the claim's sentences are quoted nowhere else in the file
            said_there = _md_one_line(" ".join(p.quote.exact.split()))
            name = _md_one_line(names.get(p.article_id, p.article_id))
            ends.append(f"“{said_there}” (*{name}*{where})")
        said = "a pair you added" if c.verdict.origin == "reader" else "confirmed by you"
        lines.append(f"- ✓ {ends[0]} ↔ {ends[1]} — same claim, {said}")
    lines.append("")
    return lines
