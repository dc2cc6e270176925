"""The culture rules.

Culture over time: OKRs checked in on while they run, and learned from once they close.
"""
