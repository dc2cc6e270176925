"""`okrlint schema` for editors: every example OKR document validates against it with
jsonschema exactly when okrlint's own model accepts it, and invalid documents are rejected."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from okrlint.cli import app
from okrlint.pipeline.validate import validate
from okrlint.sources import is_okr_document
from tools import ROOT


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def as_editor_sees_it(text: str) -> list[Any]:
    """YAML documents as JSON values: the language server reads unquoted dates as strings."""
    documents = YAML(typ="safe").load_all(text)
    return [json.loads(json.dumps(document, default=str)) for document in documents]


def example_documents() -> list[tuple[str, Any]]:
    found = []
    for path in sorted((ROOT / "examples").rglob("*.y*ml")):
        if "plugin" in path.parts or path.name.startswith("."):
            continue
        for number, document in enumerate(as_editor_sees_it(path.read_text("utf-8"))):
            if is_okr_document(document):
                found.append((f"{path.relative_to(ROOT)}#{number}", document))
    return found


def init_example(tmp_path: Path) -> Any:
    assert CliRunner().invoke(app, ["init", str(tmp_path), "--period", "2026-Q1"]).exit_code == 0
    [document] = as_editor_sees_it((tmp_path / "okrs" / "example.yaml").read_text())
    return document


def test_there_are_examples_to_check() -> None:
    assert len(example_documents()) >= 5


@pytest.mark.parametrize(("name", "document"), example_documents(), ids=lambda v: str(v)[:60])
def test_schema_and_model_agree_on_every_example(
    validator: jsonschema.protocols.Validator, name: str, document: Any
) -> None:
    schema_errors = [e.message for e in validator.iter_errors(document)]
    _, model_errors = validate(document)
    assert (schema_errors == []) == (model_errors == []), (name, schema_errors, model_errors)


def test_the_init_example_is_valid(
    validator: jsonschema.protocols.Validator, tmp_path: Path
) -> None:
    document = init_example(tmp_path)
    validator.validate(document)
    first = (tmp_path / "okrs" / "example.yaml").read_text().splitlines()[0]
    # The scaffold writes the schema beside the OKRs and points the YAML language server at it.
    assert first == "# yaml-language-server: $schema=../okr.schema.json"
    assert json.loads((tmp_path / "okr.schema.json").read_text()) == validator.schema


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["objectives"][0]["key_results"][1].update(taget=15), "taget"),
        (lambda d: d["objectives"][0]["key_results"][1].update(confidence=7), "7"),
        (lambda d: d.pop("team"), "'team' is a required property"),
        (lambda d: d["objectives"][0].update(type="stretch"), "stretch"),
        (lambda d: d.update(period="next quarter"), "next quarter"),
    ],
)
def test_invalid_documents_are_rejected(
    validator: jsonschema.protocols.Validator, tmp_path: Path, change: Any, expected: str
) -> None:
    document = init_example(tmp_path)
    change(document)
    errors = [e.message for e in validator.iter_errors(document)]
    assert errors and any(expected in message for message in errors), errors
    assert validate(document)[1], "the model rejects it too"


def test_extension_keys_are_allowed(
    validator: jsonschema.protocols.Validator, tmp_path: Path
) -> None:
    document = init_example(tmp_path)
    document["x-jira"] = "GROW-1"
    document["objectives"][0]["x-notes"] = {"any": "thing"}
    validator.validate(document)
