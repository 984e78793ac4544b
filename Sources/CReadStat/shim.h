// ReadStat's one public header (Debian libreadstat-dev, which ships no pkg-config file); no logic lives here.
#include <readstat.h>
