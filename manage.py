#!/usr/bin/env python
from kehoach.manage import main

if __name__ == "__main__":
    main()
