// The demo database's decoder section: values in each format the inspector
// decodes, under keys of big-endian integers, written by the reference
// libraries (libprotobuf, msgpack-cxx, libbson; CBOR by hand, as RFC 8949
// spells it), so the demo shows what a real application's database holds.
//
//   pb:order:{u32be:tenant}{u64be:order}         Protobuf meridian.demo.Order (demoProtoText())
//   mp:session:{u64be:session}                   MessagePack maps, with timestamps
//   cbor:reading:{u32be:sensor}{u64be:at_ms}     CBOR maps, with epoch-time tags
//   bson:doc:{bytes:12:id}                       BSON documents with ObjectIds and dates
//
// Deterministic: the same bytes every time. Thread safety: writes through
// `storage`; call from one thread.
#pragma once

#include <string>
#include <vector>

#include "storage/storage.h"

namespace meridian::decode {

// The .proto schema of the pb:order: values (file name demoProtoFileName()).
const char* demoProtoText();
const char* demoProtoFileName();  // "meridian_demo.proto"

struct DemoPrefix {
    std::string prefix;       // "pb:order:"
    std::string decoder;      // a decoder's name (value_decoder.h); Protobuf's names `protoPath`
    std::string keyLayout;    // the keys' layout (key_layout.h)
};

// The section's prefixes with their decoders and key layouts; `protoPath`
// is where demoProtoText() was saved.
std::vector<DemoPrefix> demoDecoderPrefixes(const std::string& protoPath);

// A key the section always holds: whether a database has it.
std::string demoDecoderMarkerKey();

// Writes the section (about 2,000 keys) into `storage`.
storage::Status writeDecoderDemo(storage::Storage& storage);

}  // namespace meridian::decode
