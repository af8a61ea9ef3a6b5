#pragma once

// Helpers shared by the reader tests: run a reader to its end, look a column up by name.

#include "ingest/EventReader.h"
#include "ingest/NormalizedEvent.h"

#include <QBuffer>
#include <QFile>
#include <QList>

#include <functional>
#include <memory>

namespace tb::testing {

struct ReadResult {
    QList<NormalizedEvent> events;
    QList<ImportIssue> issues; // skipped records, then the failure if there was one
    EventReader::Status last = EventReader::Status::End;
    bool opened = true;

    QString issueText(int i) const { return i < issues.size() ? issues[i].toString() : QString(); }
};

using ReaderFactory = std::function<std::unique_ptr<EventReader>(QIODevice *, ReaderContext)>;

inline ReadResult readAll(const ReaderFactory &make, QIODevice *device, ReaderContext context) {
    ReadResult result;
    std::unique_ptr<EventReader> reader = make(device, std::move(context));
    NormalizedEvent event;
    ImportIssue issue;
    for (;;) {
        const EventReader::Status status = reader->next(event, issue);
        if (status == EventReader::Status::Event)
            result.events << event;
        else if (status != EventReader::Status::End)
            result.issues << issue;
        if (status == EventReader::Status::End || status == EventReader::Status::Failed) {
            result.last = status;
            return result;
        }
    }
}

inline ReadResult readFile(const ReaderFactory &make, const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ReadResult failed;
        failed.opened = false;
        return failed;
    }
    return readAll(make, &file,
                   ReaderContext(path.section(QLatin1Char('/'), -1), TimeNormalizer(), {}, path));
}

inline ReadResult readBytes(const ReaderFactory &make, QByteArray bytes,
                            const QString &name = QStringLiteral("f")) {
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    return readAll(make, &buffer, ReaderContext(name));
}

template <typename Reader> ReaderFactory factory() {
    return [](QIODevice *device, ReaderContext context) -> std::unique_ptr<EventReader> {
        return std::make_unique<Reader>(device, std::move(context));
    };
}

inline QString value(const NormalizedEvent &event, const QString &column) {
    const auto field = eventFieldByColumn(column);
    return field ? event.value(*field) : QStringLiteral("<no such column %1>").arg(column);
}

inline QByteArray head(const QString &path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(64 * 1024) : QByteArray();
}

} // namespace tb::testing
