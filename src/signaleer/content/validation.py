"""Turn pydantic validation errors into ``path:line:col`` messages with a hint, in the current language.

pydantic's own English messages never reach the author: every error type gets a catalogue text
(``content.error.*``); only a validator's own message (``value_error``, itself a catalogue text) and an
error type not foreseen here (``content.error.other``, with pydantic's words as detail) pass through.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from signaleer.content.errors import ContentError
from signaleer.content.yaml_io import YamlDoc
from signaleer.domain.base import RULE_ERROR
from signaleer.i18n import nt, t


def validate(
    model: type[BaseModel], doc: YamlDoc, data: Any | None = None
) -> tuple[BaseModel | None, list[ContentError]]:
    """Validate ``data`` (default: the whole document) against ``model``; errors point into ``doc``."""
    try:
        return model.model_validate(doc.data if data is None else data), []
    except ValidationError as exc:
        return None, [_to_content_error(model, doc, err) for err in _dedupe(exc.errors(include_url=False))]


def _dedupe(errors: list[Any]) -> list[Any]:
    """Drop the per-branch noise of union errors: keep one error per location."""
    seen: set[tuple[Any, ...]] = set()
    result = []
    for err in errors:
        loc = tuple(p for p in err["loc"] if isinstance(p, int) or not _is_branch_name(p))
        if loc in seen:
            continue
        seen.add(loc)
        result.append({**err, "loc": loc})
    return result


def _is_branch_name(part: str) -> bool:
    return "[" in part or part in {"str", "int", "bool", "list", "dict", "OutcomeRef", "constrained-str", "date"}


def _to_content_error(model: type[BaseModel], doc: YamlDoc, err: Any) -> ContentError:
    loc: tuple[str | int, ...] = err["loc"]
    line, col = doc.position_of(loc)
    where = _loc_text(loc)
    message, hint = _explain(err, where)
    return ContentError(doc.path, line, col, message, hint)


def _loc_text(loc: tuple[str | int, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or t("content.error.whole_file")


_SIMPLE = {
    "missing": "missing",
    "extra_forbidden": "unknown_field",
    "string_too_short": "too_short_text",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "int_type": "int",
    "int_parsing": "int",
    "int_from_float": "int",
    "list_type": "list",
    "dict_type": "block",
    "model_type": "block",
    "model_attributes_type": "block",
}
"""pydantic error types with one message and hint of their own, ``content.error.<name>`` (and ``….hint``)."""

_LIMITS = {"greater_than_equal": "ge", "less_than_equal": "le", "greater_than": "gt", "less_than": "lt"}


def _text(name: str, **values: Any) -> tuple[str, str]:
    """The message and hint of ``content.error.<name>`` in the current language."""
    return t(f"content.error.{name}", **values), t(f"content.error.{name}.hint", **values)


def _explain(err: Any, where: str) -> tuple[str, str]:
    """A pydantic error as a message and a hint from the catalogue (``content.error.*``)."""
    kind: str = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    field = where
    if kind in _SIMPLE:
        return _text(_SIMPLE[kind], field=field, value=value)
    if kind == "literal_error":  # pydantic lists the choices as "'a', 'b' or 'c'"
        expected = str(ctx.get("expected", "")).replace(" or ", t("content.error.choice.or"))
        return _text("choice", field=field, value=value, expected=expected)
    if kind == "too_short":
        return nt("content.error.too_few", int(ctx.get("min_length", 1)), field=field), t("content.error.too_few.hint")
    if kind in {"string_type", "str_type"}:
        if isinstance(value, bool):
            shown = t("content.error.text_got_bool.true" if value else "content.error.text_got_bool.false")
            return (
                t("content.error.text_got_bool", field=field, value=shown),
                t("content.error.text_got_bool.hint", quote=quote_hint()),
            )
        if isinstance(value, int | float):
            return (
                t("content.error.text_got_number", field=field, value=value),
                t("content.error.text_got_number.hint", quote=quote_hint()),
            )
        if value is None:
            return _text("empty", field=field)
        return t("content.error.text", field=field), quote_hint()
    if kind == "string_pattern_mismatch":
        return t("content.error.pattern", field=field, value=value), _pattern_hint(str(ctx.get("pattern", "")))
    if kind.startswith("date") or kind.startswith("datetime"):
        return _text("date", field=field, value=value)
    if kind in _LIMITS:
        limit = _LIMITS[kind]
        return t("content.error.range", field=field, value=value), t(
            f"content.error.range.{limit}", limit=ctx.get(limit)
        )
    if kind == RULE_ERROR:
        params = {name: value for name, value in ctx.items() if name != "code"}
        rule = t(f"content.rule.{ctx['code']}", **params)
        return f"{field}: {rule}", ""
    if kind == "value_error":
        text = str(err.get("msg", "")).removeprefix("Value error, ")
        return f"{field}: {text}", ""
    if kind == "union_tag_invalid" or kind.startswith("union"):
        return _text("union", field=field, value=value)
    return t("content.error.other", field=field, detail=err.get("msg", kind)), ""


def quote_hint() -> str:
    """How to quote a value YAML 1.1 would read as something else, in the current language."""
    return t("content.hint.quote")


_PATTERN_HINTS = (
    (("GM", "[0-9]{4}"), "cbs_code"),
    (("112",), "phone"),
    (("https?",), "url"),
    (("[A-Z]{2,3}[0-9]",), "signal_id"),
    (("a-z0-9",), "id"),
    (("@",), "email"),
    (("age1",), "age_key"),
)
"""Which hint (``content.hint.pattern.<name>``) a regular expression gets, by a part of it; first match wins."""


def _pattern_hint(pattern: str) -> str:
    for parts, name in _PATTERN_HINTS:
        if any(part in pattern for part in parts):
            return t(f"content.hint.pattern.{name}")
    return t("content.hint.pattern.other", pattern=pattern)
