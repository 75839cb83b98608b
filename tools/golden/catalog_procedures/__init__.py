"""The parts of gen_catalog_procedures.py, one module per group of components."""
