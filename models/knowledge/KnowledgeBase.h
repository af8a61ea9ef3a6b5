#pragma once

#include "condition/Condition.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace tb {

class Database;

struct Theme {
    QString id;
    QString title;
    QString description;
};

// One LoFP note: the exact false-positive text of the seed corpus.
struct Note {
    QString id; // t1053-NN, the note's position in the seed
    QString text;
    QString theme;
    QStringList rules; // catalog rule ids
};

struct Rule {
    QString id;     // "<source>:<source rule id>"
    QString source; // sigma | splunk | elastic
    QString title;
    QString filterMacro; // Splunk ESCU only
    QStringList aliases;
    QStringList notes; // in the rule's own order
    QString path;      // the rule file in its repository (a Sigma rule's folder names its log source)
    // The rule's query over the normalized fields, where it can be written so: an event that no
    // catalogued rule with notes fired on (raw telemetry, another SIEM's rule) but that this query
    // matches takes this rule's notes as its prior.
    Condition detects;
};

// Legitimate software known to create scheduled tasks, cron files, timers or CronJobs.
struct SoftwareEntry {
    QString id;
    QString vendor;
    QString product;
    QString kind;
    QStringList taskNamePatterns;
    QStringList binaries;
    QStringList paths;
    QStringList parents;
    QStringList notes;
    QStringList serviceAccounts; // Kubernetes CI/GitOps tooling: globs for `user`
    QStringList userAgents;      // ...and for `user_agent`
};

// A named piece of evidence over the normalized fields, written as data in the condition language.
struct EvidencePredicate {
    enum class Kind { Support, Counter };
    QString id;
    Kind kind = Kind::Support;
    QString sentence; // with {field} placeholders
    int weight = 0;
    QStringList themes; // support only
    QString setting;    // the workspace setting it depends on, if any
    // Counter-evidence about the task itself (its action, command, name, trigger): it holds for
    // every alert about the same task, not only the one that shows it.
    bool taskScoped = false;
    // Predicates that observe one fact in different fields (a path in the schtasks command line and
    // in the task action) name it alike; the likelihood counts the fact once, at its heaviest.
    QString fact;
    // Support about who made the change (an administrator, a management host): a task seen on one
    // host only is what such an actor makes, so it is no counter-evidence then.
    bool explainsOneOff = false;
    Condition condition;
};

// The knowledge base of resources/knowledge/: themes, the 44 seed notes, the rule catalog, the
// software catalog and the evidence predicates. Loaded once; read-only afterwards.
class KnowledgeBase final {
public:
    // Loads the five YAML files from `dir` (":/knowledge" for the built-in copy).
    bool load(const QString &dir, QString *error);
    // The copy compiled into the program (resources/knowledge). Aborts loudly if it is broken:
    // the tests load it, so a broken one never ships.
    static const KnowledgeBase &builtIn();

    const QList<Theme> &themes() const { return m_themes; }
    const QList<Note> &notes() const { return m_notes; }
    const QList<Rule> &rules() const { return m_rules; }
    const QList<SoftwareEntry> &software() const { return m_software; }
    const QList<EvidencePredicate> &evidence() const { return m_evidence; }
    const Note *note(const QString &id) const;
    const Theme *theme(const QString &id) const;
    const Rule *rule(const QString &id) const;
    // The catalog rule an alert names, by id, title or alias, whatever the spelling's case.
    const Rule *resolveRule(const QString &ruleName, const QString &ruleRefId, const QString &ruleId) const;
    // A digest of the loaded files: stored explanations are stale when it changes.
    QString version() const { return m_version; }

    // Writes themes, notes, rules, aliases and note↔rule links into a workspace (replacing what is
    // there), inside the caller's transaction.
    void installInto(Database &db) const;

private:
    bool appendOtherActionsTwin(const QString &id, const QString &sentence, const QString &where,
                                QString *error);
    QList<Theme> m_themes;
    QList<Note> m_notes;
    QList<Rule> m_rules;
    QList<SoftwareEntry> m_software;
    QList<EvidencePredicate> m_evidence;
    QHash<QString, qsizetype> m_noteIndex, m_themeIndex, m_ruleIndex;
    QHash<QString, qsizetype> m_ruleByName; // lower-cased id, title and aliases
    QString m_version;
};

} // namespace tb
