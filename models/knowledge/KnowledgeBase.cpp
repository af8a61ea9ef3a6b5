#include "KnowledgeBase.h"

#include "store/Database.h"
#include "store/Statement.h"

#include <QCryptographicHash>
#include <QFile>

#include <yaml-cpp/yaml.h>

void tunebenchInitKnowledgeResources();

namespace tb {

namespace {

QString text(const YAML::Node &node) {
    return node && node.IsScalar() ? QString::fromStdString(node.as<std::string>()) : QString();
}

QStringList list(const YAML::Node &node) {
    QStringList out;
    if (!node)
        return out;
    if (node.IsScalar())
        return {text(node)};
    for (const YAML::Node &item : node)
        out << text(item);
    return out;
}

bool parseCondition(const YAML::Node &node, QList<FieldPredicate> &into, const QString &where,
                    QString *error) {
    if (!node)
        return true;
    if (!node.IsMap()) {
        *error = QStringLiteral("%1: a condition must be a map of field|modifier: values").arg(where);
        return false;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
        QString why;
        if (!ConditionParser::addPredicate(text(it->first), list(it->second), into, &why)) {
            *error = QStringLiteral("%1: %2").arg(where, why);
            return false;
        }
    }
    return true;
}

} // namespace

bool KnowledgeBase::load(const QString &dir, QString *error) {
    *this = KnowledgeBase();
    QCryptographicHash digest(QCryptographicHash::Sha256);
    auto read = [&](const char *name, YAML::Node &root) {
        const QString path = dir + QLatin1Char('/') + QLatin1String(name);
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
            return false;
        }
        const QByteArray bytes = file.readAll();
        digest.addData(bytes);
        try {
            root = YAML::Load(bytes.toStdString());
        } catch (const YAML::Exception &e) {
            *error = QStringLiteral("%1: line %2: %3")
                         .arg(path)
                         .arg(e.mark.line + 1)
                         .arg(QString::fromStdString(e.msg));
            return false;
        }
        return true;
    };
    YAML::Node themes, notes, rules, software, evidence;
    if (!read("themes.yaml", themes) || !read("notes.yaml", notes) || !read("rules.yaml", rules) ||
        !read("software.yaml", software) || !read("evidence.yaml", evidence))
        return false;
    try {
        for (const YAML::Node &n : themes["themes"]) {
            m_themeIndex.insert(text(n["id"]), m_themes.size());
            m_themes.append({text(n["id"]), text(n["title"]), text(n["description"])});
        }
        for (const YAML::Node &n : notes["notes"]) {
            Note note{text(n["id"]), text(n["text"]), text(n["theme"]), list(n["rules"])};
            if (!m_themeIndex.contains(note.theme)) {
                *error = QStringLiteral("notes.yaml: %1: unknown theme \"%2\"").arg(note.id, note.theme);
                return false;
            }
            m_noteIndex.insert(note.id, m_notes.size());
            m_notes.append(note);
        }
        for (const YAML::Node &n : rules["rules"]) {
            Rule rule{text(n["id"]),      text(n["source"]), text(n["title"]), text(n["filter_macro"]),
                      list(n["aliases"]), list(n["notes"]),  text(n["path"]),  {}};
            if (const YAML::Node detects = n["detects"]) {
                const QString where = QStringLiteral("rules.yaml: %1: detects").arg(rule.id);
                if (!parseCondition(detects["condition"], rule.detects.match, where, error) ||
                    !parseCondition(detects["filter"], rule.detects.filter,
                                    where + QStringLiteral(" (filter)"), error))
                    return false;
            }
            for (const QString &noteId : rule.notes) {
                if (!m_noteIndex.contains(noteId)) {
                    *error = QStringLiteral("rules.yaml: %1: unknown note \"%2\"").arg(rule.id, noteId);
                    return false;
                }
            }
            const qsizetype index = m_rules.size();
            m_ruleIndex.insert(rule.id, index);
            QStringList names = rule.aliases;
            names << rule.id << rule.id.section(QLatin1Char(':'), 1) << rule.title;
            if (!rule.filterMacro.isEmpty())
                names << rule.filterMacro;
            for (const QString &name : names) {
                // The first rule to claim a spelling keeps it; titles are unique in practice.
                if (!name.isEmpty() && !m_ruleByName.contains(name.toLower()))
                    m_ruleByName.insert(name.toLower(), index);
            }
            m_rules.append(rule);
        }
        for (const YAML::Node &n : software["software"]) {
            m_software.append({text(n["id"]), text(n["vendor"]), text(n["product"]), text(n["kind"]),
                               list(n["task_name_patterns"]), list(n["binaries"]), list(n["paths"]),
                               list(n["parents"]), list(n["notes"]), list(n["service_accounts"]),
                               list(n["user_agents"])});
        }
        for (const YAML::Node &n : evidence["evidence"]) {
            EvidencePredicate p;
            p.id = text(n["id"]);
            p.kind = text(n["kind"]) == QLatin1String("counter") ? EvidencePredicate::Kind::Counter
                                                                 : EvidencePredicate::Kind::Support;
            p.sentence = text(n["sentence"]);
            p.weight = n["weight"] ? n["weight"].as<int>() : 0;
            p.themes = list(n["themes"]);
            p.setting = text(n["settings"]);
            p.taskScoped = text(n["scope"]) == QLatin1String("task");
            p.fact = text(n["fact"]);
            p.explainsOneOff = text(n["explains_one_off"]) == QLatin1String("true");
            const QString where = QStringLiteral("evidence.yaml: %1").arg(p.id);
            if (!parseCondition(n["condition"], p.condition.match, where, error) ||
                !parseCondition(n["filter"], p.condition.filter, where + QStringLiteral(" (filter)"), error))
                return false;
            for (const QString &theme : p.themes) {
                if (!m_themeIndex.contains(theme)) {
                    *error = QStringLiteral("%1: unknown theme \"%2\"").arg(where, theme);
                    return false;
                }
            }
            m_evidence.append(p);
            if (const YAML::Node twin = n["other_actions"]) {
                if (!appendOtherActionsTwin(text(twin["id"]), text(twin["sentence"]), where, error))
                    return false;
            }
        }
    } catch (const YAML::Exception &e) {
        *error = QStringLiteral("%1: %2").arg(dir, QString::fromStdString(e.msg));
        return false;
    }
    m_version = QString::fromLatin1(digest.result().toHex().left(16));
    return true;
}

