"""govgraph: a knowledge graph of the multistakeholder cyber-governance landscape."""

__version__ = "0.1.0"
