#pragma once

#include "EventReader.h"

#include <QStringList>

#include <atomic>
#include <memory>

namespace tb {

class EvtxFileReader;

// The .evtx logs of a folder read one after the other as one batch (Importer::importFolder): each
// event names its own file (NormalizedEvent::sourceFile) and keeps its record number in that
// file; issues name the file too.
class EvtxFolderReader final : public EventReader {
public:
    EvtxFolderReader(QStringList paths, ReaderContext context);
    ~EvtxFolderReader() override;
    Status next(NormalizedEvent &event, ImportIssue &issue) override;

    // The .evtx logs directly in `dir` (any case of the extension), by name.
    static QStringList logsIn(const QString &dir);

    // Bytes of the logs read to their end so far, for progress (safe from any thread).
    qint64 bytesDone() const { return m_bytesDone; }

private:
    QStringList m_paths;
    ReaderContext m_context;
    qsizetype m_index = -1;
    QString m_fileName;
    std::unique_ptr<EvtxFileReader> m_reader;
    std::atomic<qint64> m_bytesDone{0};
};

} // namespace tb
