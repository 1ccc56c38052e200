"""The reader's edits to a pair's topics: rename, recolour, merge, delete, add a cue word, and
the topic set saved for that pair (TOML).

Each edit is a pure function from a ``TopicSet`` to a new one (bad input raises
``TopicsError`` with one clear sentence). ``retopic_pair`` then locates the edited topics in
both articles again and returns what follows from them: the topic sections (the topic bar,
the rails and the PDF's bands), the claims relabelled with their new topic (no new claim
search: the pairs are the same sentences) and the anchor chain of synced scrolling.

A pair's own topic set is kept in ``<user data dir>/topics/pair-<key>.toml``, the key made
from both articles' fingerprints (so it follows the texts, wherever the files move);
``pair.pair_topics`` uses it before the manifest's or a proposed one. A saved set is the
reader's work and is never dropped without a word: one that is there but cannot be used (in
full) is said (``SavedPairTopics.notice``, carried as ``ArticleTopics.notice``), and is kept
aside, never overwritten or removed, when an edit is saved or the edits forgotten.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from diptych.core.compare.alignment import AnchorChain, anchors_for_pair
from diptych.core.compare.terms import content_terms
from diptych.core.compare.topics import (
    load_topic_set,
    read_saved_topic_set,
    topic_at,
    topics_for_pair,
)
from diptych.core.compare.topics.names import MAX_TOPIC_NAME, clean_topic_name
from diptych.core.errors import TopicsError
from diptych.core.model import Article, ArticleTopics, ClaimsResult, Topic, TopicSet

__all__ = [
    "MAX_TOPIC_NAME",
    "SavedPairTopics",
    "add_cue",
    "delete_topic",
    "forget_pair_topic_set",
    "load_pair_topic_set",
    "merge_topics",
    "pair_topics_path",
    "read_pair_topic_set",
    "recolor_topic",
    "rename_topic",
    "retopic_pair",
    "save_pair_topic_set",
    "topic_set_toml",
]

_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def _find(ts: TopicSet, name: str) -> int:
    for i, t in enumerate(ts.topics):
        if t.name == name:
            return i
    raise TopicsError(f'there is no topic called "{name}"')


def _with(ts: TopicSet, topics: Sequence[Topic]) -> TopicSet:
    # an edited set is the reader's own, no longer a proposal
    return TopicSet(name=ts.name, topics=tuple(topics), proposed=False)


def rename_topic(ts: TopicSet, old: str, new: str) -> TopicSet:
    """``old`` called ``new`` (its colour and cues stay; a name no topic can have, such as a
    web address or one with a U+202E in it, is refused: ``topics.names``)."""
    i = _find(ts, old)
    new = clean_topic_name(new)
    if new == old:
        return ts
    if any(t.name.casefold() == new.casefold() and t.name != old for t in ts.topics):
        raise TopicsError(f'there is already a topic called "{new}": merge them instead')
    topics = list(ts.topics)
    topics[i] = replace(topics[i], name=new)
    return _with(ts, topics)


def recolor_topic(ts: TopicSet, name: str, color: str) -> TopicSet:
    """``name`` drawn in ``color`` ("#rrggbb")."""
    i = _find(ts, name)
    if not _COLOR_RE.match(color):
        raise TopicsError(f'"{color}" is not a colour of the form #rrggbb')
    topics = list(ts.topics)
    topics[i] = replace(topics[i], color=color.lower())
    return _with(ts, topics)


def merge_topics(ts: TopicSet, names: Sequence[str], into: str) -> TopicSet:
    """The topics ``names`` made one topic called ``into`` (one of them): its colour and
    place, all their cues (each once)."""
    if into not in names:
        raise TopicsError("merge into one of the topics being merged")
    if len(set(names)) < 2:
        raise TopicsError("choose at least two topics to merge")
    for n in names:
        _find(ts, n)
    target = ts.topics[_find(ts, into)]
    cues: list[str] = []
    for t in ts.topics:
        if t.name in names:
            cues += [c for c in t.cues if c not in cues]
    merged = replace(target, cues=tuple(cues))
    out = []
    for t in ts.topics:
        if t.name == into:
            out.append(merged)
        elif t.name not in names:
            out.append(t)
    return _with(ts, out)


def delete_topic(ts: TopicSet, name: str) -> TopicSet:
    """The set without ``name`` (its passages then belong to no topic, or a neighbour's)."""
    i = _find(ts, name)
    return _with(ts, [t for k, t in enumerate(ts.topics) if k != i])


def add_cue(ts: TopicSet, name: str, cue: str) -> TopicSet:
    """``cue`` (a word or phrase) added to the cues of ``name``."""
    i = _find(ts, name)
    cue = " ".join(cue.split())
    if not cue:
        raise TopicsError("type a word or phrase to add as a cue")
    if not content_terms(cue):
        raise TopicsError(f'"{cue}" has only common words: it would find every paragraph')
    t = ts.topics[i]
    if cue.casefold() in (c.casefold() for c in t.cues):
        return ts
    topics = list(ts.topics)
    topics[i] = replace(t, cues=(*t.cues, cue))
    return _with(ts, topics)


def topic_set_toml(ts: TopicSet) -> str:
    """The set as a topic set file (``load_topic_set`` reads it back to the same set)."""

    def q(s: str) -> str:
        return json.dumps(s, ensure_ascii=False)  # a JSON string is a TOML basic string

    lines = [f"name = {q(ts.name)}", ""]
    for t in ts.topics:
        lines += [
            "[[topic]]",
            f"name = {q(t.name)}",
            f"color = {q(t.color)}",
            "cues = [" + ", ".join(q(c) for c in t.cues) + "]",
            "",
        ]
    return "\n".join(lines)


def pair_key(a: Article, b: Article) -> str:
    """The same for a pair of texts whichever side each is on."""
    prints = sorted((a.fingerprint or a.id, b.fingerprint or b.id))
    return hashlib.sha256("\n".join(prints).encode()).hexdigest()[:24]


def default_topics_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("diptych", appauthor=False)) / "topics"


