#include "GenericMappedReader.h"

#include "FieldNormalizer.h"
#include "JsonText.h"
#include "NormalizedEvent.h"

namespace tb {

GenericMappedReader::GenericMappedReader(QIODevice *device, ReaderContext context, MappingProfile profile)
    : m_context(std::move(context))
    , m_profile(std::move(profile)) {
    if (m_profile.framing == QLatin1String("json"))
        m_json = std::make_unique<JsonRecordSplitter>(device);
    else
        m_csv = std::make_unique<CsvRowReader>(device, m_profile.delimiter);
}

QString GenericMappedReader::source(const QString &column) const {
    if (m_json)
        return m_flat.value(column);
    const auto it = m_columns.constFind(column);
    return it == m_columns.cend() || *it >= m_row.size() ? QString() : m_row[*it];
}

EventReader::Status GenericMappedReader::readRecord(ImportIssue &issue) {
    if (m_json) {
        if (!m_json->next(m_unit)) {
            issue.problem = m_json->errorString();
            return m_json->errorString().isEmpty() ? Status::End : Status::Failed;
        }
        ++m_recordNo;
        issue.record = m_recordNo;
        issue.line = m_json->unitLine();
        QString error;
        if (!m_flattener.flatten(m_unit, m_flat, &error)) {
            issue.problem = QStringLiteral("not a valid JSON object: %1").arg(error);
            return Status::Skipped;
        }
        return Status::Event;
    }
    if (m_header.isEmpty()) {
        if (!m_csv->next(m_header)) {
            issue.problem = m_csv->errorString();
            return m_csv->errorString().isEmpty() ? Status::End : Status::Failed;
        }
        for (qsizetype i = 0; i < m_header.size(); ++i)
            m_columns.insert(m_header[i], i);
        for (const auto &[column, field] : m_profile.columns) {
            if (!m_columns.contains(column)) {
                issue.field = column;
                issue.problem =
                    QStringLiteral("the mapping \"%1\" names this column, but the file's header has no such "
                                   "column (header: %2)")
                        .arg(m_profile.name, m_header.join(QStringLiteral(", ")).left(300));
                return Status::Failed;
            }
        }
    }
    if (!m_csv->next(m_row)) {
        issue.problem = m_csv->errorString();
        issue.record = m_recordNo + 1;
        return m_csv->errorString().isEmpty() ? Status::End : Status::Failed;
    }
    ++m_recordNo;
    issue.record = m_recordNo;
    issue.line = m_csv->lineNumber();
    if (!m_csv->rowProblem().isEmpty()) {
        issue.problem = m_csv->rowProblem();
        return Status::Skipped;
    }
    if (m_row.size() > m_header.size()) {
        issue.problem = QStringLiteral("the row has %1 cells but the header has %2")
                            .arg(m_row.size())
                            .arg(m_header.size());
        return Status::Skipped;
    }
    return Status::Event;
}

EventReader::Status GenericMappedReader::next(NormalizedEvent &event, ImportIssue &issue) {
    issue.file = m_context.fileName;
    const Status status = readRecord(issue);
    if (status != Status::Event)
        return status;
    event.clear();
    event.recordNo = m_recordNo;
    if (m_json) {
        event.raw = QString::fromUtf8(m_unit);
        event.rawFields = m_flat.toJsonObject();
    } else {
        event.raw = csvRowToJsonObject(m_header, m_row);
        event.rawFields = event.raw;
    }
    for (const auto &[column, field] : m_profile.columns) {
        const QString problem = normalize::assign(event, field, source(column), m_context.times);
        if (!problem.isEmpty()) {
            issue.field = column;
            issue.problem = problem;
            return Status::Skipped;
        }
    }
    event.setIfEmpty(EventField::RuleName, m_profile.ruleName);
    event.setIfEmpty(EventField::RuleName, m_context.ruleName);
    event.setIfEmpty(EventField::RuleSource, QStringLiteral("raw"));
    normalize::finish(event);
    if (!m_profile.identity.isEmpty()) {
        QStringList parts;
        for (const QString &column : m_profile.identity)
            parts << source(column);
        event.identity = parts.join(QChar(0x1f));
    }
    return Status::Event;
}

} // namespace tb
