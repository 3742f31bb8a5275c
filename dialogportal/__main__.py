import sys

from dialogportal.cli import main

sys.exit(main())
