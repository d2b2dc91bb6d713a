"""Safe YAML loading: a fast parse first, and the line and column of every key and item only when needed.

Every file is parsed with PyYAML's C loader and a plain safe constructor (as fast as ``yaml.load`` with
``CSafeLoader``). Positions are needed only to report an error, so a file is parsed a second time, with
marks, only when something must be pointed at: a duplicate or non-text key or a bad date found in the
fast parse (those need the marking parse to be reported at all), or a validation or cross-file error
(``YamlDoc.position_of`` parses again on first use).

PyYAML is YAML 1.1 (``no`` → False, ``010`` → 8, ``12:30`` → 750); the models type such fields as
text and the messages below tell authors to quote them. Duplicate keys, which PyYAML silently
accepts, are reported here.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from signaleer.content.errors import ContentError
from signaleer.errors import os_cause
from signaleer.i18n import t

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Position = tuple[int, int]
"""(line, column), both counted from 1."""


@dataclass
class YamlDoc:
    """A parsed YAML document with positions for every mapping key and sequence item."""

    path: Path
    data: Any = None
    errors: list[ContentError] = field(default_factory=list)
    _containers: dict[int, tuple[Position, dict[Hashable, Position] | list[Position]]] = field(default_factory=dict)
    text: str | None = None
    """The source text while positions have not been computed yet (fast parse)."""

    def _ensure_marks(self) -> None:
        if self.text is None:
            return
        marked = parse_yaml(self.text, self.path, marks=True)
        self.text = None
        self.errors.extend(e for e in marked.errors if e not in self.errors)
        if marked.data is not None:
            self.data = marked.data
            self._containers = marked._containers

    def line_of(self, loc: tuple[str | int, ...]) -> int:
        """Line of the deepest part of ``loc`` that exists in the data."""
        return self.position_of(loc)[0]

    def position_of(self, loc: tuple[str | int, ...]) -> Position:
        """Position of the deepest part of ``loc`` (keys and indexes) that exists in the data."""
        self._ensure_marks()
        node = self.data
        best: Position = (1, 1)
        if id(node) in self._containers:
            best = self._containers[id(node)][0]
        for part in loc:
            entry = self._containers.get(id(node))
            if entry is None:
                break
            start, inner = entry
            best = start
            found = (isinstance(node, dict) and isinstance(inner, dict) and part in node) or (
                isinstance(node, list) and isinstance(inner, list) and isinstance(part, int) and part < len(node)
            )
            if not found:
                break
            best = inner[part]  # type: ignore[index]
            node = node[part]
        return best


def _position(mark: yaml.Mark | None) -> Position:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


class _MarkingLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader that records positions and reports duplicate keys."""

    doc: YamlDoc

    def construct_marked_map(self, node: yaml.MappingNode) -> Iterator[dict[Hashable, Any]]:
        data: dict[Hashable, Any] = {}
        yield data
        self.flatten_mapping(node)
        keys: dict[Hashable, Position] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            where = _position(key_node.start_mark)
            if not isinstance(key, Hashable):
                self._error(where, t("content.error.key_not_text"), t("content.error.key_not_text.hint"))
                continue
            if key in keys:
                self._error(
                    where,
                    t("content.error.duplicate_key", key=key, line=keys[key][0]),
                    t("content.error.duplicate_key.hint"),
                )
                continue
            if not isinstance(key, str):
                self._error(
                    where,
                    t("content.error.key_type", key=key_node.value, kind=_kind_of(key)),
                    t("content.error.key_type.hint", key=key_node.value),
                )
            keys[key] = where
            data[key] = self.construct_object(value_node, deep=True)
        self.doc._containers[id(data)] = (_position(node.start_mark), keys)

    def construct_marked_seq(self, node: yaml.SequenceNode) -> Iterator[list[Any]]:
        data: list[Any] = []
        yield data
        data.extend(self.construct_object(child, deep=True) for child in node.value)
        self.doc._containers[id(data)] = (_position(node.start_mark), [_position(c.start_mark) for c in node.value])

    def construct_lenient_timestamp(self, node: yaml.ScalarNode) -> Any:
        """A date YAML cannot build (e.g. month 13) stays text, so validation reports it with its line."""
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)

    def _error(self, where: Position, message: str, hint: str) -> None:
        self.doc.errors.append(ContentError(self.doc.path, where[0], where[1], message, hint))


_MarkingLoader.add_constructor("tag:yaml.org,2002:map", _MarkingLoader.construct_marked_map)
_MarkingLoader.add_constructor("tag:yaml.org,2002:seq", _MarkingLoader.construct_marked_seq)
_MarkingLoader.add_constructor("tag:yaml.org,2002:timestamp", _MarkingLoader.construct_lenient_timestamp)


def _kind_of(value: object) -> str:
    if isinstance(value, bool):
        return t("content.error.key_type.bool")
    if isinstance(value, int | float):
        return t("content.error.key_type.number")
    if value is None:
        return t("content.error.key_type.empty")
    return type(value).__name__


