#include "MdeAdvancedHuntingReader.h"

#include "DefenderHuntingRow.h"
#include "FormatRegistry.h"
#include "JsonMemberArraySplitter.h"
#include "NormalizedEvent.h"

#include <QRegularExpression>

namespace tb {

struct MdeAdvancedHuntingReader::Impl {
    Impl(QIODevice *device, ReaderContext ctx)
        : rows(device, {QStringLiteral("Results"), QStringLiteral("results")})
        , context(std::move(ctx)) {}

    JsonMemberArraySplitter rows;
    ReaderContext context;
    JsonFlattener flattener;
    DefenderHuntingRow mapper;
};

MdeAdvancedHuntingReader::MdeAdvancedHuntingReader(QIODevice *device, ReaderContext context)
    : d(std::make_unique<Impl>(device, std::move(context))) {}

MdeAdvancedHuntingReader::~MdeAdvancedHuntingReader() = default;

bool MdeAdvancedHuntingReader::matches(const FileHead &head) {
    const FlatJson &j = head.firstJson;
    if (head.isJson() && !head.jsonTopLevelArray &&
        ((j.contains(QStringLiteral("Schema")) && j.contains(QStringLiteral("Results"))) ||
         (j.contains(QStringLiteral("schema")) && j.contains(QStringLiteral("results")))))
        return true;
    // A response larger than the head: the Schema array comes first and is small.
    if (!head.firstNonBlank.startsWith(QLatin1Char('{')) || head.isJson())
        return false;
    static const QRegularExpression start(QStringLiteral(
        "^\\s*\\{\\s*\"(Schema|schema)\"\\s*:\\s*\\[[^\\]]*\\]\\s*,\\s*\"(Results|results)\"\\s*:"));
    return start.match(QString::fromUtf8(head.bytes.left(16 * 1024))).hasMatch();
}

EventReader::Status MdeAdvancedHuntingReader::next(NormalizedEvent &event, ImportIssue &issue) {
    issue = ImportIssue();
    issue.file = d->context.fileName;
    QByteArray unit;
    if (!d->rows.next(unit)) {
        if (d->rows.errorString().isEmpty())
            return Status::End;
        issue.record = d->rows.unitIndex() + 1;
        issue.problem = d->rows.errorString();
        return Status::Failed;
    }
    event.clear();
    event.recordNo = d->rows.unitIndex();
    issue.record = event.recordNo;
    issue.line = d->rows.unitLine();
    if (d->rows.memberName().isEmpty()) {
        issue.problem = QStringLiteral("the response has no Results array");
        return Status::Skipped;
    }
    FlatJson row;
    QString error;
    if (!d->flattener.flatten(unit, row, &error)) {
        issue.problem = QStringLiteral("the row is not valid JSON: %1").arg(error);
        return Status::Skipped;
    }
    event.raw = QString::fromUtf8(unit);
    FlatJson rawFields = row;
    if (!d->mapper.apply(row, event, d->context, issue, &rawFields))
        return Status::Skipped;
    event.rawFields = rawFields.toJsonObject();
    return Status::Event;
}

} // namespace tb
