"""The readings cache: `.okrlint_cache/` at the project root, like ruff's `.ruff_cache/`.

Reading a text needs spaCy, and `import spacy` alone costs more than the rest of a pre-commit
run; weekly check-ins change numbers, not texts. So readings are kept between runs, keyed by the
text, the okrlint version and the rule pack's fingerprint, and spaCy is imported only when a text
is missing.

Layout: `.okrlint_cache/readings/<version>/<pack fingerprint>/<xx>.json`, 256 shards by the first
byte of the text's hash, so that a run over one file opens a few small shards and a run over a
whole repository rewrites only the shards that changed. A reading is stored as a row (a JSON list
in the order of the field names the shard lists), which halves the size of a shard and makes
reading it back several times faster than objects with named fields. Each shard starts with the
SHA-256 of its body; a shard that fails that check, names another format, version, pack or list of
fields, or holds an entry that does not read back as a reading of its text, is ignored and
rewritten: the cache is never trusted
over reading the text again. Writes go to a temporary file renamed into place, so a reader never
sees half a shard and concurrent runs at worst redo each other's work.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from okrlint.analysis.pack import RulePack
    from okrlint.analysis.reading import KeyResultReading, Term

CACHE_DIR = ".okrlint_cache"
# 2: readings as rows. Shards of format 1 (readings as objects) are ignored and rewritten.
FORMAT = 2
# Readings kept per shard (about 256 x 4,000 = a million texts) before the oldest are dropped.
MAX_PER_SHARD = 4_000

Read = Callable[[Sequence[str], "RulePack"], "dict[str, KeyResultReading]"]


def project_root(config_directory: Path | None) -> Path:
    """Where the cache lives: the folder of the config in use, else the working folder."""
    return config_directory if config_directory is not None else Path.cwd()


class ReadingsCache:
    """Wraps a `read(texts, pack)` function with the on-disk cache under `root`."""

    def __init__(self, root: Path, version: str, read: Read) -> None:
        self.folder = root / CACHE_DIR
        self.version = version
        self._read = read
        self.hits = 0
        self.misses = 0

    def read(self, texts: Sequence[str], pack: RulePack) -> dict[str, KeyResultReading]:
        wanted = [t for t in dict.fromkeys(texts) if isinstance(t, str)]
        by_shard: dict[str, list[tuple[str, str]]] = {}
        for text in wanted:
            key = _key(text)
            by_shard.setdefault(key[:2], []).append((key, text))
        folder = self.folder / "readings" / _safe(self.version) / _safe(pack.fingerprint)
        found: dict[str, KeyResultReading] = {}
        shards: dict[str, dict[str, Any]] = {}
        missing: list[str] = []
        terms: dict[tuple[Any, ...], Term] = {}  # shared by the readings of this batch
        for shard, entries in by_shard.items():
            stored = _load_shard(folder / f"{shard}.json", self.version, pack.fingerprint)
            shards[shard] = stored
            for key, text in entries:
                reading = _reading(stored.get(key), text, terms)
                if reading is None:
                    missing.append(text)
                else:
                    found[text] = reading
        self.hits += len(found)
        self.misses += len(missing)
        if not missing:
            return found
        fresh = self._read(missing, pack)  # spaCy is imported here, and only here
        found.update(fresh)
        changed: dict[str, dict[str, Any]] = {}
        for text, reading in fresh.items():
            key = _key(text)
            changed.setdefault(key[:2], shards.get(key[:2], {}))[key] = reading.to_row()
        self._write(folder, changed, pack.fingerprint)
        return found

    def _write(self, folder: Path, shards: dict[str, dict[str, Any]], fingerprint: str) -> None:
        """Best effort: a read-only or full disk leaves the run uncached, never failed."""
        try:
            _prepare(self.folder)
            folder.mkdir(parents=True, exist_ok=True)
            for shard, readings in shards.items():
                if len(readings) > MAX_PER_SHARD:  # dicts keep insertion order: oldest first
                    readings = dict(list(readings.items())[-MAX_PER_SHARD:])
                _write_shard(folder / f"{shard}.json", self.version, fingerprint, readings)
        except OSError:
            pass


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _safe(name: str) -> str:
    """A path component from a version or fingerprint, whatever characters they hold."""
    cleaned = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)
    return cleaned.strip(".") or "_"


def _load_shard(path: Path, version: str, fingerprint: str) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError:
        return {}
    checksum, _, body = raw.partition(b"\n")
    if hashlib.sha256(body).hexdigest().encode() != checksum:
        return {}
    try:
        data = json.loads(body)
    except ValueError:
        return {}
    if (
        not isinstance(data, dict)
        or data.get("format") != FORMAT
        or data.get("okrlint") != version
        or data.get("pack") != fingerprint
        or data.get("fields") != _fields()
        or not isinstance(data.get("readings"), dict)
    ):
        return {}
    readings: dict[str, Any] = data["readings"]
    return readings


def _reading(entry: Any, text: str, terms: dict[tuple[Any, ...], Term]) -> KeyResultReading | None:
    """The stored reading of `text`, or None when there is none or it does not read back."""
    # Exactly the fields this version writes: a row with more or fewer is not one of ours.
    if type(entry) is not list or len(entry) != len(_fields()) or entry[0] != text:
        return None
    from okrlint.analysis.reading import KeyResultReading

    try:
        return KeyResultReading.from_row(entry, terms)
    except (TypeError, ValueError, KeyError, AttributeError):
        return None


@functools.cache
def _fields() -> list[str]:
    from okrlint.analysis.reading import row_fields

    return list(row_fields())


def _write_shard(path: Path, version: str, fingerprint: str, readings: dict[str, Any]) -> None:
    document = {
        "format": FORMAT,
        "okrlint": version,
        "pack": fingerprint,
        "fields": _fields(),
        "readings": readings,
    }
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    checksum = hashlib.sha256(body).hexdigest().encode()
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(checksum + b"\n" + body)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _prepare(folder: Path) -> None:
    """Create the cache folder with a .gitignore (and a CACHEDIR.TAG for backup tools)."""
    if (folder / ".gitignore").is_file():
        return
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ".gitignore").write_text("# Automatically created by okrlint.\n*\n")
    (folder / "CACHEDIR.TAG").write_text(
        "Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by okrlint.\n"
        "# For information about cache directory tags see https://bford.info/cachedir/\n"
    )
