"""Rasa SDK custom actions for StemSafe: thin adapters that call bot/ and turn results into events."""
