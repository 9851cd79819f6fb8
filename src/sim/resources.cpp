#include "sim/resources.h"
