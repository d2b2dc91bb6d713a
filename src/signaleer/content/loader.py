"""Load every content file, validate it, check references across files, and collect all errors.

Bundled files come first; the user's content folder overrides them by relative path, so a
municipality can ship only its own ``meldroutes/<gemeente>.yaml``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from signaleer.content.errors import ContentError
from signaleer.content.kinds import KIND_MODELS, Parsed
from signaleer.content.pages import load_page
from signaleer.content.semantics import check_semantics, gaps
from signaleer.content.validation import validate
from signaleer.content.yaml_io import load_yaml
from signaleer.domain.afwegingskader import Afwegingskader
from signaleer.domain.base import Versioned
from signaleer.domain.content import Content, SourceFile
from signaleer.domain.knowledge import KnowledgePage
from signaleer.domain.regions import GemeenteIndex, GemeenteTable, RegionLayers
from signaleer.domain.route import MunicipalRoute, NationalRoute
from signaleer.domain.signals import Checklist, RiskFactorList, SignalList
from signaleer.domain.stepplan import StepPlan
from signaleer.errors import ContentInvalid
from signaleer.i18n import nt, t

CONTENT_FOLDERS = ("checklists", "meldroutes")


@dataclass
class LoadResult:
    """The content when it is valid, and every error found (empty when valid)."""

    content: Content | None
    errors: list[ContentError] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    parsed: list[Parsed] = field(default_factory=list, repr=False)

    def gaps(self) -> list[ContentError]:
        """Gaps that do not stop the content from being used (e.g. a region without a zorgcoördinator).

        Computed on request (``signaleer check``): pointing at lines costs a second parse of the file."""
        return gaps(self.parsed) if self.ok else []

    @property
    def ok(self) -> bool:
        """True when there are no errors."""
        return not self.errors and self.content is not None


def default_roots() -> list[Path]:
    """The bundled content root, the installed content pack (if any), then the user's content folder.

    Later roots override earlier ones by relative path: a pack replaces bundled files, the user's own files replace
    both (``signaleer.pack.state``; a damaged pack state raises ``PackRefused`` with what to do)."""
    from signaleer.pack.state import installed_root
    from signaleer.paths import bundled_content_root, resolve_paths

    paths = resolve_paths()
    pack = installed_root(paths.config)
    return [bundled_content_root(), *([pack] if pack is not None else []), paths.user_content]


def collect_files(roots: list[Path], extra_files: list[Path] | None = None) -> dict[str, Path]:
    """Content files by relative key (e.g. ``meldroutes/enschede.yaml``); later roots override earlier ones."""
    files: dict[str, Path] = {}
    for root in roots:
        for folder in CONTENT_FOLDERS:
            base = root / folder
            if not base.is_dir():
                continue
            found: list[tuple[str, Path]] = []
            for directory, subdirs, names in os.walk(base):
                subdirs.sort()
                relative = Path(directory).relative_to(root).as_posix()
                for name in names:
                    if name.endswith((".yaml", ".yml", ".md")) and not name.startswith("."):
                        found.append((f"{relative}/{name}", Path(directory, name)))
            for key, path in sorted(found):
                files[key] = path
    for path in extra_files or []:
        parent = path.parent.name
        files[f"{parent if parent in CONTENT_FOLDERS else 'extra'}/{path.name}"] = path
    return files


def load_content(extra_roots: list[Path] | None = None, extra_files: list[Path] | None = None) -> LoadResult:
    """Load the bundled and user content plus ``extra_roots``/``extra_files`` (which win)."""
    return load_files(collect_files([*default_roots(), *(extra_roots or [])], extra_files))


def load_content_or_raise(extra_roots: list[Path] | None = None) -> Content:
    """Load content or raise ``ContentInvalid`` listing every error."""
    result = load_content(extra_roots)
    if result.content is None or result.errors:
        count = len(result.errors)
        shown = "\n".join(str(e) for e in result.errors[:20])
        more = "\n" + nt("content.error.invalid.more", count - 20) if count > 20 else ""
        raise ContentInvalid(
            nt("content.error.invalid", count, shown=shown, more=more), t("content.error.invalid.hint")
        )
    return result.content


_KIND_LINE = re.compile(r"^kind:\s*[\"']?([a-z_]+)", re.MULTILINE)


def load_kinds(kinds: frozenset[str]) -> list[Parsed]:
    """Only the YAML files of ``kinds`` (bundled and the user's own, as for ``load_content``), each validated on
    its own, without the cross-file checks: for a command that needs one kind of file and not the whole content
    (``signaleer tellingen combineer`` needs the afwegingskader's outcomes and the gemeente names). A file's kind
    is read from its top-level ``kind:`` line before it is parsed. Any error raises ``ContentInvalid``."""
    found: list[Parsed] = []
    errors: list[ContentError] = []
    for key, path in sorted(collect_files(default_roots()).items()):
        if path.suffix not in {".yaml", ".yml"}:
            continue
        try:
            head = _KIND_LINE.search(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            head = None  # unreadable: the full loader reports it; this one needs only the named kinds
        if head is None or head.group(1) not in kinds:
            continue
        item, file_errors = _load_yaml_file(key, path)
        errors.extend(file_errors)
        if item is not None:
            found.append(item)
    if errors:
        raise ContentInvalid("\n".join(str(e) for e in sorted(set(errors))[:20]), t("content.kinds.invalid.hint"))
    return found


def load_files(files: dict[str, Path]) -> LoadResult:
    """Parse, validate and cross-check ``files``; build ``Content`` only when everything is valid."""
    errors: list[ContentError] = []
    parsed: list[Parsed] = []
    pages: list[KnowledgePage] = []
    for key, path in sorted(files.items()):
        if path.suffix == ".md":
            page, page_errors = load_page(path)
            errors.extend(page_errors)
            if page is not None:
                pages.append(page)
            continue
        item, file_errors = _load_yaml_file(key, path)
        errors.extend(file_errors)
        if item is not None:
            parsed.append(item)
    errors.extend(check_semantics(parsed, pages, files))
    result = LoadResult(
        content=None,
        errors=sorted(set(errors)),
        files=sorted(files.values()),
        parsed=parsed,
    )
    if not result.errors:
        result.content = _build(parsed, pages)
    return result


def _load_yaml_file(key: str, path: Path) -> tuple[Parsed | None, list[ContentError]]:
    doc = load_yaml(path)
    if doc.errors and doc.data is None:
        return None, doc.errors
    data: Any = doc.data
    if not isinstance(data, dict):
        return None, [*doc.errors, ContentError(path, 1, 1, t("content.error.not_a_block"), kind_hint())]
    kind = data.get("kind")
    model = KIND_MODELS.get(kind) if isinstance(kind, str) else None
    if model is None:
        line, col = doc.position_of(("kind",))
        message = t("content.error.kind_missing") if kind is None else t("content.error.kind_unknown", kind=kind)
        return None, [*doc.errors, ContentError(path, line, col, message, kind_hint())]
    instance, errors = validate(model, doc)
    if instance is None:
        return None, [*doc.errors, *errors]
    return Parsed(key, doc, instance), doc.errors


def file_name(key: str) -> str:
    """The file name of a content key (``meldroutes/leiden.yaml`` → ``leiden.yaml``), without pathlib."""
    return key.rsplit("/", 1)[-1]


def file_stem(key: str) -> str:
    """The file name without its extension (``leiden``)."""
    return file_name(key).rsplit(".", 1)[0]


def kind_hint() -> str:
    """What a content file starts with: ``kind:`` and one of the kinds, in the current language."""
    return t("content.error.kind.hint", kinds=", ".join(KIND_MODELS))


def _build(parsed: list[Parsed], pages: list[KnowledgePage]) -> Content:
    def of(kind: type[BaseModel]) -> list[Any]:
        return [p.model for p in parsed if isinstance(p.model, kind)]

    municipalities = {
        file_stem(p.key): p.model
        for p in parsed
        if isinstance(p.model, MunicipalRoute) and not file_name(p.key).startswith("_")
    }
    files = [
        SourceFile(path=p.key, versie=p.model.versie, datum=p.model.datum.isoformat())
        for p in parsed
        if isinstance(p.model, Versioned)
    ]
    risk_lists = of(RiskFactorList)
    tables, layers = of(GemeenteTable), of(RegionLayers)
    index = GemeenteIndex.build(tables[0], layers[0]) if tables and layers else None
    return Content(
        step_plan=of(StepPlan)[0],
        kaders={k.id: k for k in of(Afwegingskader)},
        national_route=of(NationalRoute)[0],
        signal_lists=of(SignalList),
        risk_factors=risk_lists[0] if risk_lists else None,
        municipalities=municipalities,
        checklists={c.id: c for c in of(Checklist)},
        pages=pages,
        files=files,
        gemeenten=index,
        regions=layers[0] if layers else None,
    )
