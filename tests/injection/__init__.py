"""Hostile content: payloads placed in every kind of field an editor (or an attacker) can write."""
