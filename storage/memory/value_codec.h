// How the memory backend holds one value (private to storage/memory): as
// written, compressed on its own, or compressed with its column family's
// dictionary; and the dictionaries themselves. memory_storage.h states the
// rules; this is the machinery behind them.
//
// Thread safety: a ValueCodec and a Dictionary are immutable once made and
// may be used from any number of threads at once (each thread keeps its own
// codec contexts).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/memory/memory_storage.h"
#include "storage/storage.h"

namespace meridian::storage::detail {

enum class Form : std::uint8_t {
    Raw,             // the bytes as written
    Packed,          // compressed on its own
    WithDictionary,  // compressed with the column family's dictionary
    InPack           // a slice of a pack: small values written together, compressed together
};

struct Pack;

struct StoredValue {
    std::string bytes;        // as held (empty InPack)
    std::size_t rawSize = 0;  // as written
    Form form = Form::Raw;
    std::uint32_t offset = 0;           // InPack: where the value starts in the pack's bytes as written
    std::shared_ptr<const Pack> pack;   // InPack: the pack, alive as long as a version in it is
};

// Small values of one write, compressed together (they share their repeats).
struct Pack {
    StoredValue whole;                // the values end to end, Packed or WithDictionary
    mutable std::size_t liveValues = 0;  // how many of them are live: kept by the store under its lock
};

// The last pack a reader opened, so that a scan opens each pack once.
struct PackCache {
    const Pack* pack = nullptr;
    std::string bytes;
};

class Dictionary;  // a trained dictionary, ready for the codec that trained it
using DictionaryPtr = std::shared_ptr<const Dictionary>;
std::size_t dictionaryBytes(const Dictionary& dictionary);

// Values given to a column family until one dictionary is trained from them.
struct Samples {
    std::string bytes;
    std::vector<std::size_t> sizes;
};

class ValueCodec {
public:
    explicit ValueCodec(const MemoryOptions& options);  // resolves and clamps the level

    bool compresses() const { return options_.compression != Compression::None; }
    const MemoryOptions& options() const { return options_; }
    // Whether a value of this size is compressed (and so sampled).
    bool wants(std::size_t size) const { return compresses() && size >= options_.minValueSize; }

    // The smallest form: compressed (with `dictionary` when given) when that
    // is smaller than `raw`, otherwise the bytes as written.
    StoredValue encode(std::string_view raw, const Dictionary* dictionary) const;
    // The values a batch puts, each in its smallest form (deletes get an
    // empty one). Values under 256 bytes that would be compressed are
    // compressed together, in batch order, in packs of about 1 KiB as
    // written, when that is smaller than holding them apart: one by one they
    // would carry a frame each and share no repeats.
    std::vector<StoredValue> encode(const WriteBatch& batch, const Dictionary* dictionary) const;
    // The bytes as written; nullopt when the held bytes do not decompress to
    // them (damage in memory: never expected). `dictionary`: the column
    // family's, needed for Form::WithDictionary (and packs made with it).
    std::optional<std::string> decode(const StoredValue& value, const Dictionary* dictionary,
                                      PackCache* cache = nullptr) const;

    // Appends a value to the samples (at most its first 8 KiB); true once
    // they are enough to train from.
    static bool addSample(Samples& samples, std::string_view value);
    // A dictionary trained from the samples, or null when training fails or
    // the dictionary would not make the samples at least 10% smaller.
    DictionaryPtr train(const Samples& samples) const;

private:
    MemoryOptions options_;
};

}  // namespace meridian::storage::detail
