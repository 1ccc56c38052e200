"""Articles from the web: one page fetched with urllib3, kept as a snapshot, read from it.

Only the page itself is fetched (never its images, scripts or styles), over http(s) only,
with an honest User-Agent, no cookies kept, at most ``MAX_REDIRECTS`` redirects (each to
http(s) again, never in a loop), at most ``MAX_BYTES`` of body, and a deadline for the whole
exchange (``TIMEOUT``) besides the connect and read timeouts, so a slow server cannot hold a
load forever; ``cancel()`` is asked between chunks. Anything else is one clear
:class:`ArticleError` line (an HTTP 404, a type that is not a page, a body too large).

The page is saved as a snapshot in the user data dir (``snapshots/<hash of the canonical
URL>/``: the page's bytes and ``meta.json``), as Zotero keeps snapshots, and loaded from there;
the article's identity is its canonical URL (``<link rel=canonical>`` when the page gives an
http(s) one on its own site, else the address after redirects, without its fragment), so
highlights follow the page, not the snapshot's path. Fetching again ("Reload from the web")
replaces the snapshot. Each address a page was fetched from is noted (``snapshots/addresses/``), so that
when it cannot be fetched again (offline, the site down, the page taken away) the copy kept
from before can be read instead, saying so (:func:`kept_copy`).
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from diptych.core.errors import ArticleError
from diptych.core.model import Article

MAX_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT = 30.0  # seconds for the whole exchange
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 15.0  # between two chunks of the body
_CHUNK = 64 * 1024

# what a page may be served as, and the suffix its snapshot gets
_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "application/pdf": ".pdf",
    "application/epub+zip": ".epub",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}

Progress = Callable[[int, int | None], None]  # (bytes so far, expected or None)


def is_url(text: str) -> bool:
    return bool(re.match(r"(?i)https?://\S", text.strip()))


def file_address_path(text: str) -> str | None:
    """The path a ``file://`` address on this computer names (Diptych's exports name articles
    by such addresses), or None for anything else."""
    if not re.match(r"(?i)\s*file:", text):
        return None
    parts = urlsplit(text.strip())
    return unquote(parts.path) if parts.netloc in ("", "localhost") else None


def user_agent() -> str:
    from diptych import __version__

    return f"Diptych/{__version__} (desktop article reader; fetches one page, no assets)"


class FetchCancelled(ArticleError):
    """The reader stopped the download."""


@dataclass(frozen=True)
class Fetched:
    url: str  # the address after redirects
    content_type: str
    body: bytes


def _check_scheme(url: str) -> str:
    """``url`` without its fragment, when it is a whole http(s) address."""
    try:
        url = str(urldefrag(url)[0])
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port  # a port out of range raises here
    except ValueError as exc:
        raise ArticleError(f"{url}: is not a valid web address ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ArticleError(f"{url}: only http and https addresses can be opened")
    if not host:
        raise ArticleError(f"{url}: has no host name; it is not a whole web address")
    return url


def fetch(
    url: str,
    *,
    cancel: Callable[[], bool] | None = None,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT,
) -> Fetched:
    """GET one page under the limits above."""
    from diptych.core.reading.readers import require

    urllib3 = require("urllib3")

    url = _check_scheme(url.strip())
    http = urllib3.PoolManager(
        retries=False,
        timeout=urllib3.Timeout(
            connect=min(CONNECT_TIMEOUT, timeout), read=min(READ_TIMEOUT, timeout)
        ),
        headers={
            "User-Agent": user_agent(),
            "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
        },
    )
    deadline = time.monotonic() + timeout
    seen: list[str] = []
    try:
        while True:
            if url in seen:
                raise ArticleError(f"{seen[0]}: redirects in a loop (back to {url})")
            seen.append(url)
            watched = _watch(http, url)
            try:
                resp = _in_time(
                    lambda u=url: http.request(  # type: ignore[misc]
                        "GET", u, redirect=False, preload_content=False, decode_content=True
                    ),
                    watched,
                    deadline,
                    cancel,
                    f"{url}: took longer than {timeout:.0f} s; stopped",
                    f"{url}: cancelled",
                )
            except urllib3.exceptions.HTTPError as exc:
                raise ArticleError(f"{url}: cannot be fetched ({_reason(exc)})") from None
            try:
                if resp.status in (301, 302, 303, 307, 308):
                    location = resp.headers.get("Location", "")
                    if not location:
                        raise ArticleError(f"{url}: redirect without a target")
                    if len(seen) > MAX_REDIRECTS:
                        raise ArticleError(
                            f"{seen[0]}: more than {MAX_REDIRECTS} redirects; not followed"
                        )
                    try:
                        nxt = urljoin(url, location)
                        scheme = urlsplit(nxt).scheme.lower()
                        if scheme in ("http", "https"):
                            nxt = _check_scheme(nxt)  # (its fragment dropped)
                    except (ValueError, ArticleError):
                        raise ArticleError(
                            f"{url}: redirects to an address that is not valid"
                        ) from None
                    if scheme not in ("http", "https"):
                        raise ArticleError(
                            f"{url}: redirects to a {scheme or 'relative'}: "
                            "address; only http and https are followed"
                        )
                    url = nxt
                    continue
                if resp.status >= 400:
                    raise ArticleError(
                        f"{url}: the server answered HTTP {resp.status} {resp.reason}"
                    )
                ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                if ctype and ctype not in _TYPES:
                    raise ArticleError(
                        f"{url}: is {ctype}, not a web page or document Diptych can read"
                    )
                length = resp.headers.get("Content-Length")
                expected = int(length) if length and length.isdigit() else None
                if expected is not None and expected > max_bytes:
                    raise ArticleError(_too_large(url, expected, max_bytes))
                body = bytearray()
                try:
                    while chunk := resp.read1(_CHUNK):  # what has come, not a full chunk
                        body += chunk
                        if len(body) > max_bytes:
                            raise ArticleError(_too_large(url, None, max_bytes))
                        if time.monotonic() > deadline:
                            raise ArticleError(f"{url}: took longer than {timeout:.0f} s; stopped")
                        if cancel is not None and cancel():
                            raise FetchCancelled(f"{url}: cancelled")
                        if progress is not None:
                            progress(len(body), expected)
                except urllib3.exceptions.HTTPError as exc:
                    raise ArticleError(f"{url}: the download broke off ({_reason(exc)})") from None
                return Fetched(url, ctype or "text/html", bytes(body))
            finally:
                resp.release_conn()
    finally:
        http.clear()


def _watch(http: Any, url: str) -> list[Any]:
    """The sockets the pool for ``url`` opens from now on (so that a server that keeps the
    answer's first lines coming slowly can be cut off at the deadline)."""
    socks: list[Any] = []
    pool = http.connection_from_url(url)
    base = pool.ConnectionCls

    class Watched(base):  # type: ignore[misc, valid-type]
        def connect(self) -> None:
            super().connect()
            socks.append(self.sock)

    pool.ConnectionCls = Watched
    return socks


def _in_time(
    ask: Callable[[], Any],
    socks: list[Any],
    deadline: float,
    cancel: Callable[[], bool] | None,
    late: str,
    cancelled: str,
) -> Any:
    """``ask()`` (which waits for the server's status line and headers) on a thread of its
    own, given up at the deadline or when cancelled, its connection cut. Each read of a socket
    has its own timeout, but a server sending a header line every few seconds never trips it."""
    import socket
    import threading

    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = ask()
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc

    worker = threading.Thread(target=run, name="diptych-fetch", daemon=True)
    worker.start()
    while True:
        worker.join(0.05)
        if not worker.is_alive():
            break
        stopped = cancel is not None and cancel()
        if stopped or time.monotonic() > deadline:
            for sock in socks:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()
            if stopped:
                raise FetchCancelled(cancelled)
            raise ArticleError(late)
    if "error" in box:
        raise box["error"]
    return box["value"]


def _too_large(url: str, size: int | None, limit: int) -> str:
    shown = f" ({size / 1048576:.1f} MiB)" if size else ""
    return f"{url}: is too large{shown}; Diptych reads pages of up to {limit // 1048576} MiB"


def _reason(exc: Exception) -> str:
    """What went wrong, in words a reader knows (urllib3's own text names its classes)."""
    import urllib3.exceptions as e

    reason = getattr(exc, "reason", None)
    if isinstance(reason, Exception) and not isinstance(exc, e.SSLError):
        exc = reason
    if isinstance(exc, e.NameResolutionError):
        return "no such host name, or no network"
    if isinstance(exc, e.NewConnectionError):  # (a ConnectTimeoutError to urllib3)
        errno = re.search(r"\[Errno -?\d+\] ([^)\]]+)", str(exc))
        return "cannot connect" + (f": {errno.group(1).strip().lower()}" if errno else "")
    if isinstance(exc, e.ConnectTimeoutError):
        return "the server did not answer in time"
    if isinstance(exc, e.ReadTimeoutError):
        return "the server stopped answering"
    if isinstance(exc, e.SSLError):
        return "the secure connection failed"
    if isinstance(exc, e.ProtocolError):
        return "the connection broke off"
    text = str(reason or exc)
    text = re.sub(r"<[^>]*>", "", text)
    return " ".join(text.split())[:160] or type(exc).__name__


# -------------------------------------------------------------------------------- snapshots


def snapshots_dir() -> Path:
    env = os.environ.get("DIPTYCH_SNAPSHOTS")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("diptych", appauthor=False)) / "snapshots"