class _Suspicious(Exception):
    """The fast parse met something only the marking parse can report (duplicate key, non-text key, bad date)."""


class _FastLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """The plain safe loader, plus the cheap checks that decide whether the marking parse is needed at once:
    a duplicate key (lost in a dict) and a date YAML cannot build. A key that is not text (``no:``) fails
    validation, and the marking parse that points at the error then reports the key too."""

    def construct_checked_map(self, node: yaml.MappingNode) -> Iterator[dict[Hashable, Any]]:
        data: dict[Hashable, Any] = {}
        yield data
        value = self.construct_mapping(node)
        if len(value) != len(node.value):
            raise _Suspicious
        data.update(value)

    def construct_checked_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            raise _Suspicious from None


_FastLoader.add_constructor("tag:yaml.org,2002:map", _FastLoader.construct_checked_map)
_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _FastLoader.construct_checked_timestamp)


def _fast_parse(text: str, path: Path) -> YamlDoc | None:
    """The document without positions, or None when the marking parse is needed."""
    loader = _FastLoader(text)
    try:
        return YamlDoc(path=path, data=loader.get_single_data(), text=text)
    except (_Suspicious, yaml.YAMLError, ValueError, TypeError):
        return None
    finally:
        loader.dispose()


def parse_yaml(text: str, path: Path, *, marks: bool = False) -> YamlDoc:
    """Parse ``text`` safely; syntax errors and duplicate keys land in ``doc.errors``.

    Without ``marks`` the fast parse is tried first and positions follow on demand."""
    if not marks:
        fast = _fast_parse(text, path)
        if fast is not None:
            return fast
    doc = YamlDoc(path=path)
    loader = _MarkingLoader(text)
    loader.doc = doc
    try:
        doc.data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        line, col = _position(exc.problem_mark or exc.context_mark)
        problem = _translate_yaml_problem(exc.problem) if exc.problem else t("content.error.yaml.unknown_problem")
        if (
            exc.context_mark is not None
            and exc.problem_mark is not None
            and exc.context_mark.line != exc.problem_mark.line
        ):
            problem += t("content.error.yaml.context", line=exc.context_mark.line + 1)
        doc.errors.append(
            ContentError(path, line, col, t("content.error.yaml", problem=problem), t("content.error.yaml.hint"))
        )
        doc.data = None
    except yaml.YAMLError as exc:
        doc.errors.append(
            ContentError(path, 1, 1, t("content.error.yaml", problem=exc), t("content.error.yaml.other_hint"))
        )
        doc.data = None
    finally:
        loader.dispose()
    return doc


MAX_CONTENT_BYTES = 2 * 1024 * 1024
"""A content file larger than this is refused before it is parsed (the bundled ones are far smaller)."""


def load_yaml(path: Path) -> YamlDoc:
    """Read and parse ``path``; unreadable or too large files become an error, never an exception."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            doc = YamlDoc(path=path)
            doc.errors.append(
                ContentError(path, 1, 1, t("content.error.not_regular"), t("content.error.not_regular.hint"))
            )
            return doc
        with open(path, "rb") as handle:
            raw = handle.read(MAX_CONTENT_BYTES + 1)
        if info.st_size > MAX_CONTENT_BYTES or len(raw) > MAX_CONTENT_BYTES:
            doc = YamlDoc(path=path)
            limit = MAX_CONTENT_BYTES // (1024 * 1024)
            doc.errors.append(
                ContentError(path, 1, 1, t("content.error.too_large", limit=limit), t("content.error.too_large.hint"))
            )
            return doc
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        doc = YamlDoc(path=path)
        doc.errors.append(ContentError(path, 1, 1, t("content.error.not_utf8"), t("content.error.not_utf8.hint")))
        return doc
    except OSError as exc:
        doc = YamlDoc(path=path)
        doc.errors.append(ContentError(path, 1, 1, t("content.error.unreadable", cause=os_cause(exc)), ""))
        return doc
    return parse_yaml(text, path)


_YAML_PROBLEMS = {
    "found character": "found_character",
    "mapping values are not allowed here": "mapping_values",
    "could not find expected ':'": "no_colon",
    "found undefined alias": "undefined_alias",
    "expected <block end>, but found '<block mapping start>'": "indentation",
    "expected <block end>, but found '-'": "list_indentation",
    "found unexpected end of stream": "end_of_stream",
}
"""PyYAML's English problems (by their start) with a text of their own, ``content.yaml.problem.<name>``."""


def _translate_yaml_problem(problem: str) -> str:
    """PyYAML's ``problem`` in the current language when the catalogue has it, else PyYAML's own words."""
    for english, name in _YAML_PROBLEMS.items():
        if problem.startswith(english):
            return t(f"content.yaml.problem.{name}")
    return problem
