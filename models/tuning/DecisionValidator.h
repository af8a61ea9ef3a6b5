#pragma once

#include "Decision.h"

#include <QDate>
#include <QString>

namespace tb {

class KnowledgeBase;

// Checks a decision before it is stored: a condition that can be evaluated, a known note, known
// catalog rules, no date in the past. The first problem comes back in words an analyst can act on.
class DecisionValidator final {
public:
    explicit DecisionValidator(const KnowledgeBase &kb);
    // Empty when the decision may be stored; `today` is the UTC date the dates are checked against.
    QString problem(const Decision &decision, const QDate &today) const;

private:
    const KnowledgeBase &m_kb;
};

} // namespace tb
