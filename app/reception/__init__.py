"""Receiving dossiers: rules, intake, the service, the catalogue, the register, demo data."""
