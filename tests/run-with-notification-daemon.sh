#!/bin/sh
# Runs a test program in its own D-Bus session with python3-dbusmock's
# notification daemon, which logs every Notify call to the file named by
# DCADESK_TEST_NOTIFY_LOG; the test reads it.
set -e
if ! command -v dbus-run-session >/dev/null || ! /usr/bin/python3 -c 'import dbusmock' 2>/dev/null; then
  echo "1..0 # SKIP dbus-run-session or python3-dbusmock is missing"
  exit 0
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export DCADESK_TEST_NOTIFY_LOG="$dir/notify.log"
export HOME="$dir" XDG_RUNTIME_DIR="$dir"
# sounds are asked of libcanberra, which plays them nowhere here
export CANBERRA_DRIVER=null
status=0
dbus-run-session -- sh -c '
  /usr/bin/python3 -m dbusmock --session -t notification_daemon -l "$DCADESK_TEST_NOTIFY_LOG" >"$HOME/mock.out" 2>&1 &
  mock=$!
  # until the daemon owns its name
  i=0
  until gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
        --method org.freedesktop.DBus.NameHasOwner org.freedesktop.Notifications 2>/dev/null | grep -q true; do
    i=$((i + 1))
    if [ $i -gt 100 ]; then echo "Bail out! the mock notification daemon did not start"; cat "$HOME/mock.out"; exit 1; fi
    sleep 0.1
  done
  status=0
  "$@" || status=$?
  kill $mock 2>/dev/null || true
  exit $status' sh "$@" || status=$?
exit $status
