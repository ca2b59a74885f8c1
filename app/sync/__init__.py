"""Offline-first sync from the desk to the province hub (desk side) and the wire protocol both share."""
