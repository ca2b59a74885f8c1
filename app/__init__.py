"""MotCua Desk: domain, services, printing and sync of a commune one-stop-shop reception desk.

Nothing in this package imports Qt or ``ui``; the window and the command line both sit on top of it.
"""

__version__ = "0.1.0"
