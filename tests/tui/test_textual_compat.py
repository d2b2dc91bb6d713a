"""One test per private Textual API in ``tui/textual_compat.py``: each fails when Textual changes that API.

Run this file first after bumping Textual. The last tests keep private Textual APIs out of every other file.
"""

from __future__ import annotations

import ast
import asyncio
import importlib
import inspect
import io
import pkgutil
from pathlib import Path
from typing import Any, ClassVar

import pytest
import textual
from rich.console import Console, RenderableType
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Key
from textual.geometry import Region
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Footer, OptionList, Select, Static

import signaleer.tui
from signaleer.tui import textual_compat
from signaleer.tui.textual_compat import (
    CrashSafeApp,
    DrawnCheckbox,
    FooterKey,
    KeptRendersOptionList,
    all_screen_stacks,
    background_screens,
    drawn_frames,
    key_bindings,
    lay_out_with_screen,
    mode_names,
    notifications,
    paint_in_next_frame,
    render_screen,
    replace_option_prompt_in_place,
    select_overlay,
    start_with_theme,
    stopped,
)

ROOT = Path(__file__).resolve().parents[2]
SHIM = Path(textual_compat.__file__).resolve()


class Keys(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("f5", "bell", "Old title")]

    def compose(self) -> ComposeResult:
        yield Static("onder", id="below")
        yield Footer()


async def footer_shows(pilot: Any, description: str) -> list[FooterKey]:
    """The footer's keys once one of them reads ``description`` (Textual's Footer recomposes after a refresh,
    later on a loaded machine); after 200 pauses, whatever it shows."""
    for _ in range(200):
        keys = list(pilot.app.query(FooterKey))
        if any(key.description == description for key in keys):
            return keys
        await pilot.pause()
    return list(pilot.app.query(FooterKey))


async def test_footer_key_is_the_widget_of_one_footer_key() -> None:
    async with Keys().run_test() as pilot:
        keys = await footer_shows(pilot, "Old title")
        assert keys and any(key.description == "Old title" for key in keys)
        assert all(isinstance(key.key_display, str) for key in keys)  # tui/footer.py measures these


async def test_key_bindings_is_the_live_table_the_footer_reads() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        table = key_bindings(app)
        [binding] = table["f5"]
        table["f5"] = [Binding(binding.key, binding.action, "New title", id=binding.id)]
        app.refresh_bindings()
        keys = await footer_shows(pilot, "New title")
        assert app.active_bindings["f5"].binding.description == "New title"
        assert any(key.description == "New title" for key in keys)


async def test_mode_names_and_all_screen_stacks_follow_add_switch_and_remove() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        app.add_mode("one", Screen)
        app.add_mode("two", Screen)
        assert {"one", "two"} <= set(mode_names(app))
        await app.switch_mode("one")
        await pilot.pause()
        assert all_screen_stacks(app)["one"] == [app.screen]
        await app.switch_mode("two")
        app.remove_mode("one")
        await pilot.pause()
        assert "one" not in mode_names(app) and "one" not in all_screen_stacks(app)
        assert all_screen_stacks(app)["two"] == [app.screen]


def test_stopped_tells_whether_a_handler_stopped_the_event() -> None:
    key = Key("a", "a")
    assert stopped(key) is False
    key.stop()
    assert stopped(key) is True


class ThemedAtStart(App[None]):
    def __init__(self, theme: str) -> None:
        super().__init__()
        start_with_theme(self, theme)


@pytest.mark.parametrize("theme", ["textual-light", "textual-dark"])
async def test_start_with_theme_gives_what_setting_the_theme_gives(theme: str) -> None:
    def theme_classes(app: App[None]) -> set[str]:
        return {c for c in app.classes if c.startswith(("-theme-", "-dark-mode", "-light-mode"))}

    early = ThemedAtStart(theme)
    async with early.run_test() as pilot:
        await pilot.pause()
        started = (early.theme, theme_classes(early), early.current_theme.name)
    late = App[None]()
    async with late.run_test() as pilot:
        late.theme = "nord"  # a change, so Textual's own watcher runs
        await pilot.pause()
        late.theme = theme
        await pilot.pause()
        assert started == (late.theme, theme_classes(late), late.current_theme.name)


