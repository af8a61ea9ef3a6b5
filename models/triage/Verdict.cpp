#include "Verdict.h"

#include <QCoreApplication>

namespace tb {

QString verdictName(Verdict verdict) {
    switch (verdict) {
    case Verdict::TruePositive:
        return QStringLiteral("true_positive");
    case Verdict::BenignTruePositive:
        return QStringLiteral("benign_true_positive");
    case Verdict::FalsePositive:
        return QStringLiteral("false_positive");
    case Verdict::NeedsEscalation:
        break;
    }
    return QStringLiteral("needs_escalation");
}

std::optional<Verdict> verdictFromName(const QString &name) {
    for (Verdict verdict : allVerdicts) {
        if (verdictName(verdict) == name)
            return verdict;
    }
    return std::nullopt;
}

QString verdictTitle(Verdict verdict) {
    switch (verdict) {
    case Verdict::TruePositive:
        return QCoreApplication::translate("tb::Verdict", "True positive");
    case Verdict::BenignTruePositive:
        return QCoreApplication::translate("tb::Verdict", "Benign true positive");
    case Verdict::FalsePositive:
        return QCoreApplication::translate("tb::Verdict", "False positive");
    case Verdict::NeedsEscalation:
        break;
    }
    return QCoreApplication::translate("tb::Verdict", "Needs escalation");
}

} // namespace tb
