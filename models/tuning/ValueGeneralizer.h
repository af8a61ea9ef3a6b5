#pragma once

#include "ingest/EventField.h"

#include <QList>
#include <QString>

namespace tb {

// One way to widen an event's value into a decision value.
struct Generalization {
    QString rules;       // which rules made it: "guid", "version+user_folder", …
    QString description; // for the analyst: "GUID → *"
    QString value;       // a whole-value glob of the condition language
};

// Safe generalizations for building a decision from an event value: the parts that vary per
// machine, user or release (GUIDs, user SIDs, long hexadecimal ids, version numbers, the user name
// in a Windows or Linux profile path) become '*', nothing else does. The rules are a table of
// patterns (ValueGeneralizer.cpp). Wildcards are never put right after a backslash (which would
// escape them): `C:\Users\alice\AppData` becomes `C:\Users*\AppData`.
class ValueGeneralizer final {
public:
    // The value as a literal of the condition language: its own '*' and '?' escaped.
    static QString literal(const QString &value);
    // Narrowest first: each rule that applies alone, then all of them together, then the broad
    // profile form (`*\AppData\…`). Empty when nothing applies or the field is not generalized
    // (hashes, addresses, users, hosts, rule fields).
    static QList<Generalization> generalize(EventField field, const QString &value);
    static bool generalizes(EventField field);
};

} // namespace tb
