"""Reading and writing annotation JSON safely: depth, finite numbers, annotation lists."""

from __future__ import annotations

import json
import math
import stat
from pathlib import Path
from typing import Any

from diptych.core.errors import StoreError
from diptych.core.notes.interchange.vocab import MAX_DEPTH


def _types(obj: Any) -> set[str]:
    t = obj.get("type", obj.get("@type")) if isinstance(obj, dict) else None
    if isinstance(t, str):
        return {t}
    if isinstance(t, list):
        return {x for x in t if isinstance(x, str)}
    return set()


def _as_list(v: Any) -> list[Any]:
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def annotations_in(data: Any) -> list[dict[str, Any]]:
    """The annotations in a parsed W3C document (collection, page, list or one annotation)."""
    if isinstance(data, list):
        out: list[dict[str, Any]] = []
        for item in data:
            out.extend(annotations_in(item))
        return out
    if not isinstance(data, dict):
        raise StoreError("not W3C annotations: expected an object or a list")
    types = _types(data)
    if "AnnotationCollection" in types:
        first = data.get("first")
        if isinstance(first, list) and first:
            first = first[0]
        if isinstance(first, dict):
            return annotations_in(first)
        if isinstance(first, str) and "items" not in data:
            raise StoreError(
                f"the collection's annotations are on a separate page ({first}), not in this file"
            )
        return annotations_in(data.get("items", []))
    if "AnnotationPage" in types:
        return annotations_in(data.get("items", []))
    if "Annotation" in types or "target" in data:
        return [data]
    raise StoreError("not W3C annotations: no Annotation, AnnotationPage or AnnotationCollection")


def load_w3c_file(path: str | Path) -> Any:
    """Parse a JSON(-LD) file, with a clear error for unreadable or malformed files."""
    p = Path(path)
    try:
        if not stat.S_ISREG(p.stat().st_mode):  # a FIFO would block, /dev/zero never end
            kind = "a directory" if p.is_dir() else "not a regular file (a device, FIFO or socket)"
            raise StoreError(f"cannot read {p}: it is {kind}")
        raw = p.read_bytes()
    except OSError as exc:
        raise StoreError(f"cannot read {p}: {exc.strerror}") from None
    try:
        data = json.loads(
            raw.decode("utf-8-sig"), parse_constant=_not_json, parse_float=_finite_float
        )
    except UnicodeDecodeError:
        raise StoreError(f"{p} is not UTF-8 text") from None
    except RecursionError:
        raise StoreError(f"{p} is nested too deeply to be annotations") from None
    except json.JSONDecodeError as exc:
        if p.suffix.lower() in (".md", ".markdown") or raw.lstrip().startswith(b"# "):
            raise StoreError(
                f"{p} looks like Markdown notes: only W3C Web Annotation JSON can be "
                "imported (made by: diptych highlights export --format w3c)"
            ) from None
        raise StoreError(f"{p} is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except ValueError as exc:
        raise StoreError(f"{p} is not valid JSON ({exc})") from None
    check_depth(data, str(p))
    return data


def _not_json(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large a number")
    return value


def check_depth(data: Any, what: str = "the annotations") -> None:
    """A ``StoreError`` when ``data`` nests deeper than ``MAX_DEPTH`` (later steps, saving and
    exporting, would run out of stack on what loaded)."""
    todo: list[tuple[Any, int]] = [(data, 0)]
    while todo:
        obj, depth = todo.pop()
        if depth > MAX_DEPTH:
            raise StoreError(f"{what} is nested too deeply to be annotations")
        if isinstance(obj, dict):
            todo.extend((v, depth + 1) for v in obj.values())
        elif isinstance(obj, list):
            todo.extend((v, depth + 1) for v in obj)


def _finite(obj: Any) -> Any:
    """``obj`` with every number that JSON cannot hold (NaN, ±Infinity) as null."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_finite(v) for v in obj]
    return obj


def w3c_json(doc: Any) -> str:
    """``doc`` (from ``export_w3c``) as JSON text: valid JSON always (a NaN or Infinity a store
    holds from an older import is written as null)."""
    return json.dumps(_finite(doc), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