_CANONICAL = re.compile(
    rb"""<link\b[^>]{0,400}?\brel\s*=\s*["']?canonical\b[^>]{0,400}>""", re.IGNORECASE
)
_HREF = re.compile(rb"""\bhref\s*=\s*["']?([^"'\s>]{1,2000})""", re.IGNORECASE)


_SUFFIXES: Any = None  # the Public Suffix List, read on first use


def _host_name(host: str) -> tuple[str, bool]:
    """``host`` as the Public Suffix List takes it, and whether it is an IP address."""
    name = host.lower().rstrip(".").strip("[]")
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return name, False
    return name, True


def _registrable(name: str) -> str:
    """The registrable part of host name ``name`` (not an IP address) by the list."""
    global _SUFFIXES
    if _SUFFIXES is None:
        from diptych.core.reading.readers import load

        mod = load("publicsuffixlist")  # logged once when missing; then each host is a site
        _SUFFIXES = mod.PublicSuffixList() if mod is not None else False
    if not _SUFFIXES:
        return name
    return str(_SUFFIXES.privatesuffix(name) or name)


def _site(host: str) -> str:
    """The registrable part of a host name ("bbc.co.uk" of "news.bbc.co.uk"), by the Public
    Suffix List, its private section included: "victim.github.io" and "attacker.github.io"
    are two sites, as the browsers' cookie rules have them. An IP address, a name the list
    does not place ("localhost") or any host when the list cannot be read is its own site."""
    name, is_ip = _host_name(host)
    return name if is_ip else _registrable(name)


