"""Settings files shipped with lakip-xl, chosen by name (``lakip consolidate --pengaturan permendagri86``)."""