def pair_topics_path(a: Article, b: Article, folder: Path | None = None) -> Path:
    return (folder or default_topics_dir()) / f"pair-{pair_key(a, b)}.toml"


@dataclass(frozen=True)
class SavedPairTopics:
    """What is saved for a pair: its topic set (None when there is none, or when the file is
    there but cannot be used), and what the reader must be told when it is there but could
    not be used in full."""

    path: Path
    topic_set: TopicSet | None = None
    refused: str = ""  # why the file could not be used at all
    renamed: tuple[str, ...] = ()  # topics shown under another name, each with why

    def notice(self, instead: str = "proposed topics") -> str:
        """One sentence for the reader ("" when all is well); ``instead``: what is shown in
        place of a set that could not be used."""
        if self.refused:
            return (
                f"Your saved topics for this pair could not be used ({self.refused}); "
                f"showing {instead}. The file is kept: {self.path}"
            )
        if self.renamed:
            # what happened and why first: a status bar short of room cuts the end
            its = "its colour and cues" if len(self.renamed) == 1 else "their colours and cues"
            return (
                f"Your saved topics for this pair: {'; '.join(self.renamed)}, {its} kept. "
                f"The file is kept as it was: {self.path}"
            )
        return ""


def read_pair_topic_set(a: Article, b: Article, folder: Path | None = None) -> SavedPairTopics:
    """This pair's saved topic set, and what went wrong reading it (``SavedPairTopics``):
    a topic whose name is refused since it was saved is shown as "Topic N"
    (``read_saved_topic_set``); a file that cannot be used at all is left where it is, to be
    kept aside (never overwritten) when the reader's next edit is saved."""
    path = pair_topics_path(a, b, folder)
    if not (path.exists() or path.is_symlink()):
        return SavedPairTopics(path)
    try:
        ts, renamed = read_saved_topic_set(path)
    except TopicsError as exc:
        return SavedPairTopics(path, refused=str(exc))
    return SavedPairTopics(path, ts, renamed=renamed)