def site_label(host: str) -> str:
    """The label a site is named by ("bbc" of "news.bbc.co.uk", "sportsnet" of
    "www.sportsnet.ca"): the first label of its registrable part; "" for an IP address."""
    name, is_ip = _host_name(host)
    return "" if is_ip else _registrable(name).split(".", 1)[0]


def _same_site(a: str, b: str) -> bool:
    return bool(a and b) and (a.lower() == b.lower() or _site(a) == _site(b))


def canonical_url(fetched: Fetched) -> str:
    """The page's own canonical http(s) URL when it names one on its own site, else where it
    was fetched. A canonical link to another site is not believed: a page could otherwise
    pass itself off as another site's article, take its highlights and replace its kept
    copy."""
    if fetched.content_type in ("text/html", "application/xhtml+xml"):
        m = _CANONICAL.search(fetched.body[: 512 * 1024])
        if m:
            h = _HREF.search(m.group(0))
            if h:
                href = h.group(1).decode("utf-8", "replace").replace("&amp;", "&")
                try:
                    full = _check_scheme(urljoin(fetched.url, href))
                except (ValueError, ArticleError):
                    return fetched.url  # a canonical link that is no address is ignored
                here = urlsplit(fetched.url).hostname or ""
                if _same_site(urlsplit(full).hostname or "", here):
                    return full
    return fetched.url


