// browse_bench's figures, each measured on the real MainWindow (Bench) beside
// raw RocksDB doing the same work, and printed (see browse_bench.cpp).
//
// Figures:
//  1. open -> first page in the model (MainWindow::openDatabase ->
//     KeyListModel::firstPageLoaded) vs DB::Open + an iterator reading the
//     same page; read-write first open (as double-clicking does when the lock
//     is free; RocksDB replays the WAL db_bench left and flushes it),
//     read-write reopen (WAL already flushed) and read-only.
//  2. prefix change -> first page (several prefixes, median) vs Seek + page.
//  3. exact count throughput (KeyBrowser::countKeys) vs an iterator loop.
//  4. longest gap between 5 ms timer ticks on the UI thread while 3 runs.
//  5. memory after paging 1M rows into the KeyListModel (fetchMore), and
//     beside it how long that paging took and the UI thread's longest stall.
// Timings also show the process CPU time where it helps to see through the
// noise of other programs.
#pragma once

#include <rocksdb/db.h>

#include "browse_bench_support.h"
#include "browse_bench_window.h"

namespace meridian::bench {

// 1. On both databases, in working copies under scratch (removed afterwards).
void openFigures(Bench& bench, const Database& small, const Database& big, const fs::path& scratch);

// 2-5 on big, open read-only in bench, with raw a read-only instance of it.
void prefixFigure(Bench& bench, rocksdb::DB* raw, const Database& big);
void countFigures(Bench& bench, rocksdb::DB* raw, const Database& big);  // 3 and 4
void memoryFigures(Bench& bench, rocksdb::DB* raw, const Database& big);

}  // namespace meridian::bench
