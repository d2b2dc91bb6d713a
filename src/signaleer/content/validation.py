"""Turn pydantic validation errors into Dutch ``path:line:col`` messages with a hint."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from signaleer.content.errors import ContentError
from signaleer.content.yaml_io import YamlDoc

QUOTE_HINT = 'Zet de waarde tussen aanhalingstekens, bijvoorbeeld "0153", "0800-2000", "ja" of "12:30".'


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
    return text or "bestand"


def _explain(err: Any, where: str) -> tuple[str, str]:
    kind: str = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    field = where
    if kind == "missing":
        return (
            f"{field}: verplicht veld ontbreekt",
            "Voeg dit veld toe; zie het schema of het sjabloon voor een voorbeeld.",
        )
    if kind == "extra_forbidden":
        return (
            f"{field}: onbekend veld",
            "Controleer de spelling; onbekende velden zijn niet toegestaan (zie het schema voor de juiste namen).",
        )
    if kind in {"string_type", "str_type"}:
        if isinstance(value, bool):
            return (
                f"{field}: verwacht tekst, maar YAML leest hier een ja/nee-waarde ({'waar' if value else 'onwaar'})",
                "YAML leest ja/nee/yes/no/on/off zonder aanhalingstekens als waar/onwaar. " + QUOTE_HINT,
            )
        if isinstance(value, int | float):
            return (
                f"{field}: verwacht tekst, maar YAML leest hier het getal {value}",
                "Voorloopnullen vallen weg en tijden als 12:30 worden een getal. " + QUOTE_HINT,
            )
        if value is None:
            return (
                f"{field}: mag niet leeg zijn",
                "Vul een waarde in, of laat het hele veld weg als het niet verplicht is.",
            )
        return f"{field}: verwacht tekst", QUOTE_HINT
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        return f"{field}: ongeldige waarde '{value}'", f"Kies één van: {expected}."
    if kind == "string_pattern_mismatch":
        return f"{field}: '{value}' heeft niet de juiste vorm", _pattern_hint(str(ctx.get("pattern", "")))
    if kind == "string_too_short":
        return f"{field}: is te kort of leeg", "Vul een (langere) tekst in."
    if kind == "too_short":
        return f"{field}: moet minstens {ctx.get('min_length', 1)} item(s) bevatten", "Voeg een item toe."
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"{field}: '{value}' is geen geldige datum", "Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-11-29."
    if kind in {"bool_type", "bool_parsing"}:
        return f"{field}: verwacht true of false, niet '{value}'", "Schrijf true of false (zonder aanhalingstekens)."
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"{field}: verwacht een geheel getal, niet '{value}'", "Schrijf een getal zonder aanhalingstekens."
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return f"{field}: waarde {value} valt buiten het toegestane bereik", str(err.get("msg", ""))
    if kind in {"list_type"}:
        return f"{field}: verwacht een lijst", "Zet elk item op een eigen regel die begint met '- '."
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"{field}: verwacht een blok met velden (sleutel: waarde)", "Controleer de inspringing van dit blok."
    if kind == "value_error":
        text = str(err.get("msg", "")).removeprefix("Value error, ")
        return f"{field}: {text}", ""
    if kind == "union_tag_invalid" or kind.startswith("union"):
        return f"{field}: ongeldige waarde '{value}'", "Zie het schema voor de toegestane vormen."
    return f"{field}: {err.get('msg', kind)}", ""


def _pattern_hint(pattern: str) -> str:
    if "GM" in pattern or "[0-9]{4}" in pattern:
        return 'Een CBS-code heeft vier cijfers, tussen aanhalingstekens: "0153".'
    if "112" in pattern:
        return 'Schrijf een telefoonnummer met cijfers, spaties of streepjes, tussen aanhalingstekens: "0800-2000".'
    if "https?" in pattern:
        return "Een bron of website begint met http:// of https://."
    if "[A-Z]{2,3}[0-9]" in pattern:
        return "Een signaal-id is twee of drie hoofdletters en een nummer, bijvoorbeeld GB08."
    if "a-z0-9" in pattern:
        return "Een id bestaat uit kleine letters, cijfers en liggende streepjes, bijvoorbeeld veilig_thuis."
    if "@" in pattern:
        return "Een e-mailadres heeft de vorm naam@domein.nl."
    if "age1" in pattern:
        return "Een organisatiesleutel begint met age1 en is 62 tekens lang."
    return f"De waarde moet passen bij het patroon {pattern}."