def save_snapshot(fetched: Fetched, canonical: str) -> Path:
    """Write the page and its metadata under the snapshots dir; the page's path."""
    folder = _folder(canonical)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    page = folder / ("page" + _TYPES.get(fetched.content_type, ".html"))
    for old in folder.glob("page.*"):
        if old != page:
            old.unlink()
    tmp = page.with_suffix(page.suffix + ".part")
    tmp.write_bytes(fetched.body)
    os.replace(tmp, page)
    meta = {
        "url": canonical,
        "fetched_from": fetched.url,
        "content_type": fetched.content_type,
        "fetched_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "bytes": len(fetched.body),
    }
    (folder / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return page


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _folder(canonical: str) -> Path:
    return snapshots_dir() / _key(canonical)


def _address_note(address: str) -> Path:
    return snapshots_dir() / "addresses" / _key(address.strip())


def fetch_snapshot(
    url: str,
    *,
    cancel: Callable[[], bool] | None = None,
    progress: Progress | None = None,
) -> tuple[Path, str]:
    """Fetch ``url`` and keep it as a snapshot: (the snapshot's page file, canonical URL)."""
    fetched = fetch(url, cancel=cancel, progress=progress)
    if not fetched.body.strip():
        raise ArticleError(f"{url}: the page is empty")
    canonical = canonical_url(fetched)
    page = save_snapshot(fetched, canonical)
    note = _address_note(url)
    note.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    note.write_text(canonical, encoding="utf-8")
    return page, canonical


@dataclass(frozen=True)
class KeptCopy:
    page: Path  # the snapshot's page file
    url: str  # its canonical URL
    fetched_at: str  # when, "YYYY-MM-DD HH:MM UTC"


def kept_copy(url: str) -> KeptCopy | None:
    """The snapshot kept when ``url`` was last fetched (by that address, or as the page's
    canonical URL), or None."""
    address = url.strip()
    canonical = address
    with contextlib.suppress(OSError):
        canonical = _address_note(address).read_text(encoding="utf-8").strip() or address
    folder = _folder(canonical)
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("url") != canonical:
        return None
    pages = sorted(p for p in folder.glob("page.*") if not p.name.endswith(".part"))
    if not pages:
        return None
    when = str(meta.get("fetched_at", ""))
    shown = when.replace("T", " ")[:16] + " UTC" if re.match(r"\d{4}-\d\d-\d\dT", when) else ""
    return KeptCopy(pages[0], canonical, shown)


def what_changed(old: Article, new: Article) -> str:
    """One line saying how a page re-fetched differs from the copy shown before it (its
    paragraphs compared as they stand), for "Reload from the web"."""
    import difflib

    if old.fingerprint == new.fingerprint:
        return "the page has not changed"
    a = [old.text[b.start : b.end] for b in old.blocks]
    b = [new.text[k.start : k.end] for k in new.blocks]
    added = removed = changed = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "insert":
            added += j2 - j1
        elif op == "delete":
            removed += i2 - i1
        elif op == "replace":
            common = min(i2 - i1, j2 - j1)
            changed += common
            added += (j2 - j1) - common
            removed += (i2 - i1) - common
    parts = [
        f"{n} paragraph{'s' if n != 1 else ''} {what}"
        for n, what in ((changed, "changed"), (added, "added"), (removed, "removed"))
        if n
    ]
    return ", ".join(parts) if parts else "only spacing or markup changed"
