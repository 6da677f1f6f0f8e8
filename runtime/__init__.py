"""How StemSafe's Rasa server is started: Rasa's own command line plus measured fixes to its hot paths."""
