#pragma once

#include <QString>

#include <optional>

namespace tb {

struct NormalizedEvent;

// What a schtasks.exe or at.exe command line says about the task it touches.
struct TaskCommand {
    QString tool;       // "schtasks" or "at"
    QString operation;  // created | updated | deleted | enabled | disabled | executed | unknown
    QString name;       // /tn
    QString action;     // /tr, or the at.exe command
    QString runAs;      // /ru
    QString runLevel;   // /rl
    QString trigger;    // "/sc daily /st 01:00", "at 23:55 /every:M"
    QString targetHost; // /s, or at \\host
    QString xmlFile;    // /xml
};

// Parses the task fields out of schtasks/at command lines (FORMATS.md §9.4). Multi-line input
// (a Splunk multivalue cell) is read line by line; the first line naming a task wins.
class TaskCommandParser final {
public:
    static std::optional<TaskCommand> parse(QStringView commandLine);
    // Fills the task_* fields of an event that are still empty.
    static void apply(const TaskCommand &command, NormalizedEvent &event);
};

} // namespace tb
