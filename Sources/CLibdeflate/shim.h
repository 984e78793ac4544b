// Debian libdeflate's one header (libdeflate-dev), for inflating the parts of an .xlsx workbook and their
// CRC-32; no logic lives here.
#include <libdeflate.h>
