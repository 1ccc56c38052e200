from diptych.cli import main

raise SystemExit(main())
