"""Paper: the layout engine, the forms, the receipt and its QR, the print service."""
