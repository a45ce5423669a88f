// hold_db: a stand-in for "some other RocksDB program" in cross-process tests.
// Plain RocksDB, nothing of ours but the version shim that opens a database
// on every RocksDB release, so it behaves like any writer would.
//
//   hold_db <db-path>
//
// Opens the database read-write (creating it if missing) and prints
// "ready <pid>". Then reads commands from stdin, one per line:
//   put <key> <value>   writes, flushes the memtable (so a secondary
//                       instance sees it in an SST file), prints "ok"
//   get <key>           prints "value <value>" or "missing"
//   quit                closes the database and exits 0
// Closing stdin also closes the database and exits 0. When the open fails it
// prints "error <RocksDB status>" and exits 2. Every reply is flushed.
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <unistd.h>

#include <iostream>
#include <memory>
#include <sstream>

#include "storage/rocksdb/compat.h"
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: hold_db <db-path>\n";
        return 64;
    }
    rocksdb::Options options;
    options.create_if_missing = true;
    std::unique_ptr<rocksdb::DB> db;
    const rocksdb::Status opened = meridian::storage::detail::compat::open(options, argv[1], &db);
    if (!opened.ok()) {
        std::cout << "error " << opened.ToString() << std::endl;
        return 2;
    }
    std::cout << "ready " << ::getpid() << std::endl;

    std::string line;
    while (std::getline(std::cin, line)) {
        std::istringstream in(line);
        std::string command;
        in >> command;
        if (command == "quit") break;
        if (command == "put") {
            std::string key;
            std::string value;
            in >> key >> value;
            rocksdb::Status s = db->Put(rocksdb::WriteOptions(), key, value);
            if (s.ok()) s = db->Flush(rocksdb::FlushOptions());
            std::cout << (s.ok() ? std::string("ok") : "error " + s.ToString()) << std::endl;
        } else if (command == "get") {
            std::string key;
            std::string value;
            in >> key;
            const rocksdb::Status s = db->Get(rocksdb::ReadOptions(), key, &value);
            std::cout << (s.ok() ? "value " + value : s.IsNotFound() ? std::string("missing") : "error " + s.ToString())
                      << std::endl;
        } else {
            std::cout << "error unknown command '" << command << "'" << std::endl;
        }
    }
    const rocksdb::Status closed = db->Close();
    return closed.ok() ? 0 : 1;
}
