"""What every capability stands on: errors, clock, text, paths, validation, working time, accounts, keys."""
