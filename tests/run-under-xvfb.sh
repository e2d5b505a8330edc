#!/bin/sh
# Runs a GTK test program on a virtual X display (Xvfb).
if ! command -v xvfb-run >/dev/null; then
  echo "1..0 # SKIP xvfb-run is missing"
  exit 0
fi
exec xvfb-run -a -s '-screen 0 1280x800x24' env GDK_BACKEND=x11 LC_ALL=C.UTF-8 NO_AT_BRIDGE=1 "$@"
