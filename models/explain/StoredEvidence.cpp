#include "StoredEvidence.h"

#include "ExplanationEngine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tb {

QList<StoredEvidence> StoredEvidence::read(const QString &json, const KnowledgeBase &kb,
                                           const NormalizedEvent &event) {
    QList<StoredEvidence> hits;
    for (const QJsonValue &v : QJsonDocument::fromJson(json.toUtf8()).array()) {
        const QJsonObject o = v.toObject();
        StoredEvidence hit{o.value(QStringLiteral("id")).toString(),
                           o.value(QStringLiteral("points")).toInt(),
                           o.value(QStringLiteral("sentence")).toString()};
        if (!o.contains(QStringLiteral("sentence")))
            hit.sentence =
                ExplanationEngine::sentence(kb, hit.id, event, o.value(QStringLiteral("hosts")).toInt());
        hits.append(hit);
    }
    return hits;
}

} // namespace tb
