#pragma once

#include "EventReader.h"
#include "ImportIssue.h"
#include "NormalizedEvent.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <array>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace tb {

// Runs a reader (parse, normalize, hash) on a second thread while the importer inserts on the
// caller's thread, so an import uses both cores. Hands out batches through a small bounded queue:
// memory stays bounded whatever the file size.
class ReadAheadReader final {
public:
    // One event ready to insert: its text already UTF-8 (encoding is done here, on the reading
    // thread, because the inserting thread is the slower of the two).
    struct Item {
        qint64 recordNo = -1;
        QByteArray contentHash;
        std::array<QByteArray, eventFieldCount> fields; // null when the field is empty
        QByteArray raw;
        QByteArray rawFields;  // "{}" when the reader gave the same text as raw
        QByteArray sourceFile; // null: the batch's own file
    };
    struct Batch {
        std::vector<Item> events;
        QList<ImportIssue> skipped; // bad records met while reading this batch
        qint64 records = 0;         // records read, good and bad
        bool failed = false;        // the reader cannot go on; `failure` says why
        ImportIssue failure;
    };

    ReadAheadReader(EventReader &reader, QString formatId, QString fileName);
    ~ReadAheadReader();
    ReadAheadReader(const ReadAheadReader &) = delete;
    ReadAheadReader &operator=(const ReadAheadReader &) = delete;

    // Blocks until a batch is ready; false once every batch has been handed out.
    bool next(Batch &batch);
    // Stops the reading thread early (cancel, or the writer failed).
    void stop();

private:
    void run();
    void push(Batch &&batch);

    static constexpr size_t BatchSize = 1024;
    static constexpr size_t MaxQueued = 4;

    EventReader &m_reader;
    QString m_formatId;
    QString m_fileName;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<Batch> m_queue;
    bool m_done = false;
    std::atomic_bool m_stop{false};
    std::thread m_thread;
};

} // namespace tb
