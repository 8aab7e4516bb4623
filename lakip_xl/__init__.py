"""lakip-xl: consolidate LAKIP (Laporan Kinerja Instansi Pemerintah) workbooks.

The pipeline, one module (or package) per stage::

    read → parse → model (renstra, submission) → rules → compute → report → cli

Everything a user reads is in Bahasa Indonesia; code is in English.
"""

__version__ = "0.1.0"

#: Version of the workbook contract (docs/WORKBOOK_CONTRACT.md) the templates follow.
CONTRACT_VERSION = "1"

#: Stamp written into every submission template (sheet ``Identitas``, row ``Versi Templat``).
TEMPLATE_VERSION = f"lakip-xl {__version__} / kontrak {CONTRACT_VERSION}"
