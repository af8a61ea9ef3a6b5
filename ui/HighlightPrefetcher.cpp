#include "HighlightPrefetcher.h"

#include "EventDetailView.h"
#include "highlight/HighlightBackend.h"
#include "items/BackgroundQuery.h"
#include "items/EventTableModel.h"
#include "workspace/EventHighlightTexts.h"

namespace tb {

HighlightPrefetcher::HighlightPrefetcher(HighlightBackend *backend, QObject *parent)
    : QObject(parent)
    , m_backend(backend) {}

void HighlightPrefetcher::setWorkspace(const QString &path, const EventTableModel *model) {
    ++m_generation; // answers about the previous workspace are dropped
    m_path = path;
    m_model = model;
    m_chosen.clear();
    m_reading = false;
}

void HighlightPrefetcher::prefetchAround(int row, bool dark) {
    const quint64 generation = ++m_generation;
    m_chosen.clear();
    m_reading = false;
    if (!m_model || m_path.isEmpty())
        return;
    // The likeliest next first: the backend starts them in this order, two at a time.
    for (const std::optional<int> next :
         {std::optional<int>(row + 1), m_model->cachedUnreviewedRow(row, true), std::optional<int>(row - 1),
          m_model->cachedUnreviewedRow(row, false)}) {
        const std::optional<qint64> id = next ? m_model->eventIdAt(*next) : std::nullopt;
        if (id && !m_chosen.contains(*id))
            m_chosen.append(*id);
    }
    m_backend->prefetch({}); // what was queued for the previous row is no longer next
    if (m_chosen.isEmpty())
        return;
    m_reading = true;
    runInBackground<QList<EventHighlightTexts>>(
        m_path, this, [ids = m_chosen](Database &db) { return EventHighlightTexts::load(db, ids); },
        [this, generation, dark](const BackgroundResult<QList<EventHighlightTexts>> &result) {
            if (generation != m_generation)
                return; // a newer row asked
            m_reading = false;
            if (!result.error.isEmpty())
                return; // nothing to gain: the pane reads the event itself when it is selected
            QList<HighlightRequest> requests;
            for (const EventHighlightTexts &texts : result.value) {
                const auto [commandLine, raw] = EventDetailView::highlightRequests(texts, dark);
                requests << commandLine << raw;
            }
            m_backend->prefetch(requests);
        });
}

} // namespace tb
