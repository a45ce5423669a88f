#include "storage/memory/value_codec.h"

#include <lz4.h>
#include <lz4hc.h>
#include <zdict.h>
#include <zstd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>

namespace meridian::storage {

namespace {

struct LevelRange {
    int min, max, fallback;
};

LevelRange levelRange(Compression compression) {
    switch (compression) {
    case Compression::Zstd: return {1, 19, ZSTD_CLEVEL_DEFAULT};
    case Compression::Lz4: return {1, LZ4HC_CLEVEL_MAX, LZ4HC_CLEVEL_DEFAULT};
    case Compression::None: break;
    }
    return {0, 0, 0};
}

int resolvedLevel(Compression compression, int level) {
    const LevelRange range = levelRange(compression);
    return level == 0 ? range.fallback : std::clamp(level, range.min, range.max);
}

}  // namespace

const char* compressionName(Compression compression) {
    switch (compression) {
    case Compression::None: return "none";
    case Compression::Zstd: return "zstd";
    case Compression::Lz4: return "lz4";
    }
    return "none";
}

std::optional<Compression> parseCompression(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    for (Compression c : {Compression::None, Compression::Zstd, Compression::Lz4})
        if (lower == compressionName(c)) return c;
    return std::nullopt;
}

Result<MemoryOptions> parseMemoryCompression(std::string_view spec, MemoryOptions base) {
    const std::string_view name = spec.substr(0, spec.find(':'));
    const auto compression = parseCompression(name);
    if (!compression)
        return Status::invalidArgument("'" + std::string(spec) +
                                       "' is not a compression: use zstd, lz4 or none, optionally with a level "
                                       "(zstd:1 to zstd:19, lz4:1 to lz4:12)");
    base.compression = *compression;
    base.level = 0;
    if (name.size() == spec.size()) return base;
    const std::string_view text = spec.substr(name.size() + 1);
    const LevelRange range = levelRange(*compression);
    if (*compression == Compression::None) return Status::invalidArgument("'none' takes no level");
    int level = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), level);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || level < range.min ||
        level > range.max)
        return Status::invalidArgument(std::string(compressionName(*compression)) + " levels are " +
                                       std::to_string(range.min) + " to " + std::to_string(range.max) + ", not '" +
                                       std::string(text) + "'");
    base.level = level;
    return base;
}

std::string describeCompression(const MemoryOptions& options) {
    if (options.compression == Compression::None) return "none";
    return std::string(compressionName(options.compression)) + " level " +
           std::to_string(resolvedLevel(options.compression, options.level));
}

namespace detail {

namespace {

constexpr std::size_t kSampleBudget = 256 * 1024;
constexpr std::size_t kSampleCap = 8 * 1024;
constexpr std::size_t kDictionaryCapacity = 32 * 1024;
constexpr std::size_t kPackValue = 256;   // values under this size are packed...
constexpr std::size_t kPackBytes = 1024;  // ...about this many bytes (as written) a pack
// Every zstd frame starts with these four bytes (RFC 8878): held without them.
constexpr char kZstdMagic[4] = {'\x28', '\xB5', '\x2F', '\xFD'};

// Each thread's codec contexts and scratch space, made on first use.
struct ThreadContexts {
    ZSTD_CCtx* zstdCompress = nullptr;
    ZSTD_DCtx* zstdDecompress = nullptr;
    LZ4_streamHC_t* lz4 = nullptr;
    std::string scratch;
    ThreadContexts() = default;
    ThreadContexts(const ThreadContexts&) = delete;
    ThreadContexts& operator=(const ThreadContexts&) = delete;
    ~ThreadContexts() {
        ZSTD_freeCCtx(zstdCompress);
        ZSTD_freeDCtx(zstdDecompress);
        if (lz4) LZ4_freeStreamHC(lz4);
    }
};

ThreadContexts& contexts() {
    thread_local ThreadContexts t;
    return t;
}

}  // namespace

class Dictionary {
public:
    Dictionary() = default;
    Dictionary(const Dictionary&) = delete;
    Dictionary& operator=(const Dictionary&) = delete;
    ~Dictionary() {
        ZSTD_freeCDict(zstdCompress);
        ZSTD_freeDDict(zstdDecompress);
        if (lz4) LZ4_freeStreamHC(lz4);
    }

