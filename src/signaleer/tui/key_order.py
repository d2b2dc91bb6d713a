"""Deliver key presses one at a time, so they act in the order they were typed, also while the screen is busy.

The Textual behaviour this works around: Textual hands a key to the focused widget at once, but resolves the
widget's *bindings* (Tab, Enter on a button, Backspace in an input) only after the key has bubbled up through
every container to the app (``App._on_key`` / ``Screen``'s binding check). When a container is busy (a layout
pass, a long handler) the next keys overtake it: "Tab, then type" put the text in the field that was left,
and a quick Backspace deleted a character typed after it. A person typing ahead, or a password manager's
auto-type, must never have their input land in the wrong place.

``KeyOrder`` holds each key until the previous one is done: taken by a widget (an input inserted the
character), arrived back at the app (its bindings have run), or handled by a priority binding; and then until
the containers above that widget have handled the messages it set off (Enter in the first passphrase field
moves the focus to the second one through ``Input.Submitted``, handled by the screen). It follows a key,
and then those messages, by queueing a callback behind them in each widget on the way up. A key whose widget
went away, or that is stuck longer than ``STUCK_AFTER``, is let go, so typing never freezes. Keys are only
delayed, never dropped.

It coalesces: a printable character inserted by a text field (``Input``, ``TextArea``) cannot move the focus,
so the next key goes at once, without waiting for the containers to handle the field's ``Changed``; a typed
word therefore reaches the signal search as one change (the search runs once it settles), not one whole
search per queued key.

When to drop it: once every handler in the key path is cheap (the walk mounts nothing on a key any more) and
Textual resolves bindings for the widget that had the focus when the key was pressed (or the bench in
``bench/`` shows no overtaking with it removed), delete this module and the two calls in ``tui/app.py``;
``tests/tui/test_keyboard_order.py`` must stay green without it.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual import events

from signaleer.tui.textual_compat import stopped

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.timer import Timer

STUCK_AFTER = 2.0
"""Seconds after which a key that has not come back is treated as done (its widget may have dropped it)."""

CHECK_STUCK_EVERY = 0.25
"""Seconds between checks for a stuck key while keys are waiting."""


class KeyOrder:
    """One key in flight at a time; the rest wait in typing order."""

    def __init__(self, app: App[Any], deliver: Callable[[events.Key], Awaitable[None]]) -> None:
        self.app = app
        """The app whose keys are ordered."""
        self.deliver = deliver
        """Hands a key to Textual's normal handling (the app's ``on_event``)."""
        self.waiting: deque[events.Key] = deque()
        """Keys typed while another was in flight, oldest first."""
        self.in_flight: events.Key | None = None
        """The key handed on and not yet done."""
        self.settling = False
        """True from a key being done until the containers have handled what it set off (Enter's ``Submitted``)."""
        self.target: DOMNode | None = None
        """The widget the last key was handed to."""
        self.sent_at = 0.0
        """When the last key was handed on (``time.monotonic``)."""
        self.sent = 0
        """How many keys were handed on; tells a late sweep of an earlier key from the current one."""
        self.timer: Timer | None = None
        """Lets a stuck key go while keys are waiting."""

    async def arrived(self, key: events.Key) -> None:
        """A key came from the terminal: hand it on now, or queue it behind the one in flight."""
        if self.waiting or not self._done():
            self.waiting.append(key)
            self._watch_for_stuck()
            return
        await self._send(key)

    def came_back(self, key: events.Key) -> None:
        """A key bubbled back up to the app (its bindings ran)."""
        self._finish(key)

    async def release(self) -> None:
        """Hand on waiting keys while nothing is in flight (runs in the app's own task)."""
        while self.waiting and self._done():
            await self._send(self.waiting.popleft())
        if not self.waiting and self.timer is not None:
            self.timer.pause()

    async def _send(self, key: events.Key) -> None:
        self.sent += 1
        self.in_flight = key
        self.settling = False
        self.sent_at = time.monotonic()
        target = self.app.focused or self.app.screen  # where Textual forwards a key that no priority binding takes
        self.target = target
        await self.deliver(key)
        if key.is_forwarded:
            self._follow(key, target)
        else:
            self._finish(key)  # a priority binding took it

    def _follow(self, key: events.Key, node: DOMNode) -> None:
        """Look at ``key`` again once ``node`` has handled it (a callback queued behind it)."""
        if not node.call_later(self._handled_by, key, node):
            self._finish(key)  # the widget is closing: the key goes with it

    async def _handled_by(self, key: events.Key, node: DOMNode) -> None:
        if key is not self.in_flight:
            return
        if stopped(key) and node is self.target and key.is_printable and _is_text_field(node):
            # A character typed into a text field: the focus stays there, the next key may follow at once.
            self.in_flight = None
            self.settling = False
            await self.release()
            return
        if node.parent is None:
            self._finish(key)  # the widget was removed meanwhile: the key went with it
        elif node.parent is self.app:
            # The screen passed the key on to the app (marked stopped, as the app sent it) and ``came_back`` will
            # end it, or a handler on the screen took it. A callback queued behind it in the app tells which.
            self.app.call_later(self._app_has_seen, key)
        elif stopped(key):  # taken here (an input inserted the character)
            self._finish(key)
        else:
            self._follow(key, node.parent)  # bubbled on: follow it up

    def _app_has_seen(self, key: events.Key) -> None:
        self._finish(key)  # nothing when ``came_back`` ended it already

    def _finish(self, key: events.Key) -> None:
        """``key`` is done; the next goes once the containers have handled the messages it set off."""
        if key is not self.in_flight:
            return
        self.in_flight = None
        self.settling = True
        self._sweep(self.target, self.sent)

    def _sweep(self, node: DOMNode | None, serial: int) -> None:
        """Queue a callback behind whatever ``node`` has queued (a message the key made it post), then go up."""
        if node is None or node is self.app or not node.call_later(self._swept, node, serial):
            self.app.call_later(self._settled, serial)

    def _swept(self, node: DOMNode, serial: int) -> None:
        self._sweep(node.parent, serial)

    async def _settled(self, serial: int) -> None:
        if serial == self.sent:  # not the late sweep of a key that was let go as stuck
            self.settling = False
        await self.release()

    def _done(self) -> bool:
        if self.in_flight is None and not self.settling:
            return True
        return time.monotonic() - self.sent_at > STUCK_AFTER

    def _watch_for_stuck(self) -> None:
        if self.timer is None:
            self.timer = self.app.set_interval(CHECK_STUCK_EVERY, self.release, name="key-order")
        else:
            self.timer.resume()


def _is_text_field(node: DOMNode) -> bool:
    """True for the widgets where a printable key only inserts text."""
    from textual.widgets import Input, TextArea

    return isinstance(node, (Input, TextArea))
