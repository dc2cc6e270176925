"""The OKR file format as pydantic models, and validation errors a person can act on."""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    model_validator,
)

from okrlint import quantities

NodePath = tuple[str | int, ...]

_QUANTITY = re.compile(
    r"^\s*(?P<sign>[-+]?)\s*(?P<currency>[$€£¥])?\s*(?P<number>\d[\d,_]*(?:\.\d+)?|\.\d+)"
    r"\s*(?P<suffix>k|m|mm|bn|b|%)?\s*$",
    re.IGNORECASE,
)
_SUFFIX_SCALE = {"k": 1e3, "m": 1e6, "mm": 1e6, "b": 1e9, "bn": 1e9, "%": 1.0}
_FRACTION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)\s*$")


class _Uncomparable(str):
    """A field value whose unit cannot be put with the others' (its text is the reason)."""


# No quantity a team measures has more digits; a bigger int cannot even be made a float.
MAX_WHOLE_NUMBER = 10**18


def _check_size(value: Any) -> None:
    if type(value) is int and not -MAX_WHOLE_NUMBER <= value <= MAX_WHOLE_NUMBER:
        raise ValueError(f"is too large a number ({len(str(abs(value)))} digits)")


def parse_quantity(value: Any) -> Any:
    """Accept numbers as people write them: 45, "45%", "$1.2M", "10k", "1,200"."""
    if isinstance(value, _Uncomparable):
        raise ValueError(str(value))
    if isinstance(value, bool):
        raise ValueError(f"must be a number (got {str(value).lower()})")
    _check_size(value)
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise ValueError(f"must be a finite number (got {value})")
        return value
    if isinstance(value, str):
        match = _QUANTITY.match(value)
        if match is None:
            raise ValueError(
                f'must be a number such as 45, "45%", "$1.2M" or "800 ms" (got "{value}")'
            )
        number = float(match["number"].replace(",", "").replace("_", ""))
        number *= _SUFFIX_SCALE.get((match["suffix"] or "").lower(), 1.0)
        if not math.isfinite(number):
            raise ValueError(f'must be a finite number (got "{value}")')
        return -number if match["sign"] == "-" else number
    return value


def parse_fraction(value: Any) -> Any:
    """Confidence and score are 0..1; "6/10" and "60%" are normalised."""
    if isinstance(value, bool):
        raise ValueError(f"must be a number between 0 and 1 (got {str(value).lower()})")
    _check_size(value)
    if isinstance(value, str):
        text = value.strip()
        fraction = _FRACTION.match(text)
        if fraction:
            numerator, denominator = float(fraction[1]), float(fraction[2])
            if denominator == 0:
                raise ValueError(f'has a zero denominator (got "{value}")')
            if not 0 <= numerator <= denominator:
                raise ValueError(f'must be between 0 and 1 (got "{value}")')
            value = numerator / denominator
        elif text.endswith("%"):
            try:
                percent = float(text[:-1])
            except ValueError:
                raise ValueError(f'must be a number between 0 and 1 (got "{value}")') from None
            if not 0 <= percent <= 100:
                raise ValueError(f'must be between 0% and 100% (got "{value}")')
            value = percent / 100
        else:
            try:
                value = float(text)
            except ValueError:
                raise ValueError(
                    f'must be a number between 0 and 1, "7/10" or "70%" (got "{value}")'
                ) from None
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise ValueError(f"must be a number between 0 and 1 (got {value})")
        if 1 < value <= 10:
            shown = f"{value:g}"
            raise ValueError(
                f'must be between 0 and 1 (got {shown}); write {value / 10:g} or "{shown}/10"'
            )
        if 10 < value <= 100:
            raise ValueError(
                f'must be between 0 and 1 (got {value:g}); write {value / 100:g} or "{value:g}%"'
            )
        if not 0 <= value <= 1:
            raise ValueError(f"must be between 0 and 1 (got {value:g})")
    return value


def _text(value: Any) -> Any:
    """Numbers and dates written where text is expected are still text (`period: 2026`)."""
    if isinstance(value, int | float | dt.date) and not isinstance(value, bool):
        return str(value)
    return value


Quantity = Annotated[float, BeforeValidator(parse_quantity)]
Fraction = Annotated[float, BeforeValidator(parse_fraction)]
Text = Annotated[str, BeforeValidator(_text)]

_PERIOD = re.compile(r"^\d{4}(-(Q[1-4]|H[12]|(0[1-9]|1[0-2])))?$")
FIRST_YEAR, LAST_YEAR = 1000, 9998


