"""Settings of the process a command runs in: this one, or a daemon's for each request.

Standard library only, so that the `okrlint` command applies them before it imports typer,
pydantic and the rules, whose imports are most of a short run's start-up.
"""

from __future__ import annotations

import gc
import os


def prepare_process() -> None:
    # A run keeps hundreds of thousands of objects alive to the end (modules, YAML nodes,
    # locations, readings) and makes almost no reference cycles, so the default thresholds
    # spend time in collections that free nothing: about a sixth of a warm run, and about
    # 20 collections (10 ms) while a check of one file imports what it needs. Memory use is
    # unchanged.
    gc.set_threshold(50_000, 20, 100)
    # pydantic looks for its plugins (observability hooks) when it builds okrlint's models, by
    # reading the entry points of every installed package; they have nothing to observe in a
    # lint run, and the scan costs a pre-commit run on one file about a tenth of its time.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
