"""The digitised dossier: scans kept as PDFs by hash, Art. 5 exemptions, reuse, electronic results."""