def _period(value: Any) -> Any:
    value = _text(value)
    if isinstance(value, str) and not _PERIOD.match(value.strip()):
        raise ValueError(
            f'must be a year, half, quarter or month such as "2026", "2026-H1", "2026-Q1" or '
            f'"2026-03", or a mapping with start and end dates (got "{value}")'
        )
    if isinstance(value, str) and not FIRST_YEAR <= int(value.strip()[:4]) <= LAST_YEAR:
        # 9999-Q4 would end in the year 10000, which no date can hold.
        raise ValueError(f'must be in a year from {FIRST_YEAR} to {LAST_YEAR} (got "{value}")')
    return value.strip() if isinstance(value, str) else value


def check_period(value: str) -> str:
    """A period as written (`2026-Q1`), or ValueError saying what a period looks like."""
    checked: str = _period(value)
    return checked


class ObjectiveType(StrEnum):
    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    MAINTAIN = "maintain"


class _Strict(BaseModel):
    """Unknown keys are errors, except `x-` keys, which belong to the user's own tools."""

    # Built on first validation, not on import: a run whose files all come from the results
    # cache validates none, and building the validators is a good part of start-up.
    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra=None, defer_build=True)

    @model_validator(mode="before")
    @classmethod
    def _drop_extension_keys(cls, data: Any) -> Any:
        if isinstance(data, dict):
            # Most mappings have no `x-` key: they are passed on as they are, not copied.
            for key in data:
                if str(key).startswith("x-"):
                    return {k: v for k, v in data.items() if not str(k).startswith("x-")}
        return data


class PeriodRange(_Strict):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> PeriodRange:
        if self.end < self.start:
            raise ValueError(f"ends ({self.end}) before it starts ({self.start})")
        return self


class CheckIn(_Strict):
    date: dt.date
    value: Quantity | None = None
    confidence: Fraction | None = None
    note: Text | None = None


class KeyResult(_Strict):
    id: Text | None = None
    title: Text = Field(min_length=1)
    metric: Text | None = None
    baseline: Quantity | None = None
    target: Quantity | None = None
    current: Quantity | None = None
    unit: Text | None = None
    direction: Direction | None = None
    confidence: Fraction | None = None
    score: Fraction | None = None
    owner: Text | None = None
    checkins: list[CheckIn] = Field(default_factory=list)
    learnings: Text | None = None
    # Common in the OKR files teams already keep; understood, and judged by no rule.
    due: Text | None = None
    status: Text | None = None
    priority: Text | None = None
    evidence: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_sentence(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"title": data}
        if isinstance(data, dict):
            return _in_one_unit(data)
        return data


def _in_one_unit(data: dict[Any, Any]) -> dict[Any, Any]:
    """`baseline: 1.5 s` and `target: 700 ms` become 1500 and 700 with `unit: ms`.

    Values written with a unit are converted into one unit: the `unit` field's, else the
    target's, else the first one written. Values that cannot be (5% and 200 ms, two currencies)
    are left for `parse_quantity` to report. Without a unit word anywhere, nothing is done.
    """
    written = [
        (name, data.get(name))
        for name in ("baseline", "target", "current")
        if isinstance(data.get(name), str)
    ]
    checkins = data.get("checkins")
    if isinstance(checkins, list):
        written.extend(
            ((("checkins", at), c.get("value")))  # type: ignore[misc]
            for at, c in enumerate(checkins)
            if isinstance(c, dict) and isinstance(c.get("value"), str)
        )
    currencies = {found["currency"] for _, v in written if (found := _QUANTITY.match(str(v)))}
    if len(currencies - {None}) <= 1 and all(_QUANTITY.match(str(v)) for _, v in written):
        return _in_percent(data, written)
    parsed = {name: quantities.parse_written(str(value)) for name, value in written}
    unit_field = data.get("unit")
    into: quantities.Quantity | None = None
    if isinstance(unit_field, str) and unit_field.strip():
        dimension, unit = quantities.unit_of(unit_field)
        if dimension not in (quantities.COUNT, quantities.OTHER):
            into = quantities.Quantity(None, dimension, unit, unit_field)
    if into is None:
        into = parsed.get("target") or next((q for q in parsed.values() if q), None)
    if into is None:
        return data
    result = dict(data)
    if isinstance(checkins, list):
        result["checkins"] = [dict(c) if isinstance(c, dict) else c for c in checkins]
    for name, quantity in parsed.items():
        if quantity is None:
            continue  # not a number and a unit: `parse_quantity` says so
        converted = quantities.convert(quantity.value or 0.0, quantity, into)
        value: Any = (
            converted
            if isinstance(converted, float)
            else _Uncomparable(f"cannot be compared with the other values: {converted}")
        )
        if isinstance(name, tuple):
            result["checkins"][name[1]]["value"] = value
        else:
            result[name] = value
    if not (isinstance(unit_field, str) and unit_field.strip()) and into.dimension not in (
        quantities.COUNT,
        quantities.OTHER,
    ):
        result["unit"] = quantities.symbol(into)
    elif into.dimension == quantities.OTHER and not unit_field:
        result["unit"] = into.unit
    return result


