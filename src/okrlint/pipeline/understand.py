"""The understand stage of a run: gather every text the selected rules need, read them once.

Texts are grouped by rule pack (files under different configs may use different packs); each
group is read in one batch. `read_all` is the single place where texts become readings, so a
cache can wrap it.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from okrlint.api import SetItem
from okrlint.config.settings import Settings
from okrlint.rules.registry import Registry
from okrlint.text.pack import RulePack, pack_for_config
from okrlint.text.reading import KeyResultReading


def read_all(texts: Sequence[str], pack: RulePack) -> dict[str, KeyResultReading]:
    # Imported on the first text to read, not with the pipeline: a run whose readings are all
    # cached (or whose rules read no text) never loads the reader nor compiles its matchers.
    from okrlint.text.reader import read_texts

    return read_texts(texts, pack)


def pack_for(settings: Settings) -> RulePack:
    return pack_for_config(settings.config)


def set_texts(set_item: SetItem) -> list[str]:
    """The objective titles and key-result titles of one OKR set."""
    texts: list[str] = []
    for objective in set_item.okr_set.objectives:
        texts.append(objective.title)
        texts.extend(kr.title for kr in objective.key_results)
    return texts


@dataclass
class RunReadings:
    """Readings of one run, by pack fingerprint."""

    by_pack: dict[str, Mapping[str, KeyResultReading]] = field(default_factory=dict)
    _packs: dict[int, str] = field(default_factory=dict)
    _views: dict[int, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def collect(
        cls,
        registry: Registry,
        items: Iterable[tuple[SetItem, Settings]],
        read: Callable[[Sequence[str], RulePack], dict[str, KeyResultReading]] = read_all,
    ) -> RunReadings:
        """`read` turns texts into readings: `read_all`, or the on-disk cache around it."""
        needing = {code for code, rule in registry.rules.items() if rule.meta.needs_readings}
        groups: dict[str, tuple[RulePack, list[str]]] = {}
        readings = cls()
        for set_item, settings in items:
            if not needing & settings.selected:
                continue
            pack = pack_for(settings)
            readings._packs[id(settings)] = pack.fingerprint
            groups.setdefault(pack.fingerprint, (pack, []))[1].extend(set_texts(set_item))
        for fingerprint, (pack, texts) in groups.items():
            readings.by_pack[fingerprint] = read(texts, pack)
        return readings

    def for_settings(self, settings: Settings) -> Mapping[str, Any]:
        """The readings made with this settings' pack first, then any other pack's."""
        view = self._views.get(id(settings))
        if view is None:
            own = self._packs.get(id(settings))
            ordered = sorted(self.by_pack, key=lambda fingerprint: fingerprint != own)
            maps = [dict(self.by_pack[fingerprint]) for fingerprint in ordered]
            view = self._views[id(settings)] = maps[0] if len(maps) == 1 else ChainMap(*maps)
        return view
