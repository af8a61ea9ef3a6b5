#pragma once

#include <QString>
#include <QStringList>

namespace tb {

struct NormalizedEvent;

// The rule half of a Sigma hit as offline hunters report it (Chainsaw, Zircolite; FORMATS.md §5.2,
// §5.3): they name the upstream Sigma rule, so its id is also the portable rule_ref_id.
struct SigmaRule {
    QString title;
    QString id;
    QString level; // critical | high | medium | low | info(rmational)
    QStringList tags;

    // rule_name, rule_id, rule_ref_id, severity(_raw), mitre and rule_source.
    void apply(NormalizedEvent &event, const QString &ruleSource) const;
    // ["attack.persistence", "attack.t1053.005"] → "[\"T1053.005\"]"; empty without technique tags.
    static QString mitre(const QStringList &tags);
};

} // namespace tb
