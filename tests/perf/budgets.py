"""The performance budget. Bytes are held by tests/test_budgets.py; times by `make bench`.

A kilobyte here is 1000 bytes. Compressed sizes are gzip at level 6, what web servers
commonly use; a page's weight is the sum over every file its first visit downloads.
"""

PAGE_GZIP_MAX = 150_000  # all files of a first visit to any one page, compressed, no interaction
FIGURE_JSON_MAX = 30_000  # one chart's figure JSON (its data-figure attribute, unescaped)
DRAW_GOAL_MS = 1000  # navigation to every chart drawn (static: shown; interactive: drawn)
BUILD_RATIO_GOAL = 2  # build with the macros plugin / the same pages without it
GZIP_LEVEL = 6
EDIT_LOOP_GOAL_S = 2  # a data file saved during make serve to its page served rebuilt
