#pragma once

#include "EventField.h"

#include <QString>

namespace tb {

struct NormalizedEvent;
class TimeNormalizer;

// Small, format-independent normalizations shared by every reader (FORMATS.md §1, §10).
namespace normalize {

// "CORP\jdoe", "jdoe@corp.example.com", "NT AUTHORITY\SYSTEM" → user and domain fields.
void setUser(NormalizedEvent &event, const QString &account);
// "WKS-FIN-023.corp.example.com" → host "wks-fin-023", host_fqdn; IP addresses stay whole.
void setHost(NormalizedEvent &event, const QString &name);
// The account a task runs as, one spelling per well-known Windows service account however the
// source wrote it: S-1-5-18, SYSTEM, LocalSystem, nt authority\system → NT AUTHORITY\SYSTEM (and
// LOCAL SERVICE S-1-5-19, NETWORK SERVICE S-1-5-20), so that a task agrees across formats. Any
// other account comes back trimmed, as written; the record's raw text keeps the original.
QString runAs(const QString &account);
// Sets task_run_as (when still empty) to runAs(account): every reader goes through here.
void setRunAs(NormalizedEvent &event, const QString &account);
// Full image path or bare name → *_image and *_name.
void setProcessImage(NormalizedEvent &event, const QString &image);
void setParentImage(NormalizedEvent &event, const QString &image);
// "4242" or "0x1d00" → "4242" / "7424"; empty when not a number.
QString pid(const QString &text);
// informational/low/medium/high/critical from the many spellings (info, med, crit, emer, 1–100 scores…).
QString severity(const QString &raw);
// new / in_progress / closed from status labels (Splunk ES, Elastic, Sentinel, Defender).
QString status(const QString &raw);
// Sets one field from a source value with the normalization that field needs (time to UTC,
// host and user split, image → name, pid, severity, status). Returns a problem text when the
// value cannot be used (an unreadable time), else an empty string.
QString assign(NormalizedEvent &event, EventField field, const QString &value, const TimeNormalizer &times);
// Fills what can be derived once the source fields are in: task fields from schtasks/at command
// lines, the platform.
void finish(NormalizedEvent &event);
// windows / linux / kubernetes from what the event already says.
QString guessPlatform(const NormalizedEvent &event);

} // namespace normalize
} // namespace tb
