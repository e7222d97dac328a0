// SPDX-License-Identifier: GPL-2.0-or-later
// XML bodies into the tree: drawn by the plugin where the document is plain
// enough to be sure of drawing exactly what Wireshark's XML dissector draws
// (plugin/core/xml_layout.h), by that dissector otherwise.
// doc/xml-drawing.md says why and how the two are kept the same.
#pragma once

#include "wireshark_includes.h"

namespace sipc::epan {

// At hand-off, once the XML dissector exists: its handle, the plugin's own
// handle under the XML protocol, and the preference that switches the
// drawing off.
void register_xml_drawing(module_t* module);

// Whether the XML protocol is there at all (a build without it).
bool xml_available();
int xml_protocol();

// `tvb` (a whole document) under `tree`, as the XML protocol.
void call_xml(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree);

}  // namespace sipc::epan
