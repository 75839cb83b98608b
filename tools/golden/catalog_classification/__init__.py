"""The parts of gen_catalog_classification.py, one module per group of components."""
