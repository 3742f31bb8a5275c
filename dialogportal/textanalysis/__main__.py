"""`python -m dialogportal.textanalysis analyse-file ...`."""

import sys

from dialogportal.textanalysis.cli import _module_main

sys.exit(_module_main())
