#include "storage/demo_data.h"

#include <array>
#include <cstdio>
#include <random>
#include <string>

#include "storage/codec.h"

namespace meridian::storage {

namespace {

constexpr int kProjects = 40;
constexpr int kFilesPerProject = 300;
constexpr int kSymbolsPerFile = 6;
constexpr int kBlobs = 5000;
constexpr int kEvents = 20000;
constexpr std::size_t kBatch = 8192;

const std::array<const char*, 12> kNames = {"atlas", "borealis", "cinder", "dynamo", "ember", "fjord",
                                            "glacier", "harbor", "iris", "juniper", "kestrel", "lumen"};
const std::array<const char*, 6> kLanguages = {"rust", "cpp", "go", "python", "typescript", "kotlin"};
const std::array<const char*, 6> kExtensions = {".rs", ".cpp", ".go", ".py", ".ts", ".kt"};
const std::array<const char*, 10> kVerbs = {"parse", "load", "render", "index", "flush",
                                            "merge", "resolve", "open", "close", "größe_berechnen"};
const std::array<const char*, 8> kNouns = {"Config", "Manifest", "Token", "Cursor", "Snapshot", "Symbol", "Buffer", "Lock"};
const std::array<const char*, 5> kKinds = {"function", "method", "struct", "enum", "constant"};

std::string pad(int value, int width) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*d", width, value);
    return buf;
}

void appendVarint(std::string& out, std::uint32_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7F) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

std::string hexOf(std::mt19937_64& rng, int bytes) {
    std::string random;
    for (int i = 0; i < bytes; ++i) random.push_back(static_cast<char>(rng() & 0xFF));
    return toHex(random, HexDigits::Lower);
}

class Writer {
public:
    Writer(Storage& storage, const Progress& progress, DemoSummary& summary)
        : storage_(storage), progress_(progress), summary_(summary) {}
    Status put(std::string key, std::string value) {
        summary_.bytes += key.size() + value.size();
        ++summary_.keys;
        batch_.put(key, value);
        if (batch_.size() >= kBatch) return flush();
        return {};
    }
    Status flush() {
        if (batch_.empty()) return {};
        Status s = storage_.write(batch_);
        batch_.clear();
        if (!s.ok()) return s;
        if (progress_ && !progress_(summary_.keys)) return Status::cancelled();
        return {};
    }

private:
    Storage& storage_;
    const Progress& progress_;
    DemoSummary& summary_;
    WriteBatch batch_;
};

Status writeDefault(Writer& w, std::mt19937_64& rng) {
    Status s;
    auto put = [&](std::string k, std::string v) {
        if (s.ok()) s = w.put(std::move(k), std::move(v));
    };
    put("config:daemon:listen", "127.0.0.1:7420");
    put("config:daemon:threads", "8");
    put("config:index:max_file_bytes", "1048576");
    put("config:index:ignore", "[\"target/\", \"node_modules/\", \".git/\"]");
    put("config:owner", "Zoë Ångström <zoe@example.org>");
    for (int p = 0; p < kProjects; ++p) {
        const std::string pid = pad(p, 4);
        const std::string name = std::string(kNames[p % kNames.size()]) + (p < 12 ? "" : "-" + std::to_string(p / 12));
        const int lang = p % static_cast<int>(kLanguages.size());
        put("project:" + pid + ":meta",
            "{\"name\": \"" + name + "\", \"root\": \"/home/dev/src/" + name + "\", \"language\": \"" +
                kLanguages[lang] + "\", \"files\": " + std::to_string(kFilesPerProject) +
                ", \"indexed_at\": \"2026-11-" + pad(1 + p % 24, 2) + "T09:" + pad(p % 60, 2) + ":00Z\"}");
        std::string counter(8, '\0');
        const std::uint64_t lookups = rng() % 1000000;
        for (int i = 0; i < 8; ++i) counter[i] = static_cast<char>((lookups >> (8 * i)) & 0xFF);
        put("stats:project:" + pid + ":lookups", counter);
        for (int f = 0; f < kFilesPerProject; ++f) {
            const std::string fid = pad(f, 5);
            const std::string path = "src/" + std::string(kNouns[f % kNouns.size()]) + "/" +
                                     kVerbs[f % kVerbs.size()] + "_" + std::to_string(f) + kExtensions[lang];
            put("project:" + pid + ":file:" + fid,
                "{\"path\": \"" + path + "\", \"size\": " + std::to_string(200 + rng() % 40000) +
                    ", \"lines\": " + std::to_string(10 + rng() % 900) + ", \"sha1\": \"" + hexOf(rng, 20) + "\"}");
            for (int k = 0; k < kSymbolsPerFile; ++k) {
                const std::string symbol = std::string(kVerbs[(f + k) % kVerbs.size()]) + kNouns[(p + k) % kNouns.size()];
                put("symbol:" + symbol + ":" + pid + ":" + fid + ":" + std::to_string(k),
                    "{\"kind\": \"" + std::string(kKinds[k % kKinds.size()]) + "\", \"line\": " +
                        std::to_string(1 + rng() % 800) + ", \"column\": " + std::to_string(1 + rng() % 60) + "}");
            }
        }
    }
    const char* alphabet = "abcdefghijklmnopqrstuvwxyz_";
    for (int t = 0; t < 27 * 27 * 8; ++t) {
        std::string tri = {alphabet[t % 27], alphabet[(t / 27) % 27], alphabet[(t / 729) % 27]};
        std::string postings;
        std::uint32_t last = 0;
        const int n = 1 + static_cast<int>(rng() % 40);
        for (int i = 0; i < n; ++i) {
            const std::uint32_t id = last + 1 + static_cast<std::uint32_t>(rng() % 300);
            appendVarint(postings, id - last);
            last = id;
        }
        put("trigram:" + tri, postings);
    }
    for (int b = 0; b < kBlobs; ++b) {
        std::string key = "blob:";
        for (int i = 0; i < 20; ++i) key.push_back(static_cast<char>(rng() & 0xFF));
        std::string value(64 + rng() % 512, '\0');
        for (auto& c : value) c = static_cast<char>(rng() & 0xFF);
        put(std::move(key), std::move(value));
    }
    if (!s.ok()) return s;
    return w.flush();
}

Status writeHistory(Writer& w, std::mt19937_64& rng) {
    static const char* types[] = {"index", "reindex", "delete", "compact", "open"};
    std::uint64_t ts = 1795000000000ULL;  // milliseconds, late 2026
    for (int e = 0; e < kEvents; ++e) {
        ts += 1 + rng() % 5000;
        std::string key = "event:";
        for (int i = 7; i >= 0; --i) key.push_back(static_cast<char>((ts >> (8 * i)) & 0xFF));
        const std::string value = "{\"type\": \"" + std::string(types[rng() % 5]) + "\", \"project\": \"" +
                                  pad(static_cast<int>(rng() % kProjects), 4) + "\", \"ms\": " +
                                  std::to_string(rng() % 2000) + "}";
        if (Status s = w.put(std::move(key), value); !s.ok()) return s;
    }
    return w.flush();
}

}  // namespace

Result<DemoSummary> writeDemoData(Storage& storage, const Progress& progress) {
    DemoSummary summary;
    std::mt19937_64 rng(20261125);
    {
        Writer w(storage, progress, summary);
        if (Status s = writeDefault(w, rng); !s.ok()) return s;
    }
    if (Status s = storage.createColumnFamily("history"); !s.ok()) return s;
    auto history = storage.columnFamily("history");
    if (!history.ok()) return history.status();
    Writer w(*history.value(), progress, summary);
    if (Status s = writeHistory(w, rng); !s.ok()) return s;
    return summary;
}

}  // namespace meridian::storage
