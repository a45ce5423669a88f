// Writes a small database the way a Node.js program using rocksdb-native
// (RocksDB 10.5.1, prebuilt) does, with that library's defaults (table
// format 6), and expected.jsonl: every key and value it must hold, computed
// from the writes below, not read back. See make-db.sh.
'use strict'
const fs = require('fs')
const path = require('path')
const RocksDB = require('rocksdb-native')

const out = process.argv[2]
if (!out) throw new Error('usage: node make-db.js <db-folder>')

const b = (x) => (Buffer.isBuffer(x) ? x : Buffer.from(x, 'utf8'))
const expected = { default: new Map(), events: new Map() }
const put = (w, cf, family, k, v) => {
  w.put(b(k), b(v))
  expected[family].set(b(k).toString('hex'), b(v).toString('hex'))
}
const del = (w, family, k) => {
  w.delete(b(k))
  expected[family].delete(b(k).toString('hex'))
}

async function main () {
  const db = new RocksDB(out, { columnFamilies: ['events'] })
  await db.ready()
  const events = db.columnFamily('events')

  // Flushed into SST files (table format 6).
  let w = db.write()
  put(w, null, 'default', 'hello', 'world')
  put(w, null, 'default', Buffer.from([0x00, 0x01, 0xff]), Buffer.from([0xde, 0xad, 0x00, 0xbe, 0xef]))
  put(w, null, 'default', 'empty', '')
  put(w, null, 'default', 'ключ', 'значение')
  for (let i = 0; i < 500; i++) {
    const id = String(i).padStart(4, '0')
    put(w, null, 'default', 'user:' + id, JSON.stringify({ id: i, name: 'user ' + i }))
  }
  const big = Buffer.alloc(40000)
  for (let i = 0; i < big.length; i++) big[i] = (i * 7) % 251
  put(w, null, 'default', 'big', big)
  put(w, null, 'default', 'deleted', 'soon gone')
  await w.flush()
  w.destroy()

  w = events.write()
  for (let i = 0; i < 100; i++) {
    const v = Buffer.alloc(8)
    v.writeBigUInt64BE(BigInt(1700000000000 + i * 1000))
    put(w, null, 'events', 'e:' + String(i).padStart(4, '0'), v)
  }
  await w.flush()
  w.destroy()
  await db.flush()
  await events.flush()

  // Only in the write-ahead log: a reader must replay it.
  w = db.write()
  put(w, null, 'default', 'hello', 'world, again')
  put(w, null, 'default', 'wal:only', 'not flushed')
  del(w, 'default', 'deleted')
  await w.flush()
  w.destroy()
  await events.close()
  await db.close()

  const lines = []
  for (const family of ['default', 'events']) {
    const keys = [...expected[family].keys()].sort((x, y) => Buffer.compare(Buffer.from(x, 'hex'), Buffer.from(y, 'hex')))
    for (const k of keys) lines.push(JSON.stringify({ cf: family, key_hex: k, value_hex: expected[family].get(k) }))
  }
  fs.writeFileSync(path.join(path.dirname(out), 'expected.jsonl'), lines.join('\n') + '\n')
}

main().catch((e) => { console.error(e); process.exit(1) })
