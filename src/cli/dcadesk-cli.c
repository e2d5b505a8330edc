/* dcadesk-cli: the command line of DCA Desk (core only, no GTK) */
#define G_LOG_DOMAIN "dcadesk-cli"

#include "config.h"

#include <glib.h>

int
main (int   argc,
      char *argv[])
{
  return 0;
}