    std::string bytes;             // as ZDICT trained it
    std::string_view content;      // LZ4: the part after zstd's header, the raw history
    ZSTD_CDict* zstdCompress = nullptr;
    ZSTD_DDict* zstdDecompress = nullptr;
    LZ4_streamHC_t* lz4 = nullptr;  // LZ4HC with `content` loaded: copied for each value
};

std::size_t dictionaryBytes(const Dictionary& dictionary) { return dictionary.bytes.size(); }

ValueCodec::ValueCodec(const MemoryOptions& options) : options_(options) {
    options_.level = resolvedLevel(options.compression, options.level);
}

StoredValue ValueCodec::encode(std::string_view raw, const Dictionary* dictionary) const {
    StoredValue held;
    held.rawSize = raw.size();
    const Form form = dictionary ? Form::WithDictionary : Form::Packed;
    ThreadContexts& ctx = contexts();
    std::string_view packed;
    if (wants(raw.size()) && options_.compression == Compression::Zstd) {
        if (!ctx.zstdCompress) ctx.zstdCompress = ZSTD_createCCtx();
        ZSTD_CCtx* c = ctx.zstdCompress;
        ZSTD_CCtx_reset(c, ZSTD_reset_session_and_parameters);
        ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, options_.level);
        // The size is kept beside the bytes, and nothing is checked that memory does not keep.
        ZSTD_CCtx_setParameter(c, ZSTD_c_contentSizeFlag, 0);
        ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 0);
        ZSTD_CCtx_setParameter(c, ZSTD_c_dictIDFlag, 0);
        if (dictionary) ZSTD_CCtx_refCDict(c, dictionary->zstdCompress);
        ctx.scratch.resize(ZSTD_compressBound(raw.size()));
        const std::size_t n = ZSTD_compress2(c, ctx.scratch.data(), ctx.scratch.size(), raw.data(), raw.size());
        if (!ZSTD_isError(n) && n > sizeof kZstdMagic && std::memcmp(ctx.scratch.data(), kZstdMagic, sizeof kZstdMagic) == 0)
            packed = std::string_view(ctx.scratch).substr(sizeof kZstdMagic, n - sizeof kZstdMagic);
    } else if (wants(raw.size()) && options_.compression == Compression::Lz4 && raw.size() <= LZ4_MAX_INPUT_SIZE) {
        if (!ctx.lz4) ctx.lz4 = LZ4_createStreamHC();
        const int size = static_cast<int>(raw.size());
        ctx.scratch.resize(static_cast<std::size_t>(LZ4_compressBound(size)));
        const int capacity = static_cast<int>(ctx.scratch.size());
        int n = 0;
        if (dictionary) {
            // Copying a stream with the dictionary loaded is lz4hc.h's way to reuse one.
            std::memcpy(ctx.lz4, dictionary->lz4, sizeof(LZ4_streamHC_t));
            n = LZ4_compress_HC_continue(ctx.lz4, raw.data(), ctx.scratch.data(), size, capacity);
        } else {
            n = LZ4_compress_HC_extStateHC(ctx.lz4, raw.data(), ctx.scratch.data(), size, capacity, options_.level);
        }
        if (n > 0) packed = std::string_view(ctx.scratch).substr(0, static_cast<std::size_t>(n));
    }
    if (!packed.empty() && packed.size() < raw.size()) {
        held.bytes.assign(packed);  // exactly its size: the scratch keeps the spare capacity
        held.form = form;
    } else {
        held.bytes.assign(raw);
    }
    return held;
}

std::vector<StoredValue> ValueCodec::encode(const WriteBatch& batch, const Dictionary* dictionary) const {
    const auto& ops = batch.ops();
    std::vector<StoredValue> held(ops.size());
    std::vector<std::size_t> group;  // indexes of the values of the pack being gathered
    std::string together;
    auto flush = [&] {
        if (group.size() == 1) held[group.front()] = encode(ops[group.front()].value, dictionary);
        if (group.size() > 1) {
            StoredValue whole = encode(together, dictionary);
            if (whole.form == Form::Raw) {  // no smaller together: no smaller apart either
                for (const std::size_t i : group) {
                    held[i].bytes = ops[i].value;
                    held[i].rawSize = ops[i].value.size();
                }
            } else {
                auto pack = std::make_shared<Pack>(Pack{std::move(whole)});
                std::uint32_t offset = 0;
                for (const std::size_t i : group) {
                    held[i].rawSize = ops[i].value.size();
                    held[i].form = Form::InPack;
                    held[i].offset = offset;
                    held[i].pack = pack;
                    offset += static_cast<std::uint32_t>(ops[i].value.size());
                }
            }
        }
        group.clear();
        together.clear();
    };
    for (std::size_t i = 0; i < ops.size(); ++i) {
        if (ops[i].isDelete) continue;
        const std::string& value = ops[i].value;
        if (!wants(value.size()) || value.size() >= kPackValue) {
            held[i] = encode(value, dictionary);
            continue;
        }
        group.push_back(i);
        together += value;
        if (together.size() >= kPackBytes) flush();
    }
    flush();
    return held;
}

