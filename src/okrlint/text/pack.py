"""Rule packs: okrlint's knowledge as data (lexicons, token patterns, declarative rules).

The built-in pack is the top-level `pack/` folder of the source tree, shipped in the wheel as
`okrlint/_pack`. A user pack is a folder with the same layout, named in `rule_packs` in the
config; its lexicons extend the built-in ones of the same name, so a school can say that
"students" are customers without writing Python.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from okrlint.config.files import LoadedConfig
from okrlint.errors import ConfigError, PackError
from okrlint.pipeline.load import read_plain_yaml

# `words` lists are word lists the reader parses sentences with (modals, determiners, ...):
# looked up token by token, never matched in the text as terms.
LEXICON_KINDS = ("verbs", "nouns", "phrases", "words", "pairs")
# Lexicons the reader looks words up in, never matches in the text as terms.
LOOKUP_KINDS = ("words", "pairs")
RULE_KINDS = ("lexicon", "required", "pattern", "length", "count")
_CODE = re.compile(r"^[A-Z]{2,6}\d{3}$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class Lexicon:
    name: str
    kind: str
    terms: tuple[str, ...]
    sources: tuple[str, ...] = ()
    # A `pairs` lexicon: each term and what it maps to, as written.
    pairs: tuple[tuple[str, str], ...] = ()

    def forms(self, inflections: Mapping[str, Sequence[str]]) -> dict[str, tuple[str, str]]:
        """Every written form -> (base term, form class: base|s|ed|ing|plural)."""
        found: dict[str, tuple[str, str]] = {}
        for term in self.terms:
            if self.kind == "verbs":
                for form, tag in verb_forms(term, inflections):
                    found.setdefault(form, (term, tag))
            elif self.kind == "nouns":
                found.setdefault(term, (term, "base"))
                for form in plural_forms(term):
                    found.setdefault(form, (term, "plural"))
            else:
                found.setdefault(term, (term, "base"))
        return found


@dataclass(frozen=True, slots=True)
class PackRule:
    """A declarative rule from a pack (see pack/rules.yaml for the kinds)."""

    code: str
    name: str
    kind: str
    message: str
    applies_to: str = "key_result"
    severity: str = "warning"
    lexicon: str | None = None
    pattern: str | None = None
    min: int | None = None
    max: int | None = None
    summary: str = ""
    rationale: str = ""
    pack: str = ""


@dataclass(frozen=True)
class RulePack:
    """The merged knowledge of the built-in pack and any user packs."""

    names: tuple[str, ...]
    folders: tuple[Path, ...]
    lexicons: Mapping[str, Lexicon]
    inflections: Mapping[str, tuple[str, ...]]
    patterns: Mapping[str, tuple[tuple[Mapping[str, Any], ...], ...]]
    rules: tuple[PackRule, ...] = ()
    # A hash of everything above that changes a reading: the key for caches of readings.
    fingerprint: str = ""
    _forms: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict, repr=False)

    def forms(self, lexicon: str) -> dict[str, tuple[str, str]]:
        """Written form -> (base term, form class) for one lexicon ({} when it does not exist)."""
        cached = self._forms.get(lexicon)
        if cached is None:
            found = self.lexicons.get(lexicon)
            cached = found.forms(self.inflections) if found else {}
            self._forms[lexicon] = cached
        return cached

    def word_list(self, name: str) -> frozenset[str]:
        """The terms of a `kind: words` lexicon (empty when the pack has none by that name)."""
        found = self.lexicons.get(name)
        return frozenset(found.terms) if found is not None else frozenset()

    def ordered_words(self, name: str) -> tuple[str, ...]:
        """The terms of a `kind: words` lexicon in the order written (user packs' last)."""
        found = self.lexicons.get(name)
        return found.terms if found is not None else ()

    def word_pairs(self, name: str) -> dict[str, str]:
        """The pairs of a `kind: pairs` lexicon: term -> what it maps to ({} when none)."""
        found = self.lexicons.get(name)
        return dict(found.pairs) if found is not None else {}

    def words(self, lexicon: str, tag: str | None = None) -> list[str]:
        """Single-word forms of a lexicon (optionally only -ing or -ed forms), sorted."""
        return sorted(
            form
            for form, (_, form_tag) in self.forms(lexicon).items()
            if " " not in form and _tag_matches(form_tag, tag)
        )


def _tag_matches(form_tag: str, wanted: str | None) -> bool:
    if wanted is None:
        return True
    # Irregular forms are past tenses and participles ("built", "written").
    return form_tag == wanted or (wanted == "ed" and form_tag == "irregular")


@lru_cache(maxsize=1)
def builtin_folder() -> Path:
    """`okrlint/_pack` in an installed wheel, else the `pack/` folder of the source tree.

    Remembered: the package does not move during a run, and every file's settings ask for it.
    """
    package = Path(__file__).resolve().parent.parent
    shipped = package / "_pack"
    if shipped.is_dir():
        return shipped
    source_tree = package.parent.parent / "pack"
    if source_tree.is_dir():
        return source_tree
    raise PackError(f"okrlint's own rule pack is missing (looked in {shipped} and {source_tree})")


def load_pack(extra: Sequence[str | Path] = (), base: Path | None = None) -> RulePack:
    """The built-in pack merged with the user packs in `extra` (relative to `base`)."""
    # Keyed by the files' stamps too: a process that lives on (the daemon, the language server)
    # sees a pack edited since it last loaded it.
    return _load(*_folders_and_stamps(extra, base))


def pack_stamps(extra: Sequence[str | Path] = (), base: Path | None = None) -> str:
    """The pack `load_pack` would load, as its folders and the path, modification time and size
    of each of its files, without reading them: enough to key a cache of findings by, as
    okrlint's own code is (a pack edited, even to the same content, is a new key)."""
    folders, stamps = _folders_and_stamps(extra, base)
    text = json.dumps([[str(folder) for folder in folders], stamps], ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _folders_and_stamps(
    extra: Sequence[str | Path], base: Path | None
) -> tuple[tuple[Path, ...], tuple[tuple[str, int, int], ...]]:
    folders = [builtin_folder()]
    for entry in extra:
        path = Path(entry).expanduser()
        if not path.is_absolute() and base is not None:
            path = base / path
        folders.append(path.resolve())
    # The stamps are taken once per run (see `look_at_packs_again`): every file of a run asks
    # for its pack.
    key = tuple(folders)
    stamps = _stamps_taken.get(key)
    if stamps is None:
        stamps = _stamps_taken[key] = _stamps(folders)
    return key, stamps


# The stamps of each set of pack folders as this run found them.
_stamps_taken: dict[tuple[Path, ...], tuple[tuple[str, int, int], ...]] = {}


def look_at_packs_again() -> None:
    """At the start of a run: the next `load_pack` looks at the pack files' stamps again, so a
    pack edited between two runs of one process is loaded afresh."""
    _stamps_taken.clear()


def _stamps(folders: Sequence[Path]) -> tuple[tuple[str, int, int], ...]:
    found = []
    for folder in folders:
        try:
            files = _pack_files(folder) if folder.is_dir() else []
        except OSError:
            files = []
        for path in files:
            try:
                status = path.stat()
            except OSError:
                continue
            found.append((str(path), status.st_mtime_ns, status.st_size))
    return tuple(found)


@lru_cache(maxsize=16)
def _load(folders: tuple[Path, ...], stamps: tuple[tuple[str, int, int], ...] = ()) -> RulePack:
    names: list[str] = []
    lexicons: dict[str, Lexicon] = {}
    inflections: dict[str, tuple[str, ...]] = {}
    patterns: dict[str, tuple[tuple[Mapping[str, Any], ...], ...]] = {}
    rules: dict[str, PackRule] = {}
    digest = hashlib.sha256()
    for folder in folders:
        if not folder.is_dir():
            raise PackError(f"{folder}: the rule pack folder does not exist")
        files = _pack_files(folder)
        if not files:
            raise PackError(
                f"{folder}: not a rule pack (expected pack.yaml, lexicons/*.yaml, patterns.yaml, "
                "inflections.yaml or rules.yaml)"
            )
        name = folder.name
        for path in files:
            data = _read(path)
            digest.update(path.name.encode())
            digest.update(json.dumps(data, sort_keys=True, default=str).encode())
            if path.name == "pack.yaml":
                name = str(_mapping(data, path).get("name") or name)
            elif path.parent.name == "lexicons":
                _merge_lexicon(lexicons, _lexicon(data, path))
            elif path.name == "inflections.yaml":
                for lemma, forms in _mapping(data, path).items():
                    inflections[str(lemma).lower()] = tuple(
                        sorted({*inflections.get(str(lemma).lower(), ()), *_words(forms, path)})
                    )
            elif path.name == "patterns.yaml":
                for key, alternatives in _patterns(data, path).items():
                    patterns[key] = (*patterns.get(key, ()), *alternatives)
            elif path.name == "rules.yaml":
                for rule in _rules(data, path, name):
                    if rule.code in rules:
                        raise PackError(f"{path}: the code {rule.code} is defined twice")
                    rules[rule.code] = rule
        names.append(name)
    pack = RulePack(
        names=tuple(names),
        folders=folders,
        lexicons=lexicons,
        inflections=inflections,
        patterns=patterns,
        rules=tuple(rules.values()),
        fingerprint=digest.hexdigest()[:16],
    )
    _check_references(pack)
    return pack


def _pack_files(folder: Path) -> list[Path]:
    files = [folder / n for n in ("pack.yaml", "inflections.yaml") if (folder / n).is_file()]
    lexicon_dir = folder / "lexicons"
    if lexicon_dir.is_dir():
        files.extend(sorted(p for p in lexicon_dir.iterdir() if p.suffix in (".yaml", ".yml")))
    files.extend(folder / n for n in ("patterns.yaml", "rules.yaml") if (folder / n).is_file())
    return files


# A pack file is a word list; one this large is not one (and a FIFO or /dev/zero never ends).
MAX_PACK_FILE_BYTES = 4 * 1024 * 1024


def _read(path: Path) -> Any:
    from okrlint.safe_files import read_regular

    try:
        raw = read_regular(path, MAX_PACK_FILE_BYTES)
        return read_plain_yaml(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise PackError(f"{path}: {error}") from None


def _mapping(data: Any, path: Path) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise PackError(f"{path}: expected a mapping of keys (got {type(data).__name__})")
    return data


def _words(value: Any, path: Path) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise PackError(f"{path}: expected a list of words (got {value!r})")
    return [" ".join(str(v).lower().split()) for v in value if str(v).strip()]


def _lexicon(data: Any, path: Path) -> tuple[Lexicon, tuple[str, ...]]:
    raw = _mapping(data, path)
    unknown = set(raw) - {"name", "kind", "sources", "terms", "remove", "description"}
    if unknown:
        raise PackError(
            f"{path}: unknown key '{sorted(unknown)[0]}' "
            "(a lexicon has name, kind, sources, terms, remove)"
        )
    name = str(raw.get("name") or path.stem.replace("-", "_"))
    if not _NAME.match(name):
        raise PackError(f"{path}: name must be lower_snake_case (got '{name}')")
    kind = str(raw.get("kind", "phrases"))
    if kind not in LEXICON_KINDS:
        raise PackError(f"{path}: kind must be one of {', '.join(LEXICON_KINDS)} (got '{kind}')")
    sources = tuple(_words(raw.get("sources", []), path)) if raw.get("sources") else ()
    removed = tuple(_words(raw.get("remove", []), path))
    if kind == "pairs":
        pairs = _pairs(raw.get("terms", {}), path)
        return Lexicon(name, kind, tuple(key for key, _ in pairs), sources, pairs), removed
    lexicon = Lexicon(name, kind, tuple(_words(raw.get("terms", []), path)), sources)
    return lexicon, removed


def _pairs(value: Any, path: Path) -> tuple[tuple[str, str], ...]:
    """A mapping of words to what they map to: keys lower-cased, values kept as written."""
    if not isinstance(value, dict) or not all(
        isinstance(v, str | int | float) for v in value.values()
    ):
        raise PackError(f"{path}: a pairs lexicon maps words to text (got {value!r})")
    return tuple(
        (" ".join(str(key).lower().split()), " ".join(str(meaning).split()))
        for key, meaning in value.items()
        if str(key).strip() and str(meaning).strip()
    )


def _merge_lexicon(lexicons: dict[str, Lexicon], loaded: tuple[Lexicon, tuple[str, ...]]) -> None:
    lexicon, removed = loaded
    existing = lexicons.get(lexicon.name)
    if existing is None:
        terms = tuple(dict.fromkeys(t for t in lexicon.terms if t not in removed))
        pairs = {key: meaning for key, meaning in lexicon.pairs if key not in removed}
        lexicons[lexicon.name] = Lexicon(
            lexicon.name, lexicon.kind, terms, lexicon.sources, tuple(pairs.items())
        )
        return
    terms = tuple(
        dict.fromkeys(t for t in (*existing.terms, *lexicon.terms) if t not in set(removed))
    )
    # A later pack's pair replaces the meaning of the same word.
    merged = {**dict(existing.pairs), **dict(lexicon.pairs)}
    pairs = {key: meaning for key, meaning in merged.items() if key not in removed}
    lexicons[lexicon.name] = Lexicon(
        existing.name,
        existing.kind,
        terms,
        (*existing.sources, *lexicon.sources),
        tuple(pairs.items()),
    )


def _patterns(data: Any, path: Path) -> dict[str, tuple[tuple[Mapping[str, Any], ...], ...]]:
    raw = _mapping(data, path).get("patterns", {})
    if not isinstance(raw, dict):
        raise PackError(f"{path}: 'patterns' must map a name to a list of token patterns")
    found: dict[str, tuple[tuple[Mapping[str, Any], ...], ...]] = {}
    for key, alternatives in raw.items():
        if not isinstance(alternatives, list) or not all(
            isinstance(a, list) and a and all(isinstance(t, dict) for t in a) for a in alternatives
        ):
            raise PackError(
                f"{path}: patterns.{key} must be a list of token patterns, each a list of "
                "mappings such as {LOWER: launch}"
            )
        for alternative in alternatives:
            for token in alternative:
                problem = _token_problem(token)
                if problem:
                    raise PackError(f"{path}: patterns.{key}: {problem}")
        found[str(key)] = tuple(tuple(a) for a in alternatives)
    return found


# What a token pattern may test: the reader's matcher knows these and nothing else.
TOKEN_FLAGS = ("IS_SENT_START", "IS_ALPHA", "IS_PUNCT", "LIKE_NUM")
TOKEN_OPS = ("?", "*", "+", "!")


def _token_problem(token: Mapping[str, Any]) -> str | None:
    for key, value in token.items():
        if key == "OP":
            if value not in TOKEN_OPS:
                return f"OP must be one of {', '.join(TOKEN_OPS)} (got {value!r})"
        elif key == "LOWER":
            if isinstance(value, dict):
                if not value or set(value) - {"IN", "NOT_IN"}:
                    return "LOWER takes a word or a mapping of IN and/or NOT_IN"
            elif not isinstance(value, str):
                return "LOWER takes a word or a mapping of IN and/or NOT_IN"
        elif key not in TOKEN_FLAGS:
            known = ", ".join(("LOWER", "OP", *TOKEN_FLAGS))
            return f"unknown token attribute {key!r} (known: {known})"
    return None


def _rules(data: Any, path: Path, pack_name: str) -> list[PackRule]:
    raw = _mapping(data, path).get("rules", [])
    if not isinstance(raw, list):
        raise PackError(f"{path}: 'rules' must be a list")
    found = []
    allowed = set(PackRule.__dataclass_fields__) - {"pack"}
    for number, entry in enumerate(raw, start=1):
        where = f"{path}: rule {number}"
        if not isinstance(entry, dict):
            raise PackError(f"{where}: expected a mapping")
        unknown = set(entry) - allowed
        if unknown:
            raise PackError(
                f"{where}: unknown key '{sorted(unknown)[0]}' (known: {', '.join(sorted(allowed))})"
            )
        for key in ("code", "name", "kind", "message"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise PackError(f"{where}: '{key}' is required")
        code = entry["code"].strip().upper()
        if not _CODE.match(code):
            raise PackError(f"{where}: code must be letters and three digits (got '{code}')")
        kind = entry["kind"]
        if kind not in RULE_KINDS:
            raise PackError(f"{where}: kind must be one of {', '.join(RULE_KINDS)} (got '{kind}')")
        applies = entry.get("applies_to", "objective" if kind == "count" else "key_result")
        if applies not in ("key_result", "objective"):
            raise PackError(f"{where}: applies_to must be key_result or objective")
        if entry.get("severity", "warning") not in ("error", "warning", "info"):
            raise PackError(f"{where}: severity must be error, warning or info")
        if kind in ("lexicon", "required", "count") and not entry.get("lexicon"):
            raise PackError(f"{where}: a {kind} rule names its 'lexicon'")
        if kind == "pattern" and not entry.get("pattern"):
            raise PackError(f"{where}: a pattern rule names its 'pattern'")
        if kind in ("length", "count") and entry.get("max") is None and entry.get("min") is None:
            raise PackError(f"{where}: a {kind} rule sets 'max' or 'min'")
        for limit in ("min", "max"):
            if entry.get(limit) is not None and not isinstance(entry[limit], int):
                raise PackError(f"{where}: '{limit}' must be a whole number")
        _check_message(entry["message"], where)
        values = {k: v for k, v in entry.items() if k in allowed}
        values["code"] = code
        values["applies_to"] = applies
        found.append(PackRule(**values, pack=pack_name))
    return found


MESSAGE_FIELDS = ("term", "count", "min", "max")


def _check_message(message: str, where: str) -> None:
    """A message names its fields plainly: `{term}`, `{count}`, `{min}`, `{max}`.

    No attribute or index (`{term.__class__}` reads okrlint's internals), no conversion and no
    format spec (`{count:>999999999}` makes a 1 GB message).
    """
    import string

    try:
        parts = list(string.Formatter().parse(message))
    except ValueError as error:
        raise PackError(f"{where}: the message is not a valid format ({error})") from None
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in MESSAGE_FIELDS or spec or conversion:
            raise PackError(
                f"{where}: the message may only use "
                + ", ".join(f"{{{n}}}" for n in MESSAGE_FIELDS)
                + f" (got {{{name}{'!' + conversion if conversion else ''}"
                + f"{':' + spec if spec else ''}}})"
            )


def _check_references(pack: RulePack) -> None:
    for key, alternatives in pack.patterns.items():
        for alternative in alternatives:
            for token in alternative:
                for reference in _references(token):
                    if reference.split(":")[0] not in pack.lexicons:
                        raise PackError(
                            f"pattern '{key}' uses the lexicon '{reference}', which no pack defines"
                        )
    for rule in pack.rules:
        if rule.lexicon and rule.lexicon not in pack.lexicons:
            raise PackError(
                f"rule {rule.code} uses the lexicon '{rule.lexicon}', which no pack defines"
            )
        if rule.pattern and rule.pattern not in pack.patterns:
            raise PackError(
                f"rule {rule.code} uses the pattern '{rule.pattern}', which no pack defines"
            )


def _references(value: Any) -> Iterable[str]:
    if isinstance(value, str) and value.startswith("@"):
        yield value[1:]
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _references(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _references(inner)


# --- inflection: a tiny rule for regular forms; the irregular ones come from inflections.yaml ---

_VOWELS = set("aeiou")


def verb_forms(term: str, inflections: Mapping[str, Sequence[str]]) -> list[tuple[str, str]]:
    """A verb (or phrasal verb) and its inflected forms, each tagged base|s|ed|ing|irregular."""
    head, _, rest = term.partition(" ")
    tail = f" {rest}" if rest else ""
    forms = [(term, "base")]
    for form, tag in _regular(head):
        forms.append((form + tail, tag))
    irregular = [(form + tail, form) for form in inflections.get(head, ())]
    if tail:
        irregular += [(form, form) for form in inflections.get(term, ())]
    for form, word in irregular:
        forms.append((form, "ing" if word.endswith("ing") else "irregular"))
    return forms


def _regular(verb: str) -> list[tuple[str, str]]:
    if not verb.isalpha():
        return []
    forms: list[tuple[str, str]] = []
    if verb.endswith(("s", "x", "z", "ch", "sh")):
        forms.append((verb + "es", "s"))
    elif verb.endswith("y") and len(verb) > 2 and verb[-2] not in _VOWELS:
        forms.append((verb[:-1] + "ies", "s"))
    else:
        forms.append((verb + "s", "s"))
    if verb.endswith("e"):
        forms += [(verb + "d", "ed"), (verb[:-1] + "ing", "ing")]
    elif verb.endswith("y") and len(verb) > 2 and verb[-2] not in _VOWELS:
        forms += [(verb[:-1] + "ied", "ed"), (verb + "ing", "ing")]
    else:
        forms += [(verb + "ed", "ed"), (verb + "ing", "ing")]
        last, before = verb[-1], verb[-2:-1]
        # Consonant doubling (ship -> shipped) only applies to some verbs; deriving both forms is
        # harmless, because a form nobody writes ("openned") is never matched.
        if last not in _VOWELS and last not in "wxy" and before and before in _VOWELS:
            forms += [(verb + last + "ed", "ed"), (verb + last + "ing", "ing")]
    return forms


def plural_forms(noun: str) -> list[str]:
    """The plural of a noun or of a phrase's last word ("repeat purchase" -> "repeat purchases")."""
    head, _, last = noun.rpartition(" ")
    prefix = f"{head} " if head else ""
    joined, hyphen, tail = last.rpartition("-")
    if hyphen and joined.replace("-", "").isalpha() and tail.isalpha() and len(tail) >= 2:
        # "sign-up" -> "sign-ups", "follow-up" -> "follow-ups": the last part takes the plural.
        return [f"{prefix}{joined}-{plural}" for plural in plural_forms(tail)]
    if not last.isalpha() or len(last) < 2:
        return []
    if last.endswith(("s", "x", "z", "ch", "sh")):
        plurals = [last + "es"]
    elif last.endswith("y") and last[-2] not in _VOWELS:
        plurals = [last[:-1] + "ies"]
    elif last.endswith("person"):
        plurals = [last[:-6] + "people"]
    else:
        plurals = [last + "s"]
    return [prefix + p for p in plurals]


def pack_stamps_for_config(config: LoadedConfig) -> str:
    """`pack_stamps` of the pack `pack_for_config` would load."""
    return pack_stamps(config.values.rule_packs, config.base("rule_packs"))


def pack_for_config(config: LoadedConfig) -> RulePack:
    """The built-in pack plus the config's `rule_packs` (relative to the file that names
    them); a bad pack is a ConfigError naming the config file."""
    try:
        return load_pack(config.values.rule_packs, config.base("rule_packs"))
    except PackError as error:
        where = f"{config.path}: rule_packs: " if config.path else "rule_packs: "
        raise ConfigError(f"{where}{error}") from None
