#include "VerdictJournal.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

#include <unistd.h>

namespace tb {

namespace {

QJsonObject toJson(const VerdictJournal::Edit &edit) {
    QJsonArray targets;
    for (const VerdictChange &change : edit.changes) {
        QJsonObject target{{QStringLiteral("event"), change.eventId}};
        if (change.after.verdict) {
            target.insert(QStringLiteral("verdict"), verdictName(*change.after.verdict));
            target.insert(QStringLiteral("note_id"), change.after.noteId);
            target.insert(QStringLiteral("comment"), change.after.comment);
        }
        targets.append(target);
    }
    return {{QStringLiteral("why"), edit.why}, {QStringLiteral("targets"), targets}};
}

std::optional<VerdictJournal::Edit> fromJson(const QByteArray &line) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    VerdictJournal::Edit edit;
    edit.why = document[QLatin1String("why")].toString();
    for (const QJsonValue &value : document[QLatin1String("targets")].toArray()) {
        VerdictChange change;
        change.eventId = value[QLatin1String("event")].toInteger();
        if (const QString name = value[QLatin1String("verdict")].toString(); !name.isEmpty()) {
            change.after.verdict = verdictFromName(name);
            if (!change.after.verdict)
                return std::nullopt;
            change.after.noteId = value[QLatin1String("note_id")].toString();
            change.after.comment = value[QLatin1String("comment")].toString();
        }
        edit.changes.push_back(std::move(change));
    }
    return edit;
}

} // namespace

VerdictJournal::VerdictJournal(QString path)
    : m_path(std::move(path)) {}

QString VerdictJournal::pathFor(const QString &workspacePath) {
    return workspacePath + QStringLiteral("-verdicts.journal");
}

bool VerdictJournal::append(const Edit &edit, QString *error) {
    QFile file(m_path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        *error = QStringLiteral("%1: %2").arg(m_path, file.errorString());
        return false;
    }
    const QByteArray line = QJsonDocument(toJson(edit)).toJson(QJsonDocument::Compact) + '\n';
    // Synced before the edit is acknowledged: the analyst's verdict survives a power cut.
    if (file.write(line) != line.size() || !file.flush() || ::fsync(file.handle()) != 0) {
        *error = QStringLiteral("%1: %2").arg(m_path, file.errorString());
        return false;
    }
    return true;
}

bool VerdictJournal::clear(QString *error) {
    if (!QFile::exists(m_path) || QFile::remove(m_path))
        return true;
    *error = QStringLiteral("%1: could not be removed").arg(m_path);
    return false;
}

std::vector<VerdictJournal::Edit> VerdictJournal::read(QString *error) const {
    std::vector<Edit> edits;
    QFile file(m_path);
    if (!file.exists())
        return edits;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(m_path, file.errorString());
        return edits;
    }
    int lineNo = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        ++lineNo;
        const bool complete = line.endsWith('\n');
        std::optional<Edit> edit = fromJson(line.trimmed());
        if (edit && complete) {
            edits.push_back(std::move(*edit));
        } else if (complete || !file.atEnd()) {
            *error = QStringLiteral("%1: line %2 is not a verdict edit").arg(m_path).arg(lineNo);
            return {};
        }
    }
    return edits;
}

} // namespace tb
