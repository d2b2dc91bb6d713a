"""The two colour themes: a calm default and a high-contrast one, registered with Textual's theme system."""

from __future__ import annotations

from textual.theme import Theme

STANDARD = Theme(
    name="signaleer",
    primary="#2F6FB2",
    secondary="#1F4E79",
    accent="#F2B84B",
    warning="#F2B84B",
    error="#E0625F",
    success="#5DBB7A",
    foreground="#E6E6E6",
    background="#15191E",
    surface="#1E242B",
    panel="#27303A",
    dark=True,
)
"""Default theme: dark blue-grey, with warnings in amber."""

HIGH_CONTRAST = Theme(
    name="signaleer-hoog-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFFF00",
    error="#FF6060",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "border": "#FFFFFF",
        "border-blurred": "#BBBBBB",
        "input-selection-background": "#FFFF00 60%",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFFF00",
    },
)
"""High contrast: white on black, focus and keys in yellow."""

THEMES: dict[str, Theme] = {"standaard": STANDARD, "hoog_contrast": HIGH_CONTRAST}
"""Themes by their name in the settings."""
