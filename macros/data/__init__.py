"""Reading data/ strictly and checking it: the schema (datapackage.yml), each file read cell by
cell with its declared type, the dataset, the translations of its text; one DataError naming
file, line and column.

May import: i18n.
"""
