import sys

from newscrawler.cli.main import main

sys.exit(main())
