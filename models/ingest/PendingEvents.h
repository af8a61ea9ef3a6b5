#pragma once

#include "EventReader.h"
#include "NormalizedEvent.h"

#include <deque>

namespace tb {

// Events (or skipped records) a reader made ahead of being asked, for formats where one record of
// the file gives several events: a Zircolite rule result, a Chainsaw aggregate or CSV row, a
// wrapper object. Handed out in order by EventReader::next.
class PendingEvents final {
public:
    struct Item {
        NormalizedEvent event;
        ImportIssue issue;
        EventReader::Status status = EventReader::Status::Event;
    };

    void push(Item item) { m_items.push_back(std::move(item)); }
    bool isEmpty() const { return m_items.empty(); }
    qsizetype size() const { return qsizetype(m_items.size()); }
    EventReader::Status take(NormalizedEvent &event, ImportIssue &issue) {
        Item item = std::move(m_items.front());
        m_items.pop_front();
        event = std::move(item.event);
        issue = std::move(item.issue);
        return item.status;
    }

private:
    std::deque<Item> m_items;
};

} // namespace tb
