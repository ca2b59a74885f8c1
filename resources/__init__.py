"""Shipped data: fonts, catalogue, form templates, translations. Located through ``app.core.paths``."""
