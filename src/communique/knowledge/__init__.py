"""Loaders for the data tables under ``knowledge/data`` (YAML/CSV).

Each table is loaded once per process and looked up in dicts.
"""
