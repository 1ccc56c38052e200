"""Topic set files: reading and checking a TOML topic set, and the seed and pair defaults."""

from __future__ import annotations

import functools
import re
import stat
import tomllib
from dataclasses import replace
from pathlib import Path

from diptych.core.compare.terms import content_terms
from diptych.core.compare.topics.names import clean_topic_name, topic_name_problem
from diptych.core.compare.topics.proposals import propose_topics
from diptych.core.errors import DiptychError, TopicsError
from diptych.core.model import Article, Topic, TopicSet

MAX_TOPICS_FILE_BYTES = 1_000_000

_COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
_TOPIC_KEYS = frozenset({"name", "color", "cues"})
_TOP_KEYS = frozenset({"name", "description", "topic"})


def load_topic_set(path: str | Path) -> TopicSet:
    """Read and validate a topic set TOML file; raise ``TopicsError`` with one clear line."""
    p = Path(path)
    try:
        return _topic_set_from_data(_read_topic_file(p), default_name=p.stem)[0]
    except TopicsError as exc:
        raise TopicsError(f"{p}: {exc}") from None


def read_saved_topic_set(path: str | Path) -> tuple[TopicSet, tuple[str, ...]]:
    """A topic set the reader's own edits made (a pair's saved set), read as kindly as is
    honest. What a topic may be called grew stricter after such sets were saved
    (``topics.names``), and the reader's work is not thrown away for one name: a topic whose
    name is now refused keeps its place, colour and cues under the name "Topic N" (N its
    place), and the second value says so, one phrase per topic renamed
    ('topic 3 is shown as "Topic 3" (a topic name cannot be a web or file address:
    "https://example.org")'): the reason first, which a narrow status bar still shows. Anything else wrong with the file raises ``TopicsError`` with the reason,
    without the path (the caller says where)."""
    p = Path(path)
    return _topic_set_from_data(_read_topic_file(p), default_name=p.stem, rename_refused=True)


