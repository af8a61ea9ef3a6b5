#include "CsvReportExporter.h"

#include "ReportFields.h"

namespace tb {

QString CsvReportExporter::cell(const QString &text) {
    QString value = text;
    if (!value.isEmpty()) {
        const QChar first = value.front();
        if (first == QLatin1Char('=') || first == QLatin1Char('+') || first == QLatin1Char('-') ||
            first == QLatin1Char('@') || first == QLatin1Char('\t') || first == QLatin1Char('\r'))
            value.prepend(QLatin1Char('\''));
    }
    if (value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"')) ||
        value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r'))) {
        value.replace(QLatin1Char('"'), QLatin1String("\"\""));
        value = QLatin1Char('"') + value + QLatin1Char('"');
    }
    return value;
}

bool CsvReportExporter::write(const ExportInput &input, QIODevice &device) {
    const QStringList header{
        QStringLiteral("id"),         QStringLiteral("title"),      QStringLiteral("status"),
        QStringLiteral("action"),     QStringLiteral("export"),     QStringLiteral("impact"),
        QStringLiteral("note_id"),    QStringLiteral("note"),       QStringLiteral("rules"),
        QStringLiteral("hosts"),      QStringLiteral("condition"),  QStringLiteral("rationale"),
        QStringLiteral("author"),     QStringLiteral("created_at"), QStringLiteral("updated_at"),
        QStringLiteral("expires_at"), QStringLiteral("review_at")};
    QString text = QChar(0xFEFF) + header.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    for (const Decision &d : input.decisions) {
        const ReportFields f = ReportFields::of(d, input);
        const QStringList row{f.id,
                              f.title,
                              f.status,
                              f.action,
                              f.exportState,
                              f.impact,
                              f.noteId,
                              f.noteText,
                              f.rules.join(QStringLiteral("; ")),
                              f.hosts.join(QStringLiteral("; ")),
                              f.condition,
                              f.rationale,
                              f.author,
                              f.createdAt,
                              f.updatedAt,
                              f.expiresAt,
                              f.reviewAt};
        QStringList cells;
        for (const QString &value : row)
            cells << cell(value);
        text += cells.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    return writeAll(device, text);
}

} // namespace tb