class Crashing(CrashSafeApp):
    def crash_report(self) -> RenderableType:
        return Text("veilig verslag")

    def on_mount(self) -> None:
        secret = "Geheime-Naam"
        raise ValueError(secret)


def test_a_crash_prints_our_report_instead_of_textuals_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    app = Crashing()
    app.error_console = Console(file=None, stderr=True, force_terminal=False, width=120)
    app.run(headless=True)
    printed = capsys.readouterr().err
    assert app.return_code == 1
    assert "veilig verslag" in printed
    assert "Geheime-Naam" not in printed and "Traceback" not in printed


class Box(DrawnCheckbox):
    def box(self) -> Content:
        return Content("[v]")


class Boxes(App[None]):
    def compose(self) -> ComposeResult:
        yield Box("label")


async def test_drawn_checkbox_draws_its_box() -> None:
    app = Boxes()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "[v] label" in _text(render_screen(app), app.size.width)


async def test_notifications_are_the_ones_on_screen() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        app.notify("hallo daar")
        await pilot.pause()
        assert [n.message for n in notifications(app)] == ["hallo daar"]


class Dialog(ModalScreen[None]):
    def compose(self) -> ComposeResult:
        yield Static("erboven")


async def test_render_screen_shows_a_dialog_and_the_screen_below_it() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        # Textual's Footer composes its keys after a refresh: wait for that state (a loaded machine is slower),
        # then for the dialog to be drawn, before reading the screen.
        await footer_shows(pilot, "Old title")
        await app.push_screen(Dialog())
        for _ in range(200):
            if isinstance(app.screen, Dialog) and list(app.screen.query(Static)):
                break
            await pilot.pause()
        await pilot.pause()
        assert background_screens(app) == [app.screen_stack[0]]
        text = _text(render_screen(app), app.size.width)
        assert "erboven" in text and "Old title" in text  # the footer of the screen below


class Choice(App[None]):
    def compose(self) -> ComposeResult:
        yield Select([("een", 1), ("twee", 2)])


async def test_select_overlay_is_the_open_menu_of_a_select() -> None:
    app = Choice()
    async with app.run_test() as pilot:
        select = app.query_one(Select)
        select.expanded = True
        await pilot.pause()
        assert select.query_one(select_overlay()).display


def _text(renderable: RenderableType | None, width: int) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


TEXTUAL = Path(textual.__file__).resolve().parent


def _textual_private_names() -> set[str]:
    names: set[str] = set()
    for path in TEXTUAL.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def _our_files() -> list[Path]:
    return [p for folder in ("src", "tests", "bench", "tools") for p in sorted((ROOT / folder).rglob("*.py"))]


class Options(App[None]):
    def compose(self) -> ComposeResult:
        yield OptionList(*[f"[ ] regel {n}" for n in range(30)], markup=False)


def option_lines(app: App[None]) -> list[str]:
    options = app.query_one(OptionList)
    return [options.render_line(y).text.rstrip() for y in range(options.size.height)]


async def test_replace_option_prompt_in_place_repaints_only_that_option() -> None:
    app = Options()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        before = option_lines(app)
        repainted: list[tuple[Region, ...]] = []
        refresh = options.refresh

        def counting(*regions: Region, **kwargs: Any) -> Any:
            repainted.append(regions)
            return refresh(*regions, **kwargs)

        options.refresh = counting  # type: ignore[method-assign]
        replace_option_prompt_in_place(options, 3, Content("[x] regel 3"))
        assert options.options[3].prompt == Content("[x] regel 3")
        assert repainted and all(regions and regions[0].height == 1 for regions in repainted)  # one line, not all
        await pilot.pause()
        after = option_lines(app)
        assert after[3].startswith("[x] regel 3") and after[:3] + after[4:] == before[:3] + before[4:]


