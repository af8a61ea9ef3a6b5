#include "MappingProfile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace tb {

bool MappingProfile::load(const QString &path, MappingProfile &profile, QString *error) {
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, why);
        return false;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot open: %1").arg(file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not valid JSON at offset %1: %2")
                        .arg(parseError.offset)
                        .arg(parseError.errorString()));
    const QJsonObject root = document.object();
    profile = MappingProfile();
    profile.name = root.value(QStringLiteral("name")).toString();
    profile.framing = root.value(QStringLiteral("framing")).toString(QStringLiteral("csv"));
    if (profile.framing != QLatin1String("csv") && profile.framing != QLatin1String("json"))
        return fail(QStringLiteral("framing: \"%1\" is neither \"csv\" nor \"json\"").arg(profile.framing));
    const QString delimiter = root.value(QStringLiteral("delimiter")).toString(QStringLiteral(","));
    if (delimiter == QLatin1String("\\t"))
        profile.delimiter = '\t';
    else if (delimiter.size() == 1 && delimiter[0].unicode() < 128)
        profile.delimiter = char(delimiter[0].unicode());
    else
        return fail(QStringLiteral("delimiter: \"%1\" is not one ASCII character").arg(delimiter));
    profile.ruleName = root.value(QStringLiteral("rule_name")).toString();
    for (const QJsonValue &column : root.value(QStringLiteral("identity")).toArray())
        profile.identity << column.toString();
    const QJsonObject columns = root.value(QStringLiteral("columns")).toObject();
    if (columns.isEmpty())
        return fail(QStringLiteral("columns: the mapping maps no column"));
    for (auto it = columns.begin(); it != columns.end(); ++it) {
        const QString target = it.value().toString();
        const auto field = eventFieldByColumn(target);
        if (!field) {
            QStringList known;
            for (const EventFieldInfo &info : eventFields())
                known << QLatin1String(info.column);
            return fail(QStringLiteral("columns: \"%1\" maps to \"%2\", which is not a field; fields: %3")
                            .arg(it.key(), target, known.join(QStringLiteral(", "))));
        }
        profile.columns.append({it.key(), *field});
    }
    return true;
}

bool MappingProfile::save(const QString &path, QString *error) const {
    QJsonObject columnObject;
    for (const auto &[source, field] : columns)
        columnObject.insert(source, eventFieldColumn(field));
    QJsonObject root{{QStringLiteral("name"), name},
                     {QStringLiteral("framing"), framing},
                     {QStringLiteral("delimiter"),
                      delimiter == '\t' ? QStringLiteral("\\t") : QString(QLatin1Char(delimiter))},
                     {QStringLiteral("columns"), columnObject}};
    if (!ruleName.isEmpty())
        root.insert(QStringLiteral("rule_name"), ruleName);
    if (!identity.isEmpty())
        root.insert(QStringLiteral("identity"), QJsonArray::fromStringList(identity));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit()) {
        if (error)
            *error = QStringLiteral("%1: cannot save: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace tb
