"""What the numbers mean: proportions and intervals (stats), the readings of each number, the
consistency audit, the checks across files, the evidence object pages read, releases,
citations, certainty, the source text, and the escaped HTML pieces everything above writes
with (render).

May import: i18n, data.
"""
