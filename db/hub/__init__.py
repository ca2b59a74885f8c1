"""The province hub's storage: schema and migrations for SQLite and PostgreSQL, and every hub query.

Imports nothing from ``app``; speaks in plain dicts and tuples like the desk's ``db.store``.
"""
