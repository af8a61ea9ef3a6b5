#include "EvtxFolderReader.h"

#include "EvtxFileReader.h"
#include "NormalizedEvent.h"

#include <QDir>
#include <QFileInfo>

namespace tb {

EvtxFolderReader::EvtxFolderReader(QStringList paths, ReaderContext context)
    : m_paths(std::move(paths))
    , m_context(std::move(context)) {}

EvtxFolderReader::~EvtxFolderReader() = default;

QStringList EvtxFolderReader::logsIn(const QString &dir) {
    QStringList paths;
    // QDir matches name filters case-insensitively unless told otherwise: Security.EVTX counts too.
    for (const QFileInfo &log :
         QDir(dir).entryInfoList({QStringLiteral("*.evtx")}, QDir::Files, QDir::Name | QDir::IgnoreCase))
        paths << log.absoluteFilePath();
    return paths;
}

EventReader::Status EvtxFolderReader::next(NormalizedEvent &event, ImportIssue &issue) {
    for (;;) {
        if (!m_reader) {
            if (m_index >= 0)
                m_bytesDone += QFileInfo(m_paths[m_index]).size();
            if (++m_index >= m_paths.size())
                return Status::End;
            const QFileInfo file(m_paths[m_index]);
            m_fileName = file.fileName();
            // libevtx opens the path itself: no device.
            m_reader = std::make_unique<EvtxFileReader>(
                nullptr,
                ReaderContext(m_fileName, m_context.times, m_context.ruleName, file.absoluteFilePath()));
        }
        const Status status = m_reader->next(event, issue);
        if (status == Status::End) {
            m_reader.reset();
            continue;
        }
        if (status == Status::Event)
            event.sourceFile = m_fileName;
        return status;
    }
}

} // namespace tb