async def test_replace_option_prompt_in_place_measures_again_when_the_height_changes() -> None:
    app = Options()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        options = app.query_one(OptionList)
        replace_option_prompt_in_place(options, 1, Content("[x] " + "lang " * 12))  # wraps: two or more lines
        await pilot.pause()
        lines = option_lines(app)
        assert lines[1].startswith("[x] lang") and lines[2].startswith("lang")
        assert any(line.startswith("[ ] regel 2") for line in lines[3:])  # the rest moved down, none lost


class KeptOptions(App[None]):
    CSS = "KeptRendersOptionList { height: 1fr; }"  # a fixed height: a layout measures no option

    def compose(self) -> ComposeResult:
        yield KeptRendersOptionList(*[f"keuze {n} " + "woord " * 6 for n in range(30)], markup=False)


async def test_kept_renders_option_list_measures_again_only_when_its_width_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    measured: list[int] = []
    get_height = Content.get_height

    def counting(self: Content, rules: Any, width: int) -> int:
        measured.append(width)
        return get_height(self, rules, width)

    app = KeptOptions()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        options = app.query_one(KeptRendersOptionList)
        assert options.render_line(0).text.startswith("keuze 0 woord")
        monkeypatch.setattr(Content, "get_height", counting)
        options.display = False
        await pilot.pause()
        options.display = True  # shown again at the same width: Textual sends a Resize all the same
        await pilot.pause()
        assert options.render_line(0).text.startswith("keuze 0 woord")
        assert measured == []  # nothing measured again
        options.styles.width = 20
        await pilot.pause()
        await pilot.pause()
        assert measured  # a new width: every option measured again
        lines = [options.render_line(y).text.rstrip() for y in range(3)]
        assert lines[0].startswith("keuze 0") and not lines[1].startswith("keuze 1")  # wrapped at the new width


class Page(VerticalScroll):
    """A container whose own messages wait until ``released``: its layout request comes as late as the test says."""

    class Hold(Message):
        pass

    def __init__(self, *children: Widget, name: str) -> None:
        super().__init__(*children, id=name)
        self.released = asyncio.Event()

    async def on_page_hold(self) -> None:
        await self.released.wait()


class TwoPages(App[None]):
    CSS = "Page { height: 1fr; } #two { display: none; }"

    def compose(self) -> ComposeResult:
        yield Static("stap 1", id="progress")
        yield Page(*[Static(f"een {n}") for n in range(5)], name="one")
        yield Page(*[Static(f"twee {n}") for n in range(50)], name="two")


@pytest.mark.parametrize("with_shim", [True, False])
async def test_lay_out_with_screen_lays_a_page_move_out_once(with_shim: bool) -> None:
    """Hide one page, show another: one layout with the shim, however late the page's own messages run; without
    it, the page's own layout request lays the screen out a second time when it comes (so the test can fail)."""
    app = TwoPages()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        screen = app.screen
        one, two = screen.query_one("#one", Page), screen.query_one("#two", Page)
        for shown, hidden in ((two, one), (one, two)):  # both laid out once: the walk's pages are kept, not new
            shown.display, hidden.display = True, False
            for _ in range(10):
                await pilot.pause()
        layouts: list[object] = []
        screen.screen_layout_refresh_signal.subscribe(screen, layouts.append)
        two.post_message(Page.Hold())  # the shown page is busy: its idle (and its layout request) waits
        one.display, two.display = False, True
        if with_shim:
            lay_out_with_screen(screen, one, two)
        else:
            screen.refresh(layout=True)
        for _ in range(500):  # (Pilot.pause would wait for the held page too)
            if layouts:
                break
            await asyncio.sleep(0.01)
        assert len(layouts) == 1
        assert two.region.height > 0 and one.region.height == 0
        two.released.set()
        for _ in range(10):
            await pilot.pause()
        assert len(layouts) == (1 if with_shim else 2)
        assert two.max_scroll_y > 0  # its virtual size is known: it scrolls
        lines = _text(render_screen(app), app.size.width).splitlines()
        assert lines[0].startswith("stap 1") and lines[1].startswith("twee 0")


class Say(Widget):
    """One line of text; ``say`` repaints it in place (no layout, as the walk's status line)."""

    DEFAULT_CSS = "Say { height: 1; }"

    def __init__(self, text: str, name: str) -> None:
        super().__init__(id=name)
        self.text = text

    def render(self) -> str:
        return self.text

    def say(self, text: str) -> None:
        self.text = text
        self.refresh()


