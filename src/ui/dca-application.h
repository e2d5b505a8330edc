/* dca-application.h: DCA Desk, the application */
#pragma once

#include <adwaita.h>

#include "dca-context.h"

G_BEGIN_DECLS

#define DCA_TYPE_APPLICATION (dca_application_get_type ())
G_DECLARE_FINAL_TYPE (DcaApplication, dca_application, DCA, APPLICATION, AdwApplication)

DcaApplication *dca_application_new         (void);
DcaContext     *dca_application_get_context (DcaApplication *self);
/* TRUE while no window is open and the engine runs on in the background */
gboolean        dca_application_is_in_background (DcaApplication *self);

G_END_DECLS
