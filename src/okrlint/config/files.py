"""Configuration: `.okrlint.yaml` or `[tool.okrlint]` in pyproject.toml, the nearest above a file.

A config file is validated strictly: an unknown key, an unknown rule code or a wrong option type
is a `ConfigError` naming the file and the key, which the CLI turns into exit status 2.
"""

from __future__ import annotations

import difflib
import os
import stat
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, NoReturn

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from okrlint.errors import ConfigError
from okrlint.findings import Severity
from okrlint.inputs.mapping import MappingSpec
from okrlint.pipeline.load import DEFAULT_MAX_FILE_BYTES, read_plain_yaml

CONFIG_FILE = ".okrlint.yaml"
# Looked for in this order in each folder: `.okrlint.yaml` wins when a folder has both.
CONFIG_FILES = (CONFIG_FILE, ".okrlint.yml")
PYPROJECT = "pyproject.toml"


def _comma_list(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


CodeList = Annotated[list[str], BeforeValidator(_comma_list)]


class ConfigFile(BaseModel):
    """The keys a config file may hold."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    extends: str | None = None
    select: CodeList | None = None
    extend_select: CodeList = Field(default_factory=list)
    ignore: CodeList = Field(default_factory=list)
    severity: dict[str, Severity] = Field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)
    rule_packs: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, CodeList] = Field(default_factory=dict)
    fail_on: Severity | None = None
    preset: Literal["doerr", "google", "wodtke"] | None = None
    fiscal_year_start: int = Field(1, ge=1, le=12)
    max_file_size: int = Field(DEFAULT_MAX_FILE_BYTES, gt=0)
    # Markdown and CSV files a folder search reads too (globs, as `exclude`).
    include: list[str] = Field(default_factory=list)
    # How to read files in other shapes: a reader or mapping by name, and mappings of our own.
    from_format: str | None = Field(None, alias="from")
    mappings: list[MappingSpec] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class LoadedConfig:
    values: ConfigFile
    # The file it came from (None for the built-in defaults); relative paths are relative to it.
    path: Path | None = None
    # Which file each explicitly set key came from, for `okrlint config`.
    origins: Mapping[str, Path] = field(default_factory=dict)

    # The chain of files this config was read from, nearest first (the file, then `extends`).
    chain: tuple[Path, ...] = ()

    @property
    def directory(self) -> Path | None:
        return self.path.parent if self.path else None

    def base(self, key: str) -> Path | None:
        """The folder a path-like key (`exclude`, `per_file_ignores`, `rule_packs`) is relative
        to: that of the file which set it, also when it was inherited through `extends`."""
        origin = self.origins.get(key)
        return origin.parent if origin is not None else self.directory


DEFAULT = LoadedConfig(ConfigFile())
# Keys whose mappings are merged entry by entry through `extends`; every other key set in a
# file replaces the inherited value as a whole.
MERGED_KEYS = ("rules", "severity")


# Far more than any real layering (organisation, department, team, folder).
MAX_EXTENDS = 32


def read_config(path: Path) -> LoadedConfig:
    """Read a config file (`.okrlint.yaml`, any YAML file, or a pyproject.toml) and the files
    it `extends`, whose paths are relative to the file that names them.

    A config comes with the repository, so what it extends must be in the same repository (the
    folder holding `.git` above it, else its own folder), or be a config okrlint would find on
    its own (`.okrlint.yaml` or pyproject.toml in a folder above): `extends: /etc/shadow` is
    refused before a byte of it is read, and so is a chain longer than `MAX_EXTENDS` files.
    """
    home = _repository_of(path)
    if not path.resolve().is_relative_to(home):
        raise ConfigError(
            f"{path}: a link to a file outside the repository ({home}); okrlint does not read it"
        )
    chain = [_read_one(path)]
    seen = [path.resolve()]
    while chain[-1].values.extends is not None:
        current = chain[-1].path or path
        parent_path = _extended(current, chain[-1].values.extends)
        resolved = parent_path.resolve()
        if resolved in seen:
            cycle = " -> ".join(str(p) for p in (*seen, resolved))
            raise ConfigError(
                f"{current}: extends: the configs extend each other in a loop ({cycle})"
            )
        if not _may_extend(resolved, home):
            raise ConfigError(
                f"{current}: extends: {parent_path} is outside the repository ({home}); "
                "okrlint reads configs from inside it only"
            )
        if not parent_path.is_file():
            raise ConfigError(
                f"{current}: extends: no config file at {parent_path} "
                "(a path relative to this config's folder)"
            )
        if len(chain) >= MAX_EXTENDS:
            raise ConfigError(
                f"{path}: extends: a chain of more than {MAX_EXTENDS} config files; "
                "okrlint stops there"
            )
        seen.append(resolved)
        chain.append(_read_one(parent_path))
    loaded = chain.pop()
    while chain:
        loaded = _merge(loaded, chain.pop())
    return loaded


def _may_extend(target: Path, home: Path) -> bool:
    if target.is_relative_to(home):
        return True
    return target.name in (CONFIG_FILE, PYPROJECT) and home.is_relative_to(target.parent)


def _repository_of(path: Path) -> Path:
    """The folder holding `.git` at or above a config file, else the config's own folder."""
    folder = Path(os.path.abspath(path)).parent.resolve()  # where the file is, not a link's target
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return folder


def _extended(path: Path, target: str) -> Path:
    if "\0" in target or not target.strip():
        raise ConfigError(f"{path}: extends: {target!r} is not a path")
    candidate = path.parent / target
    if candidate.is_dir():
        for name in (*CONFIG_FILES, PYPROJECT):
            if (candidate / name).is_file():
                return candidate / name
    return candidate


def _merge(parent: LoadedConfig, child: LoadedConfig) -> LoadedConfig:
    data: dict[str, Any] = parent.values.model_dump(exclude_unset=True)
    origins: dict[str, Path] = dict(parent.origins)
    for key in child.values.model_fields_set:
        value = getattr(child.values, key)
        if key in MERGED_KEYS:
            merged = dict(data.get(key, {}))
            for entry, setting in value.items():
                inherited = merged.get(entry)
                if isinstance(inherited, dict) and isinstance(setting, dict):
                    setting = {**inherited, **setting}
                merged[entry] = setting
                origins[f"{key}.{entry}"] = child.origins[key]
            data[key] = merged
        else:
            data[key] = value
        origins[key] = child.origins[key]
    values = ConfigFile.model_validate(data)
    return LoadedConfig(values, child.path, origins, (*child.chain, *parent.chain))


# A config is a few dozen lines; anything this large is not one (and is not read whole).
MAX_CONFIG_BYTES = 1024 * 1024


def _config_text(path: Path) -> str:
    def fail(reason: str) -> NoReturn:
        raise ConfigError(f"{path}: cannot read the config: {reason}")

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            fail("it is a folder")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            fail("not a regular file")
        if info.st_size > MAX_CONFIG_BYTES:
            fail(f"it is larger than {MAX_CONFIG_BYTES // 1024} KB, which no okrlint config is")
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        fail(f"not UTF-8 text (byte 0x{error.object[error.start]:02x} at offset {error.start})")
    except OSError as error:
        fail(error.strerror or str(error))


def _config_data(path: Path) -> Any:
    """The okrlint keys of a config file as parsed, before validation."""
    text = _config_text(path)
    if path.name == PYPROJECT or path.suffix == ".toml":
        try:
            data = tomllib.loads(text).get("tool", {}).get("okrlint", {})
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: invalid TOML: {error}") from None
        except RecursionError:
            raise ConfigError(f"{path}: invalid TOML: nested too deeply") from None
    else:
        try:
            data = read_plain_yaml(text)
        except ValueError as error:
            raise ConfigError(f"{path}: {error}") from None
        if data is None:
            data = {}
    return data


def extends_another(path: Path) -> bool:
    """Whether a config file `extends` another; False for one that cannot be read, which is
    reported where the config is used."""
    try:
        data = _config_data(path)
    except ConfigError:
        return False
    return isinstance(data, dict) and "extends" in data


def _read_one(path: Path) -> LoadedConfig:
    data = _config_data(path)
    if not isinstance(data, dict):
        raise ConfigError(
            f"{path}: the config must be a mapping of keys (got {type(data).__name__})"
        )
    data = {str(key).replace("-", "_"): value for key, value in data.items()}
    try:
        values = ConfigFile.model_validate(data)
    except ValidationError as error:
        raise ConfigError(explain_config_error(path, error)) from None
    origins = {key: path for key in values.model_fields_set}
    for key in MERGED_KEYS:
        for entry in getattr(values, key):
            origins[f"{key}.{entry}"] = path
    return LoadedConfig(values, path, origins, (path,))


def explain_config_error(path: Path, error: ValidationError) -> str:
    lines = []
    for problem in error.errors(include_url=False):
        key = ".".join(str(part) for part in problem["loc"])
        if problem["type"] == "extra_forbidden":
            allowed = ", ".join(ConfigFile.model_fields)
            close = difflib.get_close_matches(key, list(ConfigFile.model_fields), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            lines.append(f"{path}: unknown key '{key}'{hint} (known keys: {allowed})")
        else:
            message = str(problem["msg"]).removeprefix("Value error, ")
            lines.append(f"{path}: {key}: {message}")
    return "\n".join(lines)


def find_config(start: Path) -> Path | None:
    """The nearest `.okrlint.yaml` (or `.okrlint.yml`), or pyproject.toml with [tool.okrlint],
    at or above `start`."""
    directory = start if start.is_dir() else start.parent
    directory = directory.resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            # Anything but a folder under that name is the config, so that one okrlint cannot
            # read (a FIFO, a dangling link) is an error rather than silently passed over.
            if os.path.lexists(candidate) and not candidate.is_dir():
                return candidate
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and has_okrlint_table(pyproject):
            return pyproject
    return None


def has_okrlint_table(pyproject: Path) -> bool:
    try:
        raw = pyproject.read_bytes()
    except OSError:
        return False
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8, so not TOML: if it means to configure okrlint, reading it says why not.
        return b"[tool.okrlint]" in raw
    try:
        return "okrlint" in tomllib.loads(text).get("tool", {})
    except (tomllib.TOMLDecodeError, RecursionError):
        # A broken file that means to configure okrlint is reported, not silently passed over.
        return "[tool.okrlint]" in text
