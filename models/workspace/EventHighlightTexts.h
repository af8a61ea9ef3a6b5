#pragma once

#include "highlight/CommandLanguage.h"

#include <QList>
#include <QString>

namespace tb {

class Database;
struct EventDetail;

// What the detail pane highlights for one event: its command line, in the language of the shell that
// ran it, and its raw record (one-line JSON indented, XML as stored). Highlighting ahead reads the same
// texts for the neighbouring events, so that the highlighter's cache finds them by content.
struct EventHighlightTexts {
    qint64 eventId = 0;
    QString commandLine;
    CommandLanguage commandLanguage = CommandLanguage::Unknown;
    QString raw;
    bool rawIsXml = false;

    static EventHighlightTexts of(const EventDetail &detail);
    // The texts of `eventIds` that exist, in that order; reads four columns of each. Throws StoreError.
    static QList<EventHighlightTexts> load(Database &db, const QList<qint64> &eventIds);
};

} // namespace tb
