"""Measuring the built site: page weight, chart drawing time, build time and its growth.

Shared by the byte-budget tests (tests/test_budgets.py) and the benchmark (`make bench`).
"""