// The same check on the task's other actions: an attacker appends an action to a task whose first one
// is benign. Both observe one fact, so an event counts it once.
bool KnowledgeBase::appendOtherActionsTwin(const QString &id, const QString &sentence, const QString &where,
                                           QString *error) {
    EvidencePredicate &original = m_evidence.last();
    if (id.isEmpty() || sentence.isEmpty() || original.kind != EvidencePredicate::Kind::Counter) {
        *error =
            QStringLiteral("%1: other_actions needs an id and a sentence, on counter-evidence").arg(where);
        return false;
    }
    if (original.fact.isEmpty())
        original.fact = original.id;
    EvidencePredicate twin = original;
    twin.id = id;
    twin.sentence = sentence;
    bool readsTheAction = false;
    for (QList<FieldPredicate> *part : {&twin.condition.match, &twin.condition.filter}) {
        for (FieldPredicate &predicate : *part) {
            if (predicate.field == EventField::TaskAction) {
                predicate.field = EventField::TaskOtherActions;
                readsTheAction = true;
            }
        }
    }
    if (!readsTheAction) {
        *error = QStringLiteral("%1: other_actions on a condition without task_action").arg(where);
        return false;
    }
    m_evidence.append(twin);
    return true;
}

const KnowledgeBase &KnowledgeBase::builtIn() {
    static const KnowledgeBase kb = [] {
        tunebenchInitKnowledgeResources();
        KnowledgeBase loaded;
        QString error;
        if (!loaded.load(QStringLiteral(":/knowledge"), &error))
            qFatal("the built-in knowledge base is broken: %s", qPrintable(error));
        return loaded;
    }();
    return kb;
}

