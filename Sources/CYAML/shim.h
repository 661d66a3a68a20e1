#ifndef POLICYKOLL_CYAML_SHIM_H
#define POLICYKOLL_CYAML_SHIM_H
#include <yaml.h>
#endif
