// SwiftPM needs one source file in a C target. The functions declared in include/BackspaceCoreFFI.h
// are defined by the Rust library (libbackspace_uniffi), linked as Package.swift says.
#include "BackspaceCoreFFI.h"
