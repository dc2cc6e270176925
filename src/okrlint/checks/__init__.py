"""Built-in rules, one module per family. Every rule class defined here is registered."""
