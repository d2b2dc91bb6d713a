"""Dutch texts of the first-run and unlock screens."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "unlock.title": "signaleer",
    "unlock.intro": "Typ je wachtwoord om je notities te openen.",
    "unlock.placeholder": "Wachtwoord",
    "unlock.go": "Openen",
    "unlock.empty": "Typ eerst je wachtwoord.",
    "unlock.wrong": "Dit wachtwoord klopt niet. Let op hoofdletters en probeer het opnieuw.",
    "create.title": "Welkom bij signaleer",
    "create.intro": "Je notities worden versleuteld op deze laptop bewaard. Kies een wachtwoord om ze te beschermen. "
    "Tip: een zin van vier of meer woorden is sterk en goed te onthouden.",
    "create.first": "Kies een wachtwoord",
    "create.second": "Typ het wachtwoord nog een keer",
    "create.strength": "Sterkte: {bar} {label}",
    "create.warning": "Let op: als je dit wachtwoord vergeet, kan niemand je notities nog openen, ook de "
    "helpdesk niet. Alleen als in Instellingen een sleutel van je organisatie staat, kan de "
    "aandachtsfunctionaris ze nog lezen.",
    "create.go": "Kluis maken",
    "create.too_weak": "Dit wachtwoord is te kort of te makkelijk te raden. Gebruik minstens {min} tekens, "
    "bijvoorbeeld een zin van vier woorden.",
    "create.mismatch": "De twee wachtwoorden zijn niet gelijk. Typ ze opnieuw.",
    "create.os_error": "De kluis kon niet worden gemaakt ({error}). Vraag je beheerder om hulp.",
    "start_error.title": "signaleer kan niet starten",
    "start_error.leave": "Je wachtwoord is niet gebruikt en het veld is leeggemaakt. Herstel de bestanden "
    "hierboven en start signaleer opnieuw. Druk op Esc om te sluiten (de fouten staan daarna ook in de terminal).",
    "strength.empty": "nog niets getypt",
    "strength.too_short": "te kort",
    "strength.weak": "zwak",
    "strength.fair": "redelijk",
    "strength.good": "goed",
    "strength.strong": "sterk",
}
