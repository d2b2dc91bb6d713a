"""A small, hand-built Content for the engine's unit tests (independent of the bundled YAML)."""

from __future__ import annotations

from typing import Any

from signaleer.domain.afwegingskader import Afwegingskader
from signaleer.domain.content import Content
from signaleer.domain.route import MunicipalRoute, NationalRoute
from signaleer.domain.signals import SignalList
from signaleer.domain.stepplan import StepPlan

V: dict[str, Any] = {"versie": "test", "datum": "2026-01-01"}
CHECKED = "2026-06-01"


def _t(nl: str) -> dict[str, str]:
    return {"nl": nl, "en": f"EN {nl}"}


def _acute(fid: str, roles: list[str], action: str, melden: bool = False) -> dict[str, Any]:
    return {
        "id": fid,
        "type": "acute_question",
        "label": _t(f"vraag {fid}"),
        "required": True,
        "on_yes": {"roles": roles, "action": _t(action), "melden": melden},
    }


def _step(sid: str, number: int, fields: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "id": sid,
        "number": number,
        "title": _t(f"Titel {sid}"),
        "purpose": _t("doel"),
        "guidance": _t("uitleg"),
        "fields": fields,
        **extra,
    }


def step_plan() -> StepPlan:
    steps = [
        _step(
            "acuut",
            0,
            [
                _acute("direct_gevaar", ["alarm"], "Bel 112."),
                _acute("seksueel_geweld_7d", ["csg", "politie"], "Bel het CSG."),
                _acute("vermist", ["politie", "alarm"], "Bel de politie."),
                _acute("onthulling", ["veilig_thuis"], "Bel Veilig Thuis.", melden=True),
            ],
        ),
        _step(
            "signalen",
            1,
            [
                {"id": "signalen", "type": "signals", "label": _t("Signalen"), "required": True},
                {"id": "risicofactoren", "type": "risk_factors", "label": _t("Risicofactoren")},
            ],
            meldcode_step=1,
        ),
        _step("overleg", 2, [{"id": "overleg", "type": "consultations", "label": _t("Overleg")}], meldcode_step=2),
        _step(
            "gesprek_jongere",
            3,
            [
                {"id": "gesprek_jongere", "type": "conversation", "with": "jongere", "label": _t("Gesprek jongere")},
            ],
            skippable=True,
            skip_when=_t("gevaar"),
            meldcode_step=3,
        ),
        _step(
            "netwerk",
            4,
            [
                {"id": "gesprek_ouders", "type": "conversation", "with": "ouders", "label": _t("Gesprek ouders")},
                {"id": "veiligheidsplan", "type": "longtext", "label": _t("Veiligheidsplan")},
            ],
            skippable=True,
            skip_when=_t("gevaar"),
            meldcode_step=3,
        ),
        _step("afwegen", 5, [{"id": "afwegingen", "type": "afwegingen", "label": _t("Afwegingen")}], meldcode_step=5),
    ]
    return StepPlan.model_validate(
        {**V, "kind": "stappenplan", "title": _t("Plan"), "reconstructie": True, "note": _t("n"), "steps": steps}
    )


def _q(qid: str, number: int, if_yes: Any, if_no: Any, **extra: Any) -> dict[str, Any]:
    return {
        "id": qid,
        "number": number,
        "text": _t(f"Vraag {qid}?"),
        "help": _t("hulp"),
        "if_yes": if_yes,
        "if_no": if_no,
        **extra,
    }


def kader() -> Afwegingskader:
    return Afwegingskader.model_validate(
        {
            **V,
            "kind": "afwegingskader",
            "id": "wijkteam",
            "sectors": ["wijkteam", "algemeen"],
            "title": _t("Kader"),
            "intro": _t("intro"),
            "start": "vermoeden",
            "norms": [{"number": n, "text": _t(f"norm {n}")} for n in (1, 2, 3)],
            "questions": [
                _q("vermoeden", 1, "onveiligheid", {"outcome": "afsluiten"}),
                _q("onveiligheid", 2, {"outcome": "melden", "norm": 1}, "zelf_hulp", suggest_from_signals=True),
                _q("zelf_hulp", 3, "hulp_aanvaard", {"outcome": "melden", "norm": 2}),
                _q("hulp_aanvaard", 4, {"outcome": "hulp_bieden"}, {"outcome": "melden", "norm": 2}),
                _q(
                    "resultaat",
                    5,
                    {"outcome": "hulp_afsluiten"},
                    {"outcome": "opnieuw_melden", "norm": 3},
                    at_evaluation=True,
                ),
            ],
            "outcomes": [
                {"id": "afsluiten", "title": _t("Afsluiten"), "explanation": _t("leg vast"), "closes": True},
                {
                    "id": "melden",
                    "title": _t("Melden"),
                    "explanation": _t("meld"),
                    "melden": True,
                    "actions": [_t("Meld bij Veilig Thuis.")],
                    "contact_roles": ["veilig_thuis", "politie", "zorgcoordinator"],
                },
                {
                    "id": "hulp_bieden",
                    "title": _t("Hulp bieden"),
                    "explanation": _t("hulp"),
                    "next": "resultaat",
                    "needs_date": True,
                    "contact_roles": ["zorgcoordinator"],
                },
                {
                    "id": "opnieuw_melden",
                    "title": _t("Opnieuw melden"),
                    "explanation": _t("meld"),
                    "melden": True,
                    "contact_roles": ["veilig_thuis"],
                },
                {"id": "hulp_afsluiten", "title": _t("Hulp afsluiten"), "explanation": _t("klaar"), "closes": True},
            ],
        }
    )


