"""What runs around a build: the files beside the pages (data downloads, plotly.js, citation
files), the output check and its manifest, the printed brief, releases on the command line,
and the MkDocs hooks.

May import: every layer above (i18n, data, evidence, figures, pages).
"""
