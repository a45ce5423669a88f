// The keyspace report (storage/keyspace.h) worked out by brute force from
// every entry: each group summed in a map, all of them sorted, the rest
// merged; every value sorted by size. The storage code keeps bounded heaps
// over one scan instead, so the two agree only when both are right.
// describe() renders a report as lines for QCOMPARE (bytes as hex).
#pragma once

#include <QString>
#include <QStringList>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "storage/keyspace.h"
#include "tests/support/conversions.h"

namespace meridian::test {

inline storage::KeyspaceReport modelKeyspace(const std::vector<storage::Entry>& all, const std::string& parent,
                                             char delimiter, std::size_t maxGroups, std::size_t topValues) {
    storage::KeyspaceReport r;
    r.parent = parent;
    r.delimiter = delimiter;
    r.exact = true;
    std::map<std::string, storage::KeyspaceGroup> groups;
    std::vector<storage::LargestValue> values;
    for (const auto& e : all) {
        if (!e.key.starts_with(parent)) continue;
        const std::uint64_t size = e.key.size() + e.value.size();
        const auto cut = e.key.find(delimiter, parent.size());
        storage::KeyspaceGroup& g = cut == std::string::npos ? r.loose : groups[e.key.substr(0, cut + 1)];
        if (cut != std::string::npos) {
            g.prefix = e.key.substr(0, cut + 1);
            g.segment = g.prefix.substr(parent.size());
        }
        ++g.keys;
        g.bytes += size;
        values.push_back({e.key, e.value.size()});
        ++r.totalKeys;
        r.totalBytes += size;
    }
    std::vector<storage::KeyspaceGroup> sorted;
    for (auto& [prefix, g] : groups) sorted.push_back(g);
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.bytes > b.bytes; });
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        if (i < maxGroups) {
            r.groups.push_back(sorted[i]);
            continue;
        }
        r.others.keys += sorted[i].keys;
        r.others.bytes += sorted[i].bytes;
        ++r.otherGroups;
    }
    std::stable_sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.size > b.size; });
    values.resize(std::min(values.size(), topValues));
    r.largest = values;
    return r;
}

inline QString hexOf(const std::string& s) { return QString::fromLatin1(bytes(s).toHex()); }

inline QStringList describe(const storage::KeyspaceReport& r) {
    QStringList lines;
    lines << QStringLiteral("parent %1 delimiter %2 %3 %4")
                 .arg(hexOf(r.parent), hexOf(std::string(1, r.delimiter)), r.exact ? "exact" : "estimated",
                      r.known ? "known" : "unknown");
    auto counts = [](const storage::KeyspaceGroup& g) { return QStringLiteral("keys %1 bytes %2").arg(g.keys).arg(g.bytes); };
    for (const auto& g : r.groups)
        lines << QStringLiteral("group %1 (prefix %2) %3").arg(hexOf(g.segment), hexOf(g.prefix), counts(g));
    lines << QStringLiteral("loose %1 '%2' '%3'").arg(counts(r.loose), hexOf(r.loose.segment), hexOf(r.loose.prefix));
    lines << QStringLiteral("others %1 groups %2 '%3' '%4'")
                 .arg(counts(r.others))
                 .arg(r.otherGroups)
                 .arg(hexOf(r.others.segment), hexOf(r.others.prefix));
    lines << QStringLiteral("total keys %1 bytes %2").arg(r.totalKeys).arg(r.totalBytes);
    for (const auto& v : r.largest) lines << QStringLiteral("largest %1 size %2").arg(hexOf(v.key)).arg(v.size);
    return lines;
}

}  // namespace meridian::test
