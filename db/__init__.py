"""The desk's SQLite store: connection, pragmas, numbered migrations and the queries.

Imports nothing from ``app`` or ``ui``: it speaks in plain dicts and tuples.
"""
