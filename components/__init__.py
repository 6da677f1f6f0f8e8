"""Custom Rasa NLU graph components for StemSafe (thin wrappers over bot/)."""
