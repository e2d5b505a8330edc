#!/bin/sh
# Runs a GTK test program on a virtual X display (Xvfb).
if ! command -v xvfb-run >/dev/null; then
  echo "1..0 # SKIP xvfb-run is missing"
  exit 0
fi
# in a D-Bus session of its own with a mock notification daemon, so the
# app registers and its desktop notifications go somewhere
exec xvfb-run -a -s '-screen 0 1280x800x24' env GDK_BACKEND=x11 LC_ALL=C.UTF-8 NO_AT_BRIDGE=1 GTK_A11Y=none \
  "$(dirname "$0")/run-with-notification-daemon.sh" "$@"
