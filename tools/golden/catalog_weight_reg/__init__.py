"""The parts of gen_catalog_weight_reg.py, one module per group of components."""
