#include "ReadAheadReader.h"

#include "HashingReader.h"

namespace tb {

ReadAheadReader::ReadAheadReader(EventReader &reader, QString formatId, QString fileName)
    : m_reader(reader)
    , m_formatId(std::move(formatId))
    , m_fileName(std::move(fileName)) {
    m_thread = std::thread([this] { run(); });
}

ReadAheadReader::~ReadAheadReader() {
    stop();
    m_thread.join();
}

void ReadAheadReader::stop() {
    m_stop = true;
    m_changed.notify_all();
}

void ReadAheadReader::push(Batch &&batch) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_queue.size() < MaxQueued || m_stop; });
    m_queue.push_back(std::move(batch));
    m_changed.notify_all();
}

void ReadAheadReader::run() {
    Batch batch;
    batch.events.reserve(BatchSize);
    NormalizedEvent event;
    ImportIssue issue;
    while (!m_stop) {
        issue = ImportIssue();
        issue.file = m_fileName;
        const EventReader::Status status = m_reader.next(event, issue);
        if (status == EventReader::Status::End)
            break;
        if (status == EventReader::Status::Failed) {
            batch.failed = true;
            batch.failure = issue;
            break;
        }
        ++batch.records;
        if (status == EventReader::Status::Skipped) {
            batch.skipped.append(issue);
        } else {
            Item item;
            item.recordNo = event.recordNo;
            item.contentHash =
                contentHash(m_formatId, event.identity.isEmpty() ? event.raw : event.identity).toLatin1();
            for (int f = 0; f < eventFieldCount; ++f) {
                if (!event.fields[size_t(f)].isEmpty())
                    item.fields[size_t(f)] = event.fields[size_t(f)].toUtf8();
            }
            item.raw = event.raw.toUtf8();
            if (!event.sourceFile.isEmpty())
                item.sourceFile = event.sourceFile.toUtf8();
            // CSV readers hand the same text as raw and raw_fields: store it once.
            const bool sameAsRaw = event.rawFields.isEmpty() || event.rawFields.isSharedWith(event.raw);
            item.rawFields = sameAsRaw ? QByteArrayLiteral("{}") : event.rawFields.toUtf8();
            batch.events.push_back(std::move(item));
        }
        if (batch.events.size() >= BatchSize || batch.skipped.size() > 0) {
            push(std::move(batch));
            batch = Batch();
            batch.events.reserve(BatchSize);
        }
    }
    if (batch.records > 0 || batch.failed)
        push(std::move(batch));
    std::lock_guard lock(m_mutex);
    m_done = true;
    m_changed.notify_all();
}

bool ReadAheadReader::next(Batch &batch) {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_queue.empty() || m_done; });
    if (m_queue.empty())
        return false;
    batch = std::move(m_queue.front());
    m_queue.pop_front();
    m_changed.notify_all();
    return true;
}

} // namespace tb