def load_pair_topic_set(a: Article, b: Article, folder: Path | None = None) -> TopicSet | None:
    """This pair's saved topic set, or None when there is none or it cannot be used
    (``read_pair_topic_set`` says why)."""
    return read_pair_topic_set(a, b, folder).topic_set


def _set_aside_unusable(path: Path) -> Path | None:
    """Move the pair file at ``path`` aside when it is there but cannot be read back as it
    is (a name refused since it was saved, a file edited by hand...): to
    ``pair-<key>.unreadable-YYYYmmdd-HHMMSS.toml`` beside it. Returns where it went (None:
    nothing there, or a file that reads back whole). ``TopicsError`` when it cannot be
    moved: the caller must then not replace or remove it."""
    if not (path.exists() or path.is_symlink()):
        return None
    try:
        load_topic_set(path)
        return None
    except TopicsError:
        pass
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    stem = path.name.removesuffix(".toml")
    aside = path.with_name(f"{stem}.unreadable-{stamp}.toml")
    n = 1
    while aside.exists() or aside.is_symlink():
        n += 1
        aside = path.with_name(f"{stem}.unreadable-{stamp}-{n}.toml")
    try:
        path.rename(aside)
    except OSError as exc:
        raise TopicsError(
            f"{path}: the topics saved before could not be used and cannot be kept aside "
            f"({exc.strerror or exc}), so they were left as they are"
        ) from None
    return aside


def save_pair_topic_set(
    ts: TopicSet, a: Article, b: Article, folder: Path | None = None
) -> tuple[Path, Path | None]:
    """Keep ``ts`` as this pair's topic set (written whole, then moved into place). A file
    already there that cannot be read back as it is is not overwritten: it is kept aside
    first (``_set_aside_unusable``). Returns the path written and where such a file went
    (None when there was none)."""
    if not ts.topics:
        raise TopicsError("a topic set needs at least one topic: add or keep one to save")
    path = pair_topics_path(a, b, folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".toml.tmp")
        tmp.write_text(topic_set_toml(ts), encoding="utf-8")
        try:
            aside = _set_aside_unusable(path)
        except TopicsError:
            tmp.unlink(missing_ok=True)
            raise
        tmp.replace(path)
    except OSError as exc:
        raise TopicsError(f"{path}: cannot save the topics ({exc.strerror or exc})") from None
    return path, aside


def forget_pair_topic_set(a: Article, b: Article, folder: Path | None = None) -> Path | None:
    """Remove this pair's saved topic set; one that cannot be read back as it is is kept
    aside instead (its path returned), as when an edit is saved over it."""
    path = pair_topics_path(a, b, folder)
    aside = _set_aside_unusable(path)
    if aside is None:
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise TopicsError(f"{path}: cannot remove it ({exc.strerror or exc})") from None
    return aside


def retopic_pair(
    a: Article, b: Article, topic_set: TopicSet, claims: ClaimsResult
) -> tuple[ArticleTopics, ClaimsResult, AnchorChain]:
    """Sections of both articles under ``topic_set``, the claims relabelled with the topic of
    their sentences (as ``find_claims`` labels them), and the anchor chain they make."""
    topics = topics_for_pair(a, b, topic_set)
    relabelled = ClaimsResult(
        claims=tuple(
            replace(c, topic=topic_at(topics.a, c.a.start) or topic_at(topics.b, c.b.start))
            for c in claims.claims
        ),
        only_in_a=claims.only_in_a,
        only_in_b=claims.only_in_b,
        related=claims.related,
    )
    chain = AnchorChain.build(anchors_for_pair(topics, relabelled), len(a.text), len(b.text))
    return topics, relabelled, chain
