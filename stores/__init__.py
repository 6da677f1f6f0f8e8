"""Rasa-side storage for StemSafe: a privacy-keeping tracker store and the deployment profiles."""
