#pragma once

#include "Decision.h"

#include <QJsonObject>

namespace tb {

// A decision as one JSON object: the before/after of its audit rows and `tunebench-cli decisions
// --json`. Conditions are written as the keys and values of the condition language.
QJsonObject decisionToJson(const Decision &decision);

} // namespace tb