def _c(role: str, name: str, phone: str | None, urgency: str, checked: str = CHECKED) -> dict[str, Any]:
    return {
        "role": role,
        "name": name,
        "phone": phone,
        "when_to_use": _t("wanneer"),
        "urgency": urgency,
        "bron": "https://example.org/bron",
        "overgenomen_op": checked,
        "gecontroleerd_op": checked,
    }


def national() -> NationalRoute:
    contacts = [
        _c("alarm", "Alarmnummer", "112", "acuut"),
        _c("politie", "Politie", "0900-8844", "snel"),
        _c("csg", "Centrum Seksueel Geweld", "0800-0188", "acuut"),
        _c("veilig_thuis", "Veilig Thuis", "0800-2000", "snel"),
        _c("comensha", "CoMensha", "033-448 11 86", "registratie"),
        _c("zorgcoordinator", "Zorgcoördinator (landelijk via CoMensha)", "033-448 11 86", "advies"),
        _c("helpwanted", "Helpwanted", None, "advies"),
        _c("fier", "Fier", None, "advies"),
        _c("arbeidsinspectie", "Arbeidsinspectie", "0800-5151", "advies"),
    ]
    return NationalRoute.model_validate({**V, "kind": "route_landelijk", "contacts": contacts})


def leiden() -> MunicipalRoute:
    return MunicipalRoute.model_validate(
        {
            **V,
            "kind": "route_gemeente",
            "gemeente": "Leiden",
            "cbs_code": "0546",
            "veilig_thuis_regio": "Hollands Midden",
            "contacts": [
                _c("veilig_thuis", "Veilig Thuis Hollands Midden", "088-308 3636", "snel"),
                _c(
                    "aandachtsfunctionaris",
                    "Aandachtsfunctionaris gemeente Leiden",
                    "071-516 5165",
                    "advies",
                    "2020-01-01",
                ),
            ],
        }
    )


def _sig(sid: str, weight: str, forms: list[str] | None = None, acuut: bool = False) -> dict[str, Any]:
    return {"id": sid, "nl": f"signaal {sid}", "weight": weight, "forms": forms or [], "acuut": acuut}


def _list(category: str, order: int, signals: list[dict[str, Any]], prompt: str | None = None) -> SignalList:
    data = {
        **V,
        "kind": "signalen",
        "category": category,
        "order": order,
        "label": _t(category),
        "framing": _t("geen bewijs"),
        "signals": signals,
    }
    if prompt:
        data["prompt"] = _t(prompt)
    return SignalList.model_validate(data)


def signal_lists() -> list[SignalList]:
    return [
        _list(
            "gedrag", 1, [_sig("GD01", "weak"), _sig("GD05", "medium"), _sig("GD09", "medium"), _sig("GD10", "strong")]
        ),
        _list("geld", 2, [_sig("GB01", "medium", ["seksueel", "crimineel"]), _sig("GB03", "medium")]),
        _list("seksueel", 3, [_sig("SX02", "strong", ["seksueel"]), _sig("SX03", "strong", ["seksueel"], True)]),
        _list(
            "online",
            4,
            [_sig("ON01", "weak", ["online"]), _sig("ON02", "strong", ["online"]), _sig("ON05", "weak", ["online"])],
        ),
        _list("crimineel", 5, [_sig("CU01", "strong", ["crimineel"]), _sig("CU03", "strong", ["crimineel"])]),
        _list(
            "jongens",
            6,
            [_sig("JO01", "medium"), _sig("JO02", "strong", ["seksueel"]), _sig("JO04", "medium")],
            prompt="Heb je bij deze jongen ook aan seksuele uitbuiting gedacht?",
        ),
        _list("daderschap_ronselen", 7, [_sig("DR01", "medium"), _sig("DR02", "strong", ["seksueel"])]),
    ]


def make_content() -> Content:
    """The test content: plan, kader, national route, Leiden, seven small signal lists."""
    return Content(
        step_plan=step_plan(),
        kaders={"wijkteam": kader()},
        national_route=national(),
        signal_lists=signal_lists(),
        municipalities={"leiden": leiden()},
    )
