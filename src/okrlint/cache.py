"""The caches in `.okrlint_cache/` at the project root, like ruff's `.ruff_cache/`: readings of
texts (`ReadingsCache`) and the set summaries of files a run did not lint (`SummaryCache`).

Reading a text means building the reader from the rule pack (tokenizing every lexicon form and
compiling the patterns) and then tokenizing and matching the text; weekly check-ins change
numbers, not texts. So readings are kept between runs, keyed by the text, the okrlint version and
the rule pack's fingerprint, and the reader is built only when a text is missing.

Layout: one SQLite database, `.okrlint_cache/readings.sqlite3`. A run reads its files a batch at
a time, and each batch looks up just its own texts by key, so a lookup costs the same in a
repository of ten files or of ten thousand. A reading is stored as a JSON row (a list in the
order of the reading's fields, whose names are part of the version an entry is stored under),
about half the size of an object with named fields and several times faster to read back. Each
entry holds its text and a CRC of its value; an entry that fails that check, names another
version or pack, or does not read back as a reading of its text, is ignored and rewritten, and a
file that is not a readable database is replaced: the cache is never trusted over reading the
text again. The folder is the repository's, so nothing in it is followed: a link or a special
file where the cache would be (the folder itself, its database, its tags) turns the cache off
with a warning (`folder_problem`), and the tags are created only where nothing has the name.
SQLite's locking lets concurrent runs share the file; a run that cannot write (a
read-only checkout, a locked or full disk) runs uncached rather than failing.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import sqlite3
import tempfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from okrlint import __version__, model
from okrlint.pipeline.discover import display_path
from okrlint.safe_files import (
    UnsafePathError,
    create_new,
    read_regular,
    real_folder,
    regular_or_missing,
)
from okrlint.sources import SourceFile
from okrlint.text import key_result_numbers
from okrlint.text.pack import RulePack
from okrlint.text.reading import KeyResultReading, Term, row_fields
from okrlint.workspace import summaries
from okrlint.workspace.summaries import SetSummary, decode, encode

CACHE_DIR = ".okrlint_cache"
DATABASE = "readings.sqlite3"
# 4: readings describe the sentence (token spans, behaviour words, where the lead verb sits),
# verdicts are worked out by the rules; 5: "from 4.0 to 4.5" reads as a baseline and a target,
# not a version; 6: year spans are dates, numbered parts are labels, "the new one" is no count;
# 7: "Hold 4 workshops" leads with work, "Trial-to-paid conversion" with no verb; 8: a share
# before a limit is the target ("90% of tickets ... within 2 days"), "two days" is a duration;
# 9: "with the top 50 accounts" is a scope, not an amount; 10: "Invites sent by ..." opens with
# a plural noun, not a verb; 11: a hyphenated compound is one measure ("dock-to-stock time");
# 12: "5 days instead of 9" starts from 9; 13: "lesson 3", "tier 1" are labels; 14: "one of our
# queues", "60+ days past due" say which things, not how many; 15: "October 2026" is a month and
# a year, not "October 20" and a count; 16: "for the half" is a period; 17: "the 60+ day
# bucket" names a class, "for one month" is a duration; 18: "Half of new hosts" is a share;
# 19: a figure in a name ("SOC 2", "ISO 27001") and "1:1" are no amounts, "95% of the time"
# after a limit is the target, "in month 2" a period; "Teams inviting ..." name people,
# "Support team has ..." a team, "the app store's" an owner; 20: "for the three main sites"
# names which sites, "Members active after six months" measures "members active"; 21: "Hold a
# quarterly review" leads with work; 22: "without asking twice" names no amount, "Hold weekly
# demos" leads with work, "Staff who ..." and "Supplier offer acceptance rate" with no verb;
# 23: a German noun in -ate is no English verb, "🚀 Launch ..." leads with "Launch"; 24:
# "Budget holders who ... from 35% to 70%" opens with the people, not the verb "budget"; 25:
# "Median first reply" is one measure; 26: "Release notes published" names the thing done, not
# the verb "Release", and "before anyone complains twice" names no amount; 27: "Partners with
# a closed deal" opens with the people, not the verb "partner with"; 28: "Audit exceptions below
# $5k" and "Build time from 22 to 8 minutes" open with a measure's name, not a command; 29: a
# time of day ("by 10 pm", "24/7") is no amount, nor the base of a rate ("per 1,000 orders");
# "by a third" is a change in percent; "within 24 hours for 95% of orders" aims at 95%; "Hold
# QBRs with ..." leads with work, and an event after "hold" that the pack's measure words cover
# is a measure; 30: "One in three new customers", "2 out of 5 quotes" are shares; 31 and 32:
# "Verified reviews make up 70%" reports no work done; 33: "Trial teams that ..." open with
# the people, not the verb "trial"; 34: "Support tickets from 13 to 5", "Trial conversion from
# 8% to 12%" open with what customers do; 35: "Review response time under 2 days", "Report
# downloads double" open with a measure's name; 36: "up 40%", "down 2 points", "+15%" are a
# change, and "Trial signups +15%" opens with a measure; 37: a score's sign before its figures
# ("from +12 to +30", "+10 -> +35") keeps them a baseline and a target; 38: a figure after a name
# that a determiner opens ("the old Ruby 2 build scripts") is the name's; 39: more words of
# finished work on documents and code ("translated", "versioned", "rewritten", ...); 40:
# "obtained" is one too; 41: "x2", "×1.5" before their figure are a multiple to reach; 42: a
# sign of comparison ("NRR ≥ 110%") ends the measured phrase; 43: "Open-source the CLI" opens
# with the verb "open-source"; 44: "Growth – run 4 experiments" has the prefix "Growth –"; 45:
# a verb in -ing before a measure's name names it ("Onboarding NPS of 50 or more"); 46: "up" and
# "down" before a figure end the measured phrase ("Running costs down 10%"); 47: a scale glued
# to a figure ("$10M ARR") is no word of the measured phrase.
# Merged with the session's other reading changes (numbered 37-42 on their own branch): 48: a
# command on the team's own work with a figure ("Hold welcome calls with 85% of new tenants")
# measures the team's activity; "Time to hire ..." names a measure; "Pilot clinics renew ..."
# opens with people, not a command; "Blog drives 2,000 sign-ups" opens with a subject, and
# "sign-ups" is the plural of "sign-up"; people counted apart from the work ("Launch in 2 towns
# with 250 weekly riders each") are what is measured; a reference code before the text
# ("`2022.M1.01` - ...") holds no figure or date; a service level named before people
# ("response time to customer inquiries") measures service, and "Schedule 90% of onboarding
# calls" the team's work.
# Entries of an older format are never read, and are dropped by the next write.
FORMAT = 48
# Entries kept (a million texts, a few hundred MB at most) before the oldest are dropped.
MAX_ENTRIES = 1_000_000
# Keys per query: well under SQLite's limit on parameters.
_KEYS_PER_QUERY = 500

Read = Callable[[Sequence[str], "RulePack"], "dict[str, KeyResultReading]"]

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS readings ("
    " okrlint TEXT NOT NULL, pack TEXT NOT NULL, key BLOB NOT NULL,"
    " crc INTEGER NOT NULL, value TEXT NOT NULL,"
    " PRIMARY KEY (okrlint, pack, key))"
)


def folder_problem(root: Path) -> str | None:
    """Why the cache folder under `root` must not be used, or None when it may (or is absent).

    Everything in it must be a regular file: SQLite follows links when it opens the database
    and its journals, and a link there would have a run write outside the repository.
    """
    folder = root / CACHE_DIR
    try:
        if not folder.is_symlink() and not folder.exists():
            return None
        real_folder(folder)
        with os.scandir(folder) as entries:
            for entry in entries:
                if not entry.is_file(follow_symlinks=False):
                    regular_or_missing(Path(entry.path))  # raises, naming what it is
    except UnsafePathError as error:
        return f"{error}: the cache is off for this run (remove it, or pass --no-cache)"
    except OSError as error:
        return f"{CACHE_DIR} cannot be used ({error.strerror or error}): the cache is off"
    return None


def project_root(config_directory: Path | None) -> Path:
    """Where the cache lives: the folder of the config in use, else the working folder."""
    return config_directory if config_directory is not None else Path.cwd()


class ReadingsCache:
    """Wraps a `read(texts, pack)` function with the on-disk cache under `root`."""

    def __init__(self, root: Path, version: str, read: Read) -> None:
        self.folder = root / CACHE_DIR
        self.version = f"{FORMAT}:{_fields_digest()}:{version}"
        self._read = read
        self._database: sqlite3.Connection | None = None
        self._opened = False
        self.hits = 0
        self.misses = 0

    def read(self, texts: Sequence[str], pack: RulePack) -> dict[str, KeyResultReading]:
        wanted = {_key(t): t for t in dict.fromkeys(texts) if isinstance(t, str)}
        found: dict[str, KeyResultReading] = {}
        terms: dict[tuple[Any, ...], Term] = {}  # shared by the readings of this batch
        for key, crc, value in self._lookup(list(wanted), pack.fingerprint):
            text = wanted.get(key)
            if text is None or text in found or zlib.crc32(value.encode()) != crc:
                continue
            reading = _reading(value, text, terms, pack)
            if reading is not None:
                found[text] = reading
        missing = [text for text in wanted.values() if text not in found]
        self.hits += len(found)
        self.misses += len(missing)
        if not missing:
            return found
        fresh = self._read(missing, pack)  # the reader is built here, and only here
        found.update(fresh)
        self._store(fresh, pack.fingerprint)
        return found

    def _connect(self) -> sqlite3.Connection | None:
        """The database, created on first use; None when there is none and none can be made."""
        if self._opened:
            return self._database
        self._opened = True
        path = self.folder / DATABASE
        for attempt in range(2):
            try:
                _prepare(self.folder)
                for name in (DATABASE, *(DATABASE + end for end in ("-journal", "-wal", "-shm"))):
                    regular_or_missing(self.folder / name)
                database = sqlite3.connect(path, timeout=2.0, isolation_level=None)
                database.execute(_SCHEMA)
                self._database = database
                return database
            except (OSError, sqlite3.Error) as error:
                # Another run holding the lock past the timeout is no reason to delete the
                # database they share: only a file that is not a database is replaced.
                not_a_database = isinstance(error, sqlite3.DatabaseError) and not isinstance(
                    error, sqlite3.OperationalError
                )
                if attempt == 0 and not_a_database and path.is_file() and not path.is_symlink():
                    # Not a database (or a damaged one): start a new one.
                    with contextlib.suppress(OSError):
                        path.unlink()
                    continue
                return None
        return None

    def _lookup(self, keys: list[bytes], fingerprint: str) -> Iterator[tuple[bytes, int, str]]:
        database = self._connect() if (self.folder / DATABASE).is_file() else None
        if database is None:
            return
        try:
            for start in range(0, len(keys), _KEYS_PER_QUERY):
                chunk = keys[start : start + _KEYS_PER_QUERY]
                marks = ",".join("?" * len(chunk))
                rows = database.execute(
                    "SELECT key, crc, value FROM readings"
                    f" WHERE okrlint = ? AND pack = ? AND key IN ({marks})",
                    (self.version, fingerprint, *chunk),
                ).fetchall()
                for key, crc, value in rows:
                    if isinstance(key, bytes) and isinstance(crc, int) and isinstance(value, str):
                        yield key, crc, value
        except sqlite3.OperationalError:
            return  # locked by another run for longer than the timeout: this batch is uncached
        except sqlite3.Error:
            self._discard()

    def _store(self, readings: dict[str, KeyResultReading], fingerprint: str) -> None:
        """Best effort: a read-only, locked or full disk leaves the run uncached, never failed."""
        database = self._connect()
        if database is None:
            return
        rows = []
        for text, reading in readings.items():
            value = json.dumps(reading.to_row(), ensure_ascii=False, separators=(",", ":"))
            rows.append((self.version, fingerprint, _key(text), zlib.crc32(value.encode()), value))
        try:
            with database:
                database.execute("BEGIN IMMEDIATE")
                # Readings of other okrlint versions are never read again.
                database.execute("DELETE FROM readings WHERE okrlint != ?", (self.version,))
                database.executemany("INSERT OR REPLACE INTO readings VALUES (?,?,?,?,?)", rows)
                (count,) = database.execute("SELECT count(*) FROM readings").fetchone()
                if count > MAX_ENTRIES:
                    database.execute(
                        "DELETE FROM readings WHERE rowid IN"
                        " (SELECT rowid FROM readings ORDER BY rowid LIMIT ?)",
                        (count - MAX_ENTRIES,),
                    )
        except sqlite3.DatabaseError as error:
            if not isinstance(error, sqlite3.OperationalError):
                self._discard()  # damaged: the next run starts a new one

    def _discard(self) -> None:
        if self._database is not None:
            with contextlib.suppress(sqlite3.Error):
                self._database.close()
        self._database = None
        self._opened = False
        with contextlib.suppress(OSError):
            (self.folder / DATABASE).unlink()


def _key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()[:16]


def _reading(
    value: str, text: str, terms: dict[tuple[Any, ...], Term], pack: RulePack
) -> KeyResultReading | None:
    """The stored reading of `text`, or None when it does not read back as one."""
    try:
        entry = json.loads(value)
    except ValueError:
        return None
    # Exactly the fields this version writes: a row with more or fewer is not one of ours.
    if type(entry) is not list or len(entry) != len(_fields()) or entry[0] != text:
        return None
    try:
        return KeyResultReading.from_row(entry, terms, pack)
    except (TypeError, ValueError, KeyError, AttributeError):
        return None


@functools.cache
def _fields() -> tuple[str, ...]:
    return row_fields()


@functools.cache
def _fields_digest() -> str:
    """A short digest of the field names: a build whose readings have other fields (or the same
    in another order) never reads these rows."""
    return hashlib.sha256(",".join(_fields()).encode()).hexdigest()[:8]


def _prepare(folder: Path) -> None:
    """Create the cache folder with a .gitignore (and a CACHEDIR.TAG for backup tools)."""
    real_folder(folder)
    create_new(folder / ".gitignore", b"# Automatically created by okrlint.\n*\n")
    create_new(
        folder / "CACHEDIR.TAG",
        b"Signature: 8a477f597d28d172789f06886806bc55\n"
        b"# This file is a cache directory tag created by okrlint.\n"
        b"# For information about cache directory tags see https://bford.info/cachedir/\n",
    )


SUMMARIES_FILE = "repository-summaries.json"
# Far above what 100,000 files' summaries take: a bigger file is not one okrlint wrote.
SUMMARIES_LIMIT = 1 << 30


@functools.cache
def _cache_format() -> str:
    """Cached summaries are only reused by the same okrlint with the same model and summaries."""
    digest = hashlib.sha256()
    for module in (model, summaries, key_result_numbers):
        digest.update(Path(module.__file__ or "").read_bytes())
    # Metric identities drop the pack's filler words.
    digest.update(" ".join(sorted(key_result_numbers.metric_fillers())).encode())
    return f"{__version__}:{digest.hexdigest()[:16]}"


# Summaries decoded in this process, by file and its stamp: a long-lived process (the daemon,
# the language server) decodes the repository once, not on every check. Summaries are frozen.
_DECODED: dict[tuple[Any, ...], list[SetSummary]] = {}
_DECODED_LIMIT = 200_000


class SummaryCache:
    """The set summaries of each file of one repository, by path, modification time and size."""

    def __init__(self, root: Path, variant: str) -> None:
        self._folder = root / CACHE_DIR
        self._variant = variant
        self._loaded: dict[str, Any] | None = None
        self._changed = False
        # Entries of files found this run: only the others can be of files that are gone.
        self._seen: set[str] = set()

    @property
    def _entries(self) -> dict[str, Any]:
        # Read on first use: a run over the whole repository has no neighbours to look up.
        if self._loaded is None:
            self._loaded = {}
            try:
                # Not through a link, not from a FIFO or a device: the folder is the repository's.
                raw = read_regular(self._folder / SUMMARIES_FILE, SUMMARIES_LIMIT)
                data = json.loads(raw.decode("utf-8"))
                if (
                    isinstance(data, dict)
                    and data.get("format") == _cache_format()
                    and data.get("variant") == self._variant
                    and isinstance(data.get("files"), dict)
                ):
                    self._loaded = dict(data["files"])
            except (OSError, ValueError, KeyError, TypeError):
                pass  # no cache, or one from another version or pack: read the files again
        return self._loaded

    def get(self, path: Path, file: Path, root: Path) -> list[SetSummary] | None:
        self._seen.add(str(path))
        stamp = _stamp(path)
        if stamp is None:
            return None
        display = display_path(file)
        remembered = (self._variant, str(path), *stamp, str(file), display, str(root))
        decoded = _DECODED.get(remembered)
        if decoded is not None:
            return decoded
        entry = self._entries.get(str(path))
        if not isinstance(entry, dict) or entry.get("stamp") != stamp:
            return None
        source = SourceFile(path=file, display=display)
        try:
            decoded = [decode(value, source, root) for value in entry["sets"]]
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            return None
        if len(_DECODED) >= _DECODED_LIMIT:
            _DECODED.clear()
        _DECODED[remembered] = decoded
        return decoded

    def put(self, path: Path, summaries: Sequence[SetSummary]) -> None:
        stamp = _stamp(path)
        if stamp is None:
            return
        self._entries[str(path)] = {"stamp": stamp, "sets": [encode(s) for s in summaries]}
        self._changed = True

    def save(self) -> None:
        if self._loaded is None:
            return  # never asked for a file: nothing to add or to drop
        gone = [key for key in self._entries if key not in self._seen and not Path(key).is_file()]
        for key in gone:
            del self._entries[key]
        if not (self._changed or gone):
            return
        data = {"format": _cache_format(), "variant": self._variant, "files": self._entries}
        try:
            real_folder(self._folder)  # never a link to a folder elsewhere
            create_new(self._folder / ".gitignore", b"# Written by okrlint; safe to delete.\n*\n")
            # A rename replaces a link at the name rather than writing where it points.
            handle, temporary = tempfile.mkstemp(dir=self._folder, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                # dumps, not dump: only a whole-string encode uses the C encoder (10x faster).
                stream.write(json.dumps(data, separators=(",", ":")))
            os.replace(temporary, self._folder / SUMMARIES_FILE)
        except OSError:
            pass  # a read-only checkout: the cache is an optimisation, never a requirement


def _stamp(path: Path) -> list[int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_mtime_ns, status.st_size]
