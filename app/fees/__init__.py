"""Fees of dossiers: structured rules, assessment, payments, VietQR."""