def _in_percent(data: dict[Any, Any], written: list[tuple[Any, Any]]) -> dict[Any, Any]:
    """`baseline: 99.1%` and `target: 99.7%` are percentages: with no `unit`, say so, so that
    the rules read them as the bounded rates they are (99.1% -> 99.7% removes two thirds of the
    failures, not 0.6% more of something)."""
    values = [str(value) for name, value in written if isinstance(name, str)]
    if data.get("unit") is not None or not values:
        return data
    if not all(value.rstrip().endswith("%") for value in values):
        return data
    return {**data, "unit": "%"}


def _none_as_empty(value: Any) -> Any:
    # `key_results:` with nothing under it is an empty list, which FOC003 reports with a position.
    return [] if value is None else value


class Objective(_Strict):
    id: Text | None = None
    title: Text = Field(min_length=1)
    type: ObjectiveType = ObjectiveType.ASPIRATIONAL
    description: Text | None = None
    owner: Text | None = None
    aligns_to: Text | None = None
    key_results: Annotated[list[KeyResult], BeforeValidator(_none_as_empty)] = Field(
        default_factory=list
    )
    initiatives: Annotated[list[Text], BeforeValidator(_none_as_empty)] = Field(
        default_factory=list
    )


class OkrSet(_Strict):
    team: Text = Field(min_length=1)
    period: Annotated[str, BeforeValidator(_period)] | PeriodRange
    owner: Text | None = None
    aligns_to: Text | None = None
    objectives: Annotated[list[Objective], BeforeValidator(_none_as_empty)] = Field(
        default_factory=list
    )

    def objective_id(self, position: int) -> str:
        return self.objectives[position].id or f"O{position + 1}"

    @staticmethod
    def key_result_id(objective: Objective, position: int) -> str:
        return objective.key_results[position].id or f"KR{position + 1}"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of an OKR document, for editors (yaml-language-server) and validators."""
    schema = OkrSet.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "okrlint OKR set"
    definitions = schema.get("$defs", {})
    for definition in [schema, *definitions.values()]:
        if definition.get("additionalProperties") is False:
            definition["patternProperties"] = {"^x-": {}}
    key_result = definitions.get("KeyResult")
    if key_result is not None:
        objective = definitions["Objective"]
        objective["properties"]["key_results"]["items"] = {
            "anyOf": [
                {"type": "string", "minLength": 1, "description": "a key result as a sentence"},
                {"$ref": "#/$defs/KeyResult"},
            ]
        }
    _allow_written_quantities(definitions)
    _match_the_validators(schema, definitions)
    return schema


def _match_the_validators(schema: dict[str, Any], definitions: dict[str, Any]) -> None:
    """Say in the schema what the before-validators check, so editors flag it as they type:
    a period's shape (a bare year is a YAML number) and the 0..1 range of fractions."""
    period = schema.get("properties", {}).get("period", {})
    for choice in period.get("anyOf", []):
        if choice.get("type") == "string":
            choice["pattern"] = r"^\s*\d{4}(-(Q[1-4]|H[12]|(0[1-9]|1[0-2])))?\s*$"
    if "anyOf" in period:
        period["anyOf"].insert(0, {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR})
    for name, fields in (("KeyResult", ("confidence", "score")), ("CheckIn", ("confidence",))):
        properties = definitions.get(name, {}).get("properties", {})
        for field_name in fields:
            for choice in properties.get(field_name, {}).get("anyOf", []):
                if choice.get("type") == "number":
                    choice.update(minimum=0, maximum=1)


def _allow_written_quantities(definitions: dict[str, Any]) -> None:
    """Numbers and fractions may also be written as text ("45%", "7/10")."""
    written = {
        "type": "string",
        "pattern": r"^\s*[-+]?\s*([$€£¥]|[A-Za-z]{3}\s)?\s*[\d.,_]+\s*([kKmMbB]n?|%)?\s*(\S.*)?$",
    }
    fraction = {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*(/\s*\d+(\.\d+)?|%)?\s*$"}
    for name, fields, extra in (
        ("KeyResult", ("baseline", "target", "current"), written),
        ("KeyResult", ("confidence", "score"), fraction),
        ("CheckIn", ("value",), written),
        ("CheckIn", ("confidence",), fraction),
    ):
        properties = definitions.get(name, {}).get("properties", {})
        for field_name in fields:
            prop = properties.get(field_name)
            if prop is not None and "anyOf" in prop:
                prop["anyOf"].insert(0, extra)


def build_validators() -> None:
    """Build the validators now: a run about to fork worker processes builds them once for all
    of them, rather than once in each."""
    OkrSet.model_rebuild()
