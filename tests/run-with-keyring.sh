#!/bin/sh
# Runs a test program in its own D-Bus session with an unlocked GNOME
# keyring (a Secret Service), in a throw-away home.
set -e
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "1..0 # SKIP dbus-run-session or gnome-keyring-daemon is missing"
  exit 0
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_RUNTIME_DIR="$home"
status=0
dbus-run-session -- sh -c 'printf test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' sh "$@" || status=$?
exit $status
