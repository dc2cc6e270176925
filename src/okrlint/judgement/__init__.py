"""Trained judgements of key-result texts: features, a logistic model and its weights."""
