"""JSON Schemas for editor completion, one per content kind, generated from the models."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from signaleer.content.casefile_form import TrainingCaseFile
from signaleer.content.kinds import KIND_MODELS
from signaleer.domain.handover import HandoverFile
from signaleer.domain.tally import TallyFile
from signaleer.pack.manifest import Manifest

OTHER_MODELS: dict[str, type[BaseModel]] = {
    "telling": TallyFile,
    "oefencasus": TrainingCaseFile,
    "pakket_manifest": Manifest,
    "overdracht": HandoverFile,
}
"""Files that are not content: one laptop's anonymous counts (``signaleer tellingen``), a training case
(``examples/*.yaml``, ``signaleer advies``, ``cases import``), a content pack's manifest (``signaleer pakket``) and
the inside of a hand-over file (``signaleer overdracht``)."""


def schemas() -> dict[str, str]:
    """File name → JSON text for every content kind, the count file, a training case and a pack manifest."""
    result = {}
    for kind, model in {**KIND_MODELS, **OTHER_MODELS}.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"signaleer:{kind}"
        result[f"{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return result


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
