// SwiftPM needs one source file in a C target. The functions declared in include/BackspaceFFI.h
// are defined by the Rust library (libbackspace_uniffi), linked as Package.swift says.
#include "BackspaceFFI.h"
