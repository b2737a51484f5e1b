"""The reader's part of the benchmark: how soon a filtered list of sessions is ready, and
whether it moves while it filters.

Run from the repository root on a built site (``tools/bench.py`` runs it on its
smallest archive)::

    python tools/bench_reader.py _build/html

Opens ``sessions/index.html?topic=gans`` in Chromium (Debian's ``/usr/bin/chromium`` or
``$CHROMIUM``), :data:`LOADS` times in a fresh context each, as it is and with the CPU
slowed :data:`SLOWDOWN` times (the DevTools protocol's ``Emulation.setCPUThrottlingRate``),
and reports per setting:

* ready: milliseconds from the start of the navigation until the filter script has
  applied the address's filter and shown its form (the list is filtered and its controls
  work), the median and the range;
* first paint: when the first content was painted (the early filter in the page's head
  hides the other topics' sessions before it), for comparison;
* layout shift: the sum of the page's ``layout-shift`` entries (PerformanceObserver,
  without those after input) until :data:`SETTLE_MS` after that, the median and the
  largest; a full list painted before the filter would show here;
* the theme's floor: the first paint of the same page with its article emptied
  (:data:`FLOOR`, served from memory; its loads alternate with the list's). It is
  what the theme's stylesheets and scripts, the header and the sidebar cost without
  any list, so ``ready`` minus the floor is what the list and its filter add.

Targets: ready in under :data:`READY_MS_MAX` ms (median, normal speed) and a layout shift
under :data:`SHIFT_MAX` in every load; and, as the first depends on the theme as much as
on the list, the list adding at most :data:`ADDED_MS_MAX` ms to the theme's empty page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from site_server import serve  # tools/, beside this file

PAGE = "sessions/index.html?topic=gans"
#: the list's page without its list, beside it so its links resolve alike
FLOOR = "sessions/theme-floor.html"
LOADS = 15
SLOWDOWN = 4
SETTLE_MS = 500
READY_MS_MAX = 200
SHIFT_MAX = 0.05
#: what the list may add to the theme's empty page (normal CPU, medians)
ADDED_MS_MAX = 50
FIRST_PAINT = "performance.getEntriesByName('first-contentful-paint')[0]?.startTime"
#: records when the filter script shows its form, and every layout shift
PROBE = """
window.seminarBench = {shift: 0, ready: null};
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.seminarBench.shift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
new MutationObserver((changes, observer) => {
  const box = document.querySelector(".seminar-facets");
  if (box && !box.hidden) {
    window.seminarBench.ready = performance.now();
    observer.disconnect();
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["hidden"]});
"""


class Check(NamedTuple):
    name: str
    met: bool
    detail: str


@dataclass
class Setting:
    slowdown: int
    ready_ms: list[float]
    paint_ms: list[float]
    shifts: list[float]
    floor_paint_ms: list[float]

    def line(self) -> str:
        ready = self.ready_ms
        return (
            f"| {'normal' if self.slowdown == 1 else f'{self.slowdown}x slower CPU'} "
            f"| {statistics.median(ready):.0f} ({min(ready):.0f}-{max(ready):.0f}) "
            f"| {statistics.median(self.paint_ms):.0f} "
            f"| {statistics.median(self.shifts):.3f} (max {max(self.shifts):.3f}) "
            f"| {statistics.median(self.floor_paint_ms):.0f} "
            f"| {self.added_ms:+.0f} |"
        )

    @property
    def added_ms(self) -> float:
        """What the list and its filter add to the theme's empty page (medians)."""
        return statistics.median(self.ready_ms) - statistics.median(self.floor_paint_ms)


def floor_page(site: Path) -> bytes:
    """The list's page with the content of its <article> left out."""
    page = (site / PAGE.split("?")[0]).read_bytes()
    start = page.index(b">", page.index(b"<article")) + 1
    return page[:start] + page[page.index(b"</article>") :]


def chromium() -> str:
    return os.environ.get("CHROMIUM", "/usr/bin/chromium")


def measure(site: Path, loads: int = LOADS) -> list[Setting]:
    from playwright.sync_api import sync_playwright

    settings = []
    pages = {FLOOR: floor_page(site)}
    with serve(site, pages=pages) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])

        def load(path: str, slowdown: int):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
            page.add_init_script(PROBE)
            page.goto(f"{base}{path}")
            return page

        for slowdown in (1, SLOWDOWN):
            setting = Setting(slowdown, [], [], [], [])
            for _ in range(loads):
                page = load(PAGE, slowdown)
                page.wait_for_function("window.seminarBench.ready !== null")
                page.wait_for_timeout(SETTLE_MS)
                result = page.evaluate("window.seminarBench")
                setting.ready_ms.append(result["ready"])
                setting.paint_ms.append(page.evaluate(FIRST_PAINT))
                setting.shifts.append(result["shift"])
                page.context.close()

                page = load(FLOOR, slowdown)
                page.wait_for_function(f"({FIRST_PAINT}) !== undefined")
                setting.floor_paint_ms.append(page.evaluate(FIRST_PAINT))
                page.context.close()
            settings.append(setting)
        browser.close()
    return settings


def report(settings: list[Setting], sessions: int | None = None) -> tuple[str, list[Check]]:
    """The report's section, and each target as (name, met, detail)."""
    normal = settings[0]
    ready = statistics.median(normal.ready_ms)
    floor = statistics.median(normal.floor_paint_ms)
    shift = max(max(s.shifts) for s in settings)
    size = f" ({sessions} sessions)" if sessions else ""
    lines = [
        f"Reader speed: {PAGE}{size} in Chromium, {len(normal.ready_ms)} loads each:",
        "",
        "| CPU | ready, ms: median (range) | first paint, ms: median "
        "| layout shift: median (max) | the theme's empty page: first paint, ms "
        "| the list adds, ms |",
        "|---|---|---|---|---|---|",
        *(s.line() for s in settings),
        "",
    ]
    checks = [
        Check(
            "a filtered list is ready at once and does not move",
            ready < READY_MS_MAX and shift < SHIFT_MAX,
            f"ready in {ready:.0f} ms (median; target {READY_MS_MAX}; the theme's empty "
            f"page paints in {floor:.0f}), layout shift at most {shift:.3f} "
            f"(target {SHIFT_MAX})",
        ),
        Check(
            "the list and its filter add little to the theme's own page",
            normal.added_ms <= ADDED_MS_MAX,
            f"{normal.added_ms:+.0f} ms (median; target at most {ADDED_MS_MAX})",
        ),
    ]
    return "\n".join(lines), checks


def bench_part(sites: dict[int, Path]) -> tuple[str, list[Check]]:
    """For tools/bench.py: measured on the smallest archive, the size of a real one."""
    smallest = min(sites)
    return report(measure(sites[smallest]), smallest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built HTML site")
    parser.add_argument("--loads", type=int, default=LOADS, help="loads per setting")
    args = parser.parse_args(argv)
    if not (args.site / "sessions" / "index.html").is_file():
        sys.exit(f"bench_reader: {args.site} has no sessions/index.html")
    text, checks = report(measure(args.site, args.loads))
    print(text)
    for name, met, detail in checks:
        print(f"{'met' if met else 'missed'}: {name}: {detail}")
    return 0 if all(check.met for check in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
