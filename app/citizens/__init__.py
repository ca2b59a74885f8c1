"""Citizen reception (tiếp công dân): the 03/TCD register, leaders' sessions, dialogues, flags, disclosure."""
