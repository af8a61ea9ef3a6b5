#include "EventHighlightTexts.h"

#include "EventDetail.h"
#include "store/Database.h"
#include "store/Statement.h"

#include <QJsonDocument>

namespace tb {

namespace {

EventHighlightTexts textsOf(qint64 eventId, const QString &commandLine, const QString &processImage,
                            const QString &processName, const QString &raw) {
    EventHighlightTexts texts;
    texts.eventId = eventId;
    texts.commandLine = commandLine;
    texts.commandLanguage =
        guessCommandLanguage(processImage.isEmpty() ? processName : processImage, commandLine);
    texts.raw = raw.trimmed();
    texts.rawIsXml = texts.raw.startsWith(QLatin1Char('<'));
    if (!texts.rawIsXml) {
        // One-line JSON records read better indented; the stored text stays verbatim.
        const QJsonDocument document = QJsonDocument::fromJson(texts.raw.toUtf8());
        if (!document.isNull())
            texts.raw = QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
    }
    return texts;
}

} // namespace

EventHighlightTexts EventHighlightTexts::of(const EventDetail &detail) {
    return textsOf(detail.id, detail.value(EventField::CommandLine), detail.value(EventField::ProcessImage),
                   detail.value(EventField::ProcessName), detail.raw);
}

QList<EventHighlightTexts> EventHighlightTexts::load(Database &db, const QList<qint64> &eventIds) {
    Statement query = db.prepare(
        QStringLiteral("SELECT command_line, process_image, process_name, raw FROM events WHERE id = ?1"));
    QList<EventHighlightTexts> all;
    for (qint64 id : eventIds) {
        query.reset();
        query.bind(1, id);
        if (query.step())
            all.append(textsOf(id, query.columnText(0), query.columnText(1), query.columnText(2),
                               query.columnText(3)));
    }
    return all;
}

} // namespace tb
