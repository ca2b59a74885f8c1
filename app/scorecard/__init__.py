"""The commune's scorecard: Decision 766/QĐ-TTg indicators and the report's counts, from plain records."""
