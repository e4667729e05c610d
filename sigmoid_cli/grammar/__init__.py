"""The whitelist expression grammar: parsing user text into syntax trees, evaluated in any arithmetic."""