std::optional<std::string> ValueCodec::decode(const StoredValue& value, const Dictionary* dictionary,
                                              PackCache* cache) const {
    if (value.form == Form::InPack) {
        PackCache local;
        PackCache& open = cache ? *cache : local;
        if (open.pack != value.pack.get()) {
            auto bytes = decode(value.pack->whole, dictionary);
            if (!bytes) return std::nullopt;
            open.pack = value.pack.get();
            open.bytes = std::move(*bytes);
        }
        if (value.offset + value.rawSize > open.bytes.size()) return std::nullopt;
        return open.bytes.substr(value.offset, value.rawSize);
    }
    if (value.form == Form::Raw) return value.bytes;
    if (value.form == Form::WithDictionary && !dictionary) return std::nullopt;
    const Dictionary* with = value.form == Form::WithDictionary ? dictionary : nullptr;
    std::string out(value.rawSize, '\0');
    ThreadContexts& ctx = contexts();
    if (options_.compression == Compression::Zstd) {
        if (!ctx.zstdDecompress) ctx.zstdDecompress = ZSTD_createDCtx();
        ctx.scratch.assign(kZstdMagic, sizeof kZstdMagic);
        ctx.scratch += value.bytes;
        const std::size_t n =
            with ? ZSTD_decompress_usingDDict(ctx.zstdDecompress, out.data(), out.size(), ctx.scratch.data(),
                                              ctx.scratch.size(), with->zstdDecompress)
                 : ZSTD_decompressDCtx(ctx.zstdDecompress, out.data(), out.size(), ctx.scratch.data(), ctx.scratch.size());
        if (ZSTD_isError(n) || n != value.rawSize) return std::nullopt;
        return out;
    }
    if (options_.compression == Compression::Lz4) {
        const int size = static_cast<int>(value.bytes.size());
        const int capacity = static_cast<int>(value.rawSize);
        const int n = with ? LZ4_decompress_safe_usingDict(value.bytes.data(), out.data(), size, capacity,
                                                           with->content.data(), static_cast<int>(with->content.size()))
                           : LZ4_decompress_safe(value.bytes.data(), out.data(), size, capacity);
        if (n < 0 || static_cast<std::size_t>(n) != value.rawSize) return std::nullopt;
        return out;
    }
    return std::nullopt;
}

bool ValueCodec::addSample(Samples& samples, std::string_view value) {
    const std::string_view sample = value.substr(0, kSampleCap);
    samples.bytes += sample;
    samples.sizes.push_back(sample.size());
    return samples.bytes.size() >= kSampleBudget;
}

DictionaryPtr ValueCodec::train(const Samples& samples) const {
    if (!compresses() || samples.sizes.empty()) return nullptr;
    auto dictionary = std::make_shared<Dictionary>();
    dictionary->bytes.resize(kDictionaryCapacity);
    const std::size_t n = ZDICT_trainFromBuffer(dictionary->bytes.data(), dictionary->bytes.size(), samples.bytes.data(),
                                                samples.sizes.data(), static_cast<unsigned>(samples.sizes.size()));
    if (ZDICT_isError(n)) return nullptr;
    dictionary->bytes.resize(n);
    dictionary->bytes.shrink_to_fit();
    if (options_.compression == Compression::Zstd) {
        dictionary->zstdCompress = ZSTD_createCDict(dictionary->bytes.data(), n, options_.level);
        dictionary->zstdDecompress = ZSTD_createDDict(dictionary->bytes.data(), n);
        if (!dictionary->zstdCompress || !dictionary->zstdDecompress) return nullptr;
    } else {
        // LZ4 takes any bytes as history: zstd's entropy tables at the front would only be noise.
        const std::size_t header = ZDICT_getDictHeaderSize(dictionary->bytes.data(), n);
        dictionary->content = std::string_view(dictionary->bytes).substr(ZDICT_isError(header) ? 0 : header);
        dictionary->lz4 = LZ4_createStreamHC();
        if (!dictionary->lz4 || dictionary->content.empty()) return nullptr;
        LZ4_resetStreamHC_fast(dictionary->lz4, options_.level);
        LZ4_loadDictHC(dictionary->lz4, dictionary->content.data(), static_cast<int>(dictionary->content.size()));
    }
    // Worth keeping only when it makes the values it was trained from at least 10% smaller.
    std::size_t without = 0;
    std::size_t with = 0;
    std::size_t offset = 0;
    for (const std::size_t size : samples.sizes) {
        const std::string_view sample = std::string_view(samples.bytes).substr(offset, size);
        offset += size;
        without += encode(sample, nullptr).bytes.size();
        with += encode(sample, dictionary.get()).bytes.size();
    }
    if (with * 10 > without * 9) return nullptr;
    return dictionary;
}

}  // namespace detail

}  // namespace meridian::storage
