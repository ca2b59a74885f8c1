"""The Qt window, sections, table models and dialogs. Calls ``app`` only."""
