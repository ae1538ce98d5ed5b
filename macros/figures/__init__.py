"""Plotly figures from the evidence, their static SVG pictures (kaleido, cached by content) and
the block that shows a chart on a page.

May import: i18n, data, evidence.
"""
