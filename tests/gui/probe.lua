-- SPDX-License-Identifier: GPL-2.0-or-later
-- Loaded into the Wireshark GUI by tests/dissection/test_gui_random_access.py.
-- When the GUI dissects frame $SIPC_PROBE_FRAME again after the first pass
-- (the user clicked it: -g), writes that frame's SIP-C tracking fields to
-- $SIPC_PROBE_OUT, then "done".
local names = {"sipc.chat.session", "sipc.handoff.issued_in", "sipc.handoff.used_in",
               "sipc.response_in", "sipc.response_to", "sipc.credential", "sipc.method",
               "sipc.status_code"}
local extractors = {}
for _, name in ipairs(names) do extractors[name] = Field.new(name) end

local probe = Proto("sipc_gui_probe", "SIP-C GUI test probe")
local target = tonumber(os.getenv("SIPC_PROBE_FRAME") or "0")
local out = os.getenv("SIPC_PROBE_OUT")

function probe.dissector(tvb, pinfo, tree)
    if not pinfo.visited or pinfo.number ~= target or not out then return end
    local f = io.open(out, "a")
    for _, name in ipairs(names) do
        for _, v in ipairs({extractors[name]()}) do
            f:write(name, "=", tostring(v.value), "\n")
        end
    end
    f:write("done\n")
    f:close()
end

register_postdissector(probe, true)
