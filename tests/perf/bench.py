"""`make bench`: build time, page weight, chart times and growth, as a table and JSON.

    PYTHONPATH=tests .venv/bin/python -m perf.bench [--runs 5] [--draw-runs 3]
        [--cache-runs 3] [--growth 10,100] [--growth-runs 1] [--growth-limit 120]
        [--edit-runs 3] [--quick] [--json bench-results.json]

--quick times the cold builds and the live preview's edit loop only.

Everything happens on copies in a temporary folder; the working tree is not touched. Byte
counts are exact and repeatable; times depend on the machine and on what else it is doing.
The exit status is 1 when a page or a figure is over the byte budget (tests/perf/budgets.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from conftest import ROOT, copy_project

from perf import budgets
from perf.browser import chromium
from perf.builds import (
    IMPORTS_CONFIG,
    PLAIN_CONFIG,
    build_once,
    median,
    time_builds,
    write_imports_config,
    write_plain_config,
)
from perf.draw import direct_load_ms, instant_navigation_ms, interaction_ms
from perf.edit_loop import edit_to_page_seconds
from perf.scale import count_rows, scale_data
from perf.serve import served
from perf.weight import (
    default_embedding,
    figures_in,
    first_visit,
    page_file,
    site_pages,
    site_url,
    visits_then_reaches,
)

COMMAND = "make bench"


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# -- measurements ---------------------------------------------------------------------------
def bench_builds(project: Path, runs: int) -> dict:
    configs = {"on": ("mkdocs.yml", True), "off": (PLAIN_CONFIG, False),
               "imports": (IMPORTS_CONFIG, False)}
    say(f"timing cold builds, macros on and off, and off with the macros' libraries imported"
        f" ({runs} runs each after a warm-up)...")
    times = time_builds(project, configs, runs)
    on, off, imports = (median(times[name]) for name in ("on", "off", "imports"))
    return {"runs": runs, "seconds_on": times["on"], "seconds_off": times["off"],
            "seconds_imports": times["imports"], "median_on": on, "median_off": off,
            "median_imports": imports, "ratio": on / off, "ratio_imports": imports / off,
            "goal_ratio": budgets.BUILD_RATIO_GOAL}


def bench_edit_loop(project: Path, runs: int) -> dict:
    say(f"timing the live preview: a data file saved to its page rebuilt ({runs} saves)...")
    times = edit_to_page_seconds(project, runs)
    return {"runs": runs, "seconds": times, "median": median(times),
            "goal_seconds": budgets.EDIT_LOOP_GOAL_S}


def bench_export_cache(project: Path, scratch: Path, runs: int) -> dict:
    """Cold builds with an empty export cache of static charts (every picture drawn by
    kaleido in Chromium) and with a full one (none drawn)."""
    say(f"timing cold builds with an empty and a full chart export cache ({runs} runs)...")
    before = os.environ.get("CHART_CACHE")
    empty, full = [], []
    try:
        os.environ["CHART_CACHE"] = str(scratch / "cache-full")
        build_once(project)  # fills it
        for run in range(runs):
            os.environ["CHART_CACHE"] = str(scratch / f"cache-empty-{run}")
            empty.append(build_once(project))
            os.environ["CHART_CACHE"] = str(scratch / "cache-full")
            full.append(build_once(project))
    finally:
        if before is None:
            os.environ.pop("CHART_CACHE", None)
        else:
            os.environ["CHART_CACHE"] = before
    pictures = len(list((scratch / "cache-full").glob("*.svg")))
    return {"runs": runs, "seconds_empty": empty, "seconds_full": full, "pictures": pictures,
            "median_empty": median(empty), "median_full": median(full)}


def bench_pages(site: Path, scratch: Path, draw_runs: int) -> list[dict]:
    pages = site_pages(site)
    built_for = site_url(site)
    html = {p: page_file(site, p).read_text(encoding="utf-8") for p in pages}
    figures = {p: [len(f.encode()) for f in figures_in(html[p])] for p in pages}
    chart_pages = [p for p in pages if figures[p]]

    variant = scratch / "default-embedding"
    shutil.copytree(site, variant)
    for p in chart_pages:
        page_file(variant, p).write_text(default_embedding(html[p]), encoding="utf-8")

    rows: dict[str, dict] = {}
    with chromium() as browser:
        say(f"first visits to {len(pages)} pages...")
        for p in pages:
            visits, reaches = visits_then_reaches(browser, site, [p], reach=bool(figures[p]))
            visit = visits[p]
            rows[p] = {
                "page": "/" + p, "charts": len(figures[p]),
                "figure_json_bytes": figures[p],
                "html_bytes": page_file(site, p).stat().st_size,
                "raw": visit.raw, "gzip": visit.gzip, "gzip_by_kind": visit.by_kind(),
                "files": visit.paths(), "missing": visit.missing,
            }
            if figures[p]:
                reached = reaches[p]
                rows[p].update({"reached_raw": reached.raw, "reached_gzip": reached.gzip,
                                "reached_files": reached.paths()})
        say(f"chart drawing times on {len(chart_pages)} pages ({draw_runs} runs each)...")
        home = next(p for p in pages if not figures[p])
        with served(site, built_for) as (base, _):
            for p in chart_pages:
                direct = [direct_load_ms(browser, base, p) for _ in range(draw_runs)]
                instant = [instant_navigation_ms(browser, base, home, p)
                           for _ in range(draw_runs)]
                reach = [interaction_ms(browser, base, p) for _ in range(draw_runs)]
                rows[p].update({
                    "direct_ms": direct, "direct_ms_median": median(direct),
                    "instant_ms": instant, "instant_ms_median": median(instant),
                    "instant_from": "/" + home,
                    "interactive_ms": reach, "interactive_ms_median": median(reach),
                })
        say("first visits with Plotly's default embedding...")
        for p in chart_pages:
            visit = first_visit(browser, variant, p)
            rows[p].update({"default_raw": visit.raw, "default_gzip": visit.gzip,
                            "default_html_bytes": page_file(variant, p).stat().st_size})
    for row in rows.values():
        row["within_budget"] = (row["gzip"] <= budgets.PAGE_GZIP_MAX and not row["missing"]
                                and all(b <= budgets.FIGURE_JSON_MAX
                                        for b in row["figure_json_bytes"]))
    return [rows[p] for p in pages]


def bench_growth(scratch: Path, project: Path, factors: list[int], runs: int,
                 base_seconds: float, limit: float) -> list[dict]:
    """Build time with the data scaled up, after a first build that draws the grown charts'
    pictures. A build that runs past `limit` seconds is stopped and reported as such, so
    that the benchmark ends in reasonable time."""
    out = [{"factor": 1, "seconds": None, "median": base_seconds, "stopped_after": None,
            "rows": sum(count_rows(project / "data").values())}]
    for factor in factors:
        say(f"data x{factor}: scaling a copy and building ({runs} run(s), at most"
            f" {limit:.0f} s each)...")
        copy = copy_project(scratch / f"x{factor}")
        rows = scale_data(copy / "data", factor)
        seconds: list[float] = []
        stopped = None
        try:
            # The grown charts' pictures are drawn once, as for the cold build at x1,
            # which is timed with every picture in the export cache.
            build_once(copy, limit=limit)
            for _ in range(runs):
                seconds.append(build_once(copy, limit=limit))
        except subprocess.TimeoutExpired:
            stopped = limit
        out.append({"factor": factor, "seconds": seconds, "stopped_after": stopped,
                    "median": median(seconds) if seconds and not stopped else None,
                    "rows": sum(rows.values())})
    for entry in out:
        entry["vs_1x"] = entry["median"] / base_seconds if entry["median"] else None
    return out


# -- report ---------------------------------------------------------------------------------
def kb(n: float | None) -> str:
    return "–" if n is None else f"{n / 1000:,.1f}"


def ms(n: float | None) -> str:
    return "–" if n is None else f"{n:,.0f}"


def print_report(results: dict) -> None:
    b = results["build"]
    print(f"\nCold build, median of {b['runs']} runs")
    print(f"  macros on   {b['median_on']:6.2f} s")
    print(f"  macros off  {b['median_off']:6.2f} s   (same pages, macros plugin removed)")
    print(f"  ratio       {b['ratio']:6.2f}     goal <= {b['goal_ratio']}"
          + ("" if b["ratio"] <= b["goal_ratio"] else "   OVER GOAL"))
    print(f"  imports     {b['median_imports']:6.2f} s   (macros off, importing only the"
          f" libraries the macros need: {b['ratio_imports']:.2f} x macros off)")

    e = results.get("edit_loop")
    if e:
        print(f"\nLive preview (make serve): data file saved to the page served with it,"
              f" median of {e['runs']} saves")
        print(f"  {e['median']:6.2f} s   goal <= {e['goal_seconds']} s"
              + ("" if e["median"] <= e["goal_seconds"] else "   OVER GOAL")
              + "   (" + ", ".join(f"{t:.2f}" for t in e["seconds"]) + ")")
    if "export_cache" not in results:
        print(f"\nWritten to {results['json']}; reproduce with: {COMMAND}")
        return

    c = results["export_cache"]
    print(f"\nCold build and the static charts' export cache ({c['pictures']} pictures),"
          f" median of {c['runs']} runs")
    print(f"  empty cache {c['median_empty']:6.2f} s   (every picture drawn in Chromium)")
    print(f"  full cache  {c['median_full']:6.2f} s   (none drawn)")

    print(f"\nFirst visit per page: every file downloaded (KB = 1000 bytes; gzip level"
          f" {budgets.GZIP_LEVEL}; budget {kb(budgets.PAGE_GZIP_MAX)} KB gzip, no interaction)")
    head = (f"  {'page':<20} {'charts':>6} {'figure':>7} {'raw':>8} {'gzip':>7}"
            f" {'reached gzip':>13} {'default gzip':>13} {'shown ms':>9}"
            f" {'instant ms':>11} {'live ms':>8}  budget")
    print(head)
    for r in results["pages"]:
        fig = max(r["figure_json_bytes"], default=None)
        times = (f"{ms(r.get('direct_ms_median')):>9} {ms(r.get('instant_ms_median')):>11}"
                 f" {ms(r.get('interactive_ms_median')):>8}")
        print(f"  {r['page']:<20} {r['charts']:>6} {kb(fig):>7} {kb(r['raw']):>8}"
              f" {kb(r['gzip']):>7} {kb(r.get('reached_gzip')):>13}"
              f" {kb(r.get('default_gzip')):>13} {times}"
              f"  {'ok' if r['within_budget'] else 'OVER'}")
    heaviest = max(results["pages"], key=lambda r: r["gzip"])
    kinds = ", ".join(f"{k} {kb(v)}" for k, v in heaviest["gzip_by_kind"].items())
    print(f"  heaviest: {heaviest['page']} {kb(heaviest['gzip'])} KB gzip of"
          f" {kb(budgets.PAGE_GZIP_MAX)} KB ({kinds})")
    print(f"  figure = largest chart JSON on the page, KB (budget {kb(budgets.FIGURE_JSON_MAX)});"
          " reached = after pointing at every chart (plotly.js fetched);"
          " default = the same charts as Plotly's to_html(include_plotlyjs=True);"
          " shown = navigation to every static chart shown, direct load; instant = the same"
          " by the theme's instant navigation; live = pointer over a chart to its"
          f" interactive chart drawn; goal {budgets.DRAW_GOAL_MS} ms")

    print("\nGrowth: cold build with the data scaled up (its pictures drawn by a build before)")
    print(f"  {'data':<6} {'rows':>7} {'build s':>9} {'x 1x':>6}")
    for g in results["growth"]:
        if g["stopped_after"]:
            seconds, times = f"> {g['stopped_after']:.0f}", "stopped"
        else:
            seconds, times = f"{g['median']:.2f}", f"{g['vs_1x']:.1f}"
        print(f"  x{g['factor']:<5} {g['rows']:>7,} {seconds:>9} {times:>6}")
    print(f"\nWritten to {results['json']}; reproduce with: {COMMAND}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed builds per config")
    parser.add_argument("--draw-runs", type=int, default=3, help="page loads per timing")
    parser.add_argument("--cache-runs", type=int, default=3,
                        help="timed builds with an empty and a full chart export cache")
    parser.add_argument("--growth", default="10,100", help="data scale factors, comma-separated")
    parser.add_argument("--growth-runs", type=int, default=1, help="builds per scale factor")
    parser.add_argument("--growth-limit", type=float, default=120,
                        help="seconds after which a scaled-up build is stopped")
    parser.add_argument("--edit-runs", type=int, default=3,
                        help="saves of a data file timed during the live preview")
    parser.add_argument("--quick", action="store_true",
                        help="the cold builds and the live preview only")
    parser.add_argument("--json", type=Path, default=ROOT / "bench-results.json")
    args = parser.parse_args(argv)
    factors = [int(f) for f in args.growth.split(",") if f.strip()]

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        scratch = Path(tmp)
        project = copy_project(scratch / "project", french=True)
        write_plain_config(project)
        write_imports_config(project)
        build = bench_builds(project, args.runs)
        edit_loop = bench_edit_loop(project, args.edit_runs)
        if args.quick:
            results = {"command": COMMAND + " (quick)", "build": build, "edit_loop": edit_loop,
                       "json": str(args.json)}
            args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
            print_report(results)
            return 0
        export_cache = bench_export_cache(project, scratch, args.cache_runs)
        site = scratch / "site"
        build_once(project, site=site)
        # The French pages beside them, as published: the theme's language menu reads
        # their sitemap from the English pages.
        build_once(project, config="mkdocs.fr.yml", site=site / "fr")
        pages = bench_pages(site, scratch, args.draw_runs)
        growth = bench_growth(scratch, project, factors, args.growth_runs, build["median_on"],
                              args.growth_limit)

    results = {
        "command": COMMAND,
        "machine": {"python": platform.python_version(), "system": platform.platform(),
                    "cpus": os.cpu_count()},
        "budgets": {"page_gzip_max": budgets.PAGE_GZIP_MAX,
                    "figure_json_max": budgets.FIGURE_JSON_MAX,
                    "draw_goal_ms": budgets.DRAW_GOAL_MS,
                    "build_ratio_goal": budgets.BUILD_RATIO_GOAL,
                    "gzip_level": budgets.GZIP_LEVEL},
        "build": build, "edit_loop": edit_loop, "export_cache": export_cache, "pages": pages,
        "growth": growth,
        "within_budget": all(p["within_budget"] for p in pages),
        "json": str(args.json),
    }
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_report(results)
    return 0 if results["within_budget"] else 1


if __name__ == "__main__":
    sys.exit(main())