const Note *KnowledgeBase::note(const QString &id) const {
    const auto it = m_noteIndex.constFind(id);
    return it == m_noteIndex.cend() ? nullptr : &m_notes[*it];
}

const Theme *KnowledgeBase::theme(const QString &id) const {
    const auto it = m_themeIndex.constFind(id);
    return it == m_themeIndex.cend() ? nullptr : &m_themes[*it];
}

const Rule *KnowledgeBase::rule(const QString &id) const {
    const auto it = m_ruleIndex.constFind(id);
    return it == m_ruleIndex.cend() ? nullptr : &m_rules[*it];
}

const Rule *KnowledgeBase::resolveRule(const QString &ruleName, const QString &ruleRefId,
                                       const QString &ruleId) const {
    for (const QString &candidate : {ruleRefId, ruleId, ruleName}) {
        if (candidate.isEmpty())
            continue;
        const auto it = m_ruleByName.constFind(candidate.toLower());
        if (it != m_ruleByName.cend())
            return &m_rules[*it];
    }
    return nullptr;
}

void KnowledgeBase::installInto(Database &db) const {
    // Themes and notes are updated in place, not deleted: verdicts and decisions refer to notes.
    db.exec(QStringLiteral("DELETE FROM note_rules; DELETE FROM rule_aliases; DELETE FROM rules; "
                           "DELETE FROM event_assessments; DELETE FROM explanation_set_notes; "
                           "DELETE FROM explanation_sets;"));
    Statement theme = db.prepare(QStringLiteral(
        "INSERT INTO themes (id, title, description) VALUES (?1, ?2, ?3) ON CONFLICT(id) DO UPDATE SET "
        "title = excluded.title, description = excluded.description"));
    for (const Theme &t : m_themes) {
        theme.bind(1, t.id);
        theme.bind(2, t.title);
        theme.bind(3, t.description);
        theme.step();
        theme.reset();
    }
    Statement note = db.prepare(QStringLiteral(
        "INSERT INTO notes (id, text, theme_id) VALUES (?1, ?2, ?3) ON CONFLICT(id) DO UPDATE SET "
        "text = excluded.text, theme_id = excluded.theme_id"));
    for (const Note &n : m_notes) {
        note.bind(1, n.id);
        note.bind(2, n.text);
        note.bind(3, n.theme);
        note.step();
        note.reset();
    }
    Statement rule = db.prepare(
        QStringLiteral("INSERT INTO rules (id, source, title, filter_macro) VALUES (?1, ?2, ?3, ?4)"));
    Statement alias =
        db.prepare(QStringLiteral("INSERT OR IGNORE INTO rule_aliases (alias, rule_id) VALUES (?1, ?2)"));
    Statement link = db.prepare(
        QStringLiteral("INSERT OR IGNORE INTO note_rules (note_id, rule_id, position) VALUES (?1, ?2, ?3)"));
    for (const Rule &r : m_rules) {
        rule.bind(1, r.id);
        rule.bind(2, r.source);
        rule.bind(3, r.title);
        rule.bind(4, r.filterMacro.isEmpty() ? QString() : r.filterMacro);
        rule.step();
        rule.reset();
        for (const QString &a : r.aliases) {
            alias.bind(1, a);
            alias.bind(2, r.id);
            alias.step();
            alias.reset();
        }
        for (qsizetype i = 0; i < r.notes.size(); ++i) {
            link.bind(1, r.notes[i]);
            link.bind(2, r.id);
            link.bind(3, qint64(i));
            link.step();
            link.reset();
        }
    }
}

} // namespace tb
