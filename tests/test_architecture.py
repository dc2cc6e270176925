"""The layout ARCHITECTURE.md describes holds: no import circles, one rule per file."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from okrlint.rules.assembly import builtin_rules

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "okrlint"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """Every okrlint module and the okrlint modules it imports anywhere: at the top, inside
    functions, or under TYPE_CHECKING."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                submodules = [f"{node.module}.{a.name}" for a in node.names]
                targets = [s for s in submodules if s in modules] or [node.module]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            found.update(target for target in targets if target in modules)
        graph[name] = found - {name}
    # The package's `lint_paths`, `Finding` and `Report` are imported on first use (PEP 562), so
    # that `okrlint --version` and `import okrlint` stay cheap: not an edge a cycle can run along.
    graph["okrlint"] = set()
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*stack[stack.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = _imports()
    assert "okrlint.api" in graph and graph["okrlint.pipeline.run"]
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_errors_import_nothing_of_okrlint() -> None:
    assert _imports()["okrlint.errors"] == set()


def test_every_builtin_rule_is_alone_in_a_file_named_after_it() -> None:
    rules = builtin_rules()
    assert len(rules) >= 30
    files: dict[str, str] = {}
    for rule in rules:
        meta = rule.meta
        module = rule.__module__
        assert module.startswith(f"okrlint.rules.{meta.family}."), module
        expected = f"{meta.code.lower()}_{meta.name.replace('-', '_')}"
        assert module.rsplit(".", 1)[1] == expected, (meta.code, module)
        assert module not in files, (meta.code, files.get(module))
        files[module] = meta.code


def test_rule_folders_hold_rules_and_one_shared_module_only() -> None:
    rule_module = re.compile(r"^[a-z]{3}[0-9]{3}_[a-z0-9_]+\.py$")
    for folder in (PACKAGE / "rules").iterdir():
        if folder.is_dir() and folder.name != "__pycache__":
            for path in folder.glob("*.py"):
                assert rule_module.match(path.name) or path.name in {"__init__.py", "shared.py"}, (
                    path
                )
