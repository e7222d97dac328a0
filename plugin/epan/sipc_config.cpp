// SPDX-License-Identifier: GPL-2.0-or-later
#include "sipc_config.h"

#include <cstring>
#include <string>

#include "config_decode.h"
#include "sipc_body.h"
#include "sipc_fields.h"
#include "sipc_xml.h"

namespace sipc::epan {

guint pref_max_config_bytes = 4 * 1024 * 1024;

namespace {


enum class Outcome { Ok, BadBase64, BadGzip, Truncated, TooLarge };

struct Decoded {
    Outcome outcome = Outcome::Ok;
    guint8* data = nullptr;  // in packet memory: freed with the packet, even after an exception
    size_t length = 0;
    size_t compressed = 0;
};

// One decompressor and two buffers serve every config of the file, so that
// decoding one allocates nothing from the C heap but the copy it returns
// (the Gunzipper in config_decode.h says why that matters).  Wireshark
// dissects one packet at a time.  A buffer that a large config grew is
// given back afterwards.
struct Scratch {
    Gunzipper gunzip;
    std::string gz;
    std::string out;
};

constexpr size_t kKeepBuffer = 64 * 1024;

void give_back_large(std::string& buffer) {
    if (buffer.capacity() > kKeepBuffer) std::string().swap(buffer);
}

// All C++ objects that own memory live in here or in the scratch, where
// nothing can throw a Wireshark exception (a longjmp); what leaves is in
// `pool`, which Wireshark frees whatever happens to the dissection
// afterwards.
Decoded decode(wmem_allocator_t* pool, std::string_view text, size_t cap) noexcept {
    Decoded d;
    try {
        static Scratch scratch;
        std::string& gz = scratch.gz;
        std::string& out = scratch.out;
        if (!decode_base64(text, gz)) {
            d.outcome = Outcome::BadBase64;
            give_back_large(gz);
            return d;
        }
        d.compressed = gz.size();
        switch (scratch.gunzip.run(gz, cap, out)) {
            case GunzipStatus::Ok: d.outcome = Outcome::Ok; break;
            case GunzipStatus::TooLarge: d.outcome = Outcome::TooLarge; break;
            case GunzipStatus::Truncated: d.outcome = Outcome::Truncated; break;
            case GunzipStatus::Invalid: d.outcome = Outcome::BadGzip; break;
        }
        d.length = out.size();
        d.data = static_cast<guint8*>(wmem_alloc(pool, out.size() ? out.size() : 1));
        if (!out.empty()) std::memcpy(d.data, out.data(), out.size());
        give_back_large(gz);
        give_back_large(out);
    } catch (...) {
        d = Decoded{};
        d.outcome = Outcome::TooLarge;
    }
    return d;
}

}  // namespace


bool config_wanted(proto_tree* tree) {
    return tree && (proto_field_is_referenced(tree, hf.config) || proto_field_is_referenced(tree, hf.config_decompressed) ||
                    (xml_protocol() >= 0 && proto_field_is_referenced(tree, xml_protocol())));
}

void dissect_config(tvbuff_t* tvb, packet_info* pinfo, proto_tree* tree, const MessageSummary& msg,
                    std::string_view element, std::string_view text) {
    int off = msg.offset_of(text);
    int len = static_cast<int>(text.size());
    proto_item* ci = proto_tree_add_item(tree, hf.config, tvb, off, len, ENC_NA);
    proto_tree* ct = proto_item_add_subtree(ci, ett.config);

    Decoded d = decode(pinfo->pool, text, pref_max_config_bytes);
    if (d.outcome == Outcome::BadBase64) {
        expert_add_info(pinfo, ci, &ei.config_base64);
        return;
    }
    proto_item* li = proto_tree_add_uint(ct, hf.config_compressed, tvb, off, len, static_cast<guint32>(d.compressed));
    proto_item_set_generated(li);
    if (d.length == 0) {
        expert_add_info(pinfo, ci, d.outcome == Outcome::TooLarge ? &ei.config_too_large : &ei.config_gzip);
        return;
    }
    // The decompressed bytes become a data source of their own (a tab in the
    // GUI's bytes pane); they live in packet memory as long as it is shown.
    tvbuff_t* plain = tvb_new_child_real_data(tvb, d.data, static_cast<guint>(d.length), static_cast<gint>(d.length));
    add_new_data_source(pinfo, plain,
                        wmem_strdup_printf(pinfo->pool, "Decompressed %.*s", static_cast<int>(element.size()),
                                           element.data()));
    li = proto_tree_add_uint(ct, hf.config_decompressed, plain, 0, static_cast<gint>(d.length),
                             static_cast<guint32>(d.length));
    proto_item_set_generated(li);
    switch (d.outcome) {
        case Outcome::TooLarge:
            expert_add_info_format(pinfo, ci, &ei.config_too_large,
                                   "Decompression stopped at the limit of %u bytes (preference)",
                                   pref_max_config_bytes);
            return;
        case Outcome::BadGzip: expert_add_info(pinfo, ci, &ei.config_gzip); return;
        case Outcome::Truncated:
            expert_add_info_format(pinfo, ci, &ei.config_gzip, "The gzip stream ends early");
            return;
        default: break;
    }
    if (!xml_available()) return;
    gboolean writable = col_get_writable(pinfo->cinfo, -1);
    col_set_writable(pinfo->cinfo, -1, FALSE);
    call_xml(plain, pinfo, ct);
    col_set_writable(pinfo->cinfo, -1, writable);
}

}  // namespace sipc::epan
