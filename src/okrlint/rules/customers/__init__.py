"""The customers rules.

Customers: outcomes are changes in what customers do, not work done or money counted.
"""
