"""Automatic backups: when, where, checked, encrypted, rotated; restoring one."""