def _read_topic_file(p: Path) -> dict[str, object]:
    """The TOML table in ``p``, or ``TopicsError`` saying why not (without the path)."""
    try:
        if p.is_dir():
            raise TopicsError("is a directory, not a topic set file")
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block, /dev/zero never end
            raise TopicsError("is not a regular file (a device, FIFO or socket)")
        size = st.st_size
        if size > MAX_TOPICS_FILE_BYTES:
            raise TopicsError(
                f"{size} bytes is too large for a topic set (limit {MAX_TOPICS_FILE_BYTES} bytes)"
            )
        raw = p.read_bytes()
    except FileNotFoundError:
        raise TopicsError("no such topic set file") from None
    except OSError as exc:
        raise TopicsError(f"cannot read topic set ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise TopicsError("not UTF-8 text (a topic set is a UTF-8 TOML file)") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TopicsError(f"not valid TOML ({exc})") from None


def _topic_set_from_data(
    data: dict[str, object], *, default_name: str, rename_refused: bool = False
) -> tuple[TopicSet, tuple[str, ...]]:
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise TopicsError(
            f"unknown top-level key {unknown[0]!r} (expected name, description, [[topic]])"
        )
    name = data.get("name", default_name)
    if not isinstance(name, str) or not name.strip():
        raise TopicsError("'name' must be a non-empty string")
    tables = data.get("topic")
    if tables is None:
        raise TopicsError("no [[topic]] tables (a topic set needs at least one topic)")
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise TopicsError("'topic' must be an array of tables ([[topic]])")
    if not tables:
        raise TopicsError("no [[topic]] tables (a topic set needs at least one topic)")
    topics: list[Topic] = []
    refused: dict[int, tuple[str, str]] = {}  # place -> (the name as written, why refused)
    seen: set[str] = set()
    for i, table in enumerate(tables, 1):
        problem = _refused_name(table) if rename_refused else None
        if problem is not None:
            refused[i - 1] = (" ".join(str(table["name"]).split()), problem)
            try:  # the rest of it checked as ever
                topics.append(_topic_from_table({**table, "name": f"Topic {i}"}, i))
            except TopicsError:  # wrong in more ways than its name: the name is the news
                raise TopicsError(f"topic #{i}: {problem}") from None
            continue
        topics.append(_topic_from_table(table, i))
        key = topics[-1].name.casefold()
        if key in seen:
            raise TopicsError(f"topic {topics[-1].name!r} is defined twice")
        seen.add(key)
    said: list[str] = []
    for k, (written, why) in refused.items():
        new = f"Topic {k + 1}"
        n = 1
        while new.casefold() in seen:  # the reader may have a topic called "Topic 3"
            n += 1
            new = f"Topic {k + 1} ({n})"
        seen.add(new.casefold())
        topics[k] = replace(topics[k], name=new)
        said.append(f'topic {k + 1} is shown as "{new}" ({why}: "{_excerpt(written)}")')
    return TopicSet(name=name.strip(), topics=tuple(topics), proposed=False), tuple(said)


def _refused_name(table: dict[str, object]) -> str | None:
    """Why the name of a topic's table is refused, when it is a string that names cannot
    be any longer (None otherwise: no name, or not a string, is refused as ever)."""
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        return None
    return topic_name_problem(" ".join(name.split()))


def _excerpt(name: str, width: int = 32) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def _topic_from_table(table: dict[str, object], index: int) -> Topic:
    where = f"topic #{index}"
    name = table.get("name")
    if not isinstance(name, str) or not name.strip():
        raise TopicsError(f"{where}: 'name' must be a non-empty string")
    try:
        name = clean_topic_name(name)  # no web address, no U+202E, no 2,000 letters
    except TopicsError as exc:
        raise TopicsError(f"{where}: {exc}") from None
    where = f"topic {name!r}"
    unknown = sorted(set(table) - _TOPIC_KEYS)
    if unknown:
        raise TopicsError(f"{where}: unknown key {unknown[0]!r} (expected name, color, cues)")
    color = table.get("color")
    if not isinstance(color, str) or not _COLOR_RE.match(color):
        raise TopicsError(f"{where}: 'color' must be a colour like \"#1f77b4\", got {color!r}")
    cues = table.get("cues")
    if not isinstance(cues, list) or not cues:
        raise TopicsError(f"{where}: 'cues' must be a non-empty list of words or phrases")
    clean: list[str] = []
    for cue in cues:
        if not isinstance(cue, str) or not cue.strip():
            raise TopicsError(f"{where}: every cue must be a non-empty string, got {cue!r}")
        if not content_terms(cue):
            raise TopicsError(
                f"{where}: cue {cue!r} has only stop words, so it can never match anything"
            )
        clean.append(cue.strip())
    return Topic(name=name, color=color.lower(), cues=tuple(clean))


def seed_topic_set() -> TopicSet:
    """The topic set the seed pair's manifest names (shipped in ``resources/topics``)."""
    from diptych.core.resources import resource_path, seed_pair

    pair = seed_pair()
    name = pair.topics or "bolivia-coup-2019"
    return load_topic_set(resource_path("topics", f"{name}.toml"))


@functools.cache
def _seed_prints() -> frozenset[str]:
    """The fingerprints of the seed pair's two texts (empty when it cannot be read)."""
    from diptych.core.reading.articles import load_seed_pair

    try:
        a, b = load_seed_pair()
    except DiptychError:
        return frozenset()
    return frozenset((a.fingerprint, b.fingerprint))


def topic_set_for_pair(a: Article, b: Article) -> TopicSet:
    """The pair's own topic set: the manifest's when ``a`` and ``b`` are the seed pair, else a
    proposed one. (A set the reader saved for the pair comes first: ``pair.pair_topics``.)

    The seed pair is known by its canonical URLs (opened from the shipped seeds), or by its
    two texts (the same files opened by path from elsewhere: a checkout, a copy): one pair of
    texts has one topic set, as the set a reader saves for it is keyed on its texts."""
    from diptych.core.resources import seed_pair

    try:
        pair = seed_pair()
    except DiptychError:
        return propose_topics(a, b)
    if pair.topics and (
        {a.id, b.id} == {pair.a.url, pair.b.url}
        or (a.fingerprint != b.fingerprint and {a.fingerprint, b.fingerprint} == _seed_prints())
    ):
        return seed_topic_set()
    return propose_topics(a, b)
