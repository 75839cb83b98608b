"""The parts of gen_catalog_dense_regression.py, one module per group of components."""
