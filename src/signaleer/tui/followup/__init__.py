"""After the signal: follow-up, CoMensha registration, aftercare and return, export, and anonymous counts.

``FollowUpScreen(case)`` is the entry for one case (the walk's outcome screen can push it);
``StatsScreen()`` shows the anonymous counts.
"""

from __future__ import annotations

from signaleer.tui.followup.screen import FollowUpScreen
from signaleer.tui.followup.stats_screen import StatsScreen

__all__ = ["FollowUpScreen", "StatsScreen"]
