#include "SigmaRule.h"

#include "FieldNormalizer.h"
#include "JsonText.h"
#include "NormalizedEvent.h"

namespace tb {

void SigmaRule::apply(NormalizedEvent &event, const QString &ruleSource) const {
    event.set(EventField::RuleName, title);
    event.set(EventField::RuleId, id);
    event.set(EventField::RuleRefId, id);
    event.set(EventField::SeverityRaw, level);
    event.set(EventField::Severity, normalize::severity(level));
    event.set(EventField::Mitre, mitre(tags));
    event.set(EventField::RuleSource, ruleSource);
}

QString SigmaRule::mitre(const QStringList &tags) {
    QStringList ids;
    for (const QString &tag : tags) {
        // attack.t1053 / attack.t1053.005; tactics (attack.persistence) and groups (attack.g0016) are not
        // techniques.
        if (!tag.startsWith(QLatin1String("attack.t"), Qt::CaseInsensitive) || tag.size() < 12 ||
            !tag[8].isDigit())
            continue;
        const QString id = tag.mid(7).toUpper();
        if (!ids.contains(id))
            ids << id;
    }
    if (ids.isEmpty())
        return {};
    QString out = QStringLiteral("[");
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i > 0)
            out += QLatin1Char(',');
        appendJsonString(out, ids[i]);
    }
    return out + QLatin1Char(']');
}

} // namespace tb
