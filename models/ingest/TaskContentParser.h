#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace tb {

struct NormalizedEvent;

// One entry of <Actions>: Exec has a command line; ComHandler, SendEmail and ShowMessage keep
// their element name in `type` and their main value (ClassId, To, Title) in `command`.
struct TaskAction {
    QString type; // "Exec", "ComHandler", ...
    QString command;
    QString arguments;
    QString workingDirectory;

    // Exec: "command arguments"; the others: their type and main value ("ComHandler {CLSID}").
    QString text() const;
};

// What a Task Scheduler definition says about the task (FORMATS.md §9.3).
struct TaskDefinition {
    QString uri;
    QString author;
    QString description;
    QString date;
    QList<TaskAction> actions;
    QString userId;       // of the principal the actions run under
    QString groupId;      // when the principal is a group
    QString logonType;    // InteractiveToken | Password | S4U | ServiceAccount | ...
    QString runLevel;     // LeastPrivilege | HighestAvailable
    QStringList triggers; // "LogonTrigger", "TimeTrigger(2025-03-04T23:55:00)", "CalendarTrigger(daily)"
    bool hidden = false;  // Settings/Hidden; the schema default is false
    bool enabled = true;  // Settings/Enabled

    // The first Exec action (or the first action of any type) as TaskAction::text() puts it.
    QString firstAction() const;
    // The rest, in their order, one per line: a task runs every action, not only the first.
    QString otherActions() const;

private:
    qsizetype firstActionIndex() const;
};

// Parses the TaskContent / TaskContentNew XML of Security 4698–4702 (already un-escaped once, so
// it is text that declares encoding="UTF-16": parse it as text, never as bytes). pugixml never
// expands entities; a DOCTYPE is refused outright.
class TaskContentParser final {
public:
    static std::optional<TaskDefinition> parse(QStringView xml, QString *error = nullptr);
    // Fills task_action, task_other_actions, task_run_as, task_run_level, task_logon_type, task_trigger,
    // task_author and task_hidden where they are still empty.
    static void apply(const TaskDefinition &task, NormalizedEvent &event);
    // Parses and applies; false (and `error`) when the text is not a task definition.
    static bool apply(QStringView xml, NormalizedEvent &event, QString *error = nullptr);
};

} // namespace tb
