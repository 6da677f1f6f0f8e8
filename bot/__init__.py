"""StemSafe domain logic, independent of Rasa: knowledge, safety rails, vetting rules, store, reports."""
