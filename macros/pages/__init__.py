"""Page macros, plain functions grouped by topic over one read-only View, registered by
registry; the pieces pages share (abbreviations, the live preview's error page, the brief's
PDFs' addresses).

May import: i18n, data, evidence, figures.
"""
