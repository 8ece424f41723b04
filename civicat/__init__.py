"""civicat: YAML service catalogue to an accessible, multilingual static site with serverless forms."""
