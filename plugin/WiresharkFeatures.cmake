# SPDX-License-Identifier: GPL-2.0-or-later
# Probes the installed Wireshark headers for the API differences that the
# compiler cannot tell from types alone (plugin/epan/wireshark_compat.h), and
# collects a SIPC_HAVE_* definition for each one found in
# SIPC_WIRESHARK_FEATURES.  Probing, not comparing version numbers, serves
# versions in between (4.2) the same way.
include(CheckCXXSourceCompiles)

get_target_property(_ws_includes epan INTERFACE_INCLUDE_DIRECTORIES)
set(CMAKE_REQUIRED_INCLUDES ${_ws_includes})
set(CMAKE_REQUIRED_QUIET ON)
set(SIPC_WIRESHARK_FEATURES "")

function(sipc_probe name source)
  check_cxx_source_compiles("${source}" ${name})
  if(${name})
    set(SIPC_WIRESHARK_FEATURES ${SIPC_WIRESHARK_FEATURES} ${name} PARENT_SCOPE)
    message(STATUS "Wireshark feature ${name}: yes")
  else()
    message(STATUS "Wireshark feature ${name}: no")
  endif()
endfunction()

# 4.2 renamed the Telephony menu group.
sipc_probe(SIPC_HAVE_TELEPHONY_GROUP_UNSORTED "
#include <wireshark.h>
#include <epan/stat_groups.h>
int main() { return static_cast<int>(REGISTER_TELEPHONY_GROUP_UNSORTED); }")

# Newer versions let a plugin say what it is (tshark -G plugins shows the type).
sipc_probe(SIPC_HAVE_PLUGIN_DESCRIBE "
#include <wireshark.h>
#include <wsutil/plugins.h>
int main() { return static_cast<int>(WS_PLUGIN_DESC_DISSECTOR); }")