class HeldSay(Say):
    """A ``Say`` whose own messages wait until ``released`` (its repaint request with them)."""

    class Hold(Message):
        pass

    def __init__(self, text: str, name: str) -> None:
        super().__init__(text, name)
        self.released = asyncio.Event()

    async def on_held_say_hold(self) -> None:
        await self.released.wait()


class StatusAndRows(App[None]):
    def compose(self) -> ComposeResult:
        yield HeldSay("zoeken…", name="status")
        yield Say("rij 1", name="rows")


async def test_drawn_frames_are_the_changes_sent_to_the_terminal() -> None:
    app = StatusAndRows()
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        frames = drawn_frames(app)
        app.query_one("#rows", Say).say("rij 7")
        await pilot.pause()
        await pilot.pause()
        assert len(frames) == 1 and frames[0].startswith("rij 7") and "zoeken" not in frames[0]  # the changed line


@pytest.mark.parametrize("with_shim", [True, False])
async def test_paint_in_next_frame_paints_a_busy_widget_with_the_others(with_shim: bool) -> None:
    """The status is busy (its own messages wait): with the shim it is painted in the frame that paints the rows;
    without it, that frame leaves it out (its repaint comes by message, later), so the test can fail."""
    app = StatusAndRows()
    async with app.run_test(size=(40, 6)) as pilot:
        await pilot.pause()
        status, rows = app.query_one("#status", HeldSay), app.query_one("#rows", Say)
        frames = drawn_frames(app)
        status.post_message(HeldSay.Hold())
        status.say("14 gevonden")
        rows.say("rij 7")
        if with_shim:
            paint_in_next_frame(app.screen, status, rows)
        for _ in range(500):  # (Pilot.pause would wait for the held status too)
            if frames:
                break
            await asyncio.sleep(0.01)
        status.released.set()
        assert frames and "rij 7" in frames[0]
        assert ("14 gevonden" in frames[0]) is with_shim
        await pilot.pause()
        lines = _text(render_screen(app), app.size.width).splitlines()
        assert lines[0].startswith("14 gevonden") and lines[1].startswith("rij 7")


def test_no_private_textual_api_outside_the_shim() -> None:
    textual_names = _textual_private_names()
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in _our_files() if path.resolve() != SHIM}
    ours: set[str] = set()  # private names signaleer defines itself (self._lock and the like)
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                ours.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                ours.add(node.attr)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                ours.add(node.target.id)
            elif isinstance(node, ast.Assign):
                ours.update(t.id for t in node.targets if isinstance(t, ast.Name))
    found: list[str] = []
    for path, tree in trees.items():
        where = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual"):
                module = node.module or ""
                if any(part.startswith("_") for part in module.split(".")):
                    found.append(f"{where}:{node.lineno}: from {module} import …")
            elif isinstance(node, ast.Attribute) and node.attr in textual_names and node.attr not in ours:
                if isinstance(node.value, ast.Name) and node.value.id == "os":
                    continue  # os._exit
                found.append(f"{where}:{node.lineno}: .{node.attr}")
    assert not found, "private Textual APIs outside tui/textual_compat.py:\n" + "\n".join(found)


def test_no_class_outside_the_shim_overrides_a_private_textual_method() -> None:
    found: list[str] = []
    for info in pkgutil.walk_packages(signaleer.tui.__path__, "signaleer.tui."):
        module = importlib.import_module(info.name)
        if module is textual_compat:
            continue
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                continue
            bases = [b for b in cls.__mro__[1:] if b.__module__.startswith("textual")]
            for name, value in vars(cls).items():
                defined_here = getattr(getattr(value, "fget", value), "__module__", None) == module.__name__
                if name.startswith("_") and not name.startswith("__") and defined_here:
                    owners = [b.__qualname__ for b in bases if name in vars(b)]
                    if owners:
                        found.append(f"{module.__name__}.{cls.__name__}.{name} overrides {owners[0]}.{name}")
    assert not found, "\n".join(found)
