#pragma once

#include <QString>

#include <string>
#include <string_view>

namespace tb {

// How common an event's task is in the workspace: "usually limited to a small set of hosts or
// users" is a claim the data can check. Task names, actions and command lines are counted with
// their per-user and per-version parts folded (GUIDs, SIDs, version numbers, user folders), so
// that "GoogleUpdateTaskUserS-1-5-21-…{GUID}" counts as one task across users.
QString prevalenceKey(const QString &value);
// The same key as UTF-8, from UTF-8: explaining a workspace folds millions of command lines, and
// pure ASCII ones (nearly all) are folded without converting them to UTF-16.
std::string prevalenceKeyUtf8(std::string_view utf8);
// The same into `key`, whose memory is reused from one value to the next.
void prevalenceKeyUtf8(std::string_view utf8, std::string &key);

} // namespace tb
