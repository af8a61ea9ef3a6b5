#pragma once

#include "VerdictService.h"

#include <QString>

#include <vector>

namespace tb {

// Verdict edits accepted but not yet in the database (an import holds its write lock), kept on disk
// so that a crash or a closed window loses none: one JSON line per edit, synced before the edit is
// acknowledged, next to the workspace ("<workspace>-verdicts.journal"). Emptied once every edit is in
// the database; replayed, in order, by the next open when it was not.
class VerdictJournal final {
public:
    struct Edit {
        std::vector<VerdictChange> changes; // the `after` states are what the edit writes
        QString why;
    };

    explicit VerdictJournal(QString path);
    static QString pathFor(const QString &workspacePath);

    QString path() const { return m_path; }
    bool append(const Edit &edit, QString *error);
    bool clear(QString *error);
    // The edits in order. A last line torn by a crash is left out (its edit was never acknowledged).
    std::vector<Edit> read(QString *error) const;

private:
    QString m_path;
};

} // namespace tb
