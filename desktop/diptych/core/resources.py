"""Access to the data that ships in the wheel: the seed pair and resources/ (topics, icons...)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from diptych.core.errors import DiptychError


def seeds_dir() -> Traversable:
    return resources.files("diptych.seeds")


def resources_dir() -> Traversable:
    return resources.files("diptych.resources")


def resource_path(*parts: str) -> Path:
    """A real filesystem path to a shipped resource (the wheel installs unzipped)."""
    node = resources_dir()
    for p in parts:
        node = node.joinpath(p)
    return Path(str(node))


@dataclass(frozen=True)
class SeedArticle:
    path: Path
    publication: str
    title: str
    author: str
    date: str
    url: str


@dataclass(frozen=True)
class SeedPair:
    name: str
    topics: str  # name of a topic set file in resources/topics (without .toml)
    a: SeedArticle
    b: SeedArticle


def load_manifest(path: Path) -> SeedPair:
    """Read a pair manifest (``seeds/*.toml``); article files are relative to it."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        sides = []
        for key in ("a", "b"):
            d = data[key]
            sides.append(
                SeedArticle(
                    path=path.parent / d["file"],
                    publication=d.get("publication", ""),
                    title=d.get("title", ""),
                    author=d.get("author", ""),
                    date=str(d.get("date", "")),
                    url=d.get("url", ""),
                )
            )
        pair = data["pair"]
        return SeedPair(name=pair["name"], topics=pair.get("topics", ""), a=sides[0], b=sides[1])
    except (OSError, KeyError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise DiptychError(f"{path}: not a valid pair manifest ({exc})") from exc


def seed_pair() -> SeedPair:
    """The default pair shipped in ``seeds/``."""
    seeds = Path(str(seeds_dir()))
    manifests = sorted(seeds.glob("*.toml"))
    if not manifests:
        raise DiptychError(f"no pair manifest in {seeds}")
    return load_manifest(manifests[0])


def manifest_entry_for(path: Path) -> SeedArticle | None:
    """The manifest entry describing ``path``, if a manifest beside it names the file."""
    try:
        resolved = path.resolve()
        candidates = sorted(resolved.parent.glob("*.toml"))
    except OSError:
        return None
    for m in candidates:
        try:
            pair = load_manifest(m)
        except DiptychError:
            continue
        for side in (pair.a, pair.b):
            if side.path.resolve() == resolved:
                return side
    return None
