#include "DecisionDraft.h"

#include "ingest/NormalizedEvent.h"
#include "knowledge/KnowledgeBase.h"

#include <array>

namespace tb {

namespace {

using F = EventField;

// A field a theme proposes; the alternative is used when the event lacks the first (Linux and
// detail-poor exports carry a name but no image path, a command line but no parsed action).
struct ThemeField {
    const char *theme;
    F field;
    F alternative;
    const char *why;
};

constexpr ThemeField themeTable[] = {
    {"software_installation", F::ParentImage, F::ParentName, "the installer that created the task"},
    {"software_installation", F::TaskName, F::Count, "the task the installer registers"},
    {"appdata_updater", F::TaskAction, F::CommandLine,
     "the updater the task runs, per-user parts generalized"},
    {"appdata_updater", F::TaskName, F::Count, "the vendor's task name"},
    {"random_task_name", F::TaskAction, F::CommandLine, "what the randomly named task runs"},
    {"random_task_name", F::ParentImage, F::ParentName, "the application that registers it"},
    {"system_task_by_application", F::ParentImage, F::ParentName,
     "the application that creates the SYSTEM task"},
    {"system_task_by_application", F::TaskAction, F::CommandLine, "what the task runs"},
    {"shell_spawning_task", F::TaskAction, F::CommandLine, "the shell command the task runs"},
    {"shell_spawning_task", F::ParentImage, F::ParentName, "the application that registers it"},
    {"trusted_lolbin_task", F::TaskName, F::Count, "the trusted task"},
    {"trusted_lolbin_task", F::TaskAction, F::CommandLine, "the binary and arguments it runs"},
    {"logon_process", F::TaskAction, F::CommandLine, "the program started at logon"},
    {"logon_process", F::TaskName, F::Count, "its task"},
    {"admin_automation", F::User, F::Count, "the administrator or service account"},
    {"admin_automation", F::TaskName, F::CommandLine, "the automation task"},
    {"remote_admin_task", F::User, F::Count, "the administrator who manages tasks remotely"},
    {"remote_admin_task", F::SourceIp, F::Host, "the management host the operation comes from"},
    {"linux_admin", F::ProcessImage, F::ProcessName, "the tool that writes the cron or systemd file"},
    {"linux_admin", F::TargetPath, F::CommandLine, "the file or command it manages"},
    {"kubernetes_cronjob", F::User, F::Count, "the deploying service account"},
    {"kubernetes_cronjob", F::K8sNamespace, F::Count, "the namespace it deploys to"},
    {"gpo_localhost", F::SourceIp, F::Count, "the address of the GPO edit (localhost when benign)"},
    {"gpo_localhost", F::TargetPath, F::Count, "the ScheduledTasks.xml it writes"},
    {"generic", F::TaskName, F::CommandLine, "the task"},
    {"generic", F::TaskAction, F::Count, "what it runs"},
    // "unlikely" proposes nothing: its rules' authors expect no false positives.
};

// Fields an analyst may tick besides the proposed ones (identity, time and rule fields are not
// conditions: the scope names the rule).
constexpr std::array otherFields{F::Host,        F::User,         F::ProcessImage, F::ProcessName,
                                 F::CommandLine, F::ParentImage,  F::ParentName,   F::ParentCommandLine,
                                 F::TaskName,    F::TaskAction,   F::TaskRunAs,    F::TaskTrigger,
                                 F::TaskAuthor,  F::TargetHost,   F::TargetPath,   F::SourceIp,
                                 F::UserAgent,   F::K8sNamespace, F::K8sResource,  F::ContainerImage};

FieldProposal proposalFor(const NormalizedEvent &event, F field) {
    FieldProposal p;
    p.field = field;
    const QString value = event.value(field);
    p.literal = ValueGeneralizer::literal(value);
    p.generalizations = ValueGeneralizer::generalize(field, value);
    p.suggested = p.literal;
    // The widest narrow generalization: all the varying parts together, not the broad profile form.
    for (const Generalization &g : p.generalizations) {
        if (!g.rules.startsWith(QLatin1String("profile_path")))
            p.suggested = g.value;
    }
    return p;
}

} // namespace

QList<EventField> DecisionDraft::themeFields(const QString &themeId) {
    QList<EventField> fields;
    for (const ThemeField &t : themeTable) {
        if (themeId == QLatin1String(t.theme))
            fields << t.field;
    }
    return fields;
}

QList<FieldProposal> DecisionDraft::fields(const NormalizedEvent &event, const QString &noteId,
                                           const KnowledgeBase &kb) {
    QList<FieldProposal> result;
    QList<EventField> used;
    const Note *note = kb.note(noteId);
    for (const ThemeField &t : themeTable) {
        if (!note || note->theme != QLatin1String(t.theme))
            continue;
        F field = t.field;
        if (event.value(field).isEmpty() && t.alternative != F::Count)
            field = t.alternative;
        if (event.value(field).isEmpty() || used.contains(field))
            continue;
        FieldProposal p = proposalFor(event, field);
        p.proposed = true;
        p.why = QString::fromUtf8(t.why);
        result.append(p);
        used << field;
    }
    for (const F field : otherFields) {
        if (!event.value(field).isEmpty() && !used.contains(field))
            result.append(proposalFor(event, field));
    }
    return result;
}

NormalizedEvent DecisionDraft::eventFromFields(const QList<QPair<EventField, QString>> &fields) {
    NormalizedEvent event;
    for (const auto &[field, value] : fields) {
        if (field != F::Count)
            event.set(field, value);
    }
    return event;
}

Decision DecisionDraft::draft(const NormalizedEvent &event, const QString &noteId, const KnowledgeBase &kb) {
    Decision d;
    d.noteId = noteId;
    for (const FieldProposal &p : fields(event, noteId, kb)) {
        if (!p.proposed)
            continue;
        FieldPredicate predicate;
        predicate.field = p.field;
        predicate.values = {p.suggested};
        d.condition.match.append(predicate);
    }
    if (const Rule *rule =
            kb.resolveRule(event.value(F::RuleName), event.value(F::RuleRefId), event.value(F::RuleId)))
        d.scope.ruleIds = {rule->id};
    const QString what =
        event.value(F::TaskName).isEmpty() ? event.value(F::ProcessName) : event.value(F::TaskName);
    const Note *note = kb.note(noteId);
    d.title = note ? QStringLiteral("%1: %2").arg(what.isEmpty() ? QStringLiteral("event") : what,
                                                  note->text.left(80))
                   : what;
    return d;
}

} // namespace tb
