"""The floor for a run over a repository: parse every file and tokenise every text, nothing else.

    python bench/floor.py FILE...

Parsing uses ruamel's C-backed compose (the fastest way to get a node tree with positions) and
tokenising with okrlint's tokenizer every objective and key-result title; that is the
least any linter that reads both the YAML and the words has to do.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any


def texts_of(node: Any, out: list[str]) -> None:
    """Titles: plain key results, and the `title` of objectives and mapping key results."""
    if node.id == "mapping":
        for key, value in node.value:
            if key.value == "title" and value.id == "scalar":
                out.append(value.value)
            else:
                texts_of(value, out)
    elif node.id == "sequence":
        for item in node.value:
            if item.id == "scalar":
                out.append(item.value)
            else:
                texts_of(item, out)


def main() -> None:
    from ruamel.yaml import YAML

    texts: list[str] = []
    for name in sys.argv[1:]:
        yaml = YAML(typ="safe", pure=False)
        for node in yaml.compose_all(io.StringIO(Path(name).read_text(encoding="utf-8"))):
            texts_of(node, texts)
    from okrlint.text.tokens import tokenize

    tokens = sum(len(tokenize(text)) for text in texts)
    print(f"{len(texts)} texts, {tokens} tokens")


if __name__ == "__main__":
    main()
