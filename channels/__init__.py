"""Rasa input channels for StemSafe: thin subclasses of Rasa's connectors that close their security gaps."""
